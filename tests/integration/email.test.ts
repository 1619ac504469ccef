/**
 * E-mail (issue 15): addresses verified by a link, password resets, the mail settings, the data export and
 * account deletion; every message received by a real SMTP server (tests/setup/smtp.ts) and parsed.
 */
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { getDb } from "../../app/db.server";
import { tokenId } from "../../app/models/member-email.server";
import { exportMemberData, deleteAccount, verifyLogin } from "../../app/models/user.server";
import { action as forgotAction, loader as forgotLoader } from "../../app/routes/forgot";
import { action as joinAction } from "../../app/routes/join";
import { action as resetAction, loader as resetLoader } from "../../app/routes/reset.$token";
import { action as emailAction, loader as emailLoader } from "../../app/routes/settings_.email";
import { action as verifyAction, loader as verifyLoader } from "../../app/routes/verify-email.$token";
import { getUser } from "../../app/session.server";
import {
  actionArgs,
  formRequest,
  getRequest,
  loaderArgs,
  run,
  sessionCookieFor,
  signedInMember,
} from "../setup/requests";
import { startSmtp, type TestSmtp } from "../setup/smtp";

let smtp: TestSmtp;
beforeAll(async () => {
  smtp = await startSmtp();
  process.env.SMTP_URL = smtp.url;
  process.env.SITE_URL = "http://forum.test";
});
afterAll(async () => {
  delete process.env.SMTP_URL;
  await smtp.stop();
});
beforeEach(() => {
  process.env.SMTP_URL = smtp.url;
});

const tokenOf = (link: string) => link.split("/").pop()!;

async function addAddress(cookie: string, email: string) {
  const result = await run(
    emailAction,
    actionArgs(formRequest("/settings/email", { intent: "set-address", email }, cookie)),
  );
  expect(result.status).toBe(302);
  return smtp.waitFor((m) => m.to.toLowerCase() === email.toLowerCase() && m.parsed.subject!.startsWith("Confirm"));
}

async function verify(link: string) {
  const token = tokenOf(link);
  return run(verifyAction, actionArgs(formRequest(`/verify-email/${token}`, {}), { token }));
}

describe("an address, verified by a link", () => {
  it("is used only once its single-use link is opened; the link's token is stored hashed", async () => {
    const member = await signedInMember();
    const mail = await addAddress(member.cookie, "Ada@Example.org");
    expect(mail.parsed.from?.text).toMatch(/no-reply@forum\.test/);
    expect(mail.parsed.text).toContain(member.username);
    expect(mail.parsed.html).toContain("/verify-email/");
    const link = mail.link("/verify-email/");
    expect(link).toMatch(/^http:\/\/forum\.test\/verify-email\/[a-z2-7]{32}$/);
    const token = tokenOf(link);
    const stored = await getDb().selectFrom("email_token").select("id").where("user_id", "=", member.id).execute();
    expect(stored.map((r) => r.id)).toEqual([tokenId(token)]);
    expect(JSON.stringify(stored)).not.toContain(token);

    // Not yet used: settings show it waiting, and a reset by this address finds nothing.
    const before = await run(emailLoader, loaderArgs(getRequest("/settings/email", member.cookie)));
    expect(before.data).toMatchObject({ verified: null, pending: "Ada@Example.org" });

    const page = await run(verifyLoader, loaderArgs(getRequest(`/verify-email/${token}`), { token }));
    expect(page.data.address).toBe("Ada@Example.org");
    expect((await verify(link)).data.confirmed).toBe("Ada@Example.org");
    const after = await run(emailLoader, loaderArgs(getRequest("/settings/email", member.cookie)));
    expect(after.data.verified).toBe("Ada@Example.org");

    const again = await verify(link);
    expect(again.status).toBe(400);
    expect(again.data.error).toMatch(/expired or has already been used/);
  });

  it("expires after 24 hours", async () => {
    const member = await signedInMember();
    const link = (await addAddress(member.cookie, "late@example.org")).link("/verify-email/");
    await getDb()
      .updateTable("email_token")
      .set({ expires_at: Date.now() - 1 })
      .where("user_id", "=", member.id)
      .execute();
    expect((await verify(link)).status).toBe(400);
    const row = await getDb().selectFrom("email_token").select("expires_at").where("user_id", "=", member.id).execute();
    expect(row).toEqual([]);
  });

  it("is unique among verified addresses, whatever the case", async () => {
    const first = await signedInMember();
    await verify((await addAddress(first.cookie, "shared@example.org")).link("/verify-email/"));
    const second = await signedInMember();
    const result = await verify((await addAddress(second.cookie, "SHARED@example.ORG")).link("/verify-email/"));
    expect(result.status).toBe(400);
    expect(result.data.error).toMatch(/already confirmed for another account/);
  });

  it("refuses a malformed address beside the field, keeping what was typed", async () => {
    const member = await signedInMember();
    const result = await run(
      emailAction,
      actionArgs(formRequest("/settings/email", { intent: "set-address", email: "not an address" }, member.cookie)),
    );
    expect(result.status).toBe(400);
    expect(result.data.errors.email).toMatch(/name@example\.com/);
    expect(result.data.values.email).toBe("not an address");
  });

  it("is offered, optional, at /join", async () => {
    const joined = await run(
      joinAction,
      actionArgs(
        formRequest("/join", {
          username: "joiner_mail",
          password: "a long enough password",
          email: "joiner@example.org",
        }),
      ),
    );
    expect(joined.status).toBe(302);
    await smtp.waitFor((m) => m.to === "joiner@example.org");
    const without = await run(
      joinAction,
      actionArgs(formRequest("/join", { username: "joiner_none", password: "a long enough password", email: "" })),
    );
    expect(without.status).toBe(302);
  });

  it("is in the data export, and erased with the account", async () => {
    const member = await signedInMember();
    await verify((await addAddress(member.cookie, "mine@example.org")).link("/verify-email/"));
    const data = await exportMemberData(getDb(), member.id);
    expect(data.account.email).toMatchObject({ address: "mine@example.org" });
    await addAddress(member.cookie, "pending@example.org");
    await deleteAccount(getDb(), { userId: member.id });
    for (const table of ["member_email", "email_token", "mail_outbox"] as const) {
      const rows = await getDb().selectFrom(table).selectAll().where("user_id", "=", member.id).execute();
      expect(rows, table).toEqual([]);
    }
  });
});

async function forgot(entry: string) {
  return run(forgotAction, actionArgs(formRequest("/forgot", { entry })));
}

async function memberWithAddress(address: string) {
  const member = await signedInMember();
  await verify((await addAddress(member.cookie, address)).link("/verify-email/"));
  return member;
}

describe("a password reset", () => {
  it("answers the same for an account, an address, and nobody; only accounts with an address get a link", async () => {
    const member = await memberWithAddress("resetter@example.org");
    const answers = await Promise.all(
      [member.username, "RESETTER@example.org", "nobody_here", "nobody@example.org"].map(forgot),
    );
    for (const answer of answers) {
      expect(answer.status).toBe(302);
      expect(answer.headers.get("Location")).toBe("/forgot?sent=1");
    }
    await smtp.waitFor((m) => m.to === "resetter@example.org" && m.parsed.subject!.startsWith("Reset"));
    await new Promise((resolve) => setTimeout(resolve, 300));
    const resets = smtp.received.filter((m) => m.parsed.subject!.startsWith("Reset"));
    expect(resets.map((m) => m.to)).toEqual(["resetter@example.org", "resetter@example.org"]);
  });

  it("sets the new password through the link, once, and ends every session", async () => {
    const member = await memberWithAddress("fresh-start@example.org");
    const otherSession = await sessionCookieFor(member.id);
    await forgot(member.username);
    const link = (
      await smtp.waitFor((m) => m.to === "fresh-start@example.org" && m.parsed.subject!.startsWith("Reset"))
    ).link("/reset/");
    const token = tokenOf(link);
    expect((await run(resetLoader, loaderArgs(getRequest(`/reset/${token}`), { token }))).data.username).toBe(
      member.username,
    );
    const short = await run(
      resetAction,
      actionArgs(formRequest(`/reset/${token}`, { newPassword: "short" }), { token }),
    );
    expect(short.status).toBe(400);
    expect(short.data.errors.newPassword).toMatch(/at least 10/);

    const done = await run(
      resetAction,
      actionArgs(formRequest(`/reset/${token}`, { newPassword: "a brand new password" }), { token }),
    );
    expect(done.status).toBe(302);
    expect(done.headers.get("Location")).toBe("/login?reset=done");
    expect(await verifyLogin(getDb(), { username: member.username, password: "a brand new password" })).toBeTruthy();
    expect(await getUser(getRequest("/", member.cookie))).toBeNull();
    expect(await getUser(getRequest("/", otherSession))).toBeNull();

    const again = await run(
      resetAction,
      actionArgs(formRequest(`/reset/${token}`, { newPassword: "yet another password" }), { token }),
    );
    expect(again.status).toBe(400);
    expect(again.data.errors.form).toMatch(/expired or has already been used/);
  });

  it("expires after an hour", async () => {
    const member = await memberWithAddress("slow@example.org");
    await forgot("slow@example.org");
    const token = tokenOf(
      (await smtp.waitFor((m) => m.to === "slow@example.org" && m.parsed.subject!.startsWith("Reset"))).link("/reset/"),
    );
    const row = await getDb()
      .selectFrom("email_token")
      .select(["expires_at", "created_at"])
      .where("id", "=", tokenId(token))
      .executeTakeFirstOrThrow();
    expect(row.expires_at - row.created_at).toBe(60 * 60 * 1000);
    await getDb()
      .updateTable("email_token")
      .set({ expires_at: Date.now() - 1 })
      .where("id", "=", tokenId(token))
      .execute();
    expect((await run(resetLoader, loaderArgs(getRequest("/"), { token }))).status).toBe(404);
    const late = await run(
      resetAction,
      actionArgs(formRequest("/", { newPassword: "a brand new password" }), { token }),
    );
    expect(late.status).toBe(400);
    expect(await verifyLogin(getDb(), { username: member.username, password: "a brand new password" })).toBeNull();
  });

  it("is rate limited per account and per address without saying so, and per client with a message", async () => {
    process.env.RATE_LIMITS = "on";
    try {
      const member = await memberWithAddress("limited@example.org");
      const sentBefore = smtp.received.length;
      for (let i = 0; i < 5; i++) expect((await forgot(member.username)).status).toBe(302);
      await new Promise((resolve) => setTimeout(resolve, 500));
      const links = smtp.received.slice(sentBefore).filter((m) => m.to === "limited@example.org");
      expect(links).toHaveLength(3);
      // 5 asks above plus these: the client's 11th ask in 15 minutes is refused, with a Retry-After.
      for (let i = 0; i < 5; i++) await forgot(`someone_${i}`);
      const refused = await forgot("someone_else");
      expect(refused.status).toBe(429);
      expect(refused.data.errors.form).toMatch(/Too many reset requests/);
      expect(Number(refused.headers.get("Retry-After"))).toBeGreaterThan(0);
    } finally {
      process.env.RATE_LIMITS = "off";
    }
  });
});

describe("without e-mail", () => {
  it("says e-mail is off on /forgot and in the settings, and refuses to send", async () => {
    delete process.env.SMTP_URL;
    expect((await run(forgotLoader, loaderArgs(getRequest("/forgot")))).data.mailOn).toBe(false);
    const member = await signedInMember();
    expect((await run(emailLoader, loaderArgs(getRequest("/settings/email", member.cookie)))).data.mailOn).toBe(false);
    const result = await forgot(member.username);
    expect(result.status).toBe(400);
    expect(result.data.errors.form).toMatch(/E-mail is off/);
  });

  it("writes .eml files to MAIL_OUTBOX in development", async () => {
    delete process.env.SMTP_URL;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "outbox-"));
    process.env.MAIL_OUTBOX = dir;
    try {
      const member = await signedInMember();
      await run(
        emailAction,
        actionArgs(formRequest("/settings/email", { intent: "set-address", email: "dev@example.org" }, member.cookie)),
      );
      const deadline = Date.now() + 10_000;
      while (fs.readdirSync(dir).length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      const [file] = fs.readdirSync(dir);
      expect(file).toMatch(/\.eml$/);
      expect(fs.readFileSync(path.join(dir, file), "utf8")).toMatch(/To: dev@example\.org/);
    } finally {
      delete process.env.MAIL_OUTBOX;
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("lets an admin print a reset link: npm run -s user:reset-link", async () => {
    const member = await signedInMember();
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ["--import", "tsx", "scripts/user-reset-link.ts", member.username],
      {
        env: { ...process.env },
      },
    );
    const link = stdout.trim();
    expect(link).toMatch(/^http:\/\/forum\.test\/reset\/[a-z2-7]{32}$/);
    const token = tokenOf(link);
    expect((await run(resetLoader, loaderArgs(getRequest(`/reset/${token}`), { token }))).data.username).toBe(
      member.username,
    );
    const unknown = await promisify(execFile)(process.execPath, [
      "--import",
      "tsx",
      "scripts/user-reset-link.ts",
      "no_such_member",
    ]).catch((error: { code: number; stderr: string }) => error);
    expect(unknown).toMatchObject({ code: 1, stderr: expect.stringMatching(/no member called/) });
  });
});

describe("/forgot's timing", () => {
  it("is the same for an existing and a missing account (50 tries each, interleaved; medians within noise)", async () => {
    await memberWithAddress("timed@example.org");
    const times: Record<"existing" | "missing", number[]> = { existing: [], missing: [] };
    const once = async (which: "existing" | "missing", i: number) => {
      const started = process.hrtime.bigint();
      const answer = await forgot(which === "existing" ? "timed@example.org" : `missing-${i}@example.org`);
      times[which].push(Number(process.hrtime.bigint() - started) / 1e6);
      expect(answer.headers.get("Location")).toBe("/forgot?sent=1");
    };
    for (let i = 0; i < 3; i++) await once(i % 2 ? "existing" : "missing", -i); // warm-up, not counted
    times.existing.length = times.missing.length = 0;
    for (let i = 0; i < 50; i++) {
      // Alternating which goes first, so a slow moment of the machine falls on both alike.
      if (i % 2) {
        await once("existing", i);
        await once("missing", i);
      } else {
        await once("missing", i);
        await once("existing", i);
      }
    }
    const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.floor(q * (xs.length - 1))];
    const summary = (xs: number[]) => ({
      p25: quantile(xs, 0.25).toFixed(2),
      median: quantile(xs, 0.5).toFixed(2),
      p75: quantile(xs, 0.75).toFixed(2),
    });
    console.log(
      `/forgot ms, 50 tries each: existing ${JSON.stringify(summary(times.existing))}, missing ${JSON.stringify(summary(times.missing))}`,
    );
    const [a, b] = [quantile(times.existing, 0.5), quantile(times.missing, 0.5)];
    // Generous: the medians differ by less than 2 ms or a half of the larger, whichever is more.
    expect(Math.abs(a - b)).toBeLessThan(Math.max(2, 0.5 * Math.max(a, b)));
  });
});
