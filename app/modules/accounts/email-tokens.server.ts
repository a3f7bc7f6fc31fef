import { and, eq, gt, isNull } from "drizzle-orm";
import { db, type Tx } from "~db/client";
import { emailTokens } from "~db/schema";
import { now } from "~/lib/clock";
import { hashToken } from "./tokens.server";

/** Uses a one-time emailed token inside the caller's transaction: the row is locked and spent. */
export async function spendEmailToken(tx: Tx, token: string, purpose: "verify_email" | "reset_password") {
  const at = now();
  const [row] = await tx
    .update(emailTokens)
    .set({ usedAt: at })
    .where(
      and(
        eq(emailTokens.id, hashToken(token)),
        eq(emailTokens.purpose, purpose),
        isNull(emailTokens.usedAt),
        gt(emailTokens.expiresAt, at),
      ),
    )
    .returning({ userId: emailTokens.userId });
  return row ?? null;
}

/** Whether an emailed link still works, so its page can say so before anyone types anything. */
export async function isEmailTokenUsable(token: string, purpose: "verify_email" | "reset_password"): Promise<boolean> {
  const [row] = await db
    .select({ id: emailTokens.id })
    .from(emailTokens)
    .where(
      and(
        eq(emailTokens.id, hashToken(token)),
        eq(emailTokens.purpose, purpose),
        isNull(emailTokens.usedAt),
        gt(emailTokens.expiresAt, now()),
      ),
    );
  return Boolean(row);
}
