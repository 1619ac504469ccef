/**
 * `npm run -s user:role -- <username> <member|moderator|admin>`: the only way
 * to make the first admin, since the product has no e-mail to verify anyone.
 */
import { setRole } from "../app/models/user.server";
import { ROLES, type Role } from "../app/utils/permissions";
import { openDatabase } from "../db/database";
import { migrateOrThrow } from "../db/migrate";

const roles: readonly Role[] = ROLES;
const [username, role] = process.argv.slice(2);

if (!username || !roles.includes(role as Role)) {
  console.error("Usage: npm run -s user:role -- <username> <member|moderator|admin>");
  process.exit(2);
}

const db = openDatabase();
try {
  await migrateOrThrow(db);
  if (await setRole(db, { username, role: role as Role })) {
    console.log(`${username} is now ${role === "admin" ? "an admin" : `a ${role}`}.`);
  } else {
    console.error(`There is no user called "${username}".`);
    process.exitCode = 1;
  }
} finally {
  await db.destroy();
}
