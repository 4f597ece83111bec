// Screening batches and verification tasks, as the API gives them.
import { api, ApiError, getToken, withQuery, type Query } from '../../lib/api.ts';

export type Counts = { tasks: number; verified: number; overdue: number; escalated: number; outcomes: Record<string, number> };
export type Batch = {
  id: number; code: string; source: string; reason: string; level: string; scopeCode: string; deadline: string; fileName: string | null; createdAt: string;
  header: string[]; mapping: Record<string, string>; rows?: number; imported?: number; rejected?: number; notOurs?: number; blankLines?: number;
  progress: Counts; now?: { tasks: number; rejected: number; notOurs: number };
};
export type Summary = {
  preview: boolean; batchId?: number; batchCode?: string; format: string; header: string[]; mapping: Record<string, string>; rows: number; blankLines: number;
  imported: number; rejected: number; notOurs: number; matched: number; byStreet: { code: string; name: string; tasks: number }[];
  problems: { row: number; field: string; column: string; reason: string }[]; problemCount: number; notOursRows: { row: number; reason: string }[];
};
export type TaskState = 'pending' | 'overdue' | 'verified' | 'rejected' | 'not_ours';
export type Task = {
  id: number; batchId: number; line: number; status: string; state: TaskState; name: string | null; idNumber: string | null; phone: string | null;
  address: string | null; gridCode: string | null; matchedBy: string | null; problems: { column: string; reason: string }[]; notOursReason: string | null;
  deadline: string | null; outcome: string | null; measure: string | null; measureStart: string | null; measureEnd: string | null; note: string | null;
  verifiedBy: string | null; verifiedAt: string | null; eventId: number | null; escalationLevel: number;
};
export type TaskDetail = Task & {
  masked: boolean; batch: { id: number; code: string; source: string; reason: string }; cells: Record<string, string>;
  history: { at: string; actorName: string; action: string; note: string | null }[]; allowedActions: string[];
};
export type Progress = { area: string; areaName: string; total: Counts; children: ({ code: string; name: string } & Counts)[] };
export type Catalogue = { outcomes: { code: string; label: string; needsMeasure: boolean }[]; measures: { code: string; label: string }[] };
export type BatchMeta = { source: string; reason: string; deadline: string; fileName: string };

export const listBatches = (q: Query) => api<{ items: Batch[]; total: number }>('/screening/batches', { query: q });
export const getBatch = (id: number) => api<Batch>(`/screening/batches/${id}`);
export const getProgress = (id: number, area?: string) => api<Progress>(`/screening/batches/${id}/progress`, { query: { area } });
export const listTasks = (q: Query) => api<{ items: Task[]; total: number }>('/screening/tasks', { query: q });
export const getTask = (id: number) => api<TaskDetail>(`/screening/tasks/${id}`);
export const getCatalogue = () => api<Catalogue>('/screening/outcomes');
export const verifyTask = (id: number, body: object) => api<TaskDetail>(`/screening/tasks/${id}/verify`, { method: 'POST', body });
export const reassignTask = (id: number, gridCode: string, note?: string) => api<TaskDetail>(`/screening/tasks/${id}/reassign`, { method: 'POST', body: { gridCode, note } });
export const handBack = (id: number, reason: string) => api<unknown>(`/screening/tasks/${id}/hand-back`, { method: 'POST', body: { reason } });

const upload = (file: Blob, query: Query) =>
  api<Summary>('/screening/batches', { method: 'POST', raw: file, query, headers: { 'content-type': file.type || 'application/octet-stream' } });
export const previewBatch = (file: Blob) => upload(file, { preview: 'true' });
export const importBatch = (file: Blob, meta: BatchMeta) => upload(file, meta);

/** Downloads the feedback file (the API wants the session's token in a header, so not a plain link). */
export const downloadFeedback = async (batch: Batch, format: 'xlsx' | 'csv') => {
  const res = await fetch(withQuery(`/api/v1/screening/batches/${batch.id}/feedback`, { format }), { headers: { authorization: `Bearer ${getToken()}` } });
  if (!res.ok) {
    const e = (await res.json().catch(() => null))?.error;
    throw new ApiError(res.status, e?.code ?? 'http', e?.message ?? res.statusText);
  }
  const url = URL.createObjectURL(await res.blob());
  const a = Object.assign(document.createElement('a'), { href: url, download: `${batch.code}-反馈.${format}` });
  a.click();
  URL.revokeObjectURL(url);
};
