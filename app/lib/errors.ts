// Typed domain errors. Use cases throw them; one function maps them to HTTP (errors.server.ts).
export class DomainError extends Error {
  constructor(
    message: string,
    readonly fieldErrors?: Record<string, string>,
  ) {
    super(message);
    this.name = new.target.name;
  }
}
export class NotFound extends DomainError {}
export class Forbidden extends DomainError {}
export class Conflict extends DomainError {}
export class PhaseClosed extends DomainError {}
export class Invalid extends DomainError {}
export class TooManyRequests extends DomainError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
    fieldErrors?: Record<string, string>,
  ) {
    super(message, fieldErrors);
  }
}

export function statusOf(error: DomainError): number {
  if (error instanceof NotFound) return 404;
  if (error instanceof Forbidden) return 403;
  if (error instanceof Conflict) return 409;
  if (error instanceof PhaseClosed) return 403;
  if (error instanceof TooManyRequests) return 429;
  return 400;
}
