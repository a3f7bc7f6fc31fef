import nodemailer from "nodemailer";
import type { OutboxEmail } from "~db/schema";
import { env } from "~/lib/env.server";
import { logger } from "~/lib/logger.server";
import { claimDueEmails, markFailed, markSent } from "./outbox.server";

export type Transport = { name: "smtp" | "none"; send: (email: OutboxEmail) => Promise<void> };

export function smtpTransport(url: string, from: string, appUrl: string): Transport {
  const transporter = nodemailer.createTransport(url);
  const host = new URL(appUrl).hostname;
  return {
    name: "smtp",
    send: async (email) => {
      await transporter.sendMail({
        from,
        to: email.toAddress,
        subject: email.subject,
        text: email.textBody,
        // The same id on every retry lets receiving servers drop a duplicate.
        messageId: `<outbox-${email.dedupeKey.replace(/[^a-zA-Z0-9.-]/g, "_")}@${host}>`,
      });
    },
  };
}

export function transportFromEnv(): Transport {
  const { SMTP_URL, MAIL_FROM, APP_URL } = env();
  if (SMTP_URL) return smtpTransport(SMTP_URL, MAIL_FROM, APP_URL);
  return { name: "none", send: async () => {} };
}

/** Delivers one batch of due emails. Returns how many were claimed. */
export async function deliverBatch(transport: Transport, limit = 20): Promise<number> {
  const emails = await claimDueEmails(limit);
  for (const email of emails) {
    if (transport.name === "none") {
      // No mail server: the email stays readable by admins at /admin/outbox.
      if (!env().production) {
        logger.info({ to: email.toAddress, subject: email.subject }, `email (not sent: no SMTP_URL)\n${email.textBody}`);
      }
      await markSent(email.id, "held");
      continue;
    }
    try {
      await transport.send(email);
      await markSent(email.id);
    } catch (error) {
      logger.warn({ id: email.id, attempts: email.attempts, err: String(error) }, "email delivery failed");
      await markFailed(email, String(error));
    }
  }
  return emails.length;
}
