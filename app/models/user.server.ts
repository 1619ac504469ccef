/** Members: creating accounts, checking passwords, roles. */
import type { Kysely } from "kysely";
import type { Database, Role } from "../../db/schema";
import { hashPassword, verifyAgainstDummy, verifyPassword } from "../utils/password.server";

export function usernameKey(username: string): string {
  return username.toLowerCase();
}

export class UsernameTakenError extends Error {
  constructor() {
    super("That username is taken.");
  }
}

export async function createUser(
  db: Kysely<Database>,
  { username, password, now = Date.now() }: { username: string; password: string; now?: number },
): Promise<{ id: number; username: string }> {
  const passwordHash = await hashPassword(password);
  const row = await db
    .insertInto("user")
    .values({ username, username_key: usernameKey(username), password_hash: passwordHash, created_at: now, deleted_at: null })
    .onConflict((oc) => oc.column("username_key").doNothing())
    .returning(["id", "username"])
    .executeTakeFirst();
  if (!row) throw new UsernameTakenError();
  return row;
}

/** The user whose password this is, or null; as slow for unknown usernames as for wrong passwords. */
export async function verifyLogin(
  db: Kysely<Database>,
  { username, password }: { username: string; password: string },
): Promise<{ id: number; username: string } | null> {
  const user = await db
    .selectFrom("user")
    .select(["id", "username", "password_hash"])
    .where("username_key", "=", usernameKey(username))
    .where("deleted_at", "is", null)
    .executeTakeFirst();
  if (!user?.password_hash) return verifyAgainstDummy(password).then(() => null);
  if (!(await verifyPassword(user.password_hash, password))) return null;
  return { id: user.id, username: user.username };
}

export async function getUserByUsername(db: Kysely<Database>, username: string) {
  return db
    .selectFrom("user")
    .select(["id", "username", "role", "created_at", "deleted_at"])
    .where("username_key", "=", usernameKey(username))
    .executeTakeFirst();
}

/** Sets a member's role; false when no such user exists. */
export async function setRole(db: Kysely<Database>, { username, role }: { username: string; role: Role }): Promise<boolean> {
  const result = await db
    .updateTable("user")
    .set({ role })
    .where("username_key", "=", usernameKey(username))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
