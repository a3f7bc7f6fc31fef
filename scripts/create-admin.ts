// `npm run create-admin -- --email a@b.org --name "Ann Bee" --organisation "Q"`: the first admin.
// The password is read from ADMIN_PASSWORD or asked for, never taken from the command line.
import { parseArgs } from "node:util";
import readline from "node:readline/promises";
import { closeDb, configFromEnv, initDb } from "../db/client";
import { parseEnv } from "../app/lib/env.server";
import { createAdmin } from "../app/modules/accounts/create-admin.server";
import { isCommonPassword } from "../app/modules/accounts/passwords.server";
import { PASSWORD_MAX, PASSWORD_MIN } from "../app/modules/accounts/validation";

const { values } = parseArgs({
  options: { email: { type: "string" }, name: { type: "string" }, organisation: { type: "string" } },
});
if (!values.email) {
  console.error('Usage: npm run create-admin -- --email you@example.org [--name "Your Name"] [--organisation "Org"]');
  process.exit(2);
}
const env = parseEnv(process.env);
const handle = await initDb(configFromEnv(env));
await handle.migrate();
let password = process.env.ADMIN_PASSWORD;
if (!password && process.stdin.isTTY) {
  const rl = readline.createInterface({ input: process.stdin, output: process.stdout });
  password = await rl.question("Password for a new account (ignored if the account exists): ");
  rl.close();
}
if (password && (password.length < PASSWORD_MIN || password.length > PASSWORD_MAX || isCommonPassword(password))) {
  console.error(`The password must be ${PASSWORD_MIN}–${PASSWORD_MAX} characters and not a common one.`);
  await closeDb();
  process.exit(2);
}
try {
  const result = await createAdmin({
    email: values.email,
    name: values.name ?? values.email.split("@")[0],
    organisation: values.organisation ?? "Programme team",
    password,
  });
  console.log(result.created ? `Created admin ${values.email}.` : `${values.email} is now an admin.`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
await closeDb();
