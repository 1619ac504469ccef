/**
 * Sessions written from Lucia's guide (lucia-auth.com) rather than the
 * deprecated `lucia` package: see docs/decisions/0001-sessions-from-lucias-guide.md.
 *
 * The browser holds a random token (160 bits, base32); the database holds only
 * its SHA-256, so a leaked database cannot be replayed as cookies. Sessions
 * slide: one that is used within its last 15 days is extended to 30 days.
 */
import { sha256 } from "@oslojs/crypto/sha2";
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from "@oslojs/encoding";
import { data, redirect, type TypedResponse } from "@remix-run/node";
import type { Kysely } from "kysely";
import { canAdminister, canModerate } from "~/utils/permissions";
import { SESSION_COOKIE } from "~/utils/session-cookie";
import type { Database, Role } from "../db/schema";
import { getDb } from "./db.server";

export { SESSION_COOKIE };
const DAY = 24 * 60 * 60 * 1000;
export const SESSION_LIFETIME = 30 * DAY;
const RENEW_WITHIN = 15 * DAY;

export interface SessionUser {
  id: number;
  username: string;
  role: Role;
  createdAt: number;
}

export interface ValidSession {
  id: string;
  expiresAt: number;
  user: SessionUser;
}

export function generateSessionToken(): string {
  const bytes = new Uint8Array(20);
  crypto.getRandomValues(bytes);
  return encodeBase32LowerCaseNoPadding(bytes);
}

export function sessionIdFromToken(token: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

export async function createSession(
  db: Kysely<Database>,
  { token, userId, now = Date.now() }: { token: string; userId: number; now?: number },
): Promise<{ id: string; expiresAt: number }> {
  const session = {
    id: sessionIdFromToken(token),
    user_id: userId,
    expires_at: now + SESSION_LIFETIME,
    created_at: now,
  };
  await db.insertInto("session").values(session).execute();
  return { id: session.id, expiresAt: session.expires_at };
}

export async function validateSessionToken(
  db: Kysely<Database>,
  { token, now = Date.now() }: { token: string; now?: number },
): Promise<ValidSession | null> {
  const id = sessionIdFromToken(token);
  const row = await db
    .selectFrom("session")
    .innerJoin("user", "user.id", "session.user_id")
    .select([
      "session.id",
      "session.expires_at",
      "user.id as user_id",
      "user.username",
      "user.role",
      "user.created_at",
      "user.deleted_at",
    ])
    .where("session.id", "=", id)
    .executeTakeFirst();
  if (!row) return null;
  if (now >= row.expires_at || row.deleted_at !== null) {
    await db.deleteFrom("session").where("id", "=", id).execute();
    return null;
  }
  let expiresAt = row.expires_at;
  if (now >= expiresAt - RENEW_WITHIN) {
    expiresAt = now + SESSION_LIFETIME;
    await db.updateTable("session").set({ expires_at: expiresAt }).where("id", "=", id).execute();
  }
  return {
    id,
    expiresAt,
    user: { id: row.user_id, username: row.username, role: row.role, createdAt: row.created_at },
  };
}

export async function invalidateSession(db: Kysely<Database>, sessionId: string): Promise<void> {
  await db.deleteFrom("session").where("id", "=", sessionId).execute();
}

// --- cookies --------------------------------------------------------------

function isHttps(request: Request): boolean {
  return new URL(request.url).protocol === "https:";
}

/**
 * The cookie outlives any session (400 days, the most browsers keep): the
 * server alone decides when a session ends, so a sliding renewal never has to
 * re-send the cookie from whichever loader happened to renew it.
 */
export function sessionCookie(request: Request, token: string): string {
  return cookie(request, token, 400 * 24 * 60 * 60);
}

export function blankSessionCookie(request: Request): string {
  return cookie(request, "", 0);
}

function cookie(request: Request, value: string, maxAge: number): string {
  return [
    `${SESSION_COOKIE}=${value}`,
    "Path=/",
    "HttpOnly",
    "SameSite=Lax",
    `Max-Age=${maxAge}`,
    ...(isHttps(request) ? ["Secure"] : []),
  ].join("; ");
}

export function readSessionToken(request: Request): string | null {
  const header = request.headers.get("Cookie");
  if (!header) return null;
  for (const pair of header.split(";")) {
    const eq = pair.indexOf("=");
    if (eq === -1) continue;
    if (pair.slice(0, eq).trim() === SESSION_COOKIE) {
      const value = pair.slice(eq + 1).trim();
      return /^[a-z2-7]{32}$/.test(value) ? value : null;
    }
  }
  return null;
}

// --- per-request helpers --------------------------------------------------

// The root and the page's loaders each ask for the session, at the same moment, and Remix hands
// each loader its own copy of the Request. Lookups of one token that are in flight together are
// answered by one lookup: they would get the same answer. Nothing is kept once it is answered.
const lookupsInFlight = new Map<string, Promise<ValidSession | null>>();

export function getSession(request: Request): Promise<ValidSession | null> {
  const token = readSessionToken(request);
  if (!token) return Promise.resolve(null);
  let pending = lookupsInFlight.get(token);
  if (!pending) {
    pending = validateSessionToken(getDb(), { token }).finally(() => lookupsInFlight.delete(token));
    lookupsInFlight.set(token, pending);
  }
  return pending;
}

export async function getUser(request: Request): Promise<SessionUser | null> {
  return (await getSession(request))?.user ?? null;
}

/** The signed-in member, or a redirect to /login that brings them back here. */
export async function requireUser(request: Request): Promise<SessionUser> {
  const user = await getUser(request);
  if (!user) {
    const url = new URL(request.url);
    throw redirect(`/login?${new URLSearchParams({ redirectTo: url.pathname + url.search })}`);
  }
  return user;
}

/** A moderator (or admin) for this request, or a refusal: sign in first, or 403. */
export async function requireModerator(request: Request): Promise<SessionUser> {
  const user = await requireUser(request);
  if (!canModerate(user)) throw data("Only moderators can do that.", { status: 403 });
  return user;
}

export async function requireAdmin(request: Request): Promise<SessionUser> {
  const user = await requireUser(request);
  if (!canAdminister(user)) throw data("Only admins can do that.", { status: 403 });
  return user;
}

/** Signs a user in: a fresh session, and a redirect that sets its cookie. */
// Typed as redirect() types it, so a page's useActionData is not widened to any by a plain Response.
export async function startSession(
  request: Request,
  userId: number,
  redirectTo: string,
): Promise<TypedResponse<never>> {
  const token = generateSessionToken();
  await createSession(getDb(), { token, userId });
  return redirect(redirectTo, { headers: { "Set-Cookie": sessionCookie(request, token) } });
}

export async function logout(request: Request): Promise<Response> {
  const session = await getSession(request);
  if (session) await invalidateSession(getDb(), session.id);
  return redirect("/", { headers: { "Set-Cookie": blankSessionCookie(request) } });
}

// `.invalid` is never a real host, so "resolves to this origin" means "stays on this site".
const SAME_SITE = "https://same-site.invalid";

/**
 * Only same-site paths, so a crafted link cannot send someone elsewhere after signing in. The target is
 * parsed as the browser will parse it (which drops tabs and newlines, so `/\t/evil.example` is
 * `//evil.example`) and kept only if it stays on this origin; what is returned is the parser's own
 * serialisation, percent-encoded, so it is always a valid `Location` header (no CR/LF, no non-Latin-1).
 */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  if (typeof to !== "string" || !to.startsWith("/") || to.length > 2000) return fallback;
  try {
    const url = new URL(to, SAME_SITE);
    if (url.origin !== SAME_SITE) return fallback;
    // "/.//evil.example" resolves to the path "//evil.example", which a browser reads as another host.
    if (url.pathname.startsWith("//")) return fallback;
    return url.pathname + url.search + url.hash;
  } catch {
    return fallback;
  }
}
