/**
 * Who may do what, as small yes/no questions. Every action asks them on the
 * server, whatever the page showed.
 */
import type { Role } from "../../db/schema";

export interface Actor {
  id: number;
  role: Role;
}

export function canModerate(user: Actor | null): boolean {
  return user?.role === "moderator" || user?.role === "admin";
}

export function canAdminister(user: Actor | null): boolean {
  return user?.role === "admin";
}

export interface PostOwnership {
  author_id: number;
  deleted_at: number | null;
}

/** Authors edit their own posts while they exist; nobody edits anyone else's. */
export function canEditPost(user: Actor | null, post: PostOwnership): boolean {
  return user !== null && post.deleted_at === null && post.author_id === user.id;
}

export function canDeletePost(user: Actor | null, post: PostOwnership): boolean {
  return canEditPost(user, post);
}

/** Hidden or awaiting review: only the author and moderators still see the words. */
export function canSeeWithheldPost(user: Actor | null, post: { author_id: number }): boolean {
  return user !== null && (user.id === post.author_id || canModerate(user));
}
