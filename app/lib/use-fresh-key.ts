import { useState } from "react";

/**
 * A key that changes whenever `value` is a new object: give it to an input that must start empty
 * again after each submit (a password), so the browser does not keep what was typed.
 * (React's "store information from previous renders" pattern.)
 */
export function useFreshKey(value: unknown): number {
  const [seen, setSeen] = useState({ value, count: 0 });
  if (seen.value !== value) {
    setSeen({ value, count: seen.count + 1 });
    return seen.count + 1;
  }
  return seen.count;
}
