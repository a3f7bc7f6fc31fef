import { db } from "../client";
import { users, type User } from "../schema";
import { hashPassword } from "../../app/modules/accounts/passwords.server";
import { makeHandle } from "../../app/modules/accounts/handle";

// Valid data with overrides, shared by the demo seed and the tests.
let counter = 0;
const hashes = new Map<string, Promise<string>>();

function cachedHash(password: string) {
  let pending = hashes.get(password);
  if (!pending) {
    pending = hashPassword(password);
    hashes.set(password, pending);
  }
  return pending;
}

export const FACTORY_PASSWORD = "correct-horse-battery-staple";

export async function createUser(
  overrides: Partial<typeof users.$inferInsert> & { password?: string } = {},
): Promise<User> {
  counter += 1;
  const { password = FACTORY_PASSWORD, ...rest } = overrides;
  const name = rest.name ?? `Person ${counter}`;
  const at = new Date();
  const [user] = await db
    .insert(users)
    .values({
      email: `person${counter}-${Math.random().toString(36).slice(2, 8)}@example.org`,
      name,
      organisation: "Example NHS Trust",
      handle: makeHandle(name),
      emailVerifiedAt: at,
      membership: "approved",
      membershipDecidedAt: at,
      createdAt: at,
      updatedAt: at,
      ...rest,
      passwordHash: await cachedHash(password),
    })
    .returning();
  return user;
}
