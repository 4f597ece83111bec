// Checkpoints (卡口): the registry with today's counts, one checkpoint's recent checks, and tracing who passed.
import { api, type Page, type Query } from '../../lib/api.ts';
import type { Colour } from './health-api.ts';

export const KINDS = ['compound_gate', 'station', 'market', 'hospital', 'road', 'other'] as const;
export type Kind = (typeof KINDS)[number];
export type Checkpoint = {
  id: number; code: string; name: string; kind: Kind; areaCode: string; compound: string | null; lng: number | null; lat: number | null; active: boolean;
  today: { checked: number; denied: number };
};
export type Check = { id: number; at: string; method: 'token' | 'face'; result: 'pass' | 'deny' | 'refused'; colour: Colour | null; reason: string; name: string | null };
export type CheckpointDetail = Checkpoint & { recent: Check[] };
export type Pass = {
  checkId: number; at: string; method: 'token' | 'face'; result: 'pass' | 'deny' | 'refused'; colour: Colour | null; reason: string; personId: number | null;
  name: string | null; idNumber: string | null; phone: string | null; areaCode: string | null;
};
export type NewCheckpoint = { name: string; kind: Kind; areaCode: string; compound?: string; code?: string; lng?: number; lat?: number };

export const listCheckpoints = (q: Query) => api<Page<Checkpoint>>('/checkpoints', { query: q });
export const getCheckpoint = (id: number) => api<CheckpointDetail>(`/checkpoints/${id}`);
export const registerCheckpoint = (body: NewCheckpoint) => api<Checkpoint>('/checkpoints', { method: 'POST', body });
export const setCheckpointActive = (id: number, active: boolean) => api<Checkpoint>(`/checkpoints/${id}/active`, { method: 'POST', body: { active } });
export const tracePasses = (id: number, q: { from: string; to: string; passedOnly: boolean; limit: number; offset: number }) =>
  api<Page<Pass> & { checkpoint: Checkpoint }>(`/checkpoints/${id}/passes`, { query: q });
