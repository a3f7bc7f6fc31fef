import { logger } from "./logger.server";

export type Loop = { stop: () => Promise<void> };

/** Runs `task` every `intervalMs`, never overlapping itself; stop() waits for a run in progress. */
export function startLoop(name: string, intervalMs: number, task: () => Promise<void>): Loop {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  const tick = async () => {
    if (stopped) return;
    running = task().catch((error) => logger.error({ err: error, loop: name }, "background task failed"));
    await running;
    running = undefined;
    if (!stopped) timer = setTimeout(tick, intervalMs);
  };
  timer = setTimeout(tick, 250);
  return {
    stop: async () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
