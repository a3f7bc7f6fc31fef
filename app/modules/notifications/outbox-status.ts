// How each outbox status reads to the programme team.
export const OUTBOX_STATUS = {
  pending: "Waiting to send",
  sent: "Sent",
  held: "Not sent (no mail server)",
  failed: "Failed",
} as const;
