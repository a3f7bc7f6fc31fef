// Form schemas for the panel pages, shared by routes and tests.
import { z } from "zod";

const reason = (what: string) =>
  z.preprocess(
    (v) => (typeof v === "string" ? v.trim() : ""),
    z.string().min(3, `Give ${what}.`).max(1000, "Keep it to 1,000 characters."),
  );

// Addresses are slugs; anything else (a NUL character would make PostgreSQL fail) is not found.
const slug = (max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
export const PanelParamsSchema = z.object({ round: slug(120) });
export const ReviewParamsSchema = z.object({ round: slug(120), idea: slug(200) });

export const AddReviewerSchema = z.object({
  email: z.preprocess(
    (v) => (typeof v === "string" ? v.trim().toLowerCase() : ""),
    z.email({ error: "Enter the reviewer's email address, like name@example.org." }),
  ),
  chair: z.preprocess((v) => v === "on" || v === "true", z.boolean()),
});
export const PersonSchema = z.object({ userId: z.uuid({ error: "Choose a reviewer." }) });
export const ChairSchema = z.object({
  userId: z.preprocess(
    (v) => (v === "" || v === "none" ? null : v),
    z.uuid({ error: "Choose a reviewer." }).nullable(),
  ),
});
export const AssignAllSchema = z.object({
  k: z.coerce
    .number({ error: "Enter a whole number of reviewers from 1 to 10." })
    .int("Enter a whole number of reviewers from 1 to 10.")
    .min(1, "Enter a whole number of reviewers from 1 to 10.")
    .max(10, "Enter a whole number of reviewers from 1 to 10."),
});
export const PairSchema = z.object({
  ideaId: z.uuid({ error: "Choose a proposal." }),
  reviewerId: z.uuid({ error: "Choose a reviewer." }),
});
export const OverrideSchema = PairSchema.extend({
  reason: reason("the reason the reviewer may review despite the shared organisation"),
});

export const DeclareConflictSchema = z.object({ reason: reason("a reason for the conflict, for the programme team") });

const score = z.preprocess(
  (v) => (v === "" || v == null ? undefined : v),
  z.coerce.number().int().min(1).max(5).optional(),
);
const text = (max: number) =>
  z.preprocess(
    (v) => (typeof v === "string" ? v.trim() : ""),
    z.string().max(max, `Keep it to ${max.toLocaleString("en-GB")} characters.`),
  );

/** The review form: `score-<index>` per criterion; a draft may leave scores out, a submission may not. */
export function reviewSchema(criteria: number) {
  const shape: Record<string, typeof score> = {};
  for (let i = 0; i < criteria; i++) shape[`score-${i}`] = score;
  return z
    .object({ ...shape, panelComment: text(5000), applicantFeedback: text(5000), intent: z.enum(["draft", "submit"]) })
    .superRefine((value, ctx) => {
      if (value.intent !== "submit") return;
      for (let i = 0; i < criteria; i++) {
        if ((value as Record<string, unknown>)[`score-${i}`] === undefined)
          ctx.addIssue({ code: "custom", path: [`score-${i}`], message: "Choose a score from 1 to 5." });
      }
      if (!value.panelComment)
        ctx.addIssue({ code: "custom", path: ["panelComment"], message: "Write a comment for the panel." });
    })
    .transform((value) => ({
      scores: Array.from(
        { length: criteria },
        (_, i) => (value as Record<string, unknown>)[`score-${i}`] as number | undefined,
      ).flatMap((s, i) => (s === undefined ? [] : [{ criterionId: String(i), score: s }])),
      panelComment: value.panelComment,
      applicantFeedback: value.applicantFeedback,
      submit: value.intent === "submit",
    }));
}

/** The shortlist form: `include-<ideaId>` checkboxes and `rationale-<ideaId>` text per proposal. */
export function shortlistFormDecisions(form: FormData, ideaIds: readonly string[]) {
  return ideaIds.map((ideaId) => ({
    ideaId,
    included: form.get(`include-${ideaId}`) === "on",
    rationale:
      String(form.get(`rationale-${ideaId}`) ?? "")
        .trim()
        .slice(0, 1000) || null,
  }));
}
