/**
 * The anonymiser every example message passes through before it is stored.
 *
 * `anonymise(text, { remove, keep })` replaces third-party details with placeholders
 * ([name] [email] [phone] [link] [handle] [company] [address]) and reports each redaction with
 * its position in the output. Structured details (e-mails, phones, links, handles, addresses) are
 * found by bounded regular expressions; names and companies by rules over words and their
 * context, with compromise's lexicon and tagger as a second opinion that our own word lists can
 * overrule. Pure and deterministic: no I/O, no clock, no randomness.
 */
import nlp from "compromise";

export type RedactionKind = "name" | "email" | "phone" | "link" | "handle" | "company" | "address";

export interface Redaction {
  kind: RedactionKind;
  /** e.g. "[name]" */
  placeholder: string;
  /** Position of the placeholder in the output text. */
  start: number;
  end: number;
  /** The text that was removed. */
  original: string;
}

export interface AnonymiseOptions {
  /** Extra words or phrases to remove (case-insensitive, whole words). */
  remove?: string[];
  /** Strings that must not be redacted even if detected (compared case-insensitively). */
  keep?: string[];
}

export interface AnonymisedText {
  text: string;
  redactions: Redaction[];
}

interface Span {
  start: number;
  end: number;
  kind: RedactionKind;
}

/** compromise is slow on long texts (5–20 ms per 1,000 characters); past this it only sees a prefix. */
const NLP_CHAR_CAP = 600;

const words = (list: string): Set<string> => new Set(list.trim().split(/\s+/));

const MONTHS_AND_DAYS = words(`
  january february march april may june july august september october november december
  jan feb mar apr jun jul aug sep sept oct nov dec
  monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun
  today tomorrow yesterday tonight weekend week month year morning afternoon evening night noon
  christmas xmas easter thanksgiving hanukkah diwali eid ramadan new years halloween passover
  holiday holidays`);

const PRODUCTS = words(`
  linkedin inmail zoom slack google meet calendly teams microsoft gmail outlook whatsapp twitter
  github gitlab notion figma salesforce hubspot substack medium youtube instagram facebook
  discord signal telegram iphone android excel powerpoint jira loom mastodon bluesky threads
  premium navigator sales-navigator chatgpt openai ai api crm saas b2b b2c ios mac windows
  skype webex docs sheets drive dropbox tiktok reddit quora x email e-mail dm dms pdf cv
  resume url faq ama kpi okr okrs roi q1 q2 q3 q4 eod eow ooo pto asap fyi btw ps pps re fwd`);

const TITLES = words(`
  ceo cto cfo coo cmo cpo cro ciso vp svp evp avp md gm hr pm head director manager founder
  co-founder cofounder recruiter recruiting recruitment partner lead engineer engineering senior
  junior principal staff chief officer president operations sales marketing product design
  designer people talent acquisition growth partnerships business development strategy research
  analyst associate consultant coordinator specialist executive assistant owner editor writer
  professor student intern advisor adviser investor team customer success account accounts
  finance human resources legal counsel data science scientist software platform infrastructure
  security communications community program programme project technical global regional chair
  board member trustee volunteer mentor coach manager managing general of and the & hiring
  talent-acquisition sourcer headhunter ops devops frontend backend fullstack full-stack stack
  developer architect administrator admin office principal emea apac americas uk us usa eu`);

/** Words that open a message or sit where a name would, but never are one. */
const NOT_NAMES = words(`
  i i'm i've i'd i'll me my mine myself we us our ours you your yours yourself he him his she
  her hers they them their it its this that these those there here who whom whose what which
  when where why how all any both each every everyone everybody anyone someone somebody nobody
  none no not yes yeah yep nope ok okay hi hey hello dear hiya howdy greetings morning good
  thanks thank thx ty cheers best regards kind warm warmest warmly sincerely yours truly
  respectfully cordially love take care talk speak soon later again ciao bye goodbye
  sir madam madame mr mrs ms miss mx dr prof team folks guys y'all friend friends colleague
  colleagues everyone all both there again just quick question follow following update
  re fwd subject note ps p.s a an the and or but so if then than as at by for from in into of
  on onto to with without about after before over under between through during per via
  also still only even really very much many more most some such same other another again
  sorry apologies unfortunately however thank appreciate appreciated please congrats
  congratulations welcome great nice lovely awesome amazing perfect sure absolutely totally
  honestly frankly anyway anyways well hope hoping wishing happy merry
  looking look glad pleased delighted excited keen happy thrilled hello-again
  unsubscribe sent confidential disclaimer automatic reply auto out office away
  mobile tel phone cell fax web website email linkedin twitter address office direct
  he/him she/her they/them pronouns`);

const GREETINGS = words(`hi hey hello dear hiya howdy morning afternoon evening yo greetings thanks thank heya hallo hola bonjour`);

const SIGN_OFF_RE =
  /^(?:best(?: wishes| regards)?|all the best|cheers|thanks(?: again| so much| a lot)?|thank you(?: again| so much)?|many thanks|with thanks|regards|kind regards|warm(?:est)? regards|warmly|sincerely|yours(?: sincerely| truly)?|take care|talk soon|speak soon|ciao|cordially|respectfully|love|best of luck|good luck|thx|ty|rgds|br)\b[ \t]*[,.!]*/i;

const HONORIFICS = words(`mr mrs ms miss mx dr prof professor sir dame`);

/** Words that, right before a capitalised word, make it very likely a person. */
const PERSON_CUES = words(`
  with met meet meeting ask asked asking told tell telling cc cc'd ping pinged call called
  email emailed introduce introduced introducing thank thanked to via named colleague friend
  manager boss wife husband partner mentor cofounder co-founder founder brother sister mum mom
  dad father mother cousin son daughter name i'm im is was contact contacted message messaged
  dm'd suggested referred recommended and`);

/** Words that, right after a sentence-initial capitalised word, make it a person. */
const PERSON_VERBS = words(`
  said says mentioned suggested recommended told tells thought thinks asked asks introduced
  passed gave shared forwarded wrote writes pointed put and is was has had will would
  reached referred sent mentions suggests recommends wanted wants spoke here`);

const COMPANY_CUES = words(`at for joined join joining from @`);

const COMPANY_SUFFIXES = words(`
  ltd ltd. limited inc inc. incorporated llc llp plc gmbh ag sa s.a. sas bv b.v. nv oy ab as
  srl spa pty corp corp. corporation co co. company group holdings partners capital analytics
  labs lab ventures consulting consultancy technologies technology tech solutions systems
  software studio studios agency bank foundation institute associates media health logistics
  robotics networks industries insurance advisors advisory collective works digital
  therapeutics biosciences energy financial finance foods brands interactive games security
  research`);

const STREET_TYPES =
  "Street|St|Road|Rd|Avenue|Ave|Lane|Ln|Boulevard|Blvd|Drive|Parkway|Pkwy|Way|Place|Pl|Court|Ct|Square|Sq|Terrace|Close|Crescent|Highway|Hwy|Row|Mews|Gardens|Walk";

const TLDS =
  "com|org|net|io|co|uk|de|fr|nl|eu|ca|au|ai|app|dev|social|xyz|info|biz|tech|ly|gg|fm|tv|edu|gov|page|site|online|studio|design|bio|ie|ch|se|dk|fi|pl|pt|jp|br|mx|nz|za|sg|hk|cloud|email|link";
/** Short TLDs that double as English words ("done.so"), accepted only with a path after them. */
const RISKY_TLDS = "me|so|to|in|it|be|at|us|es|no|is";

const PLACEHOLDER_RE = /\[(?:name|email|phone|link|handle|company|address)\]/g;
const FEDIVERSE_RE = /(?<![\w@.])@[A-Za-z0-9_]{1,30}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){1,5}/g;
const EMAIL_RE =
  /(?<![\w.%+-])[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){0,5}\.[A-Za-z]{2,24}/g;
const SPELLED_DOT = String.raw`(?:[ \t]{1,3}dot[ \t]{1,3}|[ \t]{0,3}[\[(]dot[\])][ \t]{0,3}|\.)`;
const SPELLED_EMAIL_RE = new RegExp(
  String.raw`(?<![\w.])[A-Za-z0-9][A-Za-z0-9_-]{0,40}(?:${SPELLED_DOT}[A-Za-z0-9_-]{1,40}){0,3}` +
    String.raw`(?:[ \t]{1,3}at[ \t]{1,3}|[ \t]{0,3}[\[(](?:at|@)[\])][ \t]{0,3})` +
    String.raw`[A-Za-z0-9-]{1,63}(?:${SPELLED_DOT}[A-Za-z0-9-]{1,63}){0,3}${SPELLED_DOT}(?:${TLDS})\b`,
  "gi",
);
const URL_RE = /\b(?:https?:\/\/|www\.)[^\s<>"'()[\]{}]{1,2048}/gi;
const DOMAIN_RE = new RegExp(
  String.raw`(?<![\w@./-])(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.){1,4}` +
    String.raw`(?:(?:${TLDS})\b(?!\.[a-z])(?:\/[^\s<>"'()[\]{}]{0,2048})?|(?:${RISKY_TLDS})\/[^\s<>"'()[\]{}]{0,2048})`,
  "gi",
);
const HANDLE_RE = /(?<![\w@.])@[A-Za-z0-9_](?:[A-Za-z0-9_.]{0,29}[A-Za-z0-9_])?(?![\w@])/g;
const PHONE_RE =
  /(?<![\w+./-])(?:\+\d{1,3}[ .-]?)?(?:\(\d{1,5}\)[ .-]?)?\d{1,15}(?:(?:[ .-]|[ ]?[-.][ ]?)\d{1,15}){0,6}(?![\w/])/g;
const EXTENSION_RE = /^[ \t]{0,2}(?:,[ \t]?)?(?:x|ext\.?|extension)[ \t]?\d{1,6}\b/i;
const STREET_RE = new RegExp(
  String.raw`\b\d{1,5}[A-Za-z]?,?[ \t]+(?:\p{Lu}[\p{L}'.-]{0,30}[ \t]+){1,4}(?:${STREET_TYPES})\b`,
  "gu",
);
const ROMANCE_STREET_RE =
  /\b\d{1,4}(?:bis|ter)?,?[ \t]+(?:rue|avenue|boulevard|bd|place|allée|chemin|quai|impasse|calle|avenida|via|piazza|corso|plaza)[ \t]+(?:(?:de|du|des|la|le|les|del|della|di|d'|l')[ \t]?){0,3}[\p{L}'-]{2,30}(?:[ \t]\p{Lu}[\p{L}'-]{1,30}){0,3}/giu;
const GERMAN_STREET_RE =
  /\b\p{Lu}[\p{L}-]{1,40}(?:straße|strasse|str\.|weg|platz|allee|gasse|damm|ring|gata|gate|gatan|vei|veien|vägen|väg|straat|laan|gade|vej|katu)[ \t]+\d{1,4}[a-z]?\b/gu;
const PO_BOX_RE = /\bP\.?[ \t]?O\.?[ \t]?Box[ \t]\d{1,6}\b/gi;
const POSTCODE = String.raw`(?:\p{Lu}{2}[ \t]\d{5}(?:-\d{4})?|\d{5}(?:-\d{4})?(?:[ \t]\p{Lu}[\p{L}-]{1,30})?|[A-Z]{1,2}\d[A-Z\d]?[ \t]?\d[A-Z]{2})`;
/** What may follow a street on the same line: ", Suite 4", ", Mountain View", ", CA 94043". */
const ADDRESS_TAIL_RE = new RegExp(
  String.raw`^(?:,[ \t]{0,3}(?:(?:Suite|Ste\.?|Floor|Fl\.?|Unit|Apt\.?|#)[ \t]?\w{1,6}|${POSTCODE}|\p{Lu}\p{Ll}[\p{L}'.-]{0,30}(?:[ \t]\p{Lu}\p{Ll}[\p{L}'.-]{0,30}){0,3})|[ \t]{1,3}${POSTCODE})`,
  "u",
);
/** A signature line under an address that only holds a town and a postcode. */
const ADDRESS_LINE_RE = new RegExp(
  String.raw`^[ \t]*(?:\p{Lu}[\p{L}'.-]{1,30}(?:[ \t]\p{Lu}[\p{L}'.-]{1,30}){0,2},?[ \t]{1,3})?${POSTCODE}(?:,[ \t]{0,3}\p{Lu}[\p{L}'.-]{1,30}(?:[ \t]\p{Lu}[\p{L}'.-]{1,30}){0,2})?[ \t]*$`,
  "u",
);
const WORD_RE = /[\p{L}\p{M}][\p{L}\p{M}\d]*(?:['’-][\p{L}\p{M}]+)*\.?/gu;

/** The slice of compromise's model we read: its lexicon of known words and their tags. */
const LEXICON: Record<string, string | string[] | undefined> = (() => {
  const model = nlp.model() as { one?: { lexicon?: Record<string, string | string[]> } };
  return model.one?.lexicon ?? {};
})();

const NAME_TAGS = new Set(["FirstName", "MaleName", "FemaleName", "LastName", "Person"]);
const PLACE_TAGS = new Set(["City", "Country", "Region", "Place"]);
const ORDINARY_TAGS = new Set([
  "Verb", "Adverb", "Adjective", "Pronoun", "Preposition", "Conjunction", "Determiner",
  "Modal", "Auxiliary", "Expression", "QuestionWord", "Copula", "Infinitive", "PastTense",
  "Gerund", "Value", "Month", "WeekDay", "Date",
]);

type WordClass = "stop" | "name" | "place" | "org" | "word" | "unknown";

interface Token {
  start: number;
  end: number;
  text: string;
  lower: string;
  shape: "cap" | "lower" | "upper";
  sentenceStart: boolean;
  /** Text between the previous word and this one. */
  gap: string;
  cls: WordClass;
  /** compromise's contextual tags, when the token was inside what it saw. */
  tags: ReadonlySet<string> | undefined;
  blocked: boolean;
}

function lexiconTags(lower: string): string[] {
  const entry = LEXICON[lower];
  if (entry === undefined) return [];
  return Array.isArray(entry) ? entry : [entry];
}

function classify(lower: string): WordClass {
  const bare = lower.replace(/\.$/, "");
  if (NOT_NAMES.has(bare) || MONTHS_AND_DAYS.has(bare) || PRODUCTS.has(bare) || TITLES.has(bare)) {
    return "stop";
  }
  const tags = lexiconTags(bare);
  if (tags.length === 0) return "unknown";
  if (tags.some((t) => NAME_TAGS.has(t))) return "name";
  if (tags.some((t) => PLACE_TAGS.has(t))) return "place";
  if (tags.includes("Organization")) return "org";
  return "word";
}

function shapeOf(word: string): Token["shape"] {
  if (word === word.toLowerCase()) return "lower";
  if (word.length > 1 && word === word.toUpperCase()) return "upper";
  return word[0] === word[0]?.toUpperCase() ? "cap" : "lower";
}

/** Overlap-free collector: earlier (higher-priority) spans win. Coverage is a bitmap so checks stay linear. */
class SpanSet {
  readonly spans: Span[] = [];
  private readonly covered: Uint8Array;

  constructor(length: number, taken: readonly { start: number; end: number }[] = []) {
    this.covered = new Uint8Array(length);
    for (const s of taken) this.covered.fill(1, s.start, s.end);
  }

  overlaps(start: number, end: number): boolean {
    for (let i = start; i < end; i++) if (this.covered[i] === 1) return true;
    return false;
  }

  add(start: number, end: number, kind: RedactionKind): boolean {
    if (end <= start || this.overlaps(start, end)) return false;
    this.covered.fill(1, start, end);
    this.spans.push({ start, end, kind });
    return true;
  }
}

function* matches(re: RegExp, text: string): Generator<RegExpExecArray> {
  re.lastIndex = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    if (m[0].length === 0) re.lastIndex++;
    yield m;
  }
}

function trimTrailingPunctuation(s: string): string {
  return s.replace(/[.,;:!?'")\]}>]+$/, "");
}

function findLinks(text: string, out: SpanSet): void {
  for (const re of [URL_RE, DOMAIN_RE]) {
    for (const m of matches(re, text)) {
      out.add(m.index, m.index + trimTrailingPunctuation(m[0]).length, "link");
    }
  }
}

function findSpelledEmails(text: string, out: SpanSet): void {
  for (const m of matches(SPELLED_EMAIL_RE, text)) {
    // "look at brightwater.io" is a sentence, not an address: demand a spelled or bracketed part.
    if (!/[\[(]|[ \t]dot[ \t]/i.test(m[0])) continue;
    out.add(m.index, m.index + m[0].length, "email");
  }
}

function isPhoneShaped(candidate: string, before: string): boolean {
  const digits = candidate.replace(/\D/g, "").length;
  if (digits < 7 || digits > 15) return false;
  if (/[$£€¥]\s?$/.test(before)) return false;
  if (/^\d{4}[-./]\d{1,2}[-./]\d{1,2}$|^\d{1,2}[-./]\d{1,2}[-./]\d{2,4}$/.test(candidate)) return false;
  if (candidate.startsWith("+")) return digits >= 8;
  if (candidate.includes("(")) return digits >= 10;
  if (digits >= 10) return /^\d{10,11}$/.test(candidate) || /[ .-]/.test(candidate);
  return /^\d{3}[-.]\d{4}$/.test(candidate);
}

function findPhones(text: string, out: SpanSet): void {
  for (const m of matches(PHONE_RE, text)) {
    const candidate = m[0].replace(/[ .-]+$/, "");
    if (!isPhoneShaped(candidate, text.slice(Math.max(0, m.index - 2), m.index))) continue;
    let end = m.index + candidate.length;
    const ext = EXTENSION_RE.exec(text.slice(end, end + 24));
    if (ext) end += ext[0].length;
    out.add(m.index, end, "phone");
  }
}

function addressEnd(text: string, end: number): number {
  for (let i = 0; i < 5; i++) {
    const tail = ADDRESS_TAIL_RE.exec(text.slice(end, end + 80));
    if (!tail) break;
    end += tail[0].length;
  }
  return end;
}

function findAddresses(text: string, out: SpanSet): void {
  for (const re of [STREET_RE, ROMANCE_STREET_RE, GERMAN_STREET_RE, PO_BOX_RE]) {
    for (const m of matches(re, text)) {
      const end = addressEnd(text, m.index + m[0].length);
      if (!out.add(m.index, end, "address")) continue;
      // A signature often puts the town and postcode on the next line.
      if (text[end] !== "\n") continue;
      const nextEnd = text.indexOf("\n", end + 1);
      const line = text.slice(end + 1, nextEnd === -1 ? text.length : nextEnd);
      if (line.length < 60 && ADDRESS_LINE_RE.test(line)) {
        const lead = line.length - line.trimStart().length;
        out.add(end + 1 + lead, end + 1 + line.trimEnd().length, "address");
      }
    }
  }
}

function findStructured(text: string, out: SpanSet): void {
  for (const m of matches(FEDIVERSE_RE, text)) out.add(m.index, m.index + m[0].length, "handle");
  for (const m of matches(EMAIL_RE, text)) out.add(m.index, m.index + m[0].length, "email");
  findSpelledEmails(text, out);
  findLinks(text, out);
  for (const m of matches(HANDLE_RE, text)) out.add(m.index, m.index + m[0].length, "handle");
  findPhones(text, out);
  findAddresses(text, out);
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function wholeWordPattern(phrase: string, flags: string): RegExp {
  const body = phrase.trim().split(/\s+/).map(escapeRegExp).join(String.raw`\s+`);
  return new RegExp(String.raw`(?<![\p{L}\p{M}\d_])${body}(?![\p{L}\p{M}\d_])`, flags);
}

function findRequested(text: string, remove: readonly string[], out: SpanSet): void {
  for (const phrase of remove) {
    if (phrase.trim() === "") continue;
    for (const m of matches(wholeWordPattern(phrase, "giu"), text)) {
      out.add(m.index, m.index + m[0].length, "name");
    }
  }
}

/** Tags compromise gives each word of the (capped) text, keyed by the word's start offset. */
function nlpTagsByOffset(text: string): Map<number, ReadonlySet<string>> {
  const byOffset = new Map<number, ReadonlySet<string>>();
  const cut = text.length <= NLP_CHAR_CAP ? text.length : text.lastIndexOf("\n", NLP_CHAR_CAP);
  const seen = text.slice(0, cut > 0 ? cut : NLP_CHAR_CAP);
  type TermJson = { text: string; tags: string[]; offset: { start: number } };
  const sentences = nlp(seen).json({ offset: true, terms: { offset: true } }) as { terms: TermJson[] }[];
  for (const sentence of sentences) {
    for (const term of sentence.terms) byOffset.set(term.offset.start, new Set(term.tags));
  }
  return byOffset;
}

function tokenise(text: string, blocked: SpanSet): Token[] {
  const tags = nlpTagsByOffset(text);
  const classes = new Map<string, WordClass>();
  const classOf = (lower: string): WordClass => {
    let cls = classes.get(lower);
    if (cls === undefined) {
      cls = classify(lower);
      classes.set(lower, cls);
    }
    return cls;
  };
  const tokens: Token[] = [];
  let prevEnd = 0;
  for (const m of matches(WORD_RE, text)) {
    let raw = m[0];
    const gap = text.slice(prevEnd, m.index);
    // Keep a trailing dot only on initials and honorifics ("J.", "Dr."); elsewhere it ends a sentence.
    if (raw.endsWith(".") && !(raw.length === 2 || HONORIFICS.has(raw.slice(0, -1).toLowerCase()))) {
      raw = raw.slice(0, -1);
    }
    const possessive = /['’]s$/i.test(raw) && raw.length > 3;
    const word = possessive ? raw.slice(0, -2) : raw;
    prevEnd = m.index + word.length;
    const previous = tokens[tokens.length - 1];
    tokens.push({
      start: m.index,
      end: m.index + word.length,
      text: word,
      lower: word.toLowerCase(),
      shape: shapeOf(word),
      sentenceStart: previous === undefined || /[.!?:;\n"“”(\u2022*>]|^\s*[-–—]\s/.test(gap),
      gap,
      cls: classOf(word.toLowerCase()),
      tags: tags.get(m.index),
      blocked: blocked.overlaps(m.index, m.index + word.length),
    });
  }
  return tokens;
}

function isOrdinary(t: Token): boolean {
  if (t.cls === "stop" || t.cls === "word") return true;
  if (t.cls !== "unknown" || t.tags === undefined) return false;
  if (t.tags.has("Person") || t.tags.has("ProperNoun")) return false;
  return [...t.tags].some((tag) => ORDINARY_TAGS.has(tag));
}

const NAME_PARTICLES = words(`van von de da di del della der den du le la bin bint al el ibn ter`);

/** True when the text between two words keeps them in one name ("Sarah Kim", "Sarah J. Kim"). */
const joinsName = (gap: string): boolean => gap === " " || gap === "  " || gap === "\t";

/**
 * Extend a person's name from token i over surname-like words. Returns the index past the last
 * word taken (i itself when token i is not acceptable).
 */
function nameRunEnd(tokens: Token[], i: number, lenient: boolean): number {
  const first = tokens[i];
  if (first === undefined || first.blocked || first.cls === "stop") return i;
  if (first.shape === "upper" && !lenient) return i;
  if (first.shape === "lower" && !lenient) return i;
  let j = i + 1;
  for (let taken = 1; taken < 4 && j < tokens.length; taken++) {
    const t = tokens[j];
    if (t === undefined || t.blocked || !joinsName(t.gap)) break;
    const next = tokens[j + 1];
    if (
      NAME_PARTICLES.has(t.lower) && t.shape === "lower" && next !== undefined &&
      next.shape === "cap" && joinsName(next.gap) && next.cls !== "stop"
    ) {
      j += 2;
      continue;
    }
    const fits = t.shape === first.shape || (first.shape !== "lower" && t.shape === "cap");
    if (!fits || t.cls === "stop" || t.cls === "place" || (isOrdinary(t) && t.shape === "lower")) break;
    j++;
  }
  return j;
}

function isSignOffLine(line: string): boolean {
  const m = SIGN_OFF_RE.exec(line.trim());
  return m !== null && m[0].length === line.trim().length;
}

interface Line {
  start: number;
  text: string;
}

function linesOf(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  for (const text_ of text.split("\n")) {
    lines.push({ start, text: text_ });
    start += text_.length + 1;
  }
  return lines;
}

function tokensIn(tokens: Token[], from: number, to: number): Token[] {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((tokens[mid]?.start ?? Infinity) < from) lo = mid + 1;
    else hi = mid;
  }
  const found: Token[] = [];
  for (let i = lo; i < tokens.length; i++) {
    const t = tokens[i];
    if (t === undefined || t.start >= to) break;
    if (t.end <= to) found.push(t);
  }
  return found;
}

/** A line that could be a signature's name: one to four words, no digits or symbols. */
function nameLineTokens(line: Line, tokens: Token[]): Token[] | undefined {
  const content = line.text.replace(/^[ \t]*[-–—~]+[ \t]*/, "").trim();
  if (content === "" || /[\d@:/|,]/.test(content) || content.length > 40) return undefined;
  const ts = tokensIn(tokens, line.start, line.start + line.text.length);
  if (ts.length === 0 || ts.length > 4) return undefined;
  if (ts.some((t) => t.cls === "stop" && !NAME_PARTICLES.has(t.lower))) return undefined;
  if (ts.some((t) => t.shape === "lower" && !NAME_PARTICLES.has(t.lower)) && ts.some((t) => t.shape !== "lower")) {
    return undefined;
  }
  return ts;
}

/** "Programmes" and "Partnerships" are titles as much as their singulars. */
const isTitleWord = (lower: string): boolean => TITLES.has(lower) || TITLES.has(lower.replace(/s$/, ""));

function isTitleSegment(ts: Token[]): boolean {
  return ts.every((t) => isTitleWord(t.lower) || t.cls === "place" || MONTHS_AND_DAYS.has(t.lower) || t.lower === "at");
}

/** Company lines under a signature's name: "Head of Operations, Juniper Ridge Capital". */
function signatureLines(lines: Line[], from: number, tokens: Token[], out: SpanSet): void {
  for (let k = from; k < Math.min(lines.length, from + 5); k++) {
    const line = lines[k];
    if (line === undefined || line.text.trim() === "") return;
    const segmentRe = /[^,|·•/()]+/g;
    for (const seg of matches(segmentRe, line.text)) {
      const segStart = line.start + seg.index;
      const ts = tokensIn(tokens, segStart, segStart + seg[0].length).filter((t) => !t.blocked);
      if (ts.length === 0 || ts.length > 5 || /^\s*[\w ]{1,12}:/.test(seg[0])) continue;
      if (isTitleSegment(ts) || ts.some((t) => t.shape === "lower" && !TITLES.has(t.lower))) continue;
      if (ts.every((t) => t.cls === "stop" || t.cls === "place")) continue;
      // "Head of Operations at Brightwater": only the words after the last title word.
      let firstOwn = 0;
      ts.forEach((t, idx) => {
        if (TITLES.has(t.lower) || t.lower === "at") firstOwn = idx + 1;
      });
      const own = ts.slice(firstOwn);
      const lastOwn = own[own.length - 1];
      if (own[0] === undefined || lastOwn === undefined) continue;
      out.add(own[0].start, lastOwn.end, "company");
    }
  }
}

function findSignatures(text: string, tokens: Token[], out: SpanSet): void {
  const lines = linesOf(text);
  lines.forEach((line, k) => {
    const trimmed = line.text.trim();
    const signOff = SIGN_OFF_RE.exec(trimmed);
    const dashed = /^[-–—~]{1,2}[ \t]*\S/.test(trimmed);
    let nameLine: number | undefined;
    if (signOff !== null && signOff[0].length === trimmed.length) {
      // The name is on the next non-empty line.
      let n = k + 1;
      if (lines[n]?.text.trim() === "") n++;
      const candidate = lines[n];
      if (candidate !== undefined && nameLineTokens(candidate, tokens)) nameLine = n;
    } else if (signOff !== null || dashed) {
      // "Best, Sarah Kim" / "— Tomás Ruiz": the name shares the line.
      const offset = line.start + line.text.indexOf(trimmed) + (signOff?.[0].length ?? 0);
      const rest = { start: offset, text: text.slice(offset, line.start + line.text.length) };
      if (nameLineTokens(rest, tokens) && (dashed || /[,!-–—]/.test(signOff?.[0] ?? ""))) {
        addNameTokens(tokensIn(tokens, rest.start, rest.start + rest.text.length), out);
        signatureLines(lines, k + 1, tokens, out);
      }
      return;
    }
    if (nameLine === undefined) return;
    const nl = lines[nameLine];
    if (nl === undefined) return;
    addNameTokens(tokensIn(tokens, nl.start, nl.start + nl.text.length), out);
    signatureLines(lines, nameLine + 1, tokens, out);
  });
  findClosingName(lines, tokens, out);
  findTitledSignatures(lines, tokens, out);
  findInlineSignOff(lines, tokens, out);
}

const INLINE_SIGN_OFF_RE =
  /(?:^|[.!?)\u{1F300}-\u{1FAFF}][ \t]+|[ \t])(?:[-–—]{1,2}|(?:best|cheers|thanks(?: so much| again)?|thank you|regards|best wishes|take care),)[ \t]+([\p{L}][\p{L}\p{M}'’ -]{0,40}?)[ \t]*[.!]?[ \t]*$/iu;

/** "…ping me in january? — maya" or "I'll pass. Best, Imogen" on the message's last line. */
function findInlineSignOff(lines: Line[], tokens: Token[], out: SpanSet): void {
  const last = [...lines].reverse().find((l) => l.text.trim() !== "");
  if (last === undefined) return;
  const m = INLINE_SIGN_OFF_RE.exec(last.text);
  const name = m?.[1];
  if (m === null || name === undefined) return;
  const start = last.start + m.index + m[0].lastIndexOf(name);
  const ts = nameLineTokens({ start, text: name }, tokens);
  if (ts && ts.length <= 3) addNameTokens(ts, out);
}

/** Signatures without a sign-off: a name line above (or beside) a job-title line. */
function findTitledSignatures(lines: Line[], tokens: Token[], out: SpanSet): void {
  lines.forEach((line, k) => {
    const segments = [...matches(/[^,|·•@]+/g, line.text)]
      .map((seg) => tokensIn(tokens, line.start + seg.index, line.start + seg.index + seg[0].length))
      .filter((ts) => ts.length > 0);
    const isTitle = (ts: Token[]) => ts.some((t) => isTitleWord(t.lower) && t.shape !== "lower" && !/^(?:of|and|the)$/.test(t.lower)) && isTitleSegment(ts);
    const titleAt = segments.findIndex(isTitle);
    if (titleAt === -1) return;
    const first = segments[0];
    if (titleAt > 0 && first !== undefined && first.length <= 3 && first.every((t) => t.shape === "cap" && t.cls !== "stop")) {
      addNameTokens(first, out);
    } else if (titleAt === 0) {
      const above = lines[k - 1];
      const ts = above === undefined ? undefined : nameLineTokens(above, tokens);
      if (!ts || !ts.every((t) => t.shape === "cap")) return;
      addNameTokens(ts, out);
    } else {
      return;
    }
    signatureLines(lines, k, tokens, out);
  });
}

/** A message that ends on a bare capitalised name ("Talk soon.\nPriya"). */
function findClosingName(lines: Line[], tokens: Token[], out: SpanSet): void {
  for (let k = lines.length - 1; k > 0; k--) {
    const line = lines[k];
    if (line === undefined) return;
    if (line.text.trim() === "") continue;
    const ts = nameLineTokens(line, tokens);
    if (ts && ts.length <= 3 && ts.every((t) => t.shape === "cap" && t.cls !== "word")) addNameTokens(ts, out);
    return;
  }
}

function addNameTokens(ts: Token[], out: SpanSet): void {
  const own = ts.filter((t) => !HONORIFICS.has(t.lower.replace(/\.$/, "")));
  const first = own[0];
  const last = own[own.length - 1];
  if (first !== undefined && last !== undefined) out.add(first.start, last.end, "name");
}

function addRun(tokens: Token[], i: number, end: number, kind: RedactionKind, out: SpanSet): void {
  const first = tokens[i];
  const last = tokens[end - 1];
  if (first !== undefined && last !== undefined && end > i) out.add(first.start, last.end, kind);
}

/** Whether the word after a greeting or at a line's start is followed by the end of the address. */
function closesAddress(text: string, end: number): boolean {
  return /^(?:[ \t]*(?:[,!:;.]|[-–—](?=[ \t])|\n|$)|[ \t]*$)/.test(text.slice(end, end + 3));
}

function findGreetingsAndCues(text: string, tokens: Token[], out: SpanSet): void {
  tokens.forEach((t, i) => {
    if (t.blocked) return;
    const next = tokens[i + 1];
    if (next === undefined) return;
    const lowerPrev = t.lower.replace(/\.$/, "");

    // "Hi Sarah," "Dear Mr Kim" "thanks jen!" "Thank you, Maria."
    const goodMorning = lowerPrev === "good" && /^(?:morning|afternoon|evening|day)$/.test(next.lower);
    if ((GREETINGS.has(lowerPrev) || goodMorning) && t.sentenceStart) {
      let k = i + 1;
      if (t.lower === "thank" && tokens[k]?.lower === "you") k++;
      if (goodMorning) k++;
      if (HONORIFICS.has(tokens[k]?.lower.replace(/\.$/, "") ?? "")) k++;
      const cand = tokens[k];
      if (cand === undefined || !/^[ \t]{0,2},?[ \t]{0,2}$/.test(cand.gap) || cand.gap === "") return;
      const end = nameRunEnd(tokens, k, true);
      const last = tokens[end - 1];
      if (end === k || last === undefined) return;
      const sure = cand.cls === "name" || (cand.cls === "unknown" && !isOrdinary(cand));
      if (sure || closesAddress(text, last.end)) addRun(tokens, k, end, "name", out);
      return;
    }

    // "Dr Kim", "Mr. O'Brien"
    if (HONORIFICS.has(lowerPrev) && t.shape === "cap" && next.shape === "cap" && joinsName(next.gap)) {
      addRun(tokens, i + 1, nameRunEnd(tokens, i + 1, true), "name", out);
      return;
    }

    // "Bob - I haven't responded", "Sarah, thanks for…" at the start of a line.
    if ((i === 0 || t.gap.includes("\n")) && t.shape === "cap" && !isOrdinary(t) && t.cls !== "place") {
      const end = nameRunEnd(tokens, i, false);
      const last = tokens[end - 1];
      if (last !== undefined && end <= i + 3 && /^[ \t]*(?:,|[-–—][ \t])/.test(text.slice(last.end, last.end + 3))) {
        addRun(tokens, i, end, "name", out);
        return;
      }
    }

    // "with Priya", "met Olúwaseun", "introduce you to Siobhán Kelly"
    if (PERSON_CUES.has(t.lower) && next.shape === "cap" && joinsName(next.gap) && !next.blocked) {
      const plausible = next.cls === "name" || (next.cls === "unknown" && !isOrdinary(next));
      if (plausible && !(next.tags?.has("Organization") ?? false)) {
        addRun(tokens, i + 1, nameRunEnd(tokens, i + 1, false), "name", out);
      }
    }
  });
}

function companyRunEnd(tokens: Token[], i: number): number {
  let j = i;
  while (j < tokens.length && j < i + 5) {
    const t = tokens[j];
    if (t === undefined || t.blocked || (j > i && !/^[ \t]{1,2}(?:&[ \t]{1,2})?$/.test(t.gap))) break;
    const isSuffix = COMPANY_SUFFIXES.has(t.lower);
    if (!isSuffix && (t.shape === "lower" || t.cls === "stop" || MONTHS_AND_DAYS.has(t.lower))) break;
    j++;
  }
  return j;
}

function findCompanies(tokens: Token[], out: SpanSet): void {
  tokens.forEach((t, i) => {
    if (t.blocked) return;
    // "Brightwater Analytics Ltd": walk back from a suffix over capitalised words.
    if (COMPANY_SUFFIXES.has(t.lower) && t.shape !== "lower" && i > 0) {
      let s = i;
      while (s > 0 && s > i - 4) {
        const prev = tokens[s - 1];
        const cur = tokens[s];
        if (prev === undefined || cur === undefined || prev.blocked) break;
        if (!/^[ \t]{1,2}(?:&[ \t]{1,2})?$/.test(cur.gap) || prev.shape === "lower") break;
        if (prev.cls === "stop" && !COMPANY_SUFFIXES.has(prev.lower)) break;
        s--;
      }
      if (s < i) {
        let e = i + 1;
        while (COMPANY_SUFFIXES.has(tokens[e]?.lower ?? "") && joinsName(tokens[e]?.gap ?? "")) e++;
        addRun(tokens, s, e, "company", out);
        return;
      }
    }
    // "at Brightwater", "from Juniper Ridge", "joined Acme"
    const next = tokens[i + 1];
    if (!COMPANY_CUES.has(t.lower) || next === undefined || next.blocked || !joinsName(next.gap)) return;
    if (next.shape === "lower" || next.cls === "stop" || next.cls === "place") return;
    if (next.shape === "upper" && next.text.length < 2) return;
    const end = companyRunEnd(tokens, i + 1);
    if (end === i + 1) return;
    const run = tokens.slice(i + 1, end);
    if (run.every((r) => r.cls === "word" && !COMPANY_SUFFIXES.has(r.lower))) return;
    const personish =
      next.cls === "name" || (next.tags?.has("Person") ?? false) || (t.lower !== "at" && run.length <= 2 && !run.some((r) => COMPANY_SUFFIXES.has(r.lower)) && /[^\x00-\x7f]/.test(next.text));
    addRun(tokens, i + 1, end, personish && t.lower !== "at" ? "name" : "company", out);
  });
}

const DETERMINERS = words(`the a an our your my their his her its this that`);

/** "the Old Fire Station", "the Ashford project": a capitalised run after an article names a thing. */
function followsDeterminer(tokens: Token[], i: number): boolean {
  let k = i;
  while (k > 0 && k > i - 4 && tokens[k - 1]?.shape === "cap" && !DETERMINERS.has(tokens[k - 1]?.lower ?? "") && joinsName(tokens[k]?.gap ?? "")) k--;
  const before = tokens[k - 1];
  return before !== undefined && DETERMINERS.has(before.lower) && joinsName(tokens[k]?.gap ?? "");
}

function findLooseNames(tokens: Token[], out: SpanSet): void {
  tokens.forEach((t, i) => {
    if (t.blocked || t.shape !== "cap" || t.cls === "stop" || t.cls === "place" || t.cls === "org") return;
    if (followsDeterminer(tokens, i)) return;
    const next = tokens[i + 1];
    const nextIsName = next !== undefined && joinsName(next.gap) && next.shape === "cap" && !isOrdinary(next) && next.cls !== "place" && !next.blocked;
    const taggedPerson = t.tags?.has("Person") ?? false;
    const vocative = /^,[ \t]{1,2}$/.test(t.gap) && /^[.!?]/.test(next === undefined ? "." : next.gap) && t.cls !== "word";
    if (vocative) {
      addRun(tokens, i, nameRunEnd(tokens, i, false), "name", out);
      return;
    }
    if (t.sentenceStart) {
      // Only with support: a surname after it, or a verb of speech ("Priya mentioned…").
      if (isOrdinary(t)) return;
      const speaks = next !== undefined && PERSON_VERBS.has(next.lower) && joinsName(next.gap);
      if (!(nextIsName && (t.cls === "name" || next.cls === "name" || taggedPerson)) && !(speaks && (t.cls === "name" || t.cls === "unknown"))) return;
    } else {
      const known = t.cls === "name" || taggedPerson;
      const pair = t.cls === "unknown" && nextIsName && !isOrdinary(t);
      const accented = t.cls === "unknown" && /[^\x00-\x7f]/.test(t.text) && !isOrdinary(t);
      // compromise's tagger calls most unseen capitalised words mid-sentence proper nouns.
      const proper = t.cls === "unknown" && !t.text.includes("-") && (t.tags?.has("ProperNoun") ?? false) && !isOrdinary(t) &&
        !(t.tags?.has("Organization") ?? false) && !(t.tags?.has("Place") ?? false);
      if (!known && !pair && !accented && !proper) return;
    }
    addRun(tokens, i, nameRunEnd(tokens, i, false), "name", out);
  });
}

/** Every other whole-word occurrence of a detected name or company goes too. */
function propagate(text: string, out: SpanSet, keep: ReadonlySet<string>): void {
  const found = new Map<string, RedactionKind>();
  for (const s of out.spans) {
    if (s.kind !== "name" && s.kind !== "company") continue;
    const original = text.slice(s.start, s.end);
    found.set(original, s.kind);
    for (const part of original.split(/[ \t]+/)) {
      const lower = part.toLowerCase();
      if (part.length > 1 && /^\p{Lu}/u.test(part) && classify(lower) !== "stop" && !COMPANY_SUFFIXES.has(lower) && !NAME_PARTICLES.has(lower)) {
        if (!found.has(part)) found.set(part, s.kind);
      }
    }
  }
  const byLength = [...found].sort((a, b) => b[0].length - a[0].length);
  for (const [phrase, kind] of byLength) {
    if (keep.has(phrase.toLowerCase())) continue;
    for (const m of matches(wholeWordPattern(phrase, "gu"), text)) out.add(m.index, m.index + m[0].length, kind);
  }
}

function render(text: string, spans: Span[]): AnonymisedText {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  let output = "";
  let cursor = 0;
  const redactions: Redaction[] = [];
  for (const s of sorted) {
    output += text.slice(cursor, s.start);
    const placeholder = `[${s.kind}]`;
    redactions.push({
      kind: s.kind,
      placeholder,
      start: output.length,
      end: output.length + placeholder.length,
      original: text.slice(s.start, s.end),
    });
    output += placeholder;
    cursor = s.end;
  }
  return { text: output + text.slice(cursor), redactions };
}

/** Replace third-party details in `text` with placeholders; see the module comment. */
export function anonymise(text: string, options: AnonymiseOptions = {}): AnonymisedText {
  const keep = new Set((options.keep ?? []).map((k) => k.trim().toLowerCase()).filter((k) => k !== ""));
  const protectedSpans = [...matches(PLACEHOLDER_RE, text)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
  const kept = (spans: SpanSet): SpanSet => {
    const filtered = new SpanSet(text.length, protectedSpans);
    for (const s of spans.spans) {
      if (!keep.has(text.slice(s.start, s.end).trim().toLowerCase())) filtered.add(s.start, s.end, s.kind);
    }
    return filtered;
  };

  const structured = new SpanSet(text.length, protectedSpans);
  findStructured(text, structured);
  findRequested(text, options.remove ?? [], structured);
  const spans = kept(structured);

  const tokens = tokenise(text, spans);
  const people = new SpanSet(text.length, [...protectedSpans, ...spans.spans]);
  findSignatures(text, tokens, people);
  findGreetingsAndCues(text, tokens, people);
  findCompanies(tokens, people);
  findLooseNames(tokens, people);
  const verified = kept(people);
  const all = new SpanSet(text.length, protectedSpans);
  for (const s of [...spans.spans, ...verified.spans]) all.add(s.start, s.end, s.kind);
  propagate(text, all, keep);
  return render(text, all.spans);
}
