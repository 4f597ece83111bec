// Supplies (物资保障) as the API gives them: the item catalogue, street warehouses with their stock,
// households' requests from recording through allocation to delivery, and delivered-vs-requested figures.
import { api, type Page, type Query } from '../../lib/api.ts';
import { useApi } from '../../lib/use-api.ts';

export const REQUEST_STATUSES = ['requested', 'allocated', 'delivered', 'cancelled'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

export type Item = { code: string; name: string; unit: string };
export type Line = { item: string; quantity: number };
export type Warehouse = { id: number; name: string; streetCode: string; address: string | null; stock: Line[] };
export type SupplyRequest = {
  id: number; householdId: number; headName: string; address: string | null; gridCode: string; items: Line[]; deliveredItems: Line[] | null; note: string | null;
  status: RequestStatus; requestedAt: string; warehouse: { id: number; name: string } | null; assignee: { id: number; name: string } | null;
  allocatedAt: string | null; deliveredAt: string | null; zone: { id: number; name: string; level: string } | null;
};
export type Assignee = { id: number; name: string; duty: string };
export type SummaryRow = { key: string; name: string; requests: number; deliveredRequests: number; requestedQty: number; deliveredQty: number };

export const listItems = () => api<{ items: Item[] }>('/supplies/items');
export const listWarehouses = (area?: string) => api<{ items: Warehouse[] }>('/supplies/warehouses', { query: { area } });
export const createWarehouse = (body: { name: string; streetCode: string; address?: string }) => api<Warehouse>('/supplies/warehouses', { method: 'POST', body });
export const adjustStock = (id: number, body: { item: string; quantity: number; note?: string }) => api<Warehouse>(`/supplies/warehouses/${id}/stock`, { method: 'POST', body });

export const listRequests = (q: Query) => api<Page<SupplyRequest>>('/supplies/requests', { query: q });
export const createRequest = (body: { householdId?: number; items: Line[]; note?: string }) => api<SupplyRequest>('/supplies/requests', { method: 'POST', body });
export const listAssignees = (id: number) => api<{ items: Assignee[] }>(`/supplies/requests/${id}/assignees`);
export const allocateRequest = (id: number, body: { warehouseId: number; assigneeId: number }) => api<SupplyRequest>(`/supplies/requests/${id}/allocate`, { method: 'POST', body });
export const deliverRequest = (id: number, body: { items?: Line[]; note?: string }) => api<SupplyRequest>(`/supplies/requests/${id}/deliver`, { method: 'POST', body });
export const cancelRequest = (id: number, reason: string) => api<SupplyRequest>(`/supplies/requests/${id}/cancel`, { method: 'POST', body: { reason } });

export const getSummary = (by: 'grid' | 'zone', area?: string) => api<{ items: SummaryRow[] }>('/supplies/summary', { query: { by, area } });

// The catalogue does not change while the app runs: read once, shared by every page.
let catalogue: Promise<{ items: Item[] }> | null = null;
const loadCatalogue = () => (catalogue ??= listItems().catch((e: unknown) => ((catalogue = null), Promise.reject(e))));
export const useItems = () => useApi(loadCatalogue, []);

/** "大米 ×2 袋(5kg)、口罩 ×1 包": lines in words, the code itself for an item the catalogue lacks. */
export const linesText = (lines: readonly Line[], items: readonly Item[] | undefined) =>
  lines.map((l) => {
    const it = items?.find((i) => i.code === l.item);
    return it ? `${it.name} ×${l.quantity}${it.unit}` : `${l.item} ×${l.quantity}`;
  }).join('、');
