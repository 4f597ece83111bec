// The residents' API: report without an account, track by number and phone, rate the result.
import { api } from '../../lib/api.ts';

export type PublicReport = {
  categoryCode: string;
  description: string;
  addressText?: string | null;
  lng?: number | null;
  lat?: number | null;
  photoIds?: number[];
  reporterName?: string | null;
  reporterPhone: string;
};

export type Tracked = {
  code: string;
  categoryName: string;
  description: string;
  address: string | null;
  state: string;
  createdAt: string;
  closedAt: string | null;
  satisfied: boolean | null;
  canRate: boolean;
  steps: { at: string; action: string; state: string; note: string | null }[];
};

export const reportPublic = (r: PublicReport) => api<{ id: number; code: string }>('/public/events', { body: r });
export const trackPublic = (code: string, phone: string) => api<Tracked>(`/public/events/${encodeURIComponent(code)}`, { query: { phone } });
export const ratePublic = (code: string, body: { phone: string; satisfied: boolean; note?: string }) => api<Tracked>(`/public/events/${encodeURIComponent(code)}/rate`, { body });
