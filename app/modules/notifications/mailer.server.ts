import nodemailer from "nodemailer";
import type { OutboxEmail } from "~db/schema";
import { env } from "~/lib/env.server";
import { logger } from "~/lib/logger.server";
import { isSealedKind } from "./outbox-status";
import { claimDueEmails, markFailed, markSent, renewClaim } from "./outbox.server";

export type Transport = { name: "smtp" | "none"; send: (email: OutboxEmail) => Promise<void> };

/**
 * The Message-ID of an outbox email: the same for every try of one dedupe key, and different for
 * different keys (each character outside [A-Za-z0-9-] is written =XX, its UTF-8 bytes in hex).
 */
export function messageIdFor(dedupeKey: string, host: string): string {
  const local = Array.from(Buffer.from(dedupeKey, "utf8"), (byte) => {
    const c = String.fromCharCode(byte);
    return /[A-Za-z0-9-]/.test(c) ? c : `=${byte.toString(16).toUpperCase().padStart(2, "0")}`;
  }).join("");
  return `<outbox-${local}@${host}>`;
}

export function smtpTransport(url: string, from: string, appUrl: string): Transport {
  // Bounded waits: one send always ends well within the two-minute claim on its email
  // (outbox.server.ts), so no other worker can take it over mid-send.
  const transporter = nodemailer.createTransport({
    url,
    connectionTimeout: 30_000,
    greetingTimeout: 30_000,
    socketTimeout: 60_000,
  });
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
        messageId: messageIdFor(email.dedupeKey, host),
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
      // A sealed email (a ballot receipt) is not logged at all, not even who it was for and when.
      if (!env().production && !isSealedKind(email.kind)) {
        logger.info(
          { to: email.toAddress, subject: email.subject },
          `email (not sent: no SMTP_URL)\n${email.textBody}`,
        );
      }
      await markSent(email.id, "held");
      continue;
    }
    // The claim may have run out while earlier emails of the batch were sent: renew it, or leave
    // the email to the worker that has taken it over.
    const claimed = await renewClaim(email);
    if (!claimed) continue;
    try {
      await transport.send(claimed);
      await markSent(email.id);
    } catch (error) {
      logger.warn({ id: email.id, attempts: email.attempts, err: String(error) }, "email delivery failed");
      await markFailed(email, String(error));
    }
  }
  return emails.length;
}
