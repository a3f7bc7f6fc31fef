// The one source of "now" for domain code, so tests can set the time instead of sleeping.
// Database-side deadlines (e.g. the ballot close) are checked with the database clock instead.

const systemClock = () => new Date();
let current: () => Date = systemClock;

export function now(): Date {
  return current();
}

export function setClock(fn: () => Date): void {
  current = fn;
}

export function resetClock(): void {
  current = systemClock;
}
