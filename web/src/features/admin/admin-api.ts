// Accounts, units, the category catalogue and the audit log as the admin pages use them.
import { api, type Page, type Query } from '../../lib/api.ts';

export type User = {
  id: number;
  username: string;
  displayName: string;
  roles: string[];
  areaCode: string;
  unitId: number | null;
  disabled: boolean;
  locked: boolean;
  createdAt: string;
};
export type NewUser = { username: string; displayName: string; password: string; roles: string[]; areaCode: string; unitId?: number | null };

export type Unit = { id: number; name: string; type: string; areaCode: string };

export const STEPS = ['accept', 'dispatch', 'sign', 'handle', 'verify', 'close'] as const;
export type Step = (typeof STEPS)[number];
export type Allowance = { hours: number } | { days: number };
export const PRIORITIES = ['normal', 'urgent', 'critical'] as const;
export type Priority = (typeof PRIORITIES)[number];
export type Category = {
  code: string;
  name: string;
  parentCode: string | null;
  platformCode: string;
  leadUnitType: string | null;
  priority: Priority;
  limits: Record<Step, Allowance>;
  active?: boolean;
};
export type Catalogue = { platforms: { code: string; name: string }[]; items: Category[] };

export type AuditEntry = {
  id: number;
  at: string;
  userId: number | null;
  username: string | null;
  action: string;
  targetType: string;
  targetId: string | null;
  areaCode: string | null;
  ip: string | null;
  details: unknown;
};

/** Roles an account may be given (residents do not sign in to the console). */
export const STAFF_ROLES = ['grid_worker', 'grid_leader', 'street_operator', 'county_operator', 'handler', 'mediator', 'leader', 'device_gateway', 'checkpoint_terminal', 'sys_admin', 'sec_admin', 'auditor'] as const;
/** Unit types the demo and the catalogue use; a type not listed shows as its code. */
export const UNIT_TYPES = [
  'police', 'urban_management', 'market_regulation', 'law_enforcement', 'emergency', 'housing', 'health', 'civil_affairs', 'human_resources', 'judicial',
  'ecology', 'transport',
] as const;

export const listUsers = (q: Query) => api<Page<User>>('/users', { query: q });
export const createUser = (u: NewUser) => api<User>('/users', { body: u });
export const disableUser = (id: number) => api<User>(`/users/${id}/disable`, { method: 'POST' });
export const enableUser = (id: number) => api<User>(`/users/${id}/enable`, { method: 'POST' });

export const listUnits = (area?: string) => api<{ items: Unit[] }>('/units', { query: { area, below: true } });

export const getCatalogue = () => api<Catalogue>('/categories');
export const putCategory = ({ code, ...body }: Category) => api<Category>(`/categories/${code}`, { method: 'PUT', body });

export const listAudit = (q: Query) => api<Page<AuditEntry>>('/audit', { query: q });
