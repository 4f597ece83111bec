// What becomes of each row of a batch, as pure rules: a task for a grid, rejected (bad data, with
// each problem's column and reason), or not ours (nobody and nowhere in our area). Every row ends in
// exactly one of the three.
import { evaluateIdNumber } from '../../lib/id-number.ts';

export type Problem = { field: string; column: string; reason: string };

export type RowInput = { line: number; name: string; idNumber: string; phone: string; address: string };

/** What the registry and the address library said about a row. */
export type RowLookups = {
  person: { id: number; areaCode: string; addressId: number | null } | null;
  matchedBy: 'id_number' | 'name_phone' | null;
  // The file's address in the library: its grid, or why not.
  resolved: { addressId: number; gridCode: string } | { unresolved: string } | null;
};

export type Verdict =
  | { status: 'task'; areaCode: string; addressId: number | null; personId: number | null; matchedBy: RowLookups['matchedBy']; placedBy: 'address' | 'registry' }
  | { status: 'rejected'; problems: Problem[] }
  | { status: 'not_ours'; reason: string; personId: null };

export const normalizeIdNumber = (s: string) => s.replace(/\s/g, '').toUpperCase();
export const normalizePhone = (s: string) => s.replace(/[\s-]/g, '').replace(/^\+?86/, '');

/** The key two rows of one file are the same person by: the ID number, else name and phone. */
export const personKey = (r: RowInput): string | null => {
  const id = normalizeIdNumber(r.idNumber);
  if (id) return `id:${id}`;
  return r.name && r.phone ? `np:${r.name}|${normalizePhone(r.phone)}` : null;
};

/** Problems that make a row unusable, before any lookup. `firstLine` is the line a duplicate repeats. */
export const rowProblems = (r: RowInput, columns: (field: string) => string, today: Date, firstLine: number | null): Problem[] => {
  const out: Problem[] = [];
  const bad = (field: string, reason: string) => out.push({ field, column: columns(field), reason });
  if (!r.name) bad('name', '姓名为空');
  const id = normalizeIdNumber(r.idNumber);
  if (id) {
    const check = evaluateIdNumber(id, today);
    if (!check.ok) bad('idNumber', `身份证号${check.reason}`);
  } else if (!r.phone) bad('idNumber', '身份证号与电话均为空，无法核对身份');
  if (firstLine !== null) bad(id ? 'idNumber' : 'name', `与第 ${firstLine} 行重复`);
  return out;
};

/**
 * Where a usable row goes. The file's address wins (it says where the person is now); a person
 * the registry knows in our area is placed at their registered grid when the address is missing or
 * not in the library. `inScope` says whether a grid is ours.
 */
export const placeRow = (r: RowInput, look: RowLookups, inScope: (code: string) => boolean, columns: (field: string) => string): Verdict => {
  const person = look.person && inScope(look.person.areaCode) ? look.person : null;
  const personId = person?.id ?? null;
  if (look.resolved && 'gridCode' in look.resolved && inScope(look.resolved.gridCode)) {
    return { status: 'task', areaCode: look.resolved.gridCode, addressId: look.resolved.addressId, personId, matchedBy: person ? look.matchedBy : null, placedBy: 'address' };
  }
  if (person) return { status: 'task', areaCode: person.areaCode, addressId: person.addressId, personId, matchedBy: look.matchedBy, placedBy: 'registry' };
  if (!r.address) return { status: 'rejected', problems: [{ field: 'address', column: columns('address'), reason: '地址为空，且本辖区无此人登记' }] };
  if (look.resolved && 'gridCode' in look.resolved) return { status: 'not_ours', reason: `地址属其他辖区（${look.resolved.gridCode.slice(0, 6)}），本辖区无此人登记`, personId: null };
  return { status: 'not_ours', reason: '地址不在本辖区地址库，本辖区也无此人登记', personId: null };
};
