/**
 * @mentions in a comment: which names it mentions, and its rendered HTML with the mentions of
 * existing members turned into links to their page. The HTML is the Markdown renderer's sanitised
 * output, so only text between tags is touched, never inside links, code or attributes.
 */
import { MENTION_LIMIT } from "./notification-kinds";

// A name as usernames are made (letters, digits, _ and -), not preceded by a word character (an e-mail address).
const MENTION = /(^|[^\w@/.-])@([A-Za-z0-9_-]{3,30})(?![\w-])/g;

/** Lower-cased names mentioned in a text, in order, each once, at most MENTION_LIMIT. */
export function mentionedNames(text: string): string[] {
  const names: string[] = [];
  for (const match of text.matchAll(MENTION)) {
    const key = match[2].toLowerCase();
    if (!names.includes(key)) names.push(key);
    if (names.length === MENTION_LIMIT) break;
  }
  return names;
}

/** Posts of the same thread a comment links to as `#post-N` (how a member quotes one): their numbers. */
export function quotedNumbers(text: string): number[] {
  const numbers = new Set<number>();
  for (const match of text.matchAll(/#post-([1-9]\d{0,6})\b/g)) numbers.add(Number(match[1]));
  return [...numbers];
}

/**
 * Links `@name` to `/u/name` in sanitised HTML for the names in `members` (lower-cased key → username
 * as spelled). Text inside <a>, <code> and <pre> stays as it is.
 */
export function linkMentions(html: string, members: Map<string, string>): string {
  if (members.size === 0) return html;
  let inside = 0;
  return html
    .split(/(<[^>]*>)/)
    .map((part) => {
      if (part.startsWith("<")) {
        const tag = /^<(\/?)(a|code|pre)\b/i.exec(part);
        if (tag) inside += tag[1] ? -1 : 1;
        return part;
      }
      if (inside > 0) return part;
      return part.replace(MENTION, (whole, before: string, name: string) => {
        const username = members.get(name.toLowerCase());
        return username ? `${before}<a class="mention" href="/u/${username}">@${username}</a>` : whole;
      });
    })
    .join("");
}
