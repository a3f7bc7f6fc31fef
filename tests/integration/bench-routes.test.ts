import { describe, expect, it } from "vitest";
import { loader as pageLoader } from "../../app/routes/bench.page";
import { loader as textLoader } from "../../app/routes/bench.text";
import { run } from "../support/http";

describe("the benchmark's ceiling routes", () => {
  it("do not exist unless BENCH_ROUTES is set", async () => {
    expect((await run(() => pageLoader())).status).toBe(404);
    expect((await run(() => textLoader())).status).toBe(404);
  });
});
