/**
 * A visitor's vote (decision 0016): the thread page shows them the buttons, which lead to the sign-in
 * page with the post and the choice; signing in casts the vote and returns to the same message. A vote
 * posted from a page whose session has ended goes the same way, not to a dead end.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../app/db.server";
import { addExampleMessage } from "../../app/models/post.server";
import { action as joinAction } from "../../app/routes/join";
import { action as loginAction } from "../../app/routes/login";
import { action as voteAction, loader as voteLoader } from "../../app/routes/posts_.$postId.vote";
import { seed } from "../../db/seed";
import { actionArgs, formRequest, getRequest, loaderArgs, run, signedInMember } from "../setup/requests";

const SLUG = "authentic-or-spam";
let threadId: number;

beforeAll(async () => {
  await seed(getDb());
  threadId = (await getDb().selectFrom("thread").select("id").where("slug", "=", SLUG).executeTakeFirstOrThrow()).id;
});

async function approach() {
  const author = await signedInMember();
  return addExampleMessage(getDb(), {
    threadId,
    authorId: author.id,
    kind: "approach",
    draft: {
      text: `Loved your talk on onboarding; what would you change now? ${Date.now()}`,
      contextLine: "",
      remove: [],
      keep: [],
    },
  });
}

function votesOf(userId: number) {
  return getDb().selectFrom("vote").select(["post_id", "value"]).where("user_id", "=", userId).execute();
}

describe("a visitor's vote", () => {
  it("is cast by signing in, which returns to the same message", async () => {
    const post = await approach();
    const voter = await signedInMember();
    const back = `/threads/${SLUG}#post-${post.number}`;
    const answer = await run(
      loginAction,
      actionArgs(
        formRequest("/login", {
          username: voter.username,
          password: "correct horse battery",
          redirectTo: back,
          vote: String(post.id),
          choice: "not_authentic",
        }),
      ),
    );
    expect(answer.status).toBe(302);
    expect(answer.headers.get("Location")).toBe(back);
    expect(await votesOf(voter.id)).toEqual([{ post_id: post.id, value: "not_authentic" }]);
  });

  it("is cast by joining instead, which returns to the same message", async () => {
    const post = await approach();
    const username = `joiner_${Date.now().toString(36)}`;
    const back = `/threads/${SLUG}#post-${post.number}`;
    const answer = await run(
      joinAction,
      actionArgs(
        formRequest("/join", {
          username,
          password: "correct horse battery",
          redirectTo: back,
          vote: String(post.id),
          choice: "authentic",
        }),
      ),
    );
    expect(answer.status).toBe(302);
    expect(answer.headers.get("Location")).toBe(back);
    const user = await getDb()
      .selectFrom("user")
      .select("id")
      .where("username", "=", username)
      .executeTakeFirstOrThrow();
    expect(await votesOf(user.id)).toEqual([{ post_id: post.id, value: "authentic" }]);
  });

  it("is not cast when the password is wrong, nor on the member's own message", async () => {
    const post = await approach();
    const voter = await signedInMember();
    const wrong = await run(
      loginAction,
      actionArgs(
        formRequest("/login", {
          username: voter.username,
          password: "nope",
          vote: String(post.id),
          choice: "authentic",
        }),
      ),
    );
    expect(wrong.status).toBe(400);
    expect(await votesOf(voter.id)).toEqual([]);
    const author = await getDb()
      .selectFrom("user")
      .select("username")
      .innerJoin("post", "post.author_id", "user.id")
      .where("post.id", "=", post.id)
      .executeTakeFirstOrThrow();
    const own = await run(
      loginAction,
      actionArgs(
        formRequest("/login", {
          username: author.username,
          password: "correct horse battery",
          vote: String(post.id),
          choice: "authentic",
        }),
      ),
    );
    expect(own.status).toBe(302);
    expect(await getDb().selectFrom("vote").select("user_id").where("post_id", "=", post.id).execute()).toEqual([]);
  });

  it("posted after the session ended, goes to sign in with the vote; the vote's address leads to the message", async () => {
    const post = await approach();
    const answer = await run(
      voteAction,
      actionArgs(
        formRequest(`/posts/${post.id}/vote`, {
          choice: "authentic",
          returnTo: `/threads/${SLUG}`,
          anchor: `post-${post.number}`,
        }),
        { postId: String(post.id) },
      ),
    );
    expect(answer.status).toBe(302);
    const location = new URL(answer.headers.get("Location")!, "http://x");
    expect(location.pathname).toBe("/login");
    expect(Object.fromEntries(location.searchParams)).toEqual({
      redirectTo: `/threads/${SLUG}#post-${post.number}`,
      vote: String(post.id),
      choice: "authentic",
    });
    const opened = await run(voteLoader, loaderArgs(getRequest(`/posts/${post.id}/vote`), { postId: String(post.id) }));
    expect(opened.status).toBe(302);
    expect(opened.headers.get("Location")).toMatch(new RegExp(`^/threads/${SLUG}`));
  });
});
