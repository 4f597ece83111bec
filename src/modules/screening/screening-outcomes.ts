// The outcomes of a verification and the control measures, as data: what each needs, what it
// creates (a measure on the person, an event in the closed loop) and how the feedback file names it.

export const MEASURES = {
  home_observation: '居家观察',
  centralized_isolation: '集中隔离',
  health_monitoring: '健康监测',
} as const;
export type Measure = keyof typeof MEASURES;

type Outcome = { label: string; needsMeasure: boolean; eventCategory: string | null };

export const OUTCOMES = {
  under_measure: { label: '已联系，落实管控措施', needsMeasure: true, eventCategory: null },
  measured_elsewhere: { label: '已在他处落实管控', needsMeasure: false, eventCategory: null },
  not_present: { label: '人员不在，未能联系', needsMeasure: false, eventCategory: 'YJ06' }, // 突发公共卫生事件: the centre traces them
  moved_out: { label: '已迁出本辖区', needsMeasure: false, eventCategory: null },
  wrong_info: { label: '信息有误', needsMeasure: false, eventCategory: null },
} as const satisfies Record<string, Outcome>;
export type OutcomeCode = keyof typeof OUTCOMES;

export type VerifyInput = { outcome: OutcomeCode; measure?: Measure; measureStart?: string; measureEnd?: string; place?: string; note?: string };

/** Why a verification is incomplete, or null. Dates are YYYY-MM-DD. */
export const verifyProblem = (v: VerifyInput): string | null => {
  const o = OUTCOMES[v.outcome];
  if (!o) return `unknown outcome ${v.outcome}`;
  if (!o.needsMeasure) return v.measure ? `${v.outcome} takes no measure` : null;
  if (!v.measure || !MEASURES[v.measure]) return `${v.outcome} needs a measure (${Object.keys(MEASURES).join(', ')})`;
  if (!v.measureStart || !v.measureEnd) return 'a measure needs measureStart and measureEnd';
  if (v.measureEnd < v.measureStart) return 'measureEnd is before measureStart';
  return null;
};
