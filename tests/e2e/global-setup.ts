import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { LOG_DIR, TEMPLATE_ENV, prepareTemplate } from "./servers";

// Runs once before the workers start: the seeded template they copy, and the folder in which the
// accessibility check marks the kinds of page it has checked. Workers inherit this process's
// environment, which is how they find both.
export default async function globalSetup() {
  fs.rmSync(LOG_DIR, { recursive: true, force: true });
  const { template, remove } = await prepareTemplate(LOG_DIR);
  process.env[TEMPLATE_ENV] = JSON.stringify(template);
  const seen = fs.mkdtempSync(path.join(os.tmpdir(), "qx-axe-"));
  process.env.QX_AXE_SEEN = seen;
  return async () => {
    await remove();
    fs.rmSync(seen, { recursive: true, force: true });
  };
}
