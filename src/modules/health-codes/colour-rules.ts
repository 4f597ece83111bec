// The colour rules as data: a JSON document a security administrator edits and publishes as a new
// version. Parsing checks every rule and names the line of the first thing wrong with each.
import { findNodeAtLocation, parseTree, printParseErrorCode, type JSONPath, type ParseError } from 'jsonc-parser';
import { z } from 'zod';
import type { Colour, ZoneLevel } from '../../db/schema.ts';
import { chineseErrors } from '../../lib/zod-chinese.ts';
import { MEASURES, OUTCOMES } from '../screening/screening-outcomes.ts';

export const COLOURS = ['green', 'yellow', 'red'] as const satisfies readonly Colour[];
export const ZONE_LEVELS = ['sealed', 'controlled', 'precaution'] as const satisfies readonly ZoneLevel[];
export const colourRank = (c: Colour): number => COLOURS.indexOf(c);

const measureKind = z.enum(Object.keys(MEASURES) as [keyof typeof MEASURES]);
const screeningOutcome = z.enum(['pending', ...Object.keys(OUTCOMES)] as [string, ...string[]]);
const days = z.number().int().min(1).max(365);

/** What a rule looks at. Exactly one fact per rule; time enters through `phase`/`withinDays`. */
const condition = z.union([
  // active: during the measure; ended: for withinDays after it; unchecked: for withinDays after it,
  // while one of its days (from when it was recorded) has no check-in.
  z.strictObject({
    measure: z.array(measureKind).min(1),
    phase: z.enum(['active', 'ended', 'unchecked']).default('active'),
    withinDays: days.optional(),
  }).refine((c) => c.phase === 'active' || c.withinDays !== undefined, { message: '"phase": "ended" 或 "unchecked" 的规则须写明 withinDays（措施结束后多少天内）', path: ['withinDays'] }),
  z.strictObject({ zone: z.array(z.enum(ZONE_LEVELS)).min(1) }),
  z.strictObject({ screening: z.array(screeningOutcome).min(1), withinDays: days.optional() }),
  // A check-in reporting a fever or a symptom, from its day for withinDays days.
  z.strictObject({ checkin: z.array(z.enum(['fever', 'symptoms'])).min(1), withinDays: days }),
  z.strictObject({ manual: z.enum(['yellow', 'red']) }),
]);

const rule = z.strictObject({
  id: z.string().regex(/^[a-z][a-z0-9_]{1,40}$/, '只能用小写字母、数字和 _，以字母开头，2–41 个字符'),
  colour: z.enum(COLOURS),
  reason: z.string().min(1).max(100),
  when: condition,
});

const ruleSet = z.strictObject({
  defaultReason: z.string().min(1).max(100),
  rules: z.array(rule).min(1).max(200),
});

/** Ids used a second time, found on the raw document so they are reported beside any other problem. */
const duplicateIds = (doc: unknown) => {
  const rules = (doc as { rules?: unknown })?.rules;
  if (!Array.isArray(rules)) return [];
  const seen = new Set<unknown>();
  return rules.flatMap((r: { id?: unknown }, i) => {
    const id = r?.id;
    if (typeof id !== 'string') return [];
    if (seen.has(id)) return [{ path: ['rules', i, 'id'], message: `规则 id "${id}" 重复使用` }];
    seen.add(id);
    return [];
  });
};

export type Rule = z.infer<typeof rule>;
export type Condition = Rule['when'];
export type RuleSet = z.infer<typeof ruleSet>;
export type RuleProblem = { line: number; column: number; path: string; reason: string };

const lineAt = (text: string, offset: number) => {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
};

// jsonc-parser's error codes, in the words of the rules page.
const JSON_ERRORS: Record<string, string> = {
  InvalidSymbol: '无效的符号', InvalidNumberFormat: '数字格式不对', PropertyNameExpected: '这里应是带引号的属性名', ValueExpected: '这里应有一个值',
  ColonExpected: '这里缺少冒号 :', CommaExpected: '这里缺少逗号 ,', CloseBraceExpected: '这里缺少 }', CloseBracketExpected: '这里缺少 ]',
  EndOfFileExpected: '文档结束后还有多余内容', InvalidCommentToken: '不允许注释', UnexpectedEndOfComment: '注释没有结束',
  UnexpectedEndOfString: '字符串没有结束（缺少引号）', UnexpectedEndOfNumber: '数字没有写完', InvalidUnicode: '无效的 Unicode 转义',
  InvalidEscapeCharacter: '无效的转义字符', InvalidCharacter: '字符串中有不允许的字符',
};

/** Parses and checks a rule set. Every problem carries the line it is on (1-based). */
export const parseRuleSet = (source: string): { ok: true; rules: RuleSet } | { ok: false; problems: RuleProblem[] } => {
  const errors: ParseError[] = [];
  const tree = parseTree(source, errors, { allowTrailingComma: false, disallowComments: true });
  if (errors.length > 0 || !tree) {
    const problems = errors.map((e) => ({ ...lineAt(source, e.offset), path: '', reason: `JSON 格式错误：${JSON_ERRORS[printParseErrorCode(e.error)] ?? printParseErrorCode(e.error)}` }));
    return { ok: false, problems: problems.length ? problems : [{ line: 1, column: 1, path: '', reason: 'JSON 格式错误：内容为空' }] };
  }
  const doc: unknown = JSON.parse(source);
  const parsed = ruleSet.safeParse(doc, { error: chineseErrors });
  const issues = [...(parsed.success ? [] : parsed.error.issues), ...duplicateIds(doc)];
  if (parsed.success && issues.length === 0) return { ok: true, rules: parsed.data };
  return {
    ok: false,
    problems: issues.map((issue) => {
      // The deepest node that exists along the issue's path is where the mistake shows.
      let path = issue.path.filter((p): p is string | number => typeof p !== 'symbol') as JSONPath;
      let node = findNodeAtLocation(tree, path);
      while (!node && path.length > 0) node = findNodeAtLocation(tree, (path = path.slice(0, -1)));
      return { ...lineAt(source, (node ?? tree).offset), path: issue.path.join('.'), reason: issue.message };
    }),
  };
};

/** The rules a new installation starts with (version 1). */
export const DEFAULT_RULES_SOURCE = `{
  "defaultReason": "无管控措施、未在风险区",
  "rules": [
    { "id": "isolation", "colour": "red", "reason": "集中隔离中", "when": { "measure": ["centralized_isolation"] } },
    { "id": "home_observation", "colour": "red", "reason": "居家观察中", "when": { "measure": ["home_observation"] } },
    { "id": "health_monitoring", "colour": "yellow", "reason": "健康监测中", "when": { "measure": ["health_monitoring"] } },
    { "id": "after_observation", "colour": "yellow", "reason": "解除隔离或观察后 7 天健康监测", "when": { "measure": ["centralized_isolation", "home_observation"], "phase": "ended", "withinDays": 7 } },
    { "id": "checkins_missing", "colour": "yellow", "reason": "观察或监测期间每日健康打卡未完成", "when": { "measure": ["home_observation", "health_monitoring"], "phase": "unchecked", "withinDays": 30 } },
    { "id": "checkin_unwell", "colour": "yellow", "reason": "健康打卡报告发热或症状", "when": { "checkin": ["fever", "symptoms"], "withinDays": 3 } },
    { "id": "sealed_zone", "colour": "red", "reason": "居住在封控区", "when": { "zone": ["sealed"] } },
    { "id": "controlled_zone", "colour": "yellow", "reason": "居住在管控区", "when": { "zone": ["controlled"] } },
    { "id": "screening_unreached", "colour": "yellow", "reason": "排查未联系到本人", "when": { "screening": ["not_present"], "withinDays": 14 } },
    { "id": "manual_red", "colour": "red", "reason": "人工赋红码", "when": { "manual": "red" } },
    { "id": "manual_yellow", "colour": "yellow", "reason": "人工赋黄码", "when": { "manual": "yellow" } }
  ]
}
`;

/** The measures whose days want a check-in: those an `unchecked` rule names (none: nobody is asked). */
export const measuresNeedingCheckins = (rules: RuleSet): (keyof typeof MEASURES)[] =>
  [...new Set(rules.rules.flatMap((r) => ('measure' in r.when && r.when.phase === 'unchecked' ? r.when.measure : [])))];
