// What the demo seed adds, from the environment.

/**
 * The rounds in shortlisting (a panel with scores and conflicts), voting and results (sealed, not
 * published) beside 2026 and 2027, so every phase can be seen. On unless DEMO_PANEL_ROUND=false.
 */
export function rehearsalRounds(): boolean {
  return process.env.DEMO_PANEL_ROUND !== "false";
}
