// The ideas emails, as plain text.
export function invitationEmail(input: {
  inviter: string;
  title: string;
  round: string;
  link: string;
  meLink: string;
}) {
  return {
    subject: `${input.inviter} invited you to join the team for “${input.title}”`,
    text: [
      `${input.inviter} has invited you to join the team for the idea “${input.title}” in ${input.round} on Q Exchange.`,
      "",
      `To accept or decline, open this link: ${input.link}`,
      "",
      "You will need to sign in (or create an account) with this email address. Once you have,",
      `your invitations are also listed on ${input.meLink}.`,
      "",
      "If you were not expecting this, you can ignore this email.",
    ].join("\n"),
  };
}

export function proposalSubmittedEmail(input: { name: string; title: string; round: string; link: string }) {
  return {
    subject: `Your proposal “${input.title}” has been submitted`,
    text: [
      `Dear ${input.name},`,
      "",
      `Your proposal “${input.title}” has been submitted to ${input.round}.`,
      `You can see it here: ${input.link}`,
      "",
      "You may withdraw it before the results are published; you cannot submit another proposal in this round.",
    ].join("\n"),
  };
}
