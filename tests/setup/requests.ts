/** Builds the requests a browser would send, for calling loaders and actions directly. */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "../../app/db.server";
import { createUser } from "../../app/models/user.server";
import { createSession, generateSessionToken, SESSION_COOKIE } from "../../app/session.server";
import type { Role } from "../../db/schema";

export const ORIGIN = "http://127.0.0.1:3999";

export function formRequest(path: string, fields: Record<string, string | string[]>, cookie?: string): Request {
  const body = new URLSearchParams();
  for (const [key, value] of Object.entries(fields)) for (const v of [value].flat()) body.append(key, v);
  const headers: Record<string, string> = { "Content-Type": "application/x-www-form-urlencoded", Origin: ORIGIN };
  if (cookie) headers.Cookie = cookie;
  return new Request(`${ORIGIN}${path}`, { method: "POST", body, headers });
}

export function getRequest(path: string, cookie?: string): Request {
  return new Request(`${ORIGIN}${path}`, { headers: cookie ? { Cookie: cookie } : {} });
}

type Handler<A> = (args: A) => unknown;

export function actionArgs(request: Request, params: Record<string, string> = {}): ActionFunctionArgs {
  return { request, params, context: {} };
}

export function loaderArgs(request: Request, params: Record<string, string> = {}): LoaderFunctionArgs {
  return { request, params, context: {} };
}

/** What an action or loader answered: a thrown or returned Response, or `data()`'s status and payload. */
export async function run<A>(handler: Handler<A>, args: A): Promise<{ status: number; data: any; headers: Headers }> {
  let result: unknown;
  try {
    result = await handler(args);
  } catch (thrown) {
    result = thrown;
  }
  if (result instanceof Response) return { status: result.status, data: null, headers: result.headers };
  if (result && typeof result === "object" && (result as any).type === "DataWithResponseInit") {
    const { data, init } = result as { data: unknown; init: ResponseInit | null };
    return { status: init?.status ?? 200, data, headers: new Headers(init?.headers) };
  }
  if (result instanceof Error) throw result;
  return { status: 200, data: result, headers: new Headers() };
}

let counter = 0;

/** A member with a live session, as the cookie header a browser would send. */
export async function signedInMember(role: Role = "member", name?: string) {
  const username = name ?? `member${++counter}_${Math.random().toString(36).slice(2, 7)}`;
  const db = getDb();
  const user = await createUser(db, { username, password: "correct horse battery" });
  if (role !== "member") await db.updateTable("user").set({ role }).where("id", "=", user.id).execute();
  return { ...user, role, cookie: await sessionCookieFor(user.id) };
}

/** A new session for a member, as the cookie header a browser would send. */
export async function sessionCookieFor(userId: number): Promise<string> {
  const token = generateSessionToken();
  await createSession(getDb(), { token, userId });
  return `${SESSION_COOKIE}=${token}`;
}
