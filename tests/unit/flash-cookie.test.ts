import { beforeEach, describe, expect, it, vi } from "vitest";

// The flash-message cookie, in production and in development (the setting is mocked).
const settings = vi.hoisted(() => ({ production: true }));
vi.mock("../../app/lib/env.server", () => ({
  env: () => ({ production: settings.production, SECRET_KEY: "a-test-secret-that-is-long-enough-0123456789" }),
}));

// Unit test files share one module graph (isolate: false): a fresh copy, so the mock applies.
vi.resetModules();
const { flashHeader, readFlash } = await import("../../app/lib/flash.server");

const attributes = (header: string) =>
  header
    .split(";")
    .slice(1)
    .map((part) => part.trim().toLowerCase());

describe("the flash cookie", () => {
  beforeEach(() => {
    settings.production = true;
  });

  it("has the __Host- prefix in production, with Secure, Path=/ and no Domain, and reads back", async () => {
    const header = await flashHeader({ kind: "success", text: "Saved" });
    expect(header.startsWith("__Host-qx_flash=")).toBe(true);
    expect(attributes(header)).toEqual(expect.arrayContaining(["secure", "path=/", "httponly", "samesite=lax"]));
    expect(attributes(header).some((a) => a.startsWith("domain="))).toBe(false);
    const read = await readFlash(new Request("https://q.example/", { headers: { Cookie: header.split(";")[0] } }));
    expect(read.message).toEqual({ kind: "success", text: "Saved" });
    expect(read.clear?.startsWith("__Host-qx_flash=;")).toBe(true);
  });

  it("an unprefixed cookie is not read in production (another host could have set it)", async () => {
    settings.production = false;
    const plain = (await flashHeader({ kind: "error", text: "Planted" })).split(";")[0];
    settings.production = true;
    expect((await readFlash(new Request("https://q.example/", { headers: { Cookie: plain } }))).message).toBeNull();
  });

  it("keeps the plain name over http in development (browsers refuse __Host- without Secure)", async () => {
    settings.production = false;
    const header = await flashHeader({ kind: "info", text: "Hello" });
    expect(header.startsWith("qx_flash=")).toBe(true);
    expect(attributes(header)).not.toContain("secure");
  });
});
