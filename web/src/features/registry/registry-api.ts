// The registry (人房企事物) and the area tree as the registry and admin pages use them.
import { api, type Page, type Query } from '../../lib/api.ts';

export type Person = {
  id: number;
  name: string;
  idNumber: string;
  gender: string;
  birthDate: string;
  phone: string | null;
  addressId: number | null;
  address: string | null;
  householdId: number | null;
  relation: string | null;
  gridCode: string;
  tags: string[];
  masked: boolean;
  updatedAt: string;
};

type Placed = { id: number; addressId: number | null; gridCode: string; countyCode: string; standardAddress: string | null; createdAt: string };
export type Household = Placed & { headName: string };
export type House = Placed & { usage: string; floorArea: string | null };
export type Enterprise = Placed & { name: string; creditCode: string; legalPerson: string; phone: string | null; industry: string | null; addressText: string | null };
export type Thing = Placed & { kind: string; serial: string; name: string; personId: number | null; status: string };

export type RegistryKind = 'households' | 'houses' | 'enterprises' | 'things';

export type Area = { code: string; name: string; level: string; parentCode: string | null };
export type Grid = { code: string; name: string; communityCode: string };

export const listPersons = (q: Query) => api<Page<Person>>('/persons', { query: q });
export const getPerson = (id: number, reveal = false) => api<Person>(`/persons/${id}`, { query: { reveal: reveal || undefined } });
export const listRegistry = <T,>(kind: RegistryKind, q: Query) => api<Page<T>>(`/${kind}`, { query: q });

export const getArea = (code: string) => api<Area>(`/areas/${code}`);
export const listChildAreas = (parent: string) => api<Page<Area>>('/areas', { query: { parent } });
export const getGrid = (code: string) => api<Grid>(`/grids/${code}`);
export const listGrids = (area: string) => api<Page<Grid>>('/grids', { query: { area, limit: 200 } });
