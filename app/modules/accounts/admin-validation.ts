import { z } from "zod";
import { MEMBERSHIP_FILTERS, ROLE_FILTERS } from "./admin-filters";

// The /admin/users filters (GET) and the per-person actions (POST), shared by browser and server.
const optionalEnum = <T extends readonly [string, ...string[]]>(values: T) =>
  z.preprocess((v) => (v === "" ? undefined : v), z.enum(values).optional()).catch(undefined);

export const UserFiltersSchema = z.object({
  // A NUL character cannot be searched for in PostgreSQL text; such a search is ignored.
  q: z
    .string()
    .trim()
    .max(200)
    .refine((s) => !s.includes("\u0000"))
    .optional()
    .catch(undefined),
  membership: optionalEnum(MEMBERSHIP_FILTERS),
  role: optionalEnum(ROLE_FILTERS),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});

const confirm = z.literal("yes", { error: "Tick the box to confirm" });

export const SuspendSchema = z.object({
  reason: z
    .string({ error: "Enter the reason for the suspension; the person will see it" })
    .trim()
    .min(1, "Enter the reason for the suspension; the person will see it")
    .max(500, "Reason must be 500 characters or fewer"),
  suspendConfirm: confirm,
});
export const DeclineSchema = z.object({ declineConfirm: confirm });
export const RemoveAdminSchema = z.object({ removeAdminConfirm: confirm });

export const DeleteAccountSchema = z.object({
  confirmation: z
    .string({ error: "Enter your account's email address or your password to confirm" })
    .min(1, "Enter your account's email address or your password to confirm")
    .max(256),
});
