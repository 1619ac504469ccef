import { getDb } from "~/db.server";
import { getPostForPermissions } from "~/models/post.server";
import type { SessionUser } from "~/session.server";
import { canEditPost } from "~/utils/permissions";
import { invariantResponse } from "./http.server";
import { idSchema } from "./validation.server";

/** The post, if this member may edit it now; otherwise the response that says why not. */
export async function requireEditablePost(user: SessionUser, postIdParam: string | undefined) {
  const postId = idSchema.safeParse(postIdParam);
  invariantResponse(postId.success, "There is no such post.", { status: 404 });
  const post = await getPostForPermissions(getDb(), postId.data);
  invariantResponse(post, "There is no such post.", { status: 404 });
  invariantResponse(canEditPost(user, post), "Only its author can edit a post.", { status: 403 });
  invariantResponse(!post.thread_locked_at, "This thread is locked: its posts can no longer be edited.", {
    status: 403,
  });
  return post;
}
