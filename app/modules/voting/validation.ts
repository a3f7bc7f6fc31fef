// Form schemas for the results pages, shared by routes and tests.
import { z } from "zod";
import { normaliseReceiptCode } from "./ledger";

const trimmed = (v: unknown) => (typeof v === "string" ? v.trim() : "");

/** Overriding a result line: fund or do not fund, with a public reason. */
export const OverrideLineSchema = z.object({
  ideaId: z.uuid({ error: "Choose a proposal." }),
  funded: z.enum(["yes", "no"], { error: "Choose whether to fund it." }).transform((v) => v === "yes"),
  reason: z.preprocess(
    trimmed,
    z
      .string()
      .min(10, "Give the public reason for the override, at least 10 characters.")
      .max(1000, "Keep the reason to 1,000 characters."),
  ),
});

export const UndoOverrideSchema = z.object({ ideaId: z.uuid({ error: "Choose a proposal." }) });

export const PublishResultsSchema = z.object({
  confirm: z.literal("yes", { error: "Confirm that the results have been checked." }),
});

/** A receipt code as typed: any case, spaces or dashes; O reads as 0, I and L as 1. */
export const ReceiptSchema = z.object({
  code: z.preprocess(
    trimmed,
    z
      .string()
      .min(1, "Enter your receipt code, like 7KQ2M-XW9FD.")
      .transform((v, ctx) => {
        const code = normaliseReceiptCode(v);
        if (!code) {
          ctx.addIssue({
            code: "custom",
            message: "Enter the 10 letters and numbers of your receipt code, like 7KQ2M-XW9FD.",
          });
          return z.NEVER;
        }
        return code;
      }),
  ),
});
