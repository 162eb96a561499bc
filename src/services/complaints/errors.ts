/** Typed errors of the complaints domain; the HTTP layer maps each to one status code. */
export class ComplaintNotFoundError extends Error {
  constructor(readonly code: string) {
    super(`complaint ${code} not found`);
  }
}

/** Bad input, naming the field as a dotted path (e.g. "reporter.dni"). */
export class ComplaintValidationError extends Error {
  constructor(
    readonly field: string,
    message: string,
    readonly issues: { field: string; message: string }[] = [{ field, message }],
  ) {
    super(`${field}: ${message}`);
  }
}

export class InvalidTransitionError extends Error {
  constructor(
    readonly from: string,
    readonly to: string,
  ) {
    super(`a complaint cannot go from ${from} to ${to}`);
  }
}

/** Someone else changed the complaint at the same moment; re-read and try again. */
export class ComplaintConflictError extends Error {
  constructor(readonly code: string) {
    super(`complaint ${code} was changed by someone else`);
  }
}

/** The same Idempotency-Key was sent with a different request body. */
export class IdempotencyMismatchError extends Error {
  constructor() {
    super("Idempotency-Key already used for a different request");
  }
}

/** better-sqlite3 and D1 both report "UNIQUE constraint failed: …"; drizzle may wrap it in `cause`. */
export function isUniqueViolation(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    if (/UNIQUE constraint failed/i.test(String((e as { message?: unknown }).message ?? e))) return true;
  }
  return false;
}

/** An agent tried to take a case a colleague already has (only a supervisor reassigns). */
export class ComplaintAlreadyAssignedError extends Error {
  constructor(readonly code: string) {
    super(`complaint ${code} is already assigned`);
  }
}
