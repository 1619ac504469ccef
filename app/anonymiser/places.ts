/**
 * Places: cities, venues and events ("the Brightwave Summit in Lisbon" → "the [place] in
 * [place]"), and house numbers without a street type ("14 Deansgate", an address). A country or
 * region stays: it narrows nobody down.
 */
import { addressEnd } from "./addresses";
import { matches, type SpanSet } from "./spans";
import { isOrdinary, lexiconTags, tokensIn, type Token } from "./tokens";

/** Last words of events and venues: "Web Summit", "Brightwave Summit 2025", "The Crown Hotel". */
const PLACE_HEADS =
  "Summit|Conference|Conf|Expo|Forum|Festival|Fest|Meetup|Hackathon|Congress|Symposium|Convention|Awards|Fair|Arena|Stadium|Hall|Centre|Center|Theatre|Theater|Museum|Gallery|Hotel|Café|Cafe|Coffee|Bar|Pub|Brewery|Bistro|Kitchen|Market|Tower|Station|Airport|Park|Plaza";
const PLACE_PHRASE_RE = new RegExp(
  String.raw`(?<![\p{L}\p{M}])(?:\p{Lu}[\p{L}\p{M}'’&-]{0,30}[ \t]{1,2}){1,3}(?:${PLACE_HEADS})(?:[ \t]\d{2,4})?(?![\p{L}\p{M}])`,
  "gu",
);

/** "14 Deansgate", "at 3 Kingsway, Leeds": a number, then a street-like name no lexicon knows. */
const HOUSE_NUMBER_RE =
  /(?:^|(?<=\b(?:at|on|to|from|is|visit|by|address|office|studio)[ \t:]{1,3})|(?<=[:\n][ \t]{0,3}))\d{1,4}[A-Za-z]?,?[ \t]+\p{Lu}[\p{L}'’-]{2,30}/gmu;

export function findHouseNumbers(text: string, tokens: Token[], out: SpanSet): void {
  for (const m of matches(HOUSE_NUMBER_RE, text)) {
    const ts = tokensIn(tokens, m.index, m.index + m[0].length);
    const street = ts[ts.length - 1];
    if (street === undefined || street.cls === "stop" || isOrdinary(street)) continue;
    out.add(m.index, addressEnd(text, m.index + m[0].length), "address");
  }
}

/** Words that may lead the match without being part of the name: "At the Crown Hotel". */
const LEADING_WORDS = new Set([
  "the",
  "a",
  "an",
  "our",
  "your",
  "my",
  "their",
  "this",
  "that",
  "at",
  "in",
  "to",
  "for",
  "from",
  "of",
]);

export function findPlaces(text: string, tokens: Token[], out: SpanSet): void {
  // Events and venues: a capitalised run ending in a place head.
  for (const m of matches(PLACE_PHRASE_RE, text)) {
    const own = tokensIn(tokens, m.index, m.index + m[0].length).filter((t) => !t.blocked);
    while (own.length > 0 && LEADING_WORDS.has(own[0]?.lower ?? "")) own.shift();
    const first = own[0];
    const last = own[own.length - 1];
    if (first === undefined || last === undefined || own.length < 2) continue;
    const words = own.slice(0, -1);
    // "Last Week", "Coffee Bar" at a sentence's start are ordinary; a word mid-sentence with a
    // capital, or one no lexicon knows, names the event or venue.
    const distinctive = words.some((t) => !isOrdinary(t)) || !first.sentenceStart;
    if (distinctive) out.add(first.start, m.index + m[0].length, "place");
  }
  // Cities, wherever they stand.
  for (const t of tokens) {
    if (t.blocked || t.shape !== "cap") continue;
    if (lexiconTags(t.lower).includes("City")) out.add(t.start, t.end, "place");
  }
}
