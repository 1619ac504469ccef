import { execFile } from "node:child_process";
import fs from "node:fs";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../app/db.server";
import { listThreadPage } from "../../app/models/post-view.server";
import { action as editMessageAction } from "../../app/routes/posts_.$postId.edit-message";
import { action as shareAction, loader as shareLoader } from "../../app/routes/threads_.$slug.share";
import { openDatabase } from "../../db/database";
import { seed } from "../../db/seed";
import { actionArgs, formRequest, getRequest, loaderArgs, run, signedInMember } from "../setup/requests";
import { joinOverHttp, seededDatabase, startServer, type RunningServer } from "../setup/server";
import { onPostgres } from "../setup/test-database";

const SLUG = "following-up";
let threadId: number;

beforeAll(async () => {
  await seed(getDb());
  threadId = (await getDb().selectFrom("thread").select("id").where("slug", "=", SLUG).executeTakeFirstOrThrow()).id;
});

function share(cookie: string, fields: Record<string, string | string[]>, slug = SLUG) {
  return run(shareAction, actionArgs(formRequest(`/threads/${slug}/share`, fields, cookie), { slug }));
}

const reply =
  "Hi Sarah,\n\nThanks for the follow-up. Call me on +44 20 7946 0958 or write to jane.doe@brightwater.io.\n\nBest,\nPriya Natarajan";

async function lastPost() {
  return getDb()
    .selectFrom("post")
    .selectAll()
    .where("thread_id", "=", threadId)
    .orderBy("number", "desc")
    .executeTakeFirstOrThrow();
}

describe("sharing an example message", () => {
  it("lists the words it is unsure of, and one press on one removes it and previews again", async () => {
    const alice = await signedInMember();
    const before = (await lastPost()).number;
    const text = "Loved the Zephyrine launch, and the Hunter piece.";
    const first = await share(alice.cookie, { intent: "preview", kind: "received_reply", text, remove: "Brightwater" });
    expect(first.data.preview.unsure).toEqual(["Zephyrine", "Hunter"]);
    // The press sends only the word's button: no intent, the word added to the list of words to remove.
    const pressed = await share(alice.cookie, {
      removeWord: "Zephyrine",
      kind: "received_reply",
      text,
      remove: "Brightwater",
    });
    expect(pressed.status).toBe(200);
    expect(pressed.data.values.remove).toBe("Brightwater\nZephyrine");
    expect(pressed.data.values.text).toBe(text);
    expect(pressed.data.preview.unsure).toEqual(["Hunter"]);
    const shown = pressed.data.preview.body.map(
      (s: { text?: string; placeholder?: string }) => s.text ?? s.placeholder,
    );
    expect(shown.join("")).toBe("Loved the [detail] launch, and the Hunter piece.");
    expect((await lastPost()).number).toBe(before);
  });

  it("step one previews the anonymised text, marking each redaction, and writes nothing", async () => {
    const alice = await signedInMember();
    const before = (await lastPost()).number;
    const result = await share(alice.cookie, {
      intent: "preview",
      kind: "received_reply",
      text: reply,
      contextLine: "reply to my second follow-up",
    });
    expect(result.status).toBe(200);
    const placeholders = result.data.preview.body.filter((s: object) => "placeholder" in s);
    expect(placeholders.map((s: { placeholder: string; original: string }) => [s.placeholder, s.original])).toEqual(
      expect.arrayContaining([
        ["[name]", "Sarah"],
        ["[phone]", "+44 20 7946 0958"],
        ["[email]", "jane.doe@brightwater.io"],
      ]),
    );
    expect(result.data.preview.removed.map((r: { original: string }) => r.original)).toContain("Sarah");
    expect((await lastPost()).number).toBe(before);
  });

  it("step two stores only the anonymised text, re-running the anonymiser with the member's choices", async () => {
    const alice = await signedInMember();
    const result = await share(alice.cookie, {
      intent: "confirm",
      kind: "received_reply",
      text: "Hello Tom, I met Dana at Juniper Ridge Capital. Regards, Lee",
      contextLine: "after the conference",
      remove: "conference",
      keep: ["Dana"],
    });
    expect(result.status).toBe(302);
    const post = await lastPost();
    expect(result.headers.get("Location")).toBe(`/threads/${SLUG}?page=1#post-${post.number}`);
    expect(post.kind).toBe("received_reply");
    expect(post.body).toContain("Dana"); // kept at the member's request
    expect(post.body).not.toMatch(/\bTom\b|\bLee\b|Juniper Ridge/);
    expect(post.context_line).toBe("after the [detail]"); // removed by hand: no kind given
    expect(post.body_html).toContain('<span class="redacted"');
    expect(post.body_html).not.toContain("<script");
  });

  it("keeps line breaks and shows the text as a quoted message, not Markdown", async () => {
    const alice = await signedInMember();
    await share(alice.cookie, {
      intent: "confirm",
      kind: "approach",
      text: "Line one **not bold**\nline two <b>x</b>\n\nSecond paragraph",
    });
    const post = await lastPost();
    expect(post.body_html).toBe("<p>Line one **not bold**<br>line two &lt;b&gt;x&lt;/b&gt;</p><p>Second paragraph</p>");
  });

  it.each([
    [{ kind: "approach", text: "" }, "text", /Paste the message/],
    [{ kind: "approach", text: "x".repeat(5001) }, "text", /at most 5,000/],
    [{ kind: "approach", text: "ok", contextLine: "c".repeat(201) }, "contextLine", /at most 200/],
    [{ kind: "gossip", text: "ok" }, "kind", /sent this message or received it/],
  ])("refuses %j with a message beside the field, keeping what was typed", async (fields, field, message) => {
    const alice = await signedInMember();
    const result = await share(alice.cookie, { intent: "confirm", ...(fields as Record<string, string>) });
    expect(result.status).toBe(400);
    expect(result.data.errors[field]).toMatch(message);
    expect(result.data.values.text).toBe((fields as { text: string }).text);
  });

  it("links a received reply only to the member's own approach in the same thread", async () => {
    const alice = await signedInMember();
    const mallory = await signedInMember();
    await share(alice.cookie, {
      intent: "confirm",
      kind: "approach",
      text: "Just checking in on my note from last week.",
    });
    const approach = await lastPost();
    const page = await run(
      shareLoader,
      loaderArgs(getRequest(`/threads/${SLUG}/share?kind=received_reply`, alice.cookie), { slug: SLUG }),
    );
    expect(page.data.approaches.map((a: { id: number }) => a.id)).toContain(approach.id);

    await share(alice.cookie, {
      intent: "confirm",
      kind: "received_reply",
      text: "Thanks, not right now.",
      approachId: String(approach.id),
    });
    expect((await lastPost()).approach_id).toBe(approach.id);
    // Someone else's approach is not theirs to answer: the link is dropped.
    await share(mallory.cookie, {
      intent: "confirm",
      kind: "received_reply",
      text: "Not interested, sorry.",
      approachId: String(approach.id),
    });
    expect((await lastPost()).approach_id).toBeNull();
    const view = (await listThreadPage(getDb(), { threadId, page: 1, viewer: null })).find((p) => p.approach !== null);
    expect(view?.approach?.excerpt).toBe("Just checking in on my note from last week.");
  });

  it("edits through the anonymiser again and keeps the earlier version", async () => {
    const alice = await signedInMember();
    await share(alice.cookie, { intent: "confirm", kind: "approach", text: "Hope all is well." });
    const post = await lastPost();
    const edited = await run(
      editMessageAction,
      actionArgs(
        formRequest(
          `/posts/${post.id}/edit-message`,
          { intent: "confirm", text: "Hope all is well, Marcus. Ping me at marcus@oakline.dev" },
          alice.cookie,
        ),
        { postId: String(post.id) },
      ),
    );
    expect(edited.status).toBe(302);
    const after = await lastPost();
    expect(after.body).toBe("Hope all is well, [name]. Ping me at [email]");
    expect(after.kind).toBe("approach");
    const revisions = await getDb().selectFrom("post_revision").select("body").where("post_id", "=", post.id).execute();
    expect(revisions).toEqual([{ body: "Hope all is well." }]);
  });
});

describe("the pasted text is never kept", () => {
  let server: RunningServer;
  let databasePath: string;

  beforeAll(async () => {
    databasePath = await seededDatabase("pasted");
    server = await startServer(databasePath);
  });

  afterAll(async () => {
    await server?.stop();
  });

  it("is absent from every database file and from the server's output after preview and posting", async () => {
    const cookie = await joinOverHttp(server.url, "paster");
    // Every detail that must go carries a marker that appears nowhere else.
    const text =
      "Hi Quillonmarker,\n\nmail me at zz-mark3r-91@quartzmarker.example or call +1 (415) 555-0199.\nSee https://markerlink.example/in/zz-profile\n\nBest,\nThaddeus Markerfield";
    const markers = [
      "Quillonmarker",
      "zz-mark3r-91",
      "quartzmarker",
      "555-0199",
      "markerlink",
      "zz-profile",
      "Markerfield",
    ];
    for (const intent of ["preview", "confirm"]) {
      const response = await fetch(`${server.url}/threads/${SLUG}/share`, {
        method: "POST",
        body: new URLSearchParams({ intent, kind: "received_reply", text, contextLine: "from Quillonmarker" }),
        headers: { Cookie: cookie, Origin: server.url },
        redirect: "manual",
      });
      expect(response.status).toBe(intent === "preview" ? 200 : 302);
      if (intent === "confirm") expect(response.headers.get("location")).not.toMatch(/marker/i);
    }
    await server.stop();
    if (onPostgres) {
      // PostgreSQL's files belong to its server (perhaps on another machine): every row of every table instead.
      const db = openDatabase(databasePath);
      const tables = await sql<{
        name: string;
      }>`select tablename as name from pg_tables where schemaname = 'public'`.execute(db);
      for (const { name } of tables.rows) {
        const rows = JSON.stringify((await sql.raw(`select * from "${name}"`).execute(db)).rows);
        for (const marker of markers) expect(rows.includes(marker), `${marker} in table ${name}`).toBe(false);
      }
      await db.destroy();
    } else {
      const files = [databasePath, `${databasePath}-wal`, `${databasePath}-shm`].filter((f) => fs.existsSync(f));
      expect(files.length).toBeGreaterThan(0);
      for (const file of files) {
        const bytes = fs.readFileSync(file).toString("latin1");
        for (const marker of markers) expect(bytes.includes(marker), `${marker} in ${file}`).toBe(false);
      }
    }
    for (const marker of markers) expect(server.output().includes(marker), `${marker} in server output`).toBe(false);
    // And it was stored, anonymised.
    const db = openDatabase(databasePath);
    const stored = await db
      .selectFrom("post")
      .select("body")
      .where(
        "author_id",
        "=",
        (await db.selectFrom("user").select("id").where("username", "=", "paster").executeTakeFirstOrThrow()).id,
      )
      .executeTakeFirstOrThrow();
    await db.destroy();
    expect(stored.body).toBe("Hi [name],\n\nmail me at [email] or call [phone].\nSee [link]\n\nBest,\n[name]");
  });
});

describe("npm run -s anonymise", () => {
  function cli(args: string[], input: string) {
    return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      const child = execFile(
        process.execPath,
        ["--import", "tsx", "scripts/anonymise.ts", ...args],
        (error, stdout, stderr) =>
          resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
      );
      child.stdin!.end(input);
    });
  }

  it("prints the text anonymised", async () => {
    const result = await cli([], "Hi Sarah, call 415-555-0132.\n");
    expect(result).toMatchObject({ code: 0, stdout: "Hi [name], call [phone].\n" });
  });

  it("prints the redactions with --json, honouring --remove and --keep", async () => {
    const result = await cli(["--json", "--remove", "Acme", "--keep", "Sarah"], "Hi Sarah, Tom from Acme here.");
    const parsed = JSON.parse(result.stdout);
    expect(parsed.text).toBe("Hi Sarah, [name] from [detail] here."); // removed by hand: [detail]
    expect(parsed.redactions.map((r: { original: string }) => r.original)).toEqual(["Tom", "Acme"]);
  });

  it("refuses an unknown option", async () => {
    const result = await cli(["--shout"], "hi");
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--shout/);
  });
});
