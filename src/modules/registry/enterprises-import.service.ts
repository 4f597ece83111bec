// Enterprises from a CSV file, checked like persons: credit-code checksum, duplicates in the file or
// the registry, an address in the caller's scope. All rows or none.
import { PHONE_PATTERN } from '../../lib/phone.ts';
import type { Insertable } from 'kysely';
import type { EnterprisesTable } from '../../db/schema.ts';
import type { Actor } from '../../lib/actor.ts';
import { requirePermission } from '../../lib/actor.ts';
import { evaluateCreditCode } from '../../lib/credit-code.ts';
import { readCsvImport, throwIfBadRows, type RowError } from '../../lib/csv-import.ts';
import type { Deps } from '../../lib/deps.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { locateRow, placeColumns } from './registry-place.ts';
import * as repo from './registry.repo.ts';

const COLUMNS = {
  name: ['name', '企业名称', '名称'],
  creditCode: ['creditCode', '统一社会信用代码', '信用代码'],
  legalPerson: ['legalPerson', '法定代表人', '负责人'],
  phone: ['phone', '联系电话', '电话'],
  industry: ['industry', '行业'],
  address: ['address', '地址', '经营地址', '住所'],
} as const;

/** Imports enterprises from CSV text. Throws auth.forbidden, import.bad_file, import.bad_rows. */
export const importEnterprisesCsv = async (deps: Deps, actor: Actor, text: string) => {
  requirePermission(actor, 'registry.write');
  const { rows, columnOf } = readCsvImport(text, COLUMNS, ['name', 'creditCode', 'legalPerson', 'address']);
  const errors: RowError[] = [];
  const seen = new Map<string, number>();
  const good: (Insertable<EnterprisesTable> & { line: number })[] = [];
  for (const row of rows) {
    const bad = (field: keyof typeof COLUMNS, reason: string) => errors.push({ row: row.line, field: columnOf(field), reason });
    const name = row.get('name'), code = row.get('creditCode').toUpperCase(), legalPerson = row.get('legalPerson'), phone = row.get('phone');
    if (!name) bad('name', '企业名称为空');
    if (!legalPerson) bad('legalPerson', '法定代表人为空');
    const check = evaluateCreditCode(code);
    if (!check.ok) bad('creditCode', check.reason);
    else if (seen.has(code)) bad('creditCode', `与第 ${seen.get(code)} 行重复`);
    else seen.set(code, row.line);
    if (phone && !PHONE_PATTERN.test(phone)) bad('phone', `电话 "${phone}" 格式错误`);
    const where = await locateRow(deps, actor, row.get('address'), (reason) => bad('address', reason));
    if (check.ok && where && name && legalPerson) {
      good.push({ line: row.line, name, credit_code: code, legal_person: legalPerson, phone: phone || null, industry: row.get('industry') || null,
        ...placeColumns(where) });
    }
  }
  const existing = await repo.existingCreditCodes(deps.db, [...seen.keys()]);
  for (const r of good) if (existing.has(r.credit_code)) errors.push({ row: r.line, field: columnOf('creditCode'), reason: '该统一社会信用代码已登记' });
  throwIfBadRows(errors);
  const ids = await deps.db.transaction().execute(async (trx) => {
    const ids = await repo.insertEnterprises(trx, good.map(({ line: _l, ...r }) => r));
    await recordAudit(trx, actor, { action: 'enterprise.import', targetType: 'enterprise', areaCode: actor.scope, details: { rows: good.length } });
    return ids;
  });
  return { imported: ids.length, rows: rows.length };
};
