import { z } from "zod";

// Shared by the browser and the server: the same messages at the same fields.
import { PASSWORD_MAX, PASSWORD_MIN } from "./password-policy";

export { PASSWORD_MAX, PASSWORD_MIN };

const email = z
  .string({ error: "Enter your email address" })
  .trim()
  .min(1, "Enter your email address")
  .max(254, "Email address must be 254 characters or fewer")
  .pipe(z.email("Enter an email address in the correct format, like name@example.org"))
  .transform((v) => v.toLowerCase());

export const newPassword = z
  .string({ error: "Enter a password" })
  .min(1, "Enter a password")
  .min(PASSWORD_MIN, `Password must be at least ${PASSWORD_MIN} characters`)
  .max(PASSWORD_MAX, `Password must be ${PASSWORD_MAX} characters or fewer`);

const name = z
  .string({ error: "Enter your name" })
  .trim()
  .min(1, "Enter your name")
  .max(100, "Name must be 100 characters or fewer");
const organisation = z
  .string({ error: "Enter your organisation" })
  .trim()
  .min(1, "Enter your organisation, or 'Independent'")
  .max(150, "Organisation must be 150 characters or fewer");
const jobTitle = z
  .string()
  .trim()
  .max(100, "Job title must be 100 characters or fewer")
  .optional()
  .transform((v) => (v ? v : null));

const checkbox = z
  .string()
  .optional()
  .transform((v) => v === "on" || v === "yes" || v === "true");

// A field no person can see: bots fill it in, people never do.
const honeypot = z.string().max(0, "Leave this field empty").optional();

export const RegisterSchema = z.object({
  name,
  email,
  password: newPassword,
  organisation,
  jobTitle,
  applyForMembership: checkbox,
  website: honeypot,
});

export const SignInSchema = z.object({
  email,
  password: z
    .string({ error: "Enter your password" })
    .min(1, "Enter your password")
    .max(PASSWORD_MAX * 4),
  redirectTo: z.string().optional(),
  website: honeypot,
});

export const EmailOnlySchema = z.object({ email, website: honeypot });

export const ResetPasswordSchema = z.object({
  token: z.string().min(1).max(200),
  password: newPassword,
});

export const ChangePasswordSchema = z.object({
  currentPassword: z.string({ error: "Enter your current password" }).min(1, "Enter your current password"),
  newPassword: z
    .string({ error: "Enter a new password" })
    .min(1, "Enter a new password")
    .min(PASSWORD_MIN, `Your new password must be at least ${PASSWORD_MIN} characters`)
    .max(PASSWORD_MAX, `Your new password must be ${PASSWORD_MAX} characters or fewer`),
});

export const ProfileSchema = z.object({ name, organisation, jobTitle });

export const DomainSchema = z.object({
  domain: z
    .string({ error: "Enter a domain" })
    .trim()
    .toLowerCase()
    .min(1, "Enter a domain, like nhs.net")
    .max(253)
    .regex(
      /^([a-z0-9]([a-z0-9-]*[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/,
      "Enter a domain in the correct format, like nhs.net",
    ),
});

export type RegisterInput = z.output<typeof RegisterSchema>;
export type ProfileInput = z.output<typeof ProfileSchema>;
