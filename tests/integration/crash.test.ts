/**
 * What survives the server being stopped: killed outright in the middle of
 * writes, asked to stop with SIGTERM while requests are in flight, and backed
 * up while it takes writes. Each runs the real built server on its own file.
 */
import { execFile } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import path from "node:path";
import SQLite from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { seedThreads } from "../../db/seed-threads";
import { joinOverHttp, PASSWORD, seededDatabase, startServer, type RunningServer } from "../setup/server";
import { onPostgres } from "../setup/test-database";

// SQLite's own durability (WAL, synchronous = NORMAL), its file checked with integrity_check, and its online backup.
// On PostgreSQL each is the server's business (its WAL and fsync) and pg_dump's, not this code's: skipped there.
const sqliteOnly = describe.skipIf(onPostgres);
const SLUG = "beyond-the-basics";

type Server = RunningServer;

const running: Server[] = [];

async function start(databasePath: string): Promise<Server> {
  const server = await startServer(databasePath);
  running.push(server);
  return server;
}

/** Stops the server the way a deployment does, expecting it to finish cleanly. */
async function stop(server: Server): Promise<void> {
  server.child.kill("SIGTERM");
  expect(await server.exited).toEqual({ code: 0, signal: null });
}

/** Resolves once the server has printed a line matching `pattern`. */
function outputLine(server: Server, pattern: RegExp): Promise<void> {
  return new Promise((resolve, reject) => {
    const check = () => {
      if (pattern.test(server.output())) {
        server.child.stdout!.off("data", check);
        resolve();
      }
    };
    server.child.stdout!.on("data", check);
    void server.exited.then(() =>
      pattern.test(server.output()) ? resolve() : reject(new Error(`no ${pattern} before exit:\n${server.output()}`)),
    );
    check();
  });
}

// Each test stops its own server the way it means to; one still running here belongs to a test that failed half-way.
afterEach(async () => {
  for (const server of running.splice(0)) {
    if (server.child.exitCode === null && server.child.signalCode === null) {
      server.child.kill("SIGKILL");
      await server.exited;
    }
  }
});

/** Opens a brand-new TCP connection (fetch would reuse a pooled one) and says how that went. */
function connect(url: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect(Number(port), hostname);
    socket.on("connect", () => {
      socket.destroy();
      resolve("connected");
    });
    socket.on("error", (error: NodeJS.ErrnoException) => resolve(error.code ?? String(error)));
  });
}

/** A bounded poll: up to ten seconds (ample on a busy machine) for new connections to be refused. */
async function refusedSoon(url: string): Promise<string> {
  let outcome = "";
  for (let attempt = 0; attempt < 1000 && outcome !== "ECONNREFUSED"; attempt++) {
    outcome = await connect(url);
    if (outcome !== "ECONNREFUSED") await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return outcome;
}

const join = (server: Server, username: string) => joinOverHttp(server.url, username);

/** Posts a comment carrying `marker`; true when the server answered that it was saved. */
async function comment(server: Server, cookie: string, marker: string): Promise<boolean> {
  try {
    const response = await fetch(`${server.url}/threads/${SLUG}`, {
      method: "POST",
      body: new URLSearchParams({ intent: "comment", body: `Checking in after the outage, ref ${marker}.` }),
      headers: { Cookie: cookie, Origin: server.url },
      redirect: "manual",
    });
    await response.arrayBuffer();
    return response.status === 302;
  } catch {
    return false; // the connection died with the server: not answered, so not promised
  }
}

/**
 * Keeps `inFlight` comment posts going until `onSaved` (or `stop`) says to stop,
 * and collects the markers the server answered with success.
 */
function commentStream(
  server: Server,
  cookie: string,
  { inFlight, prefix, onSaved }: { inFlight: number; prefix: string; onSaved: (saved: string[]) => boolean },
) {
  const saved: string[] = [];
  let sent = 0;
  let stopped = false;
  const writer = async () => {
    while (!stopped) {
      const marker = `${prefix}-${++sent}-${crypto.randomBytes(4).toString("hex")}`;
      if (!(await comment(server, cookie, marker))) {
        if (stopped || server.child.exitCode !== null || server.child.signalCode !== null) return;
        continue;
      }
      saved.push(marker);
      if (onSaved(saved)) stopped = true;
    }
  };
  const done = Promise.all(Array.from({ length: inFlight }, writer));
  return { saved, stop: () => (stopped = true), done };
}

function withDatabase<T>(file: string, read: (db: SQLite.Database) => T): T {
  const db = new SQLite(file, { fileMustExist: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}

function storedBodies(db: SQLite.Database): string[] {
  return (db.prepare("select body from post").all() as { body: string }[]).map((row) => row.body);
}

function missingMarkers(db: SQLite.Database, markers: string[]): string[] {
  const bodies = storedBodies(db).join("\n");
  return markers.filter((marker) => !bodies.includes(marker));
}

sqliteOnly("killed with SIGKILL in the middle of a stream of writes", () => {
  it("keeps every comment it answered as saved, and the file intact", async () => {
    const databasePath = await seededDatabase("sigkill");
    const server = await start(databasePath);
    const cookie = await join(server, "steady_writer");
    let killed = false;
    const stream = commentStream(server, cookie, {
      inFlight: 4,
      prefix: "kill",
      // Killed from inside the stream, so other posts are still on the wire when it dies.
      onSaved: (saved) => {
        if (saved.length >= 60 && !killed) {
          killed = true;
          server.child.kill("SIGKILL");
        }
        return killed;
      },
    });
    await stream.done;
    expect(await server.exited).toMatchObject({ signal: "SIGKILL" });
    expect(stream.saved.length).toBeGreaterThanOrEqual(60);

    // Starting again recovers the write-ahead log; the server must come up on the same file.
    const again = await start(databasePath);
    expect((await fetch(`${again.url}/threads/${SLUG}`)).status).toBe(200);
    withDatabase(databasePath, (db) => {
      expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
      expect(missingMarkers(db, stream.saved)).toEqual([]);
    });
    await stop(again);
  }, 60_000);
});

sqliteOnly("SIGTERM with requests in flight", () => {
  /**
   * Sends the headers of a sign-in and waits for the server's "100 Continue",
   * which proves the server is inside this request; the body goes later.
   */
  function signInStarted(server: Server, username: string) {
    const body = new URLSearchParams({ username, password: PASSWORD }).toString();
    const request = http.request(`${server.url}/login`, {
      method: "POST",
      agent: false,
      headers: {
        Origin: server.url,
        "Content-Type": "application/x-www-form-urlencoded",
        "Content-Length": Buffer.byteLength(body),
        Expect: "100-continue",
      },
    });
    const response = new Promise<{ status: number; cookie: string | undefined }>((resolve, reject) => {
      request.on("response", (res) => {
        res.resume();
        res.on("end", () => resolve({ status: res.statusCode!, cookie: res.headers["set-cookie"]?.[0] }));
        res.on("error", reject);
      });
      request.on("error", reject);
    });
    response.catch(() => {}); // awaited by the test; this only keeps a test that failed early from reporting it twice
    const continued = new Promise<void>((resolve) => request.on("continue", resolve));
    request.flushHeaders();
    return { continued, response, finish: () => request.end(body) };
  }

  it("answers them normally, refuses new connections meanwhile, and exits 0", async () => {
    const databasePath = await seededDatabase("sigterm");
    const server = await start(databasePath);
    await Promise.all(["patient_a", "patient_b", "patient_c"].map((name) => join(server, name)));

    const signIns = ["patient_a", "patient_b", "patient_c"].map((name) => signInStarted(server, name));
    await Promise.all(signIns.map((s) => s.continued));
    server.child.kill("SIGTERM");
    await outputLine(server, /SIGTERM: finishing requests in flight/);

    // Stopped listening: a newcomer is refused while the three are still being served. The log line is
    // written just before the listening socket closes, so allow the server a moment to get there.
    expect(await refusedSoon(server.url)).toBe("ECONNREFUSED");

    for (const s of signIns) s.finish();
    // Argon2 verification runs for each of these after the signal: they must still be answered, not reset.
    const answers = await Promise.all(signIns.map((s) => s.response));
    for (const answer of answers) {
      expect(answer.status).toBe(302);
      expect(answer.cookie).toBeTruthy();
    }
    expect(await server.exited).toEqual({ code: 0, signal: null });
    expect(server.output()).toContain("Stopped.");
    expect(await connect(server.url)).toBe("ECONNREFUSED");
    // The sessions those sign-ins started were written before the database was closed.
    withDatabase(databasePath, (db) => {
      expect((db.prepare("select count(*) as n from session").get() as { n: number }).n).toBe(6);
    });
  }, 60_000);
});

sqliteOnly("npm run db:backup while the server takes writes", () => {
  function backup(databasePath: string, target: string) {
    return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile(
        process.execPath,
        ["--import", "tsx", "scripts/db-backup.ts", target],
        { env: { ...process.env, DATABASE_PATH: databasePath } },
        (error, stdout, stderr) =>
          resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
      );
    });
  }

  it("copies a consistent database with everything answered before it began, and never overwrites a backup", async () => {
    const databasePath = await seededDatabase("backup");
    const server = await start(databasePath);
    const cookie = await join(server, "busy_writer");
    let reachedTwenty: () => void;
    const twenty = new Promise<void>((resolve) => (reachedTwenty = resolve));
    const stream = commentStream(server, cookie, {
      inFlight: 2,
      prefix: "backup",
      onSaved: (saved) => {
        if (saved.length === 20) reachedTwenty();
        return false;
      },
    });
    await twenty;
    const answeredBefore = [...stream.saved];
    const target = path.join(path.dirname(databasePath), "backups", "copy.sqlite");
    const result = await backup(databasePath, target);
    const answeredDuring = stream.saved.length - answeredBefore.length;
    stream.stop();
    await stream.done;

    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/integrity ok/);
    expect(fs.existsSync(`${target}-wal`)).toBe(false);
    withDatabase(target, (db) => {
      expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
      const slugs = (db.prepare("select slug from thread").all() as { slug: string }[]).map((row) => row.slug);
      expect(slugs).toEqual(expect.arrayContaining(seedThreads.map((thread) => thread.slug)));
      expect(missingMarkers(db, answeredBefore)).toEqual([]);
    });
    // The writes kept coming while the copy was taken (otherwise this proved little).
    expect(answeredDuring).toBeGreaterThan(0);

    await stop(server);

    const copied = fs.readFileSync(target);
    const again = await backup(databasePath, target);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/exists already/);
    expect(fs.readFileSync(target).equals(copied)).toBe(true);
  }, 60_000);
});
