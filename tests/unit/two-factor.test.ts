import { describe, expect, it } from "vitest";
import { generateHOTP } from "@oslojs/otp";
import {
  formatRecoveryCode,
  groupSecret,
  matchingStep,
  normaliseRecoveryCode,
  normaliseTotpCode,
  stepAt,
  TOTP_PERIOD_SECONDS,
} from "../../app/modules/accounts/two-factor";

// RFC 6238 appendix B's SHA-1 key; at T = 59 s the 8-digit code is 94287082, so 6 digits: 287082.
const KEY = new TextEncoder().encode("12345678901234567890");
const at = (seconds: number) => new Date(seconds * 1000);

describe("authenticator codes (TOTP)", () => {
  it("accepts the RFC 6238 test vector", () => {
    expect(matchingStep(KEY, "287082", at(59), null)).toBe(1);
  });

  it("accepts the code of one step either side, for drifting clocks, and nothing further", () => {
    const step = stepAt(at(1_111_111_109));
    const codeAt = (s: number) => generateHOTP(KEY, BigInt(s), 6);
    expect(matchingStep(KEY, codeAt(step - 1), at(1_111_111_109), null)).toBe(step - 1);
    expect(matchingStep(KEY, codeAt(step + 1), at(1_111_111_109), null)).toBe(step + 1);
    expect(matchingStep(KEY, codeAt(step - 2), at(1_111_111_109), null)).toBeNull();
    expect(matchingStep(KEY, codeAt(step + 2), at(1_111_111_109), null)).toBeNull();
  });

  it("refuses a code from a step already used, so a code cannot be replayed", () => {
    const now = at(1_234_567_890);
    const code = generateHOTP(KEY, BigInt(stepAt(now)), 6);
    expect(matchingStep(KEY, code, now, stepAt(now) - 1)).toBe(stepAt(now));
    expect(matchingStep(KEY, code, now, stepAt(now))).toBeNull();
  });

  it("refuses a wrong code", () => {
    expect(matchingStep(KEY, "000000", at(59), null)).toBeNull();
  });

  it("reads codes typed with spaces or a dash, and refuses anything that is not six digits", () => {
    expect(normaliseTotpCode(" 123 456 ")).toBe("123456");
    expect(normaliseTotpCode("123-456")).toBe("123456");
    expect(normaliseTotpCode("12345")).toBeNull();
    expect(normaliseTotpCode("12345a")).toBeNull();
    expect(normaliseTotpCode("1234567")).toBeNull();
  });

  it("steps are 30 seconds long", () => {
    expect(TOTP_PERIOD_SECONDS).toBe(30);
    expect(stepAt(at(29.999))).toBe(0);
    expect(stepAt(at(30))).toBe(1);
  });
});

describe("recovery codes", () => {
  it("are ten Crockford base32 characters in two groups", () => {
    const code = formatRecoveryCode(new Uint8Array([255, 1, 2, 3, 4, 5, 6]));
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/);
  });

  it("different bytes give different codes", () => {
    const a = formatRecoveryCode(new Uint8Array([1, 2, 3, 4, 5, 6, 7]));
    const b = formatRecoveryCode(new Uint8Array([1, 2, 3, 4, 5, 7, 7]));
    expect(a).not.toBe(b);
  });

  it("are read whatever the case, spacing and look-alike letters", () => {
    expect(normaliseRecoveryCode("7kq2m x9rta")).toBe("7KQ2M-X9RTA");
    expect(normaliseRecoveryCode("O1IL0-ABCDE")).toBe("01110-ABCDE");
    expect(normaliseRecoveryCode("7KQ2M-X9RT")).toBeNull();
    expect(normaliseRecoveryCode("7KQ2M-X9RTU")).toBeNull(); // U is not in Crockford's alphabet
  });

  it("the key is grouped in fours for typing by hand", () => {
    expect(groupSecret("ABCDEFGHIJ")).toBe("ABCD EFGH IJ");
  });
});
