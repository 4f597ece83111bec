// Batches and their verification tasks: who sees what (the batch's level sees every row, a street
// its tasks, a grid its own), progress at every level, the outcome of a visit, reassignment, handing
// back, the feedback file for upstream and the escalation of overdue tasks.
import type { Actor } from '../../lib/actor.ts';
import { requirePermission } from '../../lib/actor.ts';
import type { Deps } from '../../lib/deps.ts';
import { AppError } from '../../lib/errors.ts';
import { maskIdNumber, maskPhone } from '../../lib/masking.ts';
import { inScope, narrowScope } from '../../lib/scope.ts';
import { assertAreaOrGridExists, listAreaNames } from '../areas/areas.service.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { createEvent } from '../events/events.service.ts';
import { recolour } from '../health-codes/colour.service.ts';
import { MEASURES, OUTCOMES, verifyProblem, type VerifyInput } from './screening-outcomes.ts';
import * as repo from './screening.repo.ts';

const GRID_LENGTH = 15;
const CHILD_LENGTH: Record<number, number> = { 2: 4, 4: 6, 6: 9, 9: 12, 12: 15 };

/** The actor sits at the batch's level or above it: they see every row, rejected and not-ours too. */
const atBatchLevel = (actor: Actor, b: repo.BatchRow) => inScope(actor.scope, b.scope_code);
const canSeeBatch = (actor: Actor, b: repo.BatchRow) => atBatchLevel(actor, b) || inScope(b.scope_code, actor.scope);
/** The part of a batch the actor sees: all of it, or their own area below it. */
const areaOf = (actor: Actor, b: repo.BatchRow) => (atBatchLevel(actor, b) ? b.scope_code : actor.scope);

const loadBatch = async (deps: Deps, actor: Actor, id: number) => {
  requirePermission(actor, 'screening.read');
  const b = await repo.getBatch(deps.db, id);
  if (!b || !canSeeBatch(actor, b)) throw new AppError('screening.batch_not_found', `No screening batch ${id} in your area`);
  return b;
};

const sumCounts = (m: Map<string, repo.Counts>): repo.Counts => {
  const t: repo.Counts = { tasks: 0, verified: 0, overdue: 0, escalated: 0, outcomes: {} };
  for (const c of m.values()) {
    t.tasks += c.tasks; t.verified += c.verified; t.overdue += c.overdue; t.escalated += c.escalated;
    for (const [k, n] of Object.entries(c.outcomes)) t.outcomes[k] = (t.outcomes[k] ?? 0) + n;
  }
  return t;
};

const presentBatch = (b: repo.BatchRow, actor: Actor) => ({
  id: b.id, code: b.code, source: b.source, reason: b.reason, level: b.level, scopeCode: b.scope_code, deadline: b.deadline.toISOString(),
  fileName: b.file_name, createdAt: b.created_at.toISOString(), header: b.header, mapping: b.mapping,
  // The import's own figures belong to the level that received it.
  ...(atBatchLevel(actor, b) ? { rows: b.rows_total, imported: b.imported, rejected: b.rejected, notOurs: b.not_ours, blankLines: b.blank_lines } : {}),
});

export const listBatches = async (deps: Deps, actor: Actor, q: { limit: number; offset: number }) => {
  requirePermission(actor, 'screening.read');
  const now = deps.clock();
  const { items, total } = await repo.listBatches(deps.db, actor.scope, q.limit, q.offset);
  const counts = await repo.countsByBatch(deps.db, items.map((b) => b.id), actor.scope, now);
  return { items: items.map((b) => ({ ...presentBatch(b, actor), progress: counts.get(String(b.id)) ?? sumCounts(new Map()) })), total };
};

/** A batch with the caller's totals and its rows' current status (tasks + rejected + not ours = rows). */
export const getBatch = async (deps: Deps, actor: Actor, id: number) => {
  const b = await loadBatch(deps, actor, id);
  const counts = sumCounts(await repo.countsByArea(deps.db, b.id, areaOf(actor, b), GRID_LENGTH, deps.clock()));
  const status = atBatchLevel(actor, b) ? await repo.statusCounts(deps.db, b.id) : null;
  return { ...presentBatch(b, actor), area: areaOf(actor, b), progress: counts, ...(status && { now: { tasks: status.task ?? 0, rejected: status.rejected ?? 0, notOurs: status.not_ours ?? 0 } }) };
};

/** Progress per child of `area` (street → community → grid). Throws area.out_of_scope. */
export const batchProgress = async (deps: Deps, actor: Actor, id: number, area?: string) => {
  const b = await loadBatch(deps, actor, id);
  const base = areaOf(actor, b);
  const at = narrowScope(base, area);
  if (at === null) throw new AppError('area.out_of_scope', `${area} is outside your part of this batch`);
  const childLength = CHILD_LENGTH[at.length] ?? GRID_LENGTH;
  const counts = await repo.countsByArea(deps.db, b.id, at, childLength, deps.clock());
  const names = await listAreaNames(deps, [at, ...counts.keys()]);
  return {
    area: at, areaName: names.get(at) ?? at, total: sumCounts(counts),
    children: [...counts].sort(([a], [c]) => a.localeCompare(c)).map(([code, c]) => ({ code, name: names.get(code) ?? code, ...c })),
  };
};

type Row = repo.ScreeningRow;

const rowVisible = (actor: Actor, b: repo.BatchRow, r: Row) => (r.status === 'task' ? inScope(actor.scope, r.area_code ?? '-') : atBatchLevel(actor, b));

/** What the caller may do with a row now: the page shows exactly these. */
const allowedActions = (actor: Actor, r: Row) => {
  if (r.status !== 'task' || r.verified_at) return [];
  const out: string[] = [];
  if (actor.permissions.has('screening.verify')) out.push('verify');
  if (actor.permissions.has('screening.assign')) out.push('reassign', 'hand_back');
  return out;
};

const presentRow = (r: Row, reveal: boolean, now: Date) => ({
  id: r.id, batchId: r.batch_id, line: r.line, status: r.status, name: r.name,
  idNumber: r.id_number && (reveal ? r.id_number : maskIdNumber(r.id_number)), phone: r.phone && (reveal ? r.phone : maskPhone(r.phone)),
  address: r.address_text, gridCode: r.area_code, personId: r.person_id, matchedBy: r.matched_by,
  problems: r.problems, notOursReason: r.not_ours_reason, deadline: r.deadline?.toISOString() ?? null,
  state: r.status !== 'task' ? r.status : r.verified_at ? 'verified' : r.deadline && r.deadline < now ? 'overdue' : 'pending',
  outcome: r.outcome, measure: r.measure, measureStart: r.measure_start, measureEnd: r.measure_end, note: r.note,
  verifiedBy: r.verified_name, verifiedAt: r.verified_at?.toISOString() ?? null, eventId: r.event_id, escalationLevel: r.escalation_level,
});

export type TaskQuery = { batch?: number; state?: 'pending' | 'verified' | 'overdue' | 'rejected' | 'not_ours'; area?: string; limit: number; offset: number };

/** Tasks in the caller's area (a grid worker: their grid); rejected and not-ours rows for the batch's level. */
export const listTasks = async (deps: Deps, actor: Actor, q: TaskQuery) => {
  requirePermission(actor, 'screening.read');
  const now = deps.clock();
  const area = narrowScope(actor.scope, q.area);
  if (area === null) throw new AppError('area.out_of_scope', `${q.area} is outside your area`);
  if (q.state === 'rejected' || q.state === 'not_ours') {
    if (!q.batch) throw new AppError('request.invalid', `state=${q.state} needs batch`);
    const b = await loadBatch(deps, actor, q.batch);
    if (!atBatchLevel(actor, b)) return { items: [], total: 0 };
    const { items, total } = await repo.listRows(deps.db, { batchId: b.id, area: null, statuses: [q.state], limit: q.limit, offset: q.offset });
    return { items: items.map((r) => presentRow(r, false, now)), total };
  }
  const { items, total } = await repo.listRows(deps.db, {
    batchId: q.batch, area, statuses: ['task'], limit: q.limit, offset: q.offset,
    ...(q.state === 'pending' && { pending: true }), ...(q.state === 'verified' && { pending: false }), ...(q.state === 'overdue' && { overdueAt: now }),
  });
  return { items: items.map((r) => presentRow(r, false, now)), total };
};

const loadRow = async (deps: Deps, actor: Actor, id: number) => {
  requirePermission(actor, 'screening.read');
  const r = await repo.getRow(deps.db, id);
  const b = r && (await repo.getBatch(deps.db, r.batch_id));
  if (!r || !b || !rowVisible(actor, b, r)) throw new AppError('screening.task_not_found', `No screening task ${id} in your area`);
  return { r, b };
};

/** One row with its history; the grid staff who must call the person see the ID and phone in full (audited). */
export const getTask = async (deps: Deps, actor: Actor, id: number) => {
  const { r, b } = await loadRow(deps, actor, id);
  const reveal = actor.permissions.has('person.reveal') && r.status === 'task';
  if (reveal) await recordAudit(deps.db, actor, { action: 'screening.task_view', targetType: 'screening_row', targetId: r.id, areaCode: r.area_code });
  const history = await repo.listHistory(deps.db, r.id);
  return {
    ...presentRow(r, reveal, deps.clock()), masked: !reveal, batch: { id: b.id, code: b.code, source: b.source, reason: b.reason },
    cells: Object.fromEntries(b.header.map((h, i) => [h, r.cells[i] ?? ''])),
    history: history.map((h) => ({ at: h.at.toISOString(), actorName: h.actor_name, action: h.action, note: h.note, details: h.details })),
    allowedActions: allowedActions(actor, r),
  };
};

const pendingTask = (r: Row) => {
  if (r.status !== 'task' || r.verified_at) throw new AppError('screening.invalid_state', r.verified_at ? '该任务已核查' : '该行不是核查任务');
};

const change = async (deps: Deps, actor: Actor, r: Row, set: Parameters<typeof repo.changeRow>[2], action: string, note: string | null, details: object = {}) => {
  const ok = await repo.changeRow(deps.db, r, set, { at: deps.clock(), actor_id: actor.userId, actor_name: actor.username, action, note, details: JSON.stringify(details) });
  if (!ok) throw new AppError('screening.conflict', '任务已被他人更新，请刷新后重试');
};

/**
 * Records the outcome of a visit. Under a measure, the measure is put on the person; where the
 * outcome calls for it, an event goes into the closed loop (once, whatever retries happen).
 * Throws auth.forbidden, screening.task_not_found, screening.invalid_state, request.invalid.
 */
export const verifyTask = async (deps: Deps, actor: Actor, id: number, v: VerifyInput) => {
  requirePermission(actor, 'screening.verify');
  const problem = verifyProblem(v);
  if (problem) throw new AppError('request.invalid', problem);
  const { r, b } = await loadRow(deps, actor, id);
  pendingTask(r);
  const now = deps.clock();
  await deps.db.transaction().execute(async (trx) => {
    const ok = await repo.changeRow(trx, r, {
      outcome: v.outcome, measure: v.measure ?? null, measure_start: v.measureStart ?? null, measure_end: v.measureEnd ?? null, note: v.note?.trim() || null,
      verified_by: actor.userId, verified_name: actor.username, verified_at: now,
    }, { at: now, actor_id: actor.userId, actor_name: actor.username, action: 'verify', note: v.note?.trim() || null, details: JSON.stringify({ outcome: v.outcome, measure: v.measure ?? null }) });
    if (!ok) throw new AppError('screening.conflict', '任务已被他人更新，请刷新后重试');
    if (v.measure) {
      await trx.insertInto('control_measures').values({
        person_id: r.person_id, id_number: r.id_number, name: r.name ?? '', kind: v.measure, start_date: v.measureStart!, end_date: v.measureEnd!,
        area_code: r.area_code!, place: v.place?.trim() || r.address_text, source: `screening:${b.code}`, screening_row_id: r.id, created_by: actor.userId,
      }).execute();
    }
    // The outcome and any measure are facts of the person's health code.
    if (r.person_id) await recolour(deps, [r.person_id], `screening:${b.code}`, trx);
  });
  const category = OUTCOMES[v.outcome].eventCategory;
  if (category) {
    const event = await createEvent(deps, actor, {
      categoryCode: category, channel: 'screening', addressId: r.address_id, areaCode: r.area_code,
      description: `排查核查：${r.name ?? ''}（批次 ${b.code} 第 ${r.line} 行）${OUTCOMES[v.outcome].label}${v.note ? `。${v.note}` : ''}`,
    }, `screening-row-${r.id}`);
    await deps.db.updateTable('screening_rows').set({ event_id: event.id }).where('id', '=', r.id).execute();
  }
  return getTask(deps, actor, id);
};

/** Moves a pending task to another grid of the caller's area. Throws screening.*, area.out_of_scope, area.unknown_code. */
export const reassignTask = async (deps: Deps, actor: Actor, id: number, gridCode: string, note?: string) => {
  requirePermission(actor, 'screening.assign');
  const { r } = await loadRow(deps, actor, id);
  pendingTask(r);
  if (gridCode.length !== GRID_LENGTH || !inScope(actor.scope, gridCode)) throw new AppError('area.out_of_scope', `网格 ${gridCode} 不在您的管辖范围内`);
  await assertAreaOrGridExists(deps, gridCode);
  await change(deps, actor, r, { area_code: gridCode }, 'reassign', note?.trim() || null, { from: r.area_code, to: gridCode });
  return getTask(deps, actor, id);
};

/** Hands a row back to upstream as not ours, with the reason. Throws screening.*, request.invalid. */
export const handBackTask = async (deps: Deps, actor: Actor, id: number, reason: string) => {
  requirePermission(actor, 'screening.assign');
  if (!reason?.trim()) throw new AppError('request.invalid', 'hand_back needs a reason');
  const { r } = await loadRow(deps, actor, id);
  pendingTask(r);
  await change(deps, actor, r, { status: 'not_ours', not_ours_reason: reason.trim() }, 'hand_back', reason.trim(), { from: r.area_code });
  return { id, status: 'not_ours' as const, notOursReason: reason.trim() };
};

const STATUS_LABEL = { task: '已下发核查', rejected: '数据有误', not_ours: '非本辖区' } as const;
export const FEEDBACK_COLUMNS = ['处理状态', '核查结果', '管控措施', '措施开始', '措施结束', '核查人', '核查时间', '说明'] as const;

/** The batch back to upstream: its own columns in its own row order, with the outcome columns added. */
export const feedbackTable = async (deps: Deps, actor: Actor, id: number) => {
  const b = await loadBatch(deps, actor, id);
  if (!atBatchLevel(actor, b)) throw new AppError('auth.forbidden', '反馈表由接收批次的层级下载');
  const rows = await repo.rowsInFileOrder(deps.db, b.id);
  const cst = (d: Date | null) => (d ? new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ') : '');
  const now = deps.clock();
  await recordAudit(deps.db, actor, { action: 'screening.feedback', targetType: 'screening_batch', targetId: b.id });
  return {
    batch: b,
    header: [...b.header, ...FEEDBACK_COLUMNS],
    rows: rows.map((r) => [
      ...b.header.map((_, i) => r.cells[i] ?? ''),
      r.status === 'task' && !r.verified_at ? (r.deadline && r.deadline < now ? '逾期未核查' : '核查中') : STATUS_LABEL[r.status],
      r.outcome ? OUTCOMES[r.outcome as keyof typeof OUTCOMES]?.label ?? r.outcome : '',
      r.measure ? MEASURES[r.measure as keyof typeof MEASURES] ?? r.measure : '',
      r.measure_start ?? '', r.measure_end ?? '', r.verified_name ?? '', cst(r.verified_at),
      r.status === 'rejected' ? r.problems.map((p) => `${p.column}：${p.reason}`).join('；') : r.status === 'not_ours' ? r.not_ours_reason ?? '' : r.note ?? '',
    ]),
  };
};

const DAY_MS = 86_400_000;

/** Overdue pending tasks go up: to the street centre at the deadline, to the county a day later. */
export const escalateOverdueTasks = async (deps: Deps, now: Date = deps.clock()) => {
  const street = await repo.escalateTasks(deps.db, 0, now, now, '核查任务逾期，升级至街道指挥中心督办');
  const county = await repo.escalateTasks(deps.db, 1, new Date(now.getTime() - DAY_MS), now, '核查任务逾期超过一天，升级至区县指挥中心督办');
  return { street, county };
};
