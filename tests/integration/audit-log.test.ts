import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "../../db/client";
import { auditLog } from "../../db/schema";
import { recordAudit } from "../../app/modules/audit/record.server";

describe("the audit log is append-only in the database", () => {
  it("accepts inserts", async () => {
    await recordAudit({ actorId: null, action: "test.inserted", subjectType: "test" });
    const rows = await db.select().from(auditLog);
    expect(rows.map((r) => r.action)).toContain("test.inserted");
  });

  it("rejects UPDATE", async () => {
    await recordAudit({ actorId: null, action: "test.update", subjectType: "test" });
    await expect(db.execute(sql`update audit_log set action = 'changed'`)).rejects.toThrow();
    const rows = await db.select().from(auditLog);
    expect(rows.some((r) => r.action === "changed")).toBe(false);
  });

  it("rejects DELETE", async () => {
    await recordAudit({ actorId: null, action: "test.delete", subjectType: "test" });
    await expect(db.execute(sql`delete from audit_log`)).rejects.toThrow();
    expect((await db.select().from(auditLog)).length).toBeGreaterThan(0);
  });

  it("rejects TRUNCATE", async () => {
    await recordAudit({ actorId: null, action: "test.truncate", subjectType: "test" });
    await expect(db.execute(sql`truncate audit_log`)).rejects.toThrow();
    expect((await db.select().from(auditLog)).length).toBeGreaterThan(0);
  });
});
