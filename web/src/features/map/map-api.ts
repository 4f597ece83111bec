// What the map reads: the area tree, grids with boundary and staff, and events with a position.
// Lists are paged (200 at most), so whole areas are read page by page, several pages at once.
import type { Geometry } from 'geojson';
import { useEffect, useState } from 'react';
import { api, type Page, type Query } from '../../lib/api.ts';
import type { EventItem } from '../events/events-api.ts';

export type Area = { code: string; name: string; level: string; parentCode: string | null };
export type GridStaff = { id: number; name: string; duty: string; phone: string | null };
export type Grid = { code: string; name: string; communityCode: string; partyBranch: string | null; households: number; geometry?: Geometry | null; staff: GridStaff[] };
// The event as the list API returns it, as far as this page reads it.
export type MapEvent = Pick<EventItem, 'id' | 'code' | 'categoryName' | 'state' | 'gridCode' | 'address' | 'lng' | 'lat' | 'deadline' | 'colour'>;

export const PAGE_SIZE = 200;
/** The most grids drawn at once: a county has about 1,400, a whole city about 18,000. */
export const MAX_GRIDS = 5_000;
/** The newest events shown on the map. */
const MAX_EVENTS = 2_000;
const CONCURRENCY = 4;

export const listAreas = (parent: string) => api<Page<Area>>('/areas', { query: { parent } });
export const getArea = (code: string) => api<Area>(`/areas/${code}`);
const listGridPage = (area: string, offset: number) => api<Page<Grid>>('/grids', { query: { area, geometry: true, limit: PAGE_SIZE, offset } });
export const listEventPage = (q: Query) => api<Page<MapEvent>>('/events', { query: { limit: PAGE_SIZE, ...q } });

type Paged<T> = { items: T[]; total: number | null; done: boolean; error: unknown };
/** `max`: read no more items than this; `skipAbove`: stop after the first page when the total is larger. */
type Limits = { max: number; skipAbove: number };

/** Every item of a paged list as the pages arrive (the first, then the rest in parallel). Answers for an earlier `key` are dropped. */
const usePaged = <T,>(key: string | null, load: (offset: number) => Promise<Page<T>>, limits: Limits): Paged<T> => {
  const [state, setState] = useState<Paged<T>>({ items: [], total: null, done: false, error: null });
  useEffect(() => {
    let cancelled = false;
    setState({ items: [], total: null, done: key === null, error: null });
    if (key === null) return;
    const add = (page: Page<T>) => !cancelled && setState((s) => ({ ...s, items: s.items.concat(page.items), total: page.total }));
    const run = async () => {
      const first = await load(0);
      add(first);
      if (first.total > limits.skipAbove) return;
      const offsets: number[] = [];
      for (let o = PAGE_SIZE; o < Math.min(first.total, limits.max); o += PAGE_SIZE) offsets.push(o);
      const worker = async () => {
        for (let o = offsets.shift(); o !== undefined && !cancelled; o = offsets.shift()) add(await load(o));
      };
      await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    };
    run()
      .then(() => !cancelled && setState((s) => ({ ...s, done: true })))
      .catch((error: unknown) => !cancelled && setState((s) => ({ ...s, done: true, error })));
    return () => void (cancelled = true);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  return state;
};

/** The grids of an area with their boundaries; past MAX_GRIDS only the first page is read (`total` says how many). */
export const useGrids = (area: string | null) =>
  usePaged(area, (offset) => listGridPage(area ?? '', offset), { max: MAX_GRIDS, skipAbove: MAX_GRIDS });

/** The newest events of an area, up to MAX_EVENTS. */
export const useMapEvents = (area: string | null) =>
  usePaged(area, (offset) => listEventPage({ area, offset }), { max: MAX_EVENTS, skipAbove: Number.POSITIVE_INFINITY });
