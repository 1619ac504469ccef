/**
 * Notifications by e-mail (issue 15): the sender's rounds against a real SMTP server (tests/setup/smtp.ts):
 * at once and daily digests, the headers and parts of each message, one-click unsubscribe, nothing for what
 * was already seen in the app, retries with back-off when the server refuses, and nothing sent twice, even
 * when the sending process is killed mid-batch and a new one takes over.
 */
import { spawn } from "node:child_process";
import { sql } from "kysely";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { getDb } from "../../app/db.server";
import { getEmailChoices, setEmailChoices } from "../../app/models/email-preferences.server";
import { BACKOFF_MS } from "../../app/models/mail-outbox.server";
import { addComment, addExampleMessage } from "../../app/models/post.server";
import { action as unsubscribeAction, loader as unsubscribeLoader } from "../../app/routes/unsubscribe.$token";
import { sendDueMail } from "../../app/server/mail-job.server";
import { engineOf } from "../../db/dialect/engine";
import { seed } from "../../db/seed";
import { actionArgs, formRequest, getRequest, loaderArgs, run, signedInMember } from "../setup/requests";
import { startSmtp, type TestSmtp } from "../setup/smtp";

const DAY = 24 * 60 * 60 * 1000;
let smtp: TestSmtp;
const threadIds: number[] = [];

beforeAll(async () => {
  smtp = await startSmtp();
  process.env.SMTP_URL = smtp.url;
  process.env.SITE_URL = "http://forum.test";
  await seed(getDb());
  const threads = await getDb().selectFrom("thread").select("id").orderBy("id").limit(2).execute();
  threadIds.push(...threads.map((t) => t.id));
});
afterAll(async () => {
  delete process.env.SMTP_URL;
  await smtp.stop();
});
beforeEach(async () => {
  smtp.refuseNext(0);
  smtp.holdAfter(Infinity);
  // Each test starts with an empty queue: earlier tests' rows are done with.
  await getDb().updateTable("mail_outbox").set({ status: "skipped" }).where("status", "=", "pending").execute();
});

let addressCounter = 0;
/** A member with a verified address and these e-mail choices. */
async function subscriber(
  choices: Partial<Record<"replies_mentions" | "guide_moderation" | "followed_threads", "off" | "instant" | "daily">>,
) {
  const member = await signedInMember();
  const address = `reader${++addressCounter}@example.org`;
  await getDb()
    .insertInto("member_email")
    .values({ user_id: member.id, address, address_key: address, verified_at: Date.now() })
    .execute();
  await setEmailChoices(getDb(), {
    userId: member.id,
    choices: { replies_mentions: "off", guide_moderation: "off", followed_threads: "off", ...choices },
  });
  return { ...member, address };
}

async function postBy(authorId: number, threadId = threadIds[0]) {
  return addExampleMessage(getDb(), {
    threadId,
    authorId,
    kind: "approach",
    draft: {
      text: "Loved your talk on onboarding. Could we compare notes next week?",
      contextLine: "",
      remove: [],
      keep: [],
    },
  });
}

const mailsTo = (address: string) => smtp.received.filter((m) => m.to === address);

describe("at once", () => {
  it("sends a reply's anonymised text with a plain-text and an HTML part and RFC 8058 unsubscribe headers", async () => {
    const a = await subscriber({ replies_mentions: "instant" });
    const b = await signedInMember();
    const post = await postBy(a.id);
    await addComment(getDb(), {
      threadId: threadIds[0],
      authorId: b.id,
      body: "Great approach. I sent one like it to Margaret Thornbury at margaret@acme.example last week.",
      replyToId: post.id,
    });
    expect(await sendDueMail(getDb())).toMatchObject({ sent: 1 });
    const mail = await smtp.waitFor((m) => m.to === a.address);
    expect(mail.parsed.subject).toBe(`${b.username} replied to your post in “${await threadTitle(threadIds[0])}”`);
    expect(mail.parsed.text).toContain("Great approach. I sent one like it to");
    expect(mail.parsed.html).toContain("Great approach. I sent one like it to");
    // The anonymiser's placeholders stand in for the third party's name and address.
    for (const part of [mail.parsed.text!, mail.parsed.html as string]) {
      expect(part).not.toContain("Thornbury");
      expect(part).not.toContain("margaret@acme.example");
    }
    expect(mail.header("List-Unsubscribe")).toMatch(/^<http:\/\/forum\.test\/unsubscribe\/[^>]+>$/);
    expect(mail.header("List-Unsubscribe-Post")).toBe("List-Unsubscribe=One-Click");
    expect(mail.parsed.text).toMatch(/http:\/\/forum\.test\/threads\/[a-z0-9-]+(\?page=\d+)?#post-\d+/);

    // One click, no sign-in: RFC 8058's POST body.
    const token = mail.header("List-Unsubscribe")!.match(/unsubscribe\/([^>\s]+)>/)![1];
    const page = await run(unsubscribeLoader, loaderArgs(getRequest(`/unsubscribe/${token}`), { token }));
    expect(page.data.what).toMatch(/Replies and mentions/);
    const done = await run(
      unsubscribeAction,
      actionArgs(formRequest(`/unsubscribe/${token}`, { "List-Unsubscribe": "One-Click" }), { token }),
    );
    expect(done.status).toBe(200);
    expect((await getEmailChoices(getDb(), a.id)).replies_mentions).toBe("off");

    // Nothing twice: another round finds nothing; and, unsubscribed, a new reply sends nothing.
    expect(await sendDueMail(getDb())).toMatchObject({ sent: 0 });
    await addComment(getDb(), {
      threadId: threadIds[0],
      authorId: b.id,
      body: "And another thing.",
      replyToId: post.id,
    });
    expect(await sendDueMail(getDb())).toMatchObject({ sent: 0 });
    expect(mailsTo(a.address)).toHaveLength(1);
  });

  it("refuses a forged or altered unsubscribe token", async () => {
    const a = await subscriber({ replies_mentions: "instant" });
    for (const token of [`${a.id}.replies_mentions.${"A".repeat(43)}`, "1.everything.x", "not-a-token"]) {
      const result = await run(unsubscribeAction, actionArgs(formRequest(`/unsubscribe/${token}`, {}), { token }));
      expect(result.status).toBe(404);
    }
    expect((await getEmailChoices(getDb(), a.id)).replies_mentions).toBe("instant");
  });

  it("sends nothing for what the member has already seen in the app, queued or not", async () => {
    const a = await subscriber({ replies_mentions: "instant" });
    const b = await signedInMember();
    const post = await postBy(a.id);
    await addComment(getDb(), {
      threadId: threadIds[0],
      authorId: b.id,
      body: "Seen before sending.",
      replyToId: post.id,
    });
    await getDb().updateTable("notification").set({ read_at: Date.now() }).where("user_id", "=", a.id).execute();
    expect(await sendDueMail(getDb())).toMatchObject({ sent: 0 });

    await addComment(getDb(), {
      threadId: threadIds[0],
      authorId: b.id,
      body: "Seen while queued.",
      replyToId: post.id,
    });
    // Queued by a round that sends nothing (batch of 0), read, then the next round skips it.
    await sendDueMail(getDb(), { batchSize: 0 });
    await getDb().updateTable("notification").set({ read_at: Date.now() }).where("user_id", "=", a.id).execute();
    expect(await sendDueMail(getDb())).toMatchObject({ sent: 0, skipped: 1 });
    expect(mailsTo(a.address)).toHaveLength(0);
  });

  it("never mails what came before the member chose e-mail, nor members without a verified address", async () => {
    const a = await subscriber({});
    const b = await signedInMember();
    const post = await postBy(a.id);
    await addComment(getDb(), {
      threadId: threadIds[0],
      authorId: b.id,
      body: "Before the choice.",
      replyToId: post.id,
    });
    await setEmailChoices(getDb(), {
      userId: a.id,
      choices: { replies_mentions: "instant", guide_moderation: "off", followed_threads: "off" },
    });
    const c = await signedInMember();
    await setEmailChoices(getDb(), {
      userId: c.id,
      choices: { replies_mentions: "instant", guide_moderation: "off", followed_threads: "off" },
    });
    const cPost = await postBy(c.id);
    await addComment(getDb(), { threadId: threadIds[0], authorId: b.id, body: "No address.", replyToId: cPost.id });
    expect(await sendDueMail(getDb())).toMatchObject({ sent: 0 });
  });
});

async function threadTitle(id: number) {
  return (await getDb().selectFrom("thread").select("title").where("id", "=", id).executeTakeFirstOrThrow()).title;
}

describe("the daily digest", () => {
  it("waits a day, then sends one message grouped by thread", async () => {
    const a = await subscriber({ replies_mentions: "daily" });
    const b = await signedInMember();
    const first = await postBy(a.id, threadIds[0]);
    const second = await postBy(a.id, threadIds[1]);
    await addComment(getDb(), { threadId: threadIds[0], authorId: b.id, body: "Reply one.", replyToId: first.id });
    await addComment(getDb(), { threadId: threadIds[1], authorId: b.id, body: "Reply two.", replyToId: second.id });
    await addComment(getDb(), { threadId: threadIds[0], authorId: b.id, body: "Reply three.", replyToId: first.id });
    expect(await sendDueMail(getDb())).toMatchObject({ sent: 0 });
    expect(await sendDueMail(getDb(), { now: Date.now() + DAY })).toMatchObject({ sent: 1 });
    const mail = await smtp.waitFor((m) => m.to === a.address);
    expect(mail.parsed.subject).toBe("Your Beyond Hello digest: 3 notifications");
    const text = mail.parsed.text!;
    const [t1, t2] = [await threadTitle(threadIds[0]), await threadTitle(threadIds[1])];
    // Grouped: both replies of the first thread come under its heading, before the second thread's.
    expect(text.indexOf(`— ${t1} —`)).toBeLessThan(text.indexOf("Reply one."));
    expect(text.indexOf("Reply three.")).toBeLessThan(text.indexOf(`— ${t2} —`));
    expect(text.indexOf(`— ${t2} —`)).toBeLessThan(text.indexOf("Reply two."));
    expect(text.split(`— ${t1} —`)).toHaveLength(2);
    expect(mail.header("List-Unsubscribe")).toMatch(/^<http:\/\/forum\.test\/unsubscribe\/\d+\.daily\./);
    expect(await sendDueMail(getDb(), { now: Date.now() + 2 * DAY })).toMatchObject({ sent: 0 });
    expect(mailsTo(a.address)).toHaveLength(1);
  });
});

describe("when the SMTP server refuses", () => {
  it("tries again after the back-off, and sends once", async () => {
    const a = await subscriber({ replies_mentions: "instant" });
    const b = await signedInMember();
    const post = await postBy(a.id);
    await addComment(getDb(), { threadId: threadIds[0], authorId: b.id, body: "Retried reply.", replyToId: post.id });
    smtp.refuseNext(2, 451);
    const now = Date.now();
    expect(await sendDueMail(getDb(), { now })).toMatchObject({ sent: 0, retried: 1 });
    // Not due again before its back-off has passed.
    expect(await sendDueMail(getDb(), { now: now + BACKOFF_MS[0] - 1 })).toMatchObject({ sent: 0, retried: 0 });
    expect(await sendDueMail(getDb(), { now: now + BACKOFF_MS[0] })).toMatchObject({ sent: 0, retried: 1 });
    expect(await sendDueMail(getDb(), { now: now + BACKOFF_MS[0] + BACKOFF_MS[1] })).toMatchObject({ sent: 1 });
    const row = await getDb()
      .selectFrom("mail_outbox")
      .select(["status", "attempts"])
      .where("user_id", "=", a.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ status: "sent", attempts: 3 });
    expect(mailsTo(a.address)).toHaveLength(1);
  });

  it("gives up at once on a permanent refusal (5xx)", async () => {
    const a = await subscriber({ replies_mentions: "instant" });
    const b = await signedInMember();
    const post = await postBy(a.id);
    await addComment(getDb(), { threadId: threadIds[0], authorId: b.id, body: "Refused reply.", replyToId: post.id });
    smtp.refuseNext(1, 550);
    expect(await sendDueMail(getDb())).toMatchObject({ failed: 1 });
    expect(await sendDueMail(getDb(), { now: Date.now() + DAY })).toMatchObject({ sent: 0 });
    expect(mailsTo(a.address)).toHaveLength(0);
  });
});

describe("a sender killed mid-batch", () => {
  it("leaves the rest to the next process, and nothing goes out twice", async () => {
    const b = await signedInMember();
    const readers = [];
    for (let i = 0; i < 5; i++) {
      const reader = await subscriber({ replies_mentions: "instant" });
      const post = await postBy(reader.id);
      await addComment(getDb(), {
        threadId: threadIds[0],
        authorId: b.id,
        body: `Batch reply ${i}.`,
        replyToId: post.id,
      });
      readers.push(reader);
    }
    const before = smtp.received.length;
    // The server takes two messages, then never answers the third: the sender is killed while it waits.
    smtp.holdAfter(2);
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/mail-send-due.ts"], {
      env: { ...process.env, SMTP_URL: smtp.url },
      stdio: "ignore",
    });
    const exited = new Promise((resolve) => child.on("exit", resolve));
    const deadline = Date.now() + 30_000;
    while (smtp.received.length < before + 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    await new Promise((r) => setTimeout(r, 500));
    child.kill("SIGKILL");
    await exited;
    expect(smtp.received.length - before).toBe(2);

    smtp.holdAfter(Infinity);
    // On PostgreSQL the killed sender's lock goes when its server process notices the closed connection:
    // moments later, so a round may first find it held (null) and skip.
    let report = await sendDueMail(getDb());
    for (let tries = 0; report === null && tries < 50; tries++) {
      await new Promise((r) => setTimeout(r, 100));
      report = await sendDueMail(getDb());
    }
    expect(report).toMatchObject({ sent: 2 });
    const received = smtp.received.slice(before).map((m) => m.to);
    expect(received).toHaveLength(4);
    expect(new Set(received).size).toBe(4);
    // The one in flight when the process died is left "sending": never sent again (at most once).
    const rows = await getDb()
      .selectFrom("mail_outbox")
      .select("status")
      .where(
        "user_id",
        "in",
        readers.map((r) => r.id),
      )
      .execute();
    expect(rows.map((r) => r.status).sort()).toEqual(["sending", "sent", "sent", "sent", "sent"]);
    expect(await sendDueMail(getDb(), { now: Date.now() + DAY })).toMatchObject({ sent: 0 });
  });
});

describe("with several processes on PostgreSQL", () => {
  it.skipIf(engineOf(getDb()) !== "postgres")(
    "one sends at a time: another holding the lock makes a round skip",
    async () => {
      await getDb()
        .connection()
        .execute(async (other) => {
          await sql`select pg_advisory_lock(${0x6d61696c})`.execute(other);
          try {
            expect(await sendDueMail(getDb())).toBeNull();
          } finally {
            await sql`select pg_advisory_unlock(${0x6d61696c})`.execute(other);
          }
        });
      expect(await sendDueMail(getDb())).not.toBeNull();
    },
  );
});
