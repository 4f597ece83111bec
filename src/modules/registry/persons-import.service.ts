// Persons from a CSV file: every row checked (ID checksum, phone, address resolved to a grid in the
// caller's scope, duplicates in the file or the registry). One bad row rejects the file; the report
// lists every bad row with its line number, field and reason.
import { PHONE_PATTERN } from '../../lib/phone.ts';
import type { Insertable } from 'kysely';
import type { PersonsTable } from '../../db/schema.ts';
import type { Actor } from '../../lib/actor.ts';
import { requirePermission } from '../../lib/actor.ts';
import { readCsvImport, throwIfBadRows, type RowError } from '../../lib/csv-import.ts';
import type { Deps } from '../../lib/deps.ts';
import { evaluateIdNumber } from '../../lib/id-number.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { locateRow, placeColumns } from './registry-place.ts';
import * as repo from './persons.repo.ts';

const COLUMNS = {
  name: ['name', '姓名'],
  idNumber: ['idNumber', '身份证号', '证件号码', '公民身份号码'],
  phone: ['phone', '手机', '联系电话', '手机号'],
  address: ['address', '地址', '现住址', '居住地址'],
  tags: ['tags', '标签'],
} as const;

/** Imports persons from CSV text. Throws auth.forbidden, import.bad_file, import.bad_rows. */
export const importPersonsCsv = async (deps: Deps, actor: Actor, text: string) => {
  requirePermission(actor, 'registry.write');
  const { rows, columnOf } = readCsvImport(text, COLUMNS, ['name', 'idNumber', 'address']);
  const errors: RowError[] = [];
  const seen = new Map<string, number>();
  const good: (Insertable<PersonsTable> & { line: number })[] = [];
  for (const row of rows) {
    const bad = (field: keyof typeof COLUMNS, reason: string) => errors.push({ row: row.line, field: columnOf(field), reason });
    const name = row.get('name'), idNumber = row.get('idNumber').toUpperCase(), phone = row.get('phone');
    if (!name) bad('name', '姓名为空');
    const check = evaluateIdNumber(idNumber, deps.clock());
    if (!check.ok) bad('idNumber', check.reason);
    else if (seen.has(idNumber)) bad('idNumber', `与第 ${seen.get(idNumber)} 行重复`);
    else seen.set(idNumber, row.line);
    if (phone && !PHONE_PATTERN.test(phone)) bad('phone', `电话 "${phone}" 格式错误`);
    const where = await locateRow(deps, actor, row.get('address'), (reason) => bad('address', reason));
    if (check.ok && where && name) {
      const tags = row.get('tags').split(/[;；、|]/).map((t) => t.trim()).filter(Boolean);
      good.push({ line: row.line, name, id_number: idNumber, gender: check.info.gender, birth_date: check.info.birthDate, region_code: check.info.regionCode,
        phone: phone || null, ...placeColumns(where), tags });
    }
  }
  const existing = await repo.existingIdNumbers(deps.db, [...seen.keys()]);
  for (const r of good) if (existing.has(r.id_number)) errors.push({ row: r.line, field: columnOf('idNumber'), reason: '该身份证号已登记' });
  throwIfBadRows(errors);
  const ids = await deps.db.transaction().execute(async (trx) => {
    const ids = await repo.insertPersons(trx, good.map(({ line: _l, ...r }) => r));
    await recordAudit(trx, actor, { action: 'person.import', targetType: 'person', areaCode: actor.scope, details: { rows: good.length } });
    return ids;
  });
  return { imported: ids.length, rows: rows.length };
};
