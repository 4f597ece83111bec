// Colours: recompute them when the facts change, publish rule versions, show a person's code with its
// reasons and history, and issue the sealed token of a resident's own code.
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Colour, DB } from '../../db/schema.ts';
import { requirePermission, type Actor } from '../../lib/actor.ts';
import type { Deps } from '../../lib/deps.ts';
import { AppError } from '../../lib/errors.ts';
import { maskIdNumber, maskName } from '../../lib/masking.ts';
import { inScope } from '../../lib/scope.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { colourEvaluator, raises, zoneOverlay } from './colour-eval.ts';
import { DEFAULT_RULES_SOURCE, parseRuleSet, type RuleSet } from './colour-rules.ts';
import * as repo from './colour.repo.ts';
import { sealToken, type TokenKey } from './code-token.ts';
import * as appealsRepo from './appeals.repo.ts';
import * as zonesRepo from './zones.repo.ts';

const CHUNK = 20_000;

/** The rule set in force; a new installation gets the default as version 1. */
export const activeRules = async (db: Kysely<DB>): Promise<{ version: number; rules: RuleSet; source: string }> => {
  let row = await repo.latestRuleSet(db);
  if (!row) {
    const parsed = parseRuleSet(DEFAULT_RULES_SOURCE);
    if (!parsed.ok) throw new Error('the default colour rules do not parse');
    await repo.insertFirstRuleSet(db, DEFAULT_RULES_SOURCE, parsed.rules);
    row = await repo.latestRuleSet(db);
  }
  return { version: row!.version, rules: row!.rules as RuleSet, source: row!.source };
};

const write = async (db: Kysely<DB>, writes: repo.CodeWrite[], version: number, cause: string, now: Date) =>
  db.isTransaction ? repo.writeCodes(db, writes, version, cause, now) : db.transaction().execute((trx) => repo.writeCodes(trx, writes, version, cause, now));

/**
 * Recomputes the colours of these persons and stores what changed, with a history line for each
 * change. Pass a transaction to make it part of the change of facts. Returns how many changed.
 */
export const recolour = async (deps: Deps, ids: readonly number[], cause: string, db: Kysely<DB> = deps.db) => {
  const { version, rules } = await activeRules(db);
  const now = deps.clock();
  const evaluate = colourEvaluator(rules, now);
  let changed = 0;
  const unique = [...new Set(ids)];
  for (let i = 0; i < unique.length; i += CHUNK) {
    const facts = await repo.loadFacts(db, unique.slice(i, i + CHUNK));
    const writes: repo.CodeWrite[] = [];
    for (const [id, f] of facts) {
      const v = evaluate(f);
      writes.push({ personId: id, colour: v.colour, reasons: v.reasons, areaCode: f.areaCode, reviewAt: v.reviewAt, isDefault: v.reasons[0]?.rule === 'default' });
    }
    changed += await write(db, writes, version, cause, now);
  }
  return changed;
};

/** Recolours everyone whose time has come (a measure ended, a period ran out). */
export const recolourDue = async (deps: Deps, now: Date = deps.clock()) => {
  let total = 0;
  for (;;) {
    const ids = await repo.dueForReview(deps.db, now, CHUNK);
    if (ids.length === 0) return total;
    total += ids.length;
    await recolour(deps, ids, 'time');
    if (ids.length < CHUNK) return total;
  }
};

export const getRules = async (deps: Deps, actor: Actor) => {
  requirePermission(actor, 'healthcode.read_rules');
  const active = await activeRules(deps.db);
  const versions = await repo.listRuleSets(deps.db);
  return { version: active.version, source: active.source, rules: active.rules, versions: versions.map((v) => ({ version: v.version, note: v.note, createdAt: v.created_at, createdBy: v.created_by_name })) };
};

/** Publishes a new version of the rules and recolours everyone they could be about. */
export const publishRules = async (deps: Deps, actor: Actor, source: string, note: string | null) => {
  requirePermission(actor, 'healthcode.rules');
  const parsed = parseRuleSet(source);
  if (!parsed.ok) {
    const first = parsed.problems[0]!;
    throw new AppError('healthcode.bad_rules', `规则第 ${first.line} 行：${first.reason}`, parsed.problems);
  }
  const version = await deps.db.transaction().execute(async (trx) => {
    const current = await activeRules(trx);
    const next = current.version + 1;
    await repo.insertRuleSet(trx, { version: next, source, rules: parsed.rules, note, createdBy: actor.userId });
    await recordAudit(trx, actor, { action: 'healthcode.rules_publish', targetType: 'colour_rules', targetId: next, areaCode: null, details: { note, rules: parsed.rules.rules.length } });
    return next;
  });
  const recoloured = await recolour(deps, await repo.personsWithFacts(deps.db), `rules:${version}`);
  return { version, recoloured };
};

const keysByDeps = new WeakMap<Kysely<DB>, Promise<Map<number, TokenKey>>>();

/** The sealing keys, made on first use and shared by every process through the database. */
export const tokenKeys = (db: Kysely<DB>): Promise<Map<number, TokenKey>> => {
  let keys = keysByDeps.get(db);
  if (!keys) {
    keys = (async () => {
      if ((await repo.listKeys(db)).length === 0) await repo.insertKey(db, 1, randomBytes(32));
      return new Map((await repo.listKeys(db)).map((k) => [k.id, { id: k.id, secret: k.secret }]));
    })();
    keysByDeps.set(db, keys);
    keys.catch(() => keysByDeps.delete(db));
  }
  return keys;
};

const presentStored = (code: repo.CodeRow | undefined, defaultReason: string) =>
  code
    ? { colour: code.colour, reasons: code.reasons as { rule: string; colour: Colour; reason: string; since: string | null }[], since: code.since.toISOString(), ruleVersion: code.rule_version, reviewAt: code.review_at?.toISOString() ?? null }
    : { colour: 'green' as Colour, reasons: [{ rule: 'default', colour: 'green' as Colour, reason: defaultReason, since: null }], since: null, ruleVersion: null, reviewAt: null };

/** A person's code as stored, raised by a zone drawn over their address whose recolouring has not committed yet. */
const presentCode = async (deps: Deps, personId: number, rules: RuleSet) => {
  const [codes, pending] = await Promise.all([repo.getCodes(deps.db, [personId]), zonesRepo.pendingZones(deps.db, { personId })]);
  const stored = presentStored(codes.get(personId), rules.defaultReason);
  const zone = pending.length ? [...zoneOverlay(rules, deps.clock(), pending).values()][0] : undefined;
  if (!raises(zone, stored.colour)) return stored;
  return { ...stored, colour: zone.colour, reasons: [zone, ...stored.reasons.filter((r) => r.rule !== 'default')], since: zone.since };
};

/** Stored colours of people (green when none), each raised by a pending zone over their address, as presentCode does. */
export const currentColours = async (deps: Deps, people: readonly { addressId: number | null; colour: Colour | null }[]): Promise<Colour[]> => {
  const addressIds = [...new Set(people.flatMap((p) => (p.addressId === null ? [] : [p.addressId])))];
  const pending = addressIds.length ? await zonesRepo.pendingZones(deps.db, { addressIds }) : [];
  const overlay = pending.length ? zoneOverlay((await activeRules(deps.db)).rules, deps.clock(), pending) : new Map();
  return people.map((p) => {
    const stored = p.colour ?? 'green';
    const zone = p.addressId === null ? undefined : overlay.get(p.addressId);
    return raises(zone, stored) ? zone.colour : stored;
  });
};

/** The resident's own code: colour, masked name, time of issue and a fresh sealed token for the QR. */
export const myCode = async (deps: Deps, actor: Actor) => {
  requirePermission(actor, 'healthcode.mine');
  if (!actor.personId) throw new AppError('healthcode.no_person', '此账号未关联居民身份，无法显示健康码');
  const person = await repo.personBrief(deps.db, actor.personId);
  if (!person) throw new AppError('healthcode.no_person', '未找到您的居民信息');
  const [{ rules }, keys] = await Promise.all([activeRules(deps.db), tokenKeys(deps.db)]);
  const key = [...keys.values()].at(-1)!;
  const now = deps.clock();
  const { token, claims } = sealToken(key, person.id, now, deps.config.healthCodeTokenSeconds);
  const code = await presentCode(deps, person.id, rules);
  const pending = await appealsRepo.pendingOf(deps.db, person.id);
  return {
    name: maskName(person.name), idNumber: maskIdNumber(person.id_number), ...code,
    token, issuedAt: claims.issuedAt.toISOString(), expiresAt: claims.expiresAt.toISOString(),
    appeal: pending ? { id: pending.id, filedAt: pending.filed_at.toISOString(), status: pending.status } : null,
  };
};

/** A person's code as the console shows it: current colour and reasons, every change, decisions and appeals. */
export const personCode = async (deps: Deps, actor: Actor, personId: number) => {
  requirePermission(actor, 'healthcode.read');
  const person = await repo.personBrief(deps.db, personId);
  if (!person || !inScope(actor.scope, person.area_code)) throw new AppError('person.not_found', `No person ${personId} in your area`);
  const [{ rules }, history, decisions, appeals] = await Promise.all([
    activeRules(deps.db), repo.history(deps.db, personId), appealsRepo.decisionsOf(deps.db, personId), appealsRepo.appealsOf(deps.db, personId),
  ]);
  return {
    person: { id: person.id, name: maskName(person.name), idNumber: maskIdNumber(person.id_number), areaCode: person.area_code, address: person.address_text },
    ...(await presentCode(deps, personId, rules)),
    history: history.map((h) => ({ id: h.id, at: h.at.toISOString(), colour: h.colour, previous: h.previous, reasons: h.reasons, ruleVersion: h.rule_version, cause: h.cause })),
    decisions: decisions.map(appealsRepo.presentDecision),
    appeals: appeals.map(appealsRepo.presentAppeal),
  };
};
