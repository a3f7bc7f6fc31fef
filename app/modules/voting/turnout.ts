// Turnout in words, the one figure shown while voting is open ("412 of 3,377 members have voted
// (12%)"). Pure, for the round page and its tests.
const number = new Intl.NumberFormat("en-GB");

export function turnoutPercent(voted: number, eligible: number): number {
  return eligible > 0 ? Math.round((voted / eligible) * 100) : 0;
}

export function turnoutText({ voted, eligible }: { voted: number; eligible: number }): string {
  const verb = voted === 1 ? "has" : "have";
  const members = eligible === 1 ? "member" : "members";
  return `${number.format(voted)} of ${number.format(eligible)} ${members} ${verb} voted (${turnoutPercent(voted, eligible)}%)`;
}
