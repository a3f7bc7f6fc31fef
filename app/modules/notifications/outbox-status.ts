// How each outbox status reads to the programme team.
export const OUTBOX_STATUS = {
  pending: "Waiting to send",
  sent: "Sent",
  held: "Not sent (no mail server)",
  failed: "Failed",
} as const;

/**
 * Kinds of email nobody but the recipient may see: a ballot receipt, with the published ledger,
 * would show how that person voted, and one row per ballot with its recipient and time would pair
 * people with ledger entries. The admin outbox does not list them, the development log does not
 * print them, and the text is erased once the email has been handed to the mail server.
 */
const SEALED_KINDS: ReadonlySet<string> = new Set(["ballot_receipt"]);

export function sealedKinds(): ReadonlySet<string> {
  return SEALED_KINDS;
}

export function isSealedKind(kind: string): boolean {
  return SEALED_KINDS.has(kind);
}

export const SEALED_BODY =
  "This email carries a voter's ballot receipt. Its text is not shown to anyone but the voter: with the published ballot ledger it would show how they voted.";
