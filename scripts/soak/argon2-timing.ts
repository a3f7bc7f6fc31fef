// Figure 9 (brute force), the cost side: how long one Argon2id hash and one verify take with the
// app's own parameters (read back from a hash the app made, so they cannot drift from the code).
// No database or server: run with `npm run soak -- --only argon2-timing --no-build`.
import os from "node:os";
import { performance } from "node:perf_hooks";
import { hashPassword, verifyPassword } from "../../app/modules/accounts/passwords.server";
import { report } from "./support";

const RUNS = Number(process.env.ARGON2_RUNS ?? 25);
// OWASP Password Storage Cheat Sheet: Argon2id with at least 19 MiB, 2 iterations, 1 lane.
const OWASP = { memoryKiB: 19_456, iterations: 2, parallelism: 1 };

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const ms = (n: number) => `${n.toFixed(1)} ms`;

async function timed<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const start = performance.now();
  const value = await fn();
  return [performance.now() - start, value];
}

// One unmeasured round first: the native module loads and the allocator warms up.
const warm = await hashPassword("warm-up password that is long enough");
await verifyPassword(warm, "warm-up password that is long enough");

const hashTimes: number[] = [];
const verifyTimes: number[] = [];
const wrongTimes: number[] = [];
let sample = "";
let verifiedAll = true;
for (let i = 0; i < RUNS; i++) {
  const password = `soak password number ${i} with some length`;
  const [hashMs, hash] = await timed(() => hashPassword(password));
  const [verifyMs, ok] = await timed(() => verifyPassword(hash, password));
  const [wrongMs, wrongOk] = await timed(() => verifyPassword(hash, `${password}!`));
  hashTimes.push(hashMs);
  verifyTimes.push(verifyMs);
  wrongTimes.push(wrongMs);
  verifiedAll &&= ok && !wrongOk;
  sample = hash;
}

const m = /^\$(argon2id)\$v=(\d+)\$m=(\d+),t=(\d+),p=(\d+)\$/.exec(sample);
if (!m)
  report({
    figure: 9,
    title: "Argon2id hashing time",
    result: `unexpected hash format: ${sample.slice(0, 40)}`,
    pass: false,
  });
const params = {
  algorithm: m[1],
  version: Number(m[2]),
  memoryKiB: Number(m[3]),
  iterations: Number(m[4]),
  parallelism: Number(m[5]),
};
const strongEnough =
  params.algorithm === "argon2id" &&
  params.memoryKiB >= OWASP.memoryKiB &&
  params.iterations >= OWASP.iterations &&
  params.parallelism >= OWASP.parallelism;
const hashMedian = median(hashTimes);
const verifyMedian = median(verifyTimes);
const wrongMedian = median(wrongTimes);
// A sign-in should not keep a person waiting: well under a second per verify on this machine.
const fastEnough = verifyMedian < 1000;
const paramText = `${params.algorithm} v=${params.version} m=${params.memoryKiB} KiB (${(params.memoryKiB / 1024).toFixed(0)} MiB) t=${params.iterations} p=${params.parallelism}`;

report({
  figure: 9,
  title: "Argon2id hashing time (app parameters)",
  result: `${paramText}; median of ${RUNS}: hash ${ms(hashMedian)}, verify ${ms(verifyMedian)} (wrong password ${ms(wrongMedian)})`,
  pass: strongEnough && fastEnough && verifiedAll,
  details: [
    `Parameters read from a hash made by hashPassword(): ${paramText}; OWASP minimum m=19456 KiB, t=2, p=1: ${strongEnough ? "met" : "NOT met"}.`,
    `Hash: median ${ms(hashMedian)}, min ${ms(Math.min(...hashTimes))}, max ${ms(Math.max(...hashTimes))} over ${RUNS} runs.`,
    `Verify (right password): median ${ms(verifyMedian)}, min ${ms(Math.min(...verifyTimes))}, max ${ms(Math.max(...verifyTimes))}.`,
    `Verify (wrong password): median ${ms(wrongMedian)} — the same work, so timing does not say whether a guess was close.`,
    `Every right password verified and every wrong one failed: ${verifiedAll ? "yes" : "NO"}.`,
    `Pass: parameters at least OWASP's and median verify under 1000 ms. Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, Node ${process.version}, load average ${os.loadavg()[0].toFixed(2)} (shared with other work).`,
    `An attacker who got past the limits (10 guesses per 15 minutes per account) and stole no hashes is limited by those; one who stole the table pays about ${ms(hashMedian)} of one core and 19 MiB per guess.`,
  ],
});
