/** Secrets the site makes for itself, kept in the database so every server process signs alike. */
import { randomBytes } from "node:crypto";
import type { Kysely } from "kysely";
import type { Database } from "../../db/schema";

// Per database handle: a test process may open several databases, each with its own secrets.
const known = new WeakMap<object, Map<string, string>>();

/** The named secret, made (32 random bytes) the first time it is asked for; racing makers keep the first. */
export async function siteSecret(db: Kysely<Database>, name: string): Promise<string> {
  let secrets = known.get(db);
  if (!secrets) known.set(db, (secrets = new Map<string, string>()));
  const cachedValue = secrets.get(name);
  if (cachedValue) return cachedValue;
  await db
    .insertInto("site_secret")
    .values({ name, value: randomBytes(32).toString("base64url") })
    .onConflict((oc) => oc.column("name").doNothing())
    .execute();
  const row = await db.selectFrom("site_secret").select("value").where("name", "=", name).executeTakeFirstOrThrow();
  secrets.set(name, row.value);
  return row.value;
}
