// Pure answers to "may this person…?" for the accounts domain.
export type Person = { membership: "none" | "pending" | "approved" | "declined"; isAdmin: boolean };

export function isMember(person: Person | null | undefined): boolean {
  return person?.membership === "approved";
}

export function canRequestMembership(person: Person): boolean {
  return person.membership === "none" || person.membership === "declined";
}

/** Membership at once for a verified email on a domain the programme team allows. */
export function domainOf(email: string): string {
  return email.slice(email.lastIndexOf("@") + 1).toLowerCase();
}

export function isAllowListed(email: string, allowedDomains: readonly string[]): boolean {
  const domain = domainOf(email);
  return allowedDomains.some((allowed) => domain === allowed || domain.endsWith(`.${allowed}`));
}
