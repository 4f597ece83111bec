// Health codes as the API gives them: a resident's own code, a person's code with its history and
// decisions, appeals, the colour rules, and checking a code at a checkpoint.
import { api, type Page, type Query } from '../../lib/api.ts';

export type Colour = 'green' | 'yellow' | 'red';
export const COLOURS: Colour[] = ['green', 'yellow', 'red'];
export type Hit = { rule: string; colour: Colour; reason: string; since: string | null };
export type AppealStatus = 'pending' | 'granted' | 'rejected';

export type MyCode = {
  name: string; idNumber: string; colour: Colour; reasons: Hit[]; since: string | null; ruleVersion: number | null; reviewAt: string | null;
  token: string; issuedAt: string; expiresAt: string; appeal: { id: number; filedAt: string; status: AppealStatus } | null;
};
export type Appeal = {
  id: number; personId: number; personName?: string; areaCode: string; colour: Colour; reasons: Hit[]; reason: string; filedBy: string; filedAt: string;
  status: AppealStatus; decidedBy: string | null; decidedAt: string | null; decisionNote: string | null; exemptRules: string[];
};
export type Decision = {
  id: number; kind: 'raise' | 'exempt'; colour: Colour | null; ruleId: string | null; reason: string; until: string | null; appealId: number | null;
  createdBy: string; createdAt: string; revokedAt: string | null;
};
export type PersonCode = {
  person: { id: number; name: string; idNumber: string; areaCode: string; address: string | null };
  colour: Colour; reasons: Hit[]; since: string | null; ruleVersion: number | null; reviewAt: string | null;
  history: { id: number; at: string; colour: Colour; previous: Colour; reasons: Hit[]; ruleVersion: number; cause: string }[];
  decisions: Decision[]; appeals: Appeal[];
};
export type Rules = { version: number; source: string; versions: { version: number; note: string | null; createdAt: string; createdBy: string | null }[] };
export type RuleProblem = { line: number; column: number; path: string; reason: string };
export type Verdict = {
  result: 'pass' | 'deny'; colour: Colour | null; name: string | null; reasonCode: string; reason: string; checkId: number; checkedAt: string;
  checkpoint: { code: string; name: string };
};

export const getMyCode = () => api<MyCode>('/health-codes/mine');
export const getPersonCode = (id: number) => api<PersonCode>(`/health-codes/persons/${id}`);
export const raiseColour = (id: number, body: { colour: 'yellow' | 'red'; reason: string; until?: string }) =>
  api<Decision>(`/health-codes/persons/${id}/decisions`, { method: 'POST', body });
export const revokeDecision = (id: number) => api<Decision>(`/health-codes/decisions/${id}/revoke`, { method: 'POST', body: {} });
/** For oneself (a resident), or staff for a person named by id or by the check of their code. */
export const fileAppeal = (reason: string, about: { personId?: number; checkId?: number } = {}) => api<Appeal>('/health-codes/appeals', { method: 'POST', body: { reason, ...about } });
export const listAppeals = (q: Query) => api<Page<Appeal>>('/health-codes/appeals', { query: q });
export const decideAppeal = (id: number, body: { grant: boolean; note: string; exemptRules?: string[] }) =>
  api<Appeal>(`/health-codes/appeals/${id}/decide`, { method: 'POST', body });
export const getRules = () => api<Rules>('/health-codes/rules');
export const publishRules = (source: string, note?: string) => api<{ version: number; recoloured: number }>('/health-codes/rules', { method: 'POST', body: { source, note } });
export const verifyCode = (body: { checkpoint: string; token?: string; idNumber?: string }) => api<Verdict>('/health-codes/verify', { method: 'POST', body });
