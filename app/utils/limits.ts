/**
 * The limits, in one place. Chosen so a person using the forum in earnest
 * never meets them, while a script does within seconds:
 * - signing in: 10 tries per username and 50 per address per 15 minutes
 *   (slows guessing; a shared office address still gets through);
 * - joining: 5 accounts per address per hour;
 * - posting: one post per 15 seconds (60 for accounts younger than a day,
 *   as Discourse does for new users) and 30 per hour (10 when new);
 * - votes: 120 a minute; flags: 20 an hour.
 */
import type { Limit } from "~/models/rate-limit.server";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export const LIMITS = {
  loginPerUsername: { name: "login:user", points: 10, windowMs: 15 * MINUTE },
  loginPerIp: { name: "login:ip", points: 50, windowMs: 15 * MINUTE },
  joinPerIp: { name: "join:ip", points: 5, windowMs: HOUR },
  postCooldown: { name: "post:cooldown", points: 1, windowMs: 15_000 },
  postCooldownNew: { name: "post:cooldown-new", points: 1, windowMs: MINUTE },
  postHourly: { name: "post:hour", points: 30, windowMs: HOUR },
  postHourlyNew: { name: "post:hour-new", points: 10, windowMs: HOUR },
  vote: { name: "vote", points: 120, windowMs: MINUTE },
  flag: { name: "flag", points: 20, windowMs: HOUR },
} satisfies Record<string, Limit>;

export const NEW_ACCOUNT_MS = 24 * HOUR;
