/**
 * Who may do what, as small yes/no questions. Every action asks them on the
 * server, whatever the page showed.
 */
export const ROLES = ["member", "moderator", "admin"] as const;
export type Role = (typeof ROLES)[number];

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

/**
 * A comment's earlier versions are public; an example message's are seen by its author and
 * moderators only, since they may hold words that were removed later (decision 0009).
 */
export function canSeeHistory(user: Actor | null, post: { kind: string; author_id: number }): boolean {
  return post.kind === "comment" || canSeeWithheldPost(user, post);
}

/**
 * Whether a member's "not properly anonymised" flag withholds a message at once: only from an
 * account older than a day that has not had two such flags dismissed in the last 30 days.
 * Otherwise the flag waits for a moderator and the message stays up (decision 0009).
 */
export function flagWithholdsAtOnce({
  accountAgeMs,
  recentDismissals,
}: {
  accountAgeMs: number;
  recentDismissals: number;
}): boolean {
  return accountAgeMs > 24 * 60 * 60 * 1000 && recentDismissals < 2;
}
