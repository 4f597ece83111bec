// One error type for the whole domain. The code is a stable, namespaced id that clients may rely on;
// the table below maps every code to its HTTP status, and a missing entry fails to compile.

export const errorStatus = {
  'request.invalid': 400,
  'request.malformed_json': 400,
  'request.too_large': 413,
  'request.unsupported_media_type': 415,
  'request.conflict': 409,
  'auth.unauthenticated': 401,
  'auth.invalid_credentials': 401,
  'auth.session_expired': 401,
  'auth.locked': 423,
  'auth.disabled': 403,
  'auth.forbidden': 403,
  'area.not_found': 404,
  'area.unknown_code': 400,
  'area.out_of_scope': 403,
  'grid.not_found': 404,
  'grid.bad_geometry': 400,
  'address.not_found': 404,
  'address.duplicate': 409,
  'person.not_found': 404,
  'person.invalid_id_number': 400,
  'person.duplicate_id_number': 409,
  'household.not_found': 404,
  'house.not_found': 404,
  'enterprise.not_found': 404,
  'enterprise.invalid_credit_code': 400,
  'enterprise.duplicate_credit_code': 409,
  'thing.not_found': 404,
  'thing.duplicate_serial': 409,
  'import.bad_rows': 422,
  'import.bad_file': 400,
  'user.not_found': 404,
  'user.duplicate_username': 409,
  'unit.not_found': 404,
  'user.bad_roles': 400,
  'event.not_found': 404,
  'event.unknown_category': 400,
  'event.invalid_transition': 409,
  'event.no_location': 400,
  'event.idempotency_conflict': 409,
  'event.conflict': 409,
  'event.bad_photo': 400,
  'screening.batch_not_found': 404,
  'screening.task_not_found': 404,
  'screening.invalid_state': 409,
  'screening.conflict': 409,
  'healthcode.bad_rules': 422,
  'healthcode.no_person': 404,
  'healthcode.overloaded': 503,
  'healthcode.unavailable': 503,
  'healthcode.appeal_not_found': 404,
  'healthcode.appeal_pending': 409,
  'healthcode.decision_not_found': 404,
  'healthcode.invalid_state': 409,
  'checkpoint.not_found': 404,
  'checkpoint.duplicate_code': 409,
  'zone.not_found': 404,
  'zone.bad_geometry': 400,
  'zone.empty': 422,
  'zone.invalid_state': 409,
  'file.not_found': 404,
  'file.too_large': 413,
  'file.bad_type': 415,
  'db.locked': 503,
  'config.invalid': 500,
  'route.not_found': 404,
  'internal': 500,
} as const;

export type ErrorCode = keyof typeof errorStatus;

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const isAppError = (e: unknown): e is AppError => e instanceof AppError;
