// The panel's emails, as plain text.
export function shortlistOutcomeEmail(input: {
  name: string;
  title: string;
  round: string;
  included: boolean;
  feedback: string[];
  link: string;
}) {
  const lines = [
    `Dear ${input.name},`,
    "",
    input.included
      ? `Good news: the panel has shortlisted your proposal “${input.title}” in ${input.round}. It will go forward to the members' vote.`
      : `Thank you for your proposal “${input.title}” in ${input.round}. The panel has not shortlisted it this time.`,
    "",
  ];
  if (input.feedback.length > 0) {
    lines.push("Feedback from the panel:", "");
    input.feedback.forEach((f, i) => lines.push(`Reviewer ${i + 1}:`, f, ""));
  } else {
    lines.push("The reviewers left no written feedback for the team.", "");
  }
  lines.push(`Your proposal: ${input.link}`);
  return {
    subject: input.included ? `“${input.title}” is shortlisted` : `The panel's decision on “${input.title}”`,
    text: lines.join("\n"),
  };
}
