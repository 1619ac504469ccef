/**
 * Places: cities, venues and events ("the Brightwave Summit in Lisbon" → "the [place] in
 * [place]"), and house numbers without a street type ("14 Deansgate", an address). A country or
 * region stays: it narrows nobody down.
 */
import { addressEnd, STREET_TYPES } from "./addresses";
import places from "./data/places.json";
import { matches, type SpanSet } from "./spans";
import { isOrdinary, joinsName, lexiconTags, tokensIn, type Token } from "./tokens";

/** Last words of events and venues: "Web Summit", "Brightwave Summit 2025", "The Crown Hotel". */
const PLACE_HEADS =
  "Summit|Week|Conference|Conf|Expo|Forum|Festival|Fest|Meetup|Hackathon|Congress|Symposium|Convention|Awards|Fair|Arena|Stadium|Hall|Centre|Center|Theatre|Theater|Museum|Gallery|Hotel|Café|Cafe|Coffee|Bar|Pub|Brewery|Bistro|Kitchen|Market|Tower|Station|Airport|Park|Plaza";
const PLACE_PHRASE_RE = new RegExp(
  String.raw`(?<![\p{L}\p{M}])(?:\p{Lu}[\p{L}\p{M}'’&-]{0,30}[ \t]{1,2}){1,3}(?:${PLACE_HEADS})(?:[ \t]\d{2,4})?(?![\p{L}\p{M}])`,
  "gu",
);

/** "14 Deansgate", "at 3 Kingsway, Leeds": a number, then a street-like name no lexicon knows. */
const HOUSE_NUMBER_RE =
  /(?:^|(?<=\b(?:at|on|to|from|is|visit|by|address|office|studio)[ \t:]{1,3})|(?<=[:\n][ \t]{0,3}))\d{1,4}[A-Za-z]?,?[ \t]+\p{Lu}[\p{L}'’-]{2,30}(?:[ \t]\p{Lu}[\p{L}'’-]{2,30}){0,2}/gmu;

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

export function findPlaces(text: string, tokens: Token[], lowercaseStyle: boolean, out: SpanSet): void {
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
    // "London Tech Week", but not "Last Week" or "Next Week".
    if (last.lower === "week" && own.length < 3) continue;
    if (distinctive) out.add(first.start, m.index + m[0].length, "place");
  }
  findCities(text, tokens, lowercaseStyle, out);
  // "at the Hilton", "at the Barbican": a capitalised name after "at the" is a venue.
  tokens.forEach((t, i) => {
    const the = tokens[i + 1];
    const venue = tokens[i + 2];
    if (t.lower !== "at" || the?.lower !== "the" || venue === undefined || venue.blocked) return;
    if (!joinsName(the.gap) || !joinsName(venue.gap) || venue.shape !== "cap" || isOrdinary(venue)) return;
    if (venue.cls === "stop" || venue.cls === "org") return;
    // "at the Whakapapa Data meetup": a longer name is an organisation's, for other rules.
    const after = tokens[i + 3];
    if (after !== undefined && joinsName(after.gap) && after.shape !== "lower") return;
    out.add(venue.start, venue.end, "place");
  });
  // "on Park Lane": a named street without a number.
  for (const m of matches(STREET_WITHOUT_NUMBER_RE, text)) {
    const name = m[1] ?? "";
    out.add(m.index + m[0].length - name.length, m.index + m[0].length, "address");
  }
  for (const m of matches(LOWERCASE_STREET_RE, text)) out.add(m.index, m.index + m[0].length, "address");
}

const STREET_WITHOUT_NUMBER_RE = new RegExp(
  String.raw`\b(?:on|off)[ \t]+(\p{Lu}[\p{L}'’-]{1,30}[ \t](?:${STREET_TYPES}))\b`,
  "gu",
);
/** "22 rivington st": a house number and street typed in lower case. */
const LOWERCASE_STREET_RE = /\b\d{1,4}[ \t]+[a-z]{3,20}[ \t]+(?:st|street|rd|road|ave|avenue|lane|ln|blvd)\b/g;

/** Cities of the list in data/places.json, by their lower-case words (up to three). */
const CITIES: ReadonlySet<string> = new Set(places.cities);
const CASELESS_CITIES = places.cities.filter((c) => !/[a-z]/.test(c));
const CASELESS_CITY_RE = new RegExp(CASELESS_CITIES.join("|"), "gu");
/** Words after a city that make it one: "the Bristol team", "Zomato's Gurugram office". */
const CITY_NOUNS = new Set([
  "office",
  "offices",
  "hq",
  "team",
  "chapter",
  "pod",
  "campus",
  "hub",
  "branch",
  "studio",
  "site",
]);
const CITY_CUES = new Set(["in", "to", "from", "near", "around", "visiting", "based", "base", "across"]);

/**
 * A city: listed (data/places.json) or known to compromise as one. One that is also a given name
 * ("Austin", "Sydney") needs a cue: "in Austin", "the austin chapter".
 */
function findCities(text: string, tokens: Token[], lowercaseStyle: boolean, out: SpanSet): void {
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t === undefined || t.blocked) continue;
    if (t.shape === "lower" && !lowercaseStyle) continue;
    let end = i;
    for (let n = Math.min(3, tokens.length - i); n >= 1; n--) {
      const ts = tokens.slice(i, i + n);
      if (ts.some((x, k) => x.blocked || (k > 0 && !joinsName(x.gap)))) continue;
      if (CITIES.has(ts.map((x) => x.lower).join(" "))) {
        end = i + n;
        break;
      }
    }
    const before = tokens[i - 1]?.lower ?? "";
    // "the University of Leeds", "Bank of London": a city naming an institution stays with it.
    if (before === "of" && tokens[i - 2]?.shape === "cap") continue;
    const after = tokens[Math.max(end, i + 1)]?.lower ?? "";
    const cued = CITY_CUES.has(before) || CITY_NOUNS.has(after);
    if (end === i) {
      // Not listed: compromise's cities, or an unknown capitalised word before "office" or "HQ".
      const city = t.shape !== "lower" && lexiconTags(t.lower).includes("City");
      const unknownCued =
        t.shape === "cap" && t.cls === "unknown" && /^(?:office|offices|hq)$/.test(after) && !t.sentenceStart;
      if (city || unknownCued) out.add(t.start, t.end, "place");
      continue;
    }
    const alsoName = end === i + 1 && (t.cls === "name" || lexiconTags(t.lower).includes("Person"));
    if (alsoName && !cued) continue;
    const last = tokens[end - 1];
    if (last !== undefined) out.add(t.start, last.end, "place");
    i = end - 1;
  }
  if (CASELESS_CITIES.length > 0)
    for (const m of matches(CASELESS_CITY_RE, text)) out.add(m.index, m.index + m[0].length, "place");
}
