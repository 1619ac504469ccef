/**
 * What a member can be notified of: the one list of kinds, grouped into the three families that
 * settings and e-mail (issue 15) choose by. The schema's types derive from here; the e-mail sender
 * asks `familyOf(kind)` or reads NOTIFICATION_FAMILIES rather than listing kinds again.
 */
export const NOTIFICATION_FAMILIES = {
  replies_mentions: ["reply", "quote", "mention", "vote_milestone", "approach_linked"],
  guide_moderation: ["guide_added", "post_hidden", "post_restored", "post_fixed", "flag_resolved"],
  followed_threads: ["followed_thread"],
} as const;

export type NotificationFamily = keyof typeof NOTIFICATION_FAMILIES;
export type NotificationKind = (typeof NOTIFICATION_FAMILIES)[NotificationFamily][number];

export const FAMILY_NAMES = Object.keys(NOTIFICATION_FAMILIES) as NotificationFamily[];

/** In the words /settings (and the e-mail settings) use. */
export const FAMILY_LABEL: Record<NotificationFamily, string> = {
  replies_mentions: "Replies and mentions (replies, quotes, @mentions, votes on your messages)",
  guide_moderation: "Guide and moderation (your message in the guide, moderators' decisions, your flags)",
  followed_threads: "Followed threads (new example messages)",
};

export const EMAIL_CHOICES = ["off", "instant", "daily"] as const;
export type EmailChoice = (typeof EMAIL_CHOICES)[number];

export function familyOf(kind: NotificationKind): NotificationFamily {
  for (const family of FAMILY_NAMES)
    if ((NOTIFICATION_FAMILIES[family] as readonly string[]).includes(kind)) return family;
  throw new Error(`Unknown notification kind: ${kind}`);
}

/** Votes on an example message that notify its author: the first, then these; never one per vote. */
export const VOTE_MILESTONES = [1, 10, 25, 50, 100] as const;

/** At most this many @mentions in one post notify anyone (a list of names is not a way to page a crowd). */
export const MENTION_LIMIT = 10;
