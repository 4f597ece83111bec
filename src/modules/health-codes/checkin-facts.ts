// What a daily health check-in says, as the colour rules read it: a fever from 37.3℃ (axillary, the
// national threshold for 发热), the symptoms watched for, and which days of a measure still lack one.

export const FEVER_FROM = 37.3;

/** The symptoms a check-in can report: those watched in respiratory outbreaks besides fever. */
export const SYMPTOMS = {
  cough: '干咳',
  fatigue: '乏力',
  sore_throat: '咽痛',
  smell_taste: '嗅（味）觉减退',
  nasal: '鼻塞流涕',
  conjunctivitis: '结膜炎',
  myalgia: '肌肉酸痛',
  diarrhoea: '腹泻',
  short_breath: '呼吸困难',
} as const;
export type Symptom = keyof typeof SYMPTOMS;

export type Checkin = { day: string; temperature: number; symptoms: readonly string[]; at: Date };

export const isFever = (temperature: number) => temperature >= FEVER_FROM;

/** What the check-in reports that is not well, in words: "37.8℃、干咳". Empty when nothing. */
export const checkinFindings = (c: Pick<Checkin, 'temperature' | 'symptoms'>, look: { fever: boolean; symptoms: boolean } = { fever: true, symptoms: true }): string[] => [
  ...(look.fever && isFever(c.temperature) ? [`${c.temperature.toFixed(1)}℃`] : []),
  ...(look.symptoms ? c.symptoms.map((s) => SYMPTOMS[s as Symptom] ?? s) : []),
];

const DAY_MS = 86_400_000;

/** Every calendar day from `from` to `to`, both included ('YYYY-MM-DD'). */
export const daysBetween = (from: string, to: string): string[] => {
  const out: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`), end = Date.parse(`${to}T00:00:00Z`); t <= end; t += DAY_MS) out.push(new Date(t).toISOString().slice(0, 10));
  return out;
};

/**
 * The days of a measure that want a check-in: from its start, or from the day it was recorded when
 * that was later (nobody could check in for days before they were told to), to its end or `upTo`.
 */
export const dueDays = (measure: { startDate: string; endDate: string; recordedOn?: string }, upTo?: string): string[] => {
  const from = measure.recordedOn && measure.recordedOn > measure.startDate ? measure.recordedOn : measure.startDate;
  return daysBetween(from, upTo && upTo < measure.endDate ? upTo : measure.endDate);
};

/** The days of a measure (to its end or `upTo`) without a check-in. */
export const missingDays = (measure: { startDate: string; endDate: string; recordedOn?: string }, checkins: readonly Pick<Checkin, 'day'>[], upTo?: string): string[] => {
  const done = new Set(checkins.map((c) => c.day));
  return dueDays(measure, upTo).filter((d) => !done.has(d));
};
