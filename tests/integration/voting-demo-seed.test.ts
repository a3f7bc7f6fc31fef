import { spawn } from "node:child_process";
import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "../../db/client";
import { ideas, ledgerSeals, resultLines, roundResults, rounds } from "../../db/schema";
import { createUser } from "../../db/seed/factories";
import { seedDemoIdeas } from "../../db/seed/demo-ideas";
import { seedDemoResults2026, seedDemoResultsRehearsal } from "../../db/seed/demo-results";
import { seedDemoRounds } from "../../db/seed/demo-rounds";
import { recountRound } from "../../app/modules/voting/recount.server";
import { loader as ledgerJson } from "../../app/routes/rounds.$round_.results.ledger[.]json";
import { loader as resultsJson } from "../../app/routes/rounds.$round_.results[.]json";
import { context, get, run } from "../support/http";
import { TAMPERS } from "../support/tampers";

const root = resolve(__dirname, "../..");

const roundBySlug = async (slug: string) => (await db.select().from(rounds).where(eq(rounds.slug, slug)))[0];

describe("the demo results", () => {
  it("2026 has a published result that agrees with its ideas' states and recounts, and the rehearsal round is sealed but unpublished", async () => {
    const admin = await createUser({ isAdmin: true });
    const member = await createUser({ name: "Tom Okafor" });
    await seedDemoRounds(admin.id);
    const [current, past] = [await roundBySlug("2027"), await roundBySlug("2026")];
    await seedDemoIdeas(current.id, past.id, [member]);
    await seedDemoResults2026(admin.id);
    await seedDemoResults2026(admin.id); // a second run adds nothing

    const [results] = await db.select().from(roundResults).where(eq(roundResults.roundId, past.id));
    expect(results.publishedAt).not.toBeNull();
    expect(results.publishedById).toBe(admin.id);
    expect(results.ballots).toBeGreaterThan(10);
    expect(results.ballots).toBeLessThan(results.eligible); // paper ballots included, turnout stays under 100%
    const states = new Map(
      (await db.select({ id: ideas.id, state: ideas.state }).from(ideas).where(eq(ideas.roundId, past.id))).map((i) => [
        i.id,
        i.state,
      ]),
    );
    const lines = await db.select().from(resultLines).where(eq(resultLines.roundId, past.id));
    expect(lines.length).toBe([...states.values()].filter((s) => s === "funded" || s === "not_funded").length);
    for (const line of lines) {
      expect(line.overrideReason).toBeNull();
      expect(line.funded ? "funded" : "not_funded").toBe(states.get(line.ideaId));
    }
    const after = await roundBySlug("2026");
    expect(after.phase).toBe("delivery");
    expect(Object.values(after.frozenSettings!.shortlist).flat().sort()).toEqual(lines.map((l) => l.ideaId).sort());
    expect((await recountRound("2026")).ok).toBe(true);

    const rehearsalId = await seedDemoResultsRehearsal();
    const rehearsal = await roundBySlug("results-rehearsal");
    expect(rehearsal.id).toBe(rehearsalId);
    expect(rehearsal.phase).toBe("results");
    const [seal] = await db.select().from(ledgerSeals).where(eq(ledgerSeals.roundId, rehearsalId));
    expect(seal.entries).toBeGreaterThanOrEqual(2);
    const [unpublished] = await db.select().from(roundResults).where(eq(roundResults.roundId, rehearsalId));
    expect(unpublished.publishedAt).toBeNull();
    expect(await db.select().from(resultLines).where(eq(resultLines.roundId, rehearsalId))).toHaveLength(6);
    expect((await recountRound("results-rehearsal")).ok).toBe(true);
  });
});

describe("the 2026 demo round recounted by a stranger", () => {
  it("from its downloaded files alone, with the database gone: exit 0; each tamper: exit 1 and the difference", async () => {
    if (!(await roundBySlug("2026"))) {
      const admin = await createUser({ isAdmin: true });
      await seedDemoRounds(admin.id);
      const [current, past] = [await roundBySlug("2027"), await roundBySlug("2026")];
      await seedDemoIdeas(current.id, past.id, [await createUser({ name: "Tom Okafor" })]);
      await seedDemoResults2026(admin.id);
    }

    // Downloaded as anyone would, through the routes.
    const download = async (loader: typeof ledgerJson, path: string) => {
      const answer = await run(() => loader({ request: get(path), params: { round: "2026" }, context: context() }));
      expect(answer.status).toBe(200);
      return answer.data as string;
    };
    const ledgerText = await download(ledgerJson, "/rounds/2026/results/ledger.json");
    const resultsText = await download(resultsJson, "/rounds/2026/results.json");

    // A folder with only the two files; the command runs there with no database settings, no
    // .env and no secret, and must leave nothing behind (no database folder).
    const dir = await mkdtemp(join(tmpdir(), "qx-recount-"));
    const recount = async (ledger: string, results: string) => {
      await writeFile(join(dir, "ledger.json"), ledger);
      await writeFile(join(dir, "results.json"), results);
      return new Promise<{ code: number | null; out: string }>((resolve) => {
        const child = spawn(
          join(root, "node_modules/.bin/tsx"),
          [
            "--tsconfig",
            join(root, "tsconfig.json"),
            join(root, "scripts/recount.ts"),
            "--ledger",
            "ledger.json",
            "--results",
            "results.json",
          ],
          { cwd: dir, env: { PATH: process.env.PATH ?? "", HOME: dir } as unknown as NodeJS.ProcessEnv },
        );
        let out = "";
        child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString("utf8")));
        child.stderr.on("data", (chunk: Buffer) => (out += chunk.toString("utf8")));
        child.on("close", (code) => resolve({ code, out }));
      });
    };
    try {
      const clean = await recount(ledgerText, resultsText);
      expect(clean.out).toMatch(/Step 5: the rule gives every published outcome/);
      expect(clean.out).toMatch(/The recount matches the published results\.\n$/);
      expect(clean.code).toBe(0);
      expect((await readdir(dir)).sort()).toEqual(["ledger.json", "results.json"]);

      for (const tamper of TAMPERS) {
        const ledger = JSON.parse(ledgerText);
        const results = JSON.parse(resultsText);
        await tamper.apply(ledger, results);
        const caught = await recount(JSON.stringify(ledger), JSON.stringify(results));
        expect(caught.code, tamper.name).toBe(1);
        const difference = /^DIFFERENCE: (.*)$/m.exec(caught.out)?.[1];
        expect(difference, `${tamper.name}\n${caught.out}`).toMatch(tamper.expected);
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 180_000);
});
