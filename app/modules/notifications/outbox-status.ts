// How each outbox status reads to the programme team.
export const OUTBOX_STATUS = {
  pending: "Waiting to send",
  sent: "Sent",
  held: "Not sent (no mail server)",
  failed: "Failed",
} as const;

/**
 * Kinds of email whose text nobody but the recipient may read: a ballot receipt, with the
 * published ledger, would show how that person voted. The admin outbox shows who they went to
 * and when, never their text, and the text is erased once the email has been handed to the mail server.
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
