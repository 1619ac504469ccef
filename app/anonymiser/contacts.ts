import { SpanSet, matches, trimTrailingPunctuation } from "./spans";
import { classify } from "./tokens";

export const TLDS = [
  // generic
  "com|org|net|io|co|ai|app|dev|social|xyz|info|biz|tech|ly|gg|fm|tv|edu|gov|page|site|online|studio|design|bio|cloud|email|link",
  "agency|careers|jobs|consulting|solutions|ventures|capital|partners|health|digital|media|works|team|blog|news|shop|store",
  // country codes that are not English words (the ones that are sit in RISKY_TLDS)
  "uk|de|fr|nl|eu|ca|au|ie|ch|se|dk|fi|pl|pt|jp|br|mx|nz|za|sg|hk|ae|ar|bd|bg|cl|cn|cr|cz|ec|ee|eg|gh|gr|hr|hu|il|ke|kr",
  "lk|lt|lu|lv|ng|pe|ph|pk|qa|ro|rs|ru|sa|si|sk|th|tr|tw|ua|uy|ve|vn|tz|ug|cc|ws|nu|vc|mt|cy|kz|np",
].join("|");
/** Short TLDs that double as English words ("done.so"), accepted only with a path after them. */
export const RISKY_TLDS = "me|so|to|in|it|be|at|us|es|no|is|ma|do|my|la";

export const FEDIVERSE_RE = /(?<![\w@.])@[A-Za-z0-9_]{1,30}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){1,5}/g;
export const EMAIL_RE =
  /(?<![\w.%+-])[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){0,5}\.[A-Za-z]{2,24}/g;
export const SPELLED_DOT = String.raw`(?:[ \t]{1,3}dot[ \t]{1,3}|[ \t]{0,3}[\[(]dot[\])][ \t]{0,3}|\.)`;
export const SPELLED_EMAIL_RE = new RegExp(
  String.raw`(?<![\w.])[A-Za-z0-9][A-Za-z0-9_-]{0,40}(?:${SPELLED_DOT}[A-Za-z0-9_-]{1,40}){0,3}` +
    String.raw`(?:[ \t]{1,3}at[ \t]{1,3}|[ \t]{0,3}[\[(](?:at|@)[\])][ \t]{0,3})` +
    String.raw`[A-Za-z0-9-]{1,63}(?:${SPELLED_DOT}[A-Za-z0-9-]{1,63}){0,3}${SPELLED_DOT}(?:${TLDS})\b`,
  "gi",
);
export const URL_RE = /\b(?:https?:\/\/|www\.)[^\s<>"'()[\]{}]{1,2048}/gi;
export const DOMAIN_RE = new RegExp(
  String.raw`(?<![\w@./-])(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.){1,4}` +
    String.raw`(?:(?:${TLDS})\b(?!\.[a-z])(?:\/[^\s<>"'()[\]{}]{0,2048})?|(?:${RISKY_TLDS})\/[^\s<>"'()[\]{}]{0,2048})`,
  "gi",
);
/** "saffronleaf.in": a bare domain on a TLD that is also a word, checked further in findLinks. */
export const RISKY_BARE_DOMAIN_RE = new RegExp(
  String.raw`(?<![\w@./-])(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.){0,3}([a-z][a-z0-9-]{2,61})\.(?:${RISKY_TLDS})(?![\w.@/-]|\.[a-z])`,
  "gi",
);
/**
 * An ID given after a messaging app's label, with or without "@": "WeChat: kevin_92", "Discord:
 * nova#0420", "my Telegram ID is @x". "X" counts only at a line's start or after "(" or ",".
 */
export const HANDLE_LABELS =
  "WeChat|Weixin|Telegram|Discord|IG|Insta|Instagram|Twitter|Threads|TikTok|Snapchat|Snap|Skype|KakaoTalk|Kakao|LINE|Viber|Signal|Bluesky|Mastodon|GitHub|GitLab|Reddit|Keybase|Matrix";
export const LABELLED_HANDLE_RE = new RegExp(
  String.raw`(?:\b(?:${HANDLE_LABELS})|(?:^|[(,][ \t]?)X)(?:[ \t]{1,2}(?:ID|handle|username|user|name))?` +
    String.raw`(?:[ \t]{0,2}[:：][ \t]{0,2}|[ \t]{1,2}(?:is|-|–)[ \t]{1,2})@?([A-Za-z0-9_][A-Za-z0-9_.#-]{1,31})`,
  "gm",
);
/** "my ID is kevin_92", "(username: nova.dev)": needs a digit, "_" or "." to tell it from a word. */
export const ID_PHRASE_RE =
  /\b(?:ID|handle|username|user ?name)(?:[ \t]{1,2}is[ \t]{1,2}|[ \t]{0,2}:[ \t]{0,2})@?([A-Za-z0-9_][A-Za-z0-9_.#-]{1,31})/gi;
export const HANDLE_RE = /(?<![\w@.])@[A-Za-z0-9_](?:[A-Za-z0-9_.]{0,29}[A-Za-z0-9_])?(?![\w@])/g;
export const PHONE_RE =
  /(?<![\w+./-])(?:\+\d{1,3}[ .-]?)?(?:\(\d{1,5}\)[ .-]?)?\d{1,15}(?:(?:[ .-]|[ ]?[-.][ ]?)\d{1,15}){0,6}(?![\w/])/g;
export const EXTENSION_RE = /^[ \t]{0,2}(?:,[ \t]?)?(?:x|ext\.?|extension)[ \t]?\d{1,6}\b/i;
export function findLinks(text: string, out: SpanSet): void {
  for (const re of [URL_RE, DOMAIN_RE]) {
    for (const m of matches(re, text)) {
      out.add(m.index, m.index + trimTrailingPunctuation(m[0]).length, "link");
    }
  }
  // "plugged.in" is a pun, "saffronleaf.in" a site: accept a bare risky TLD only after a name
  // that is not an English word.
  for (const m of matches(RISKY_BARE_DOMAIN_RE, text)) {
    const label = m[1]?.toLowerCase() ?? "";
    if (classify(label) === "unknown" || classify(label) === "org") out.add(m.index, m.index + m[0].length, "link");
  }
}

/** The ID in a labelled handle, when it looks like one rather than a word. */
export function findLabelledHandles(text: string, out: SpanSet): void {
  const add = (m: RegExpExecArray, needsMark: boolean): void => {
    const id = trimTrailingPunctuation(m[1] ?? "");
    if (id.length < 2 || !/[A-Za-z]/.test(id)) return;
    const marked = /[\d_.#]/.test(id);
    if (needsMark ? !marked : !marked && classify(id.toLowerCase()) !== "unknown") return;
    const start = m.index + m[0].length - (m[1]?.length ?? 0);
    out.add(start, start + id.length, "handle");
  };
  for (const m of matches(LABELLED_HANDLE_RE, text)) add(m, false);
  for (const m of matches(ID_PHRASE_RE, text)) add(m, true);
}

export function findSpelledEmails(text: string, out: SpanSet): void {
  for (const m of matches(SPELLED_EMAIL_RE, text)) {
    // "look at brightwater.io" is a sentence, not an address: demand a spelled or bracketed part.
    if (!/[[(]|[ \t]dot[ \t]/i.test(m[0])) continue;
    out.add(m.index, m.index + m[0].length, "email");
  }
}

export function isPhoneShaped(candidate: string, before: string): boolean {
  const digits = candidate.replace(/\D/g, "").length;
  if (digits < 7 || digits > 15) return false;
  if (/[$£€¥]\s?$/.test(before)) return false;
  if (/^\d{4}[-./]\d{1,2}[-./]\d{1,2}$|^\d{1,2}[-./]\d{1,2}[-./]\d{2,4}$/.test(candidate)) return false;
  if (candidate.startsWith("+")) return digits >= 8;
  if (candidate.includes("(")) return digits >= 10;
  if (digits >= 10) return /^\d{10,11}$/.test(candidate) || /[ .-]/.test(candidate);
  return /^\d{3}[-.]\d{4}$/.test(candidate);
}

export function findPhones(text: string, out: SpanSet): void {
  for (const m of matches(PHONE_RE, text)) {
    const candidate = m[0].replace(/[ .-]+$/, "");
    if (!isPhoneShaped(candidate, text.slice(Math.max(0, m.index - 2), m.index))) continue;
    let end = m.index + candidate.length;
    const ext = EXTENSION_RE.exec(text.slice(end, end + 24));
    if (ext) end += ext[0].length;
    out.add(m.index, end, "phone");
  }
}
