import { data } from "@remix-run/node";
import type { z } from "zod";
import { DomainError, TooManyRequests, statusOf } from "./errors";

export type FieldErrors = Record<string, string>;
export type FormFailure = { ok: false; errors: FieldErrors; values: Record<string, string> };

/** Reads a form body; a POST without a form content type is a 400, never a 500. */
export async function readForm(request: Request): Promise<FormData> {
  try {
    return await request.formData();
  } catch {
    throw data(
      { ok: false, errors: { form: "The form could not be read. Please try again." }, values: {} },
      { status: 400 },
    );
  }
}

/** Everything typed, minus secrets, so a failed form can be shown again as it was. */
export function formValues(
  form: FormData,
  omit: string[] = ["password", "newPassword", "currentPassword", "confirmPassword"],
) {
  const values: Record<string, string> = {};
  for (const [key, value] of form.entries()) {
    if (typeof value === "string" && !omit.includes(key)) values[key] = clean(value);
  }
  return values;
}

// PostgreSQL cannot store NUL characters in text; nobody types them, so they are dropped.
function clean(value: string): string {
  return value.includes("\u0000") ? value.replaceAll("\u0000", "") : value;
}

export function fieldErrorsFrom(error: z.ZodError): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "form";
    errors[key] ??= issue.message;
  }
  return errors;
}

export function parseForm<S extends z.ZodType>(
  schema: S,
  form: FormData,
): { ok: true; data: z.output<S> } | FormFailure {
  const raw: Record<string, unknown> = {};
  for (const key of new Set(form.keys())) {
    const all = form
      .getAll(key)
      .filter((v): v is string => typeof v === "string")
      .map(clean);
    raw[key] = all.length > 1 ? all : all[0];
  }
  const result = schema.safeParse(raw);
  if (result.success) return { ok: true, data: result.data };
  return { ok: false, errors: fieldErrorsFrom(result.error), values: formValues(form) };
}

/** A 400 (or the domain error's status) with the errors at their fields and what was typed. */
export function formFailure(errors: FieldErrors, values: Record<string, string>, status = 400) {
  return data({ ok: false as const, errors, values }, { status });
}

/** Turns a domain error thrown by a use case into the same shape as a validation failure. */
export function domainFailure(error: unknown, values: Record<string, string>, field = "form") {
  if (!(error instanceof DomainError)) throw error;
  const headers = new Headers();
  if (error instanceof TooManyRequests) headers.set("Retry-After", String(error.retryAfterSeconds));
  return data(
    { ok: false as const, errors: error.fieldErrors ?? { [field]: error.message }, values },
    { status: statusOf(error), headers },
  );
}
