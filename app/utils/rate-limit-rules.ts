/**
 * The limits, in one place. Chosen so a person using the forum in earnest
 * never meets them, while a script does within seconds:
 * - signing in: 50 tries per address per 15 minutes (a shared office still
 *   gets through); 10 failed tries per username from one address and 100
 *   from all addresses together. Only failures count against a username, so
 *   signing in often never meets the limit, and someone guessing from
 *   elsewhere cannot lock the owner out with ten wrong passwords;
 * - a signed-in member's password checks (changing it, deleting the account):
 *   10 failures per 15 minutes, their own count, so another person's
 *   guessing at the sign-in form never locks them out of their session;
 * - joining: 5 accounts per address per hour;
 * - posting: one post per 15 seconds (60 for accounts younger than a day,
 *   as Discourse does for new users) and 30 per hour (10 when new);
 * - votes: 120 a minute; flags: 20 an hour;
 * - previews (Markdown, and the anonymiser's): 120 a minute and 4 a second per
 *   member (the live previews ask at most once per 300–350 ms pause in typing),
 *   so one member's previews cannot take a noticeable share of the one thread
 *   that renders everyone's pages: at the 50 ms worst case of a render, a fifth
 *   of it for a second at most, and a tenth over a minute;
 * - password resets (/forgot): 10 asks per client address per 15 minutes (refused
 *   with a message), and 3 e-mails an hour per typed username or address and per
 *   account (past those, the answer is the same and nothing is sent, so the limit
 *   reveals nothing); verification e-mails: 5 an hour per member;
 * - the draft workshop's feedback: 120 a minute, per member or, for
 *   visitors, per address (it follows the typing like the Markdown preview).
 */

export interface Limit {
  /** What the key counts, e.g. "post:member". */
  name: string;
  points: number;
  windowMs: number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export const LIMITS = {
  loginPerIp: { name: "login:ip", points: 50, windowMs: 15 * MINUTE },
  loginFailuresPerUsernameAndIp: { name: "login-failed:user-ip", points: 10, windowMs: 15 * MINUTE },
  loginFailuresPerUsername: { name: "login-failed:user", points: 100, windowMs: 15 * MINUTE },
  passwordCheckFailures: { name: "password-check-failed:member", points: 10, windowMs: 15 * MINUTE },
  joinPerIp: { name: "join:ip", points: 5, windowMs: HOUR },
  postCooldown: { name: "post:cooldown", points: 1, windowMs: 15_000 },
  postCooldownNew: { name: "post:cooldown-new", points: 1, windowMs: MINUTE },
  postHourly: { name: "post:hour", points: 30, windowMs: HOUR },
  postHourlyNew: { name: "post:hour-new", points: 10, windowMs: HOUR },
  vote: { name: "vote", points: 120, windowMs: MINUTE },
  flag: { name: "flag", points: 20, windowMs: HOUR },
  preview: { name: "preview", points: 120, windowMs: MINUTE },
  previewBurst: { name: "preview:second", points: 4, windowMs: 1_000 },
  forgotPerIp: { name: "forgot:ip", points: 10, windowMs: 15 * MINUTE },
  forgotPerEntry: { name: "forgot:entry", points: 3, windowMs: HOUR },
  forgotPerAccount: { name: "forgot:account", points: 3, windowMs: HOUR },
  verifyEmail: { name: "verify-email:member", points: 5, windowMs: HOUR },
  workshop: { name: "workshop", points: 120, windowMs: MINUTE },
} satisfies Record<string, Limit>;

export const NEW_ACCOUNT_MS = 24 * HOUR;
