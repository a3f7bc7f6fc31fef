// The shape of the benchmark data set, shared by the seed and the benchmark so both agree on
// slugs, accounts and sizes. Ids are md5(text)::uuid of a readable key (see uuidOf).
import { createHash } from "node:crypto";
import type { Phase } from "../app/modules/rounds/rules";

export const BENCH = {
  password: "bench-password-0123",
  adminEmail: "bench-admin@bench.example",
  /** The server runs with this key in the benchmark, so voter references in the seed match. */
  secretKey: "bench-secret-key-that-is-long-enough-0123456789",
  roundPhases: [
    "closed",
    "closed",
    "closed",
    "closed",
    "closed",
    "closed",
    "delivery",
    "delivery",
    "voting",
    "ideas",
  ] as Phase[],
  roundSlug: (k: number) => `r${2018 + k}`,
  popularComments: 350,
  supportsPerIdea: 8,
  /** Shortlisted proposals per round (split between its two categories) and picks per category. */
  shortlisted: 30,
  picks: 3,
} as const;

/** The port the benchmark's server listens on: BENCH_PORT, else 3400. */
export const benchPort = (): number => Number(process.env.BENCH_PORT ?? 3400);
export const benchBase = (): string => `http://127.0.0.1:${benchPort()}`;

export const benchDatabaseName = (scale: number) => `qx_bench_${String(scale).replace(/\D/g, "_")}`;

export type BenchSizes = {
  members: number;
  ideas: number;
  ideasPerRound: number;
  proposals: number;
  comments: number;
  ballots: number;
  updates: number;
};

export function sizesFor(scale: number): BenchSizes {
  const ideasPerRound = Math.max(40, Math.round(20 * scale));
  return {
    members: Math.max(200, Math.round(500 * scale)),
    ideas: ideasPerRound * 10,
    ideasPerRound,
    proposals: Math.max(BENCH.shortlisted, Math.floor(ideasPerRound * 0.4)),
    comments: Math.max(10 * BENCH.popularComments + 1000, Math.round(5000 * scale)),
    ballots: Math.round(500 * scale),
    updates: Math.round(20 * scale),
  };
}

/** PostgreSQL's md5(key)::uuid, computed here. */
export function uuidOf(key: string): string {
  const hex = createHash("md5").update(key, "utf8").digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export const roundId = (k: number) => uuidOf(`r${k}`);
export const ideaId = (k: number, n: number) => uuidOf(`i${k}-${n}`);
export const categoryId = (k: number, j: number) => uuidOf(`c${k}-${j}`);
export const memberId = (i: number) => uuidOf(`u${i}`);
