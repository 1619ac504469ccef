/**
 * `npm run -s user:reset-link -- <username>`: prints a one-hour, single-use link to choose a new password,
 * for a forum without e-mail (or a member without an address). The admin passes it on by hand.
 */
import { createResetLink } from "../app/models/member-email.server";
import { getUserByUsername } from "../app/models/user.server";
import { absoluteUrl } from "../app/server/mail-messages.server";
import { openDatabase } from "../db/database";
import { migrateOrThrow } from "../db/migrate";

const [username] = process.argv.slice(2);
if (!username) {
  console.error("Usage: npm run -s user:reset-link -- <username>");
  process.exit(2);
}

const db = openDatabase();
try {
  await migrateOrThrow(db);
  const user = await getUserByUsername(db, username);
  if (!user || user.deleted_at !== null) {
    console.error(`There is no member called "${username}".`);
    process.exitCode = 1;
  } else {
    const token = await createResetLink(db, { userId: user.id });
    console.log(absoluteUrl(`/reset/${token}`));
  }
} finally {
  await db.destroy();
}
