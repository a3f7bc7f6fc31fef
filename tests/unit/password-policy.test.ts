import { describe, expect, it } from "vitest";
import { hashPassword, isCommonPassword, verifyPassword } from "../../app/modules/accounts/passwords.server";
import { RegisterSchema } from "../../app/modules/accounts/validation";

const base = { name: "A", email: "a@example.org", organisation: "Org" };
const check = (password: string) => RegisterSchema.safeParse({ ...base, password });

describe("password policy", () => {
  it("a password of 9 characters is too short; 10 is enough", () => {
    expect(check("abcdefghi").success).toBe(false);
    expect(check("abcdefghij").success).toBe(true);
  });

  it("256 characters are accepted and 257 are not", () => {
    expect(check("x".repeat(256)).success).toBe(true);
    expect(check("x".repeat(257)).success).toBe(false);
  });

  it("has no composition rules: lower-case words alone are fine", () => {
    expect(check("plain lower case words").success).toBe(true);
  });

  it.each(["password1234", "qwertyuiop", "1234567890", "Password123!", "iloveyou2024", "aaaaaaaaaaaa", "sunshine!!!!"])(
    "%s is rejected as common",
    (password) => expect(isCommonPassword(password)).toBe(true),
  );

  it.each(["a sensible passphrase", "tea-kettle-orbit-lantern", "çà et là, über straße"])(
    "%s is not common",
    (password) => expect(isCommonPassword(password)).toBe(false),
  );
});

describe("Argon2id hashing", () => {
  it("uses Argon2id with 19 MiB, 2 iterations, parallelism 1", async () => {
    const hash = await hashPassword("a sensible passphrase");
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });

  it("verifies 64- and 256-character and non-ASCII passwords exactly, never truncated", async () => {
    for (const password of ["p".repeat(64), "q".repeat(256), "пароль-日本語-émoji-🙂-ok"]) {
      const hash = await hashPassword(password);
      expect(await verifyPassword(hash, password)).toBe(true);
      expect(await verifyPassword(hash, password.slice(0, -1))).toBe(false);
    }
  });

  it("a malformed hash verifies as false instead of throwing", async () => {
    expect(await verifyPassword("not-a-hash", "anything")).toBe(false);
  });
});
