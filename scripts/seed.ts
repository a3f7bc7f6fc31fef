// `npm run db:seed`: the demo data, into an empty database only.
import { closeDb, configFromEnv, initDb } from "../db/client";
import { describeDemoAccounts, seedDemoIfEmpty } from "../db/seed/demo";
import { parseEnv } from "../app/lib/env.server";

const env = parseEnv(process.env);
const handle = await initDb(configFromEnv(env));
await handle.migrate();
if (await seedDemoIfEmpty()) console.log(`Demo data added.\n${describeDemoAccounts()}`);
else console.log("The database already has people in it: nothing was added.");
await closeDb();
