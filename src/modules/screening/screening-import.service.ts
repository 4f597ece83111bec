// Imports an upstream batch: read the file, map its columns, check each row, match it to the registry
// and the address library, and write the batch with every row (task, rejected or not ours) in one
// transaction. A preview runs the same checks and writes nothing.
import type { Actor } from '../../lib/actor.ts';
import { requirePermission } from '../../lib/actor.ts';
import type { Deps } from '../../lib/deps.ts';
import { AppError } from '../../lib/errors.ts';
import { inScope } from '../../lib/scope.ts';
import { resolveAddress } from '../areas/address-resolver.ts';
import { addressIndexOf } from '../areas/area-cache.ts';
import { listAreaNames } from '../areas/areas.service.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { FIELDS, mapColumns, mappingByName, type Field, type Mapping } from './screening-columns.ts';
import { readTable } from './screening-file.ts';
import { normalizeIdNumber, normalizePhone, personKey, placeRow, rowProblems, type RowInput, type RowLookups, type Verdict } from './screening-rules.ts';
import * as repo from './screening.repo.ts';

export type BatchMeta = { source: string; reason: string; deadline: string; level?: 'city' | 'county'; fileName?: string };

const SHOWN = 1000; // problems and not-ours rows listed in the answer; the feedback file has them all

const checkMeta = (meta: BatchMeta, now: Date) => {
  const deadline = new Date(meta.deadline);
  if (!meta.source?.trim()) throw new AppError('request.invalid', '请填写来源 (source)');
  if (!meta.reason?.trim()) throw new AppError('request.invalid', '请填写排查事由 (reason)');
  if (Number.isNaN(deadline.getTime())) throw new AppError('request.invalid', `deadline "${meta.deadline}" is not a date-time`);
  if (deadline <= now) throw new AppError('request.invalid', '反馈时限须晚于现在 (deadline must be in the future)');
  return deadline;
};

/** Looks every usable row up in the registry (by ID number, else name + phone) and the address library. */
const lookUp = async (deps: Deps, scope: string, rows: RowInput[]): Promise<RowLookups[]> => {
  const ids = rows.map((r) => normalizeIdNumber(r.idNumber)).filter(Boolean);
  const phones = rows.filter((r) => !r.idNumber && r.phone).map((r) => normalizePhone(r.phone));
  const [byId, byPhone, index] = await Promise.all([repo.personsByIdNumber(deps.db, scope, ids), repo.personsByPhone(deps.db, scope, phones), addressIndexOf(deps)]);
  const idMap = new Map(byId.map((p) => [p.id_number, p]));
  const npMap = new Map(byPhone.map((p) => [`${p.name}|${p.phone}`, p]));
  return rows.map((r) => {
    const id = normalizeIdNumber(r.idNumber);
    const p = id ? idMap.get(id) : npMap.get(`${r.name}|${normalizePhone(r.phone)}`);
    let resolved: RowLookups['resolved'] = null;
    if (r.address) {
      const res = resolveAddress(index, r.address);
      resolved = res.status === 'resolved' ? { addressId: res.address.id, gridCode: res.address.gridCode } : { unresolved: res.message };
    }
    return {
      person: p ? { id: p.id, areaCode: p.area_code, addressId: p.address_id } : null,
      matchedBy: p ? (id ? 'id_number' : 'name_phone') : null,
      resolved,
    };
  });
};

type Judged = { line: number; cells: string[]; input: RowInput; verdict: Verdict };

/** Reads and judges every row of a file. Throws import.bad_file. */
const judge = async (deps: Deps, actor: Actor, bytes: Uint8Array) => {
  const table = await readTable(bytes);
  const mapping = mapColumns(table.header);
  const columnOf = (field: string) => table.header[mapping[field as Field] ?? -1] ?? FIELDS[field as Field]?.[0] ?? field;
  const get = (cells: string[], f: Field) => (mapping[f] === undefined ? '' : (cells[mapping[f]!] ?? '').trim());
  const now = deps.clock();
  const seen = new Map<string, number>();
  const usable: Omit<Judged, 'verdict'>[] = [];
  const out: Judged[] = [];
  for (const row of table.rows) {
    const input: RowInput = { line: row.line, name: get(row.cells, 'name'), idNumber: get(row.cells, 'idNumber'), phone: get(row.cells, 'phone'), address: get(row.cells, 'address') };
    const key = personKey(input);
    const first = key ? seen.get(key) ?? null : null;
    if (key && first === null) seen.set(key, row.line);
    const problems = rowProblems(input, columnOf, now, first);
    if (problems.length) out.push({ line: row.line, cells: row.cells, input, verdict: { status: 'rejected', problems } });
    else usable.push({ line: row.line, cells: row.cells, input });
  }
  const looks = await lookUp(deps, actor.scope, usable.map((u) => u.input));
  usable.forEach((u, i) => out.push({ ...u, verdict: placeRow(u.input, looks[i]!, (code) => inScope(actor.scope, code), columnOf) }));
  out.sort((a, b) => a.line - b.line);
  return { table, mapping, judged: out };
};

const summarize = async (deps: Deps, table: Awaited<ReturnType<typeof readTable>>, mapping: Mapping, judged: Judged[]) => {
  const tasks = judged.filter((j) => j.verdict.status === 'task');
  const perStreet = new Map<string, number>();
  for (const t of tasks) if (t.verdict.status === 'task') perStreet.set(t.verdict.areaCode.slice(0, 9), (perStreet.get(t.verdict.areaCode.slice(0, 9)) ?? 0) + 1);
  const names = await listAreaNames(deps, [...perStreet.keys()]);
  const problems = judged.flatMap((j) => (j.verdict.status === 'rejected' ? j.verdict.problems.map((p) => ({ row: j.line, ...p })) : []));
  const notOurs = judged.flatMap((j) => (j.verdict.status === 'not_ours' ? [{ row: j.line, reason: j.verdict.reason }] : []));
  return {
    format: table.format,
    header: table.header,
    mapping: mappingByName(table.header, mapping),
    rows: judged.length,
    blankLines: table.blankLines,
    imported: tasks.length,
    rejected: judged.filter((j) => j.verdict.status === 'rejected').length,
    notOurs: notOurs.length,
    matched: tasks.filter((t) => t.verdict.status === 'task' && t.verdict.personId !== null).length,
    byStreet: [...perStreet].sort(([a], [b]) => a.localeCompare(b)).map(([code, n]) => ({ code, name: names.get(code) ?? code, tasks: n })),
    problems: problems.slice(0, SHOWN),
    problemCount: problems.length,
    notOursRows: notOurs.slice(0, SHOWN),
  };
};

/**
 * Checks a file without writing anything: the column mapping, every row's fate and the problems.
 * Throws auth.forbidden, import.bad_file.
 */
export const previewBatch = async (deps: Deps, actor: Actor, bytes: Uint8Array) => {
  requirePermission(actor, 'screening.import');
  const { table, mapping, judged } = await judge(deps, actor, bytes);
  return { preview: true, ...(await summarize(deps, table, mapping, judged)) };
};

/** Imports a batch in one transaction. Throws auth.forbidden, request.invalid, import.bad_file. */
export const importBatch = async (deps: Deps, actor: Actor, bytes: Uint8Array, meta: BatchMeta) => {
  requirePermission(actor, 'screening.import');
  const now = deps.clock();
  const deadline = checkMeta(meta, now);
  const { table, mapping, judged } = await judge(deps, actor, bytes);
  const summary = await summarize(deps, table, mapping, judged);
  const batch = await deps.db.transaction().execute(async (trx) => {
    const { id, code } = await repo.insertBatch(trx, now, {
      source: meta.source.trim(), reason: meta.reason.trim(), level: meta.level ?? (actor.scope.length <= 4 ? 'city' : 'county'), scope_code: actor.scope, deadline,
      file_name: meta.fileName ?? null, header: table.header, mapping: JSON.stringify(summary.mapping), rows_total: summary.rows, imported: summary.imported,
      rejected: summary.rejected, not_ours: summary.notOurs, blank_lines: table.blankLines, created_by: actor.userId,
    });
    await repo.insertRows(trx, judged.map(({ line, cells, input, verdict: v }) => ({
      batch_id: id, line, cells, name: input.name || null, id_number: normalizeIdNumber(input.idNumber) || null, phone: input.phone || null, address_text: input.address || null,
      status: v.status, problems: JSON.stringify(v.status === 'rejected' ? v.problems : []), not_ours_reason: v.status === 'not_ours' ? v.reason : null,
      person_id: v.status === 'task' ? v.personId : null, matched_by: v.status === 'task' ? v.matchedBy : null,
      address_id: v.status === 'task' ? v.addressId : null, area_code: v.status === 'task' ? v.areaCode : null, deadline: v.status === 'task' ? deadline : null,
    })));
    await recordAudit(trx, actor, { action: 'screening.import', targetType: 'screening_batch', targetId: id, details: { rows: summary.rows, imported: summary.imported, rejected: summary.rejected, notOurs: summary.notOurs } });
    return { id, code };
  });
  return { preview: false, batchId: batch.id, batchCode: batch.code, ...summary };
};
