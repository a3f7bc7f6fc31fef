import type { AddressInfo } from "node:net";
import { sql } from "drizzle-orm";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../db/client";
import { auditLog } from "../../db/schema";
import { recordAudit } from "../../app/modules/audit/record.server";
import { consumeWriteLimit } from "../../app/runtime.server";
import { guardStateChanges } from "../../server/app";

// The real guard in front of a handler that writes a row: a forged request must write nothing.
let baseUrl = "";
let close: () => void;

beforeAll(async () => {
  const app = express();
  app.use(
    guardStateChanges({
      appUrl: "http://app.example",
      runtime: () => ({ ready: async () => true, consumeWriteLimit }),
    }),
  );
  app.all("*", async (_req, res) => {
    await recordAudit({ actorId: null, action: "test.write", subjectType: "test" });
    res.status(200).send("written");
  });
  const server = app.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  close = () => server.close();
});

afterAll(() => close());

const writes = async () =>
  (
    await db
      .select({ n: sql<number>`count(*)::int` })
      .from(auditLog)
      .where(sql`action = 'test.write'`)
  )[0].n;

describe("the Origin check", () => {
  it.each([
    ["no Origin", {}],
    ["a foreign Origin", { Origin: "https://evil.example" }],
    ["Origin: null", { Origin: "null" }],
    ["a look-alike Origin", { Origin: "http://app.example.evil.example" }],
  ])("answers 403 to a POST with %s and writes nothing", async (_label, headers) => {
    const before = await writes();
    const response = await fetch(`${baseUrl}/anything`, {
      method: "POST",
      headers: { ...headers, "Content-Type": "application/x-www-form-urlencoded" },
      body: "a=1",
    });
    expect(response.status).toBe(403);
    expect(await writes()).toBe(before);
  });

  it("lets a POST from the app's own origin through", async () => {
    const before = await writes();
    const response = await fetch(`${baseUrl}/anything`, {
      method: "POST",
      headers: { Origin: "http://app.example" },
      body: "a=1",
    });
    expect(response.status).toBe(200);
    expect(await writes()).toBe(before + 1);
  });

  it("compares with APP_URL only: a POST whose Origin matches the Host header it sent is refused", async () => {
    const before = await writes();
    // The address the request reached, and a Host header the client forged to match its own page.
    for (const [origin, host] of [
      [baseUrl, new URL(baseUrl).host],
      ["http://evil.example", "evil.example"],
    ]) {
      const response = await fetch(`${baseUrl}/anything`, {
        method: "POST",
        headers: { Origin: origin, Host: host, "Content-Type": "application/x-www-form-urlencoded" },
        body: "a=1",
      });
      expect(response.status).toBe(403);
    }
    expect(await writes()).toBe(before);
  });

  it("applies to PUT, PATCH and DELETE as well", async () => {
    for (const method of ["PUT", "PATCH", "DELETE"]) {
      expect((await fetch(`${baseUrl}/anything`, { method, headers: { Origin: "https://evil.example" } })).status).toBe(
        403,
      );
    }
  });

  it("does not stop reading pages", async () => {
    expect((await fetch(`${baseUrl}/anything`)).status).toBe(200);
  });
});
