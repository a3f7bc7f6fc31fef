// `npm run db:migrate`: applies the committed migrations to DATABASE_URL, or to the embedded folder.
import { closeDb, configFromEnv, initDb } from "../db/client";
import { parseEnv } from "../app/lib/env.server";

const env = parseEnv(process.env);
const handle = await initDb(configFromEnv(env));
await handle.migrate();
console.log(`Migrations applied (${handle.kind}).`);
await closeDb();
