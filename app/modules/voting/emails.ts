// The voting emails, as plain text. The receipt email never lists the picks, and its text is
// sealed in the outbox (notifications/outbox-status.ts): with the published ledger, the code
// alone would show how the voter voted.
export function ballotReceiptEmail(input: {
  name: string;
  round: string;
  receiptCode: string;
  version: number;
  closes: string;
  voteLink: string;
  receiptLink: string;
}) {
  return {
    // The code is in the text only: the outbox shows subjects to the programme team.
    subject: `Your ballot receipt for ${input.round}`,
    text: [
      `Dear ${input.name},`,
      "",
      input.version === 1
        ? `Your ballot in ${input.round} has been recorded.`
        : `Your new ballot in ${input.round} has been recorded. It replaces your earlier one, which no longer counts.`,
      "",
      `Your receipt code is ${input.receiptCode}`,
      "",
      "Keep it. When the results are published, anyone can download the anonymised ballot ledger;",
      `with this code you can check that your ballot was counted as you cast it: ${input.receiptLink}`,
      "",
      `You can replace your ballot until voting closes at ${input.closes}: ${input.voteLink}`,
      "Only your last ballot counts.",
    ].join("\n"),
  };
}
