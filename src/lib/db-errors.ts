// Database errors that are the caller's fault, turned into domain errors: a unique value taken by a
// concurrent request (the check before insert cannot see it), a reference to a missing row, a value
// PostgreSQL cannot store (e.g. a NUL character). Anything else stays an internal error.
import { AppError, type ErrorCode } from './errors.ts';

const UNIQUE: Record<string, [ErrorCode, string]> = {
  persons_id_number_key: ['person.duplicate_id_number', '该身份证号已登记'],
  enterprises_credit_code_key: ['enterprise.duplicate_credit_code', '该统一社会信用代码已登记'],
  users_username_key: ['user.duplicate_username', 'Username is taken'],
  things_serial_key: ['thing.duplicate_serial', 'Device serial is already registered'],
  addresses_full_text_key: ['address.duplicate', 'This standard address already exists'],
  checkpoints_code_key: ['checkpoint.duplicate_code', '卡口编号已存在'],
  health_code_appeals_one_pending: ['healthcode.appeal_pending', '已有一件申诉在处理中'],
  // Two requests with one Idempotency-Key at the same moment: the loser retries and gets the first result.
  events_idempotency_idx: ['event.idempotency_conflict', 'A request with this Idempotency-Key is in progress; retry to get its result'],
};

type DatabaseError = { code: string; constraint?: string };

const isDatabaseError = (e: unknown): e is DatabaseError =>
  typeof e === 'object' && e !== null && typeof (e as { code?: unknown }).code === 'string' && /^[0-9A-Z]{5}$/.test((e as { code: string }).code);

/** Whether `e` is the violation of this unique index or constraint. */
export const violatesUnique = (e: unknown, constraint: string) => isDatabaseError(e) && e.code === '23505' && e.constraint === constraint;

/** The domain error for a database error the caller caused, or null. */
export const fromDatabaseError = (e: unknown): AppError | null => {
  if (!isDatabaseError(e)) return null;
  if (e.code === '23505') {
    const [code, message] = UNIQUE[e.constraint ?? ''] ?? ['request.conflict', 'A record with this value already exists'];
    return new AppError(code, message);
  }
  if (e.code === '23503') return new AppError('request.invalid', 'The request refers to a record that does not exist');
  if (e.code.startsWith('22')) return new AppError('request.invalid', 'A value cannot be stored (bad characters or out of range)');
  return null;
};
