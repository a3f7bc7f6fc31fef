import { and, eq, isNull } from "drizzle-orm";
import { db } from "~db/client";
import { users } from "~db/schema";

/** What anyone may see of a person on /people/:person. */
export async function getPublicProfile(handle: string) {
  const [person] = await db
    .select({
      id: users.id,
      name: users.name,
      organisation: users.organisation,
      jobTitle: users.jobTitle,
      handle: users.handle,
      membership: users.membership,
      createdAt: users.createdAt,
    })
    .from(users)
    .where(and(eq(users.handle, handle), isNull(users.deletedAt)));
  return person ?? null;
}

export async function getAccount(userId: string) {
  const [person] = await db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      organisation: users.organisation,
      jobTitle: users.jobTitle,
      handle: users.handle,
      membership: users.membership,
      isAdmin: users.isAdmin,
    })
    .from(users)
    .where(eq(users.id, userId));
  return person ?? null;
}
