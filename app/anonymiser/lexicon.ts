import calendar from "./data/calendar.json";
import everyday from "./data/everyday.json";
import greetings from "./data/greetings.json";
import names from "./data/names.json";
import organisations from "./data/organisations.json";
import titles from "./data/titles.json";

/** A word list from a data file, as a set. */
const set = (list: readonly string[]): ReadonlySet<string> => new Set(list);

export const MONTHS_AND_DAYS = set(calendar.monthsAndDays);

/**
 * Holidays of several words whose parts would each look like a name or company ("off for Lunar New
 * Year"). Their words are shielded from every name and company rule.
 */
export const HOLIDAY_PHRASES: readonly string[] = calendar.holidayPhrases;

/**
 * Greetings of several words ("Assalam o Alaikum", "Guten Morgen"): their words are never names,
 * and the word after the whole phrase is the greeted name, as after "Hi". Matched whole, since
 * single words of them ("God", "Sat") are English too.
 */
export const GREETING_PHRASES: readonly string[] = greetings.greetingPhrases;

export const PRODUCTS = set(organisations.products);

/**
 * Programming languages, frameworks and tools: capitalised mid-sentence and unknown to compromise,
 * so without this list "(Go, Kafka)" loses Kafka. Words that are also common given names (Ruby,
 * Julia, Crystal) are left out on purpose.
 */
export const TECH = set(organisations.tech);

/**
 * Degrees, qualifications and fields written as acronyms ("a PhD student", "moving from QA"):
 * they sit exactly where names and companies do, after "a", "from" or "at".
 */
export const DEGREES_AND_FIELDS = set(titles.degreesAndFields);

export const ENGLISH_TITLES = set(titles.englishTitles);

/**
 * Department and job-title words in other languages ("Recursos Humanos", "Personalabteilung",
 * "Chargée de recrutement"): they sit in signatures where a company would, so they count as titles.
 */
export const INTERNATIONAL_TITLES = set(titles.internationalTitles);

/** Words that open a message or sit where a name would, but never are one. */
export const NOT_NAMES = set(names.notNames);

/**
 * Greetings in other languages open a message exactly where "Hi" does and are followed by a name
 * ("Salaam Khalid", "Hei Jukka", "G'day Sam"); they must stay themselves.
 */
export const INTERNATIONAL_GREETINGS = set(greetings.internationalGreetings);

/** Words that may stand between two greeting words: "Assalam o Alaikum", "Sehr geehrte". */
export const GREETING_JOINERS = set(greetings.greetingJoiners);

/**
 * Words of closings in other languages ("Mit freundlichen Grüßen", "¡Un abrazo!"). Listed so they
 * are never read as names; the phrases themselves are in CLOSINGS.
 */
export const INTERNATIONAL_COURTESY = set(greetings.internationalCourtesy);

/** Texting shorthand: unknown to compromise, so in a lowercase message it would pass for a name. */
export const TEXTING = set(everyday.texting);

/**
 * Everyday nouns missing from compromise's lexicon (it tags nouns by rule, not by list). In a
 * lowercase message "at brunch" or "ask for feedback" would otherwise look like "at greyfield" or
 * "ask for tunde"; these are classed as ordinary words.
 */
export const EVERYDAY_NOUNS = set(everyday.everydayNouns);

/**
 * Given names that are also ordinary English words. Outside strong slots they stay words; in a
 * slot that only a name fills ("Hi Hope,", a sign-off line, "Frank here —") they are names.
 */
export const WORD_NAMES = set(names.wordNames);

/**
 * Whom a greeting may address without naming anyone: "Dear candidate", "Dear hiring team",
 * "Dear Sir or Madam", "Hello applicants".
 */
export const GENERIC_ADDRESSEES = set(names.genericAddressees);

/**
 * Nationalities and languages: capitalised anywhere in a sentence ("I speak Turkish"), and never
 * a person or a company. compromise knows some as demonyms, many not at all.
 */
export const NATIONALITIES_AND_LANGUAGES = set(everyday.nationalitiesAndLanguages);

/**
 * Conferences and meetups that look like names ("PyCon", "KubeCon EU", "FOSDEM"); a camel-cased
 * word ending in Con, Conf, Camp or Fest is read as one too (CONFERENCE_RE).
 */
export const CONFERENCES = set(organisations.conferences);

/**
 * Closings in English and other languages. A line holding only one of these (optionally with
 * ¡ ! , .) announces the sender's name on the next line, or after it on the same line.
 */
export const CLOSINGS: readonly string[] = greetings.closings;

/**
 * Titles written before a name, in English and other languages ("Pani Kowalska", "Herr Braun",
 * "Señora Díaz", "Sayın Yılmaz"): never a name themselves, and the next capitalised word is one.
 * "Pan" (Polish Mr) is left out: it is as often a Chinese surname, and "Don" an English name.
 */
export const HONORIFICS = set(names.honorifics);

/** Titles written after the name: "Ayşe Hanım", "Mehmet Bey", "Kofi Sahib". */
export const POSTPOSITIVE_HONORIFICS = set(names.postpositiveHonorifics);

export const CJK_NOT_NAMES = set(names.cjkNotNames);

/**
 * German, Dutch and Nordic capitalise every noun (German) or use words English lacks, so in such a
 * message a capitalised word mid-sentence says little. These function words tell the language.
 */
export const GERMANIC_FUNCTION_WORDS = set(everyday.germanicFunctionWords);

/** Common capitalised German and Dutch nouns too short or plain for the endings above. */
export const GERMANIC_NOUNS = set(everyday.germanicNouns);

/** Words that, right before a capitalised word, make it very likely a person. */
export const PERSON_CUES = set(names.personCues);

/** Words that, right after a sentence-initial capitalised word, make it a person. */
export const PERSON_VERBS = set(names.personVerbs);

export const COMPANY_CUES = set(organisations.companyCues);

/**
 * Products named after their makers: in PRODUCTS so "on Slack" stays, but "a role at Canva" or
 * "joined Kakao" names an employer.
 */
export const EMPLOYER_BRANDS = set(organisations.employerBrands);

/** Turkish case endings meaning "at" or "from" ("Getir'de", "Trendyol'dan"). */
export const LOCATIVE_ENDINGS = set(organisations.locativeEndings);

/**
 * Industry words that end company names ("Vantage Recruitment", "Tūhura Data") but are common
 * after ordinary words too ("Big Data"): they need a word no lexicon knows before them.
 */
export const WEAK_COMPANY_SUFFIXES = set(organisations.weakCompanySuffixes);

export const COMPANY_SUFFIXES = set(organisations.companySuffixes);

export const NAME_PARTICLES = set(names.nameParticles);

/** Month and day names that are also given names ("May", "June", "Jun" for Junko or Jun-ho). */
export const CALENDAR_NAMES = set(calendar.calendarNames);

/** In lowercase messages, words before a person: "my manager jess wong", "my cousin chioma". */
export const LOWERCASE_PERSON_CUES = set(names.lowercasePersonCues);

/** Two-word cues: "ask for tunde", "i'm jess", "this is sam", "name is kofi". */
export const LOWERCASE_PERSON_PAIRS = set(names.lowercasePersonPairs);

/** Relatives and colleagues: after these even a word that is also a name ("my friend jade") is one. */
export const RELATION_CUES = set(names.relationCues);

/** Verbs of speech after a lowercase name: "mark said", "priya thinks". */
export const SPEECH_VERBS = set(names.speechVerbs);

export const LOWERCASE_COMPANY_CUES = set(organisations.lowercaseCompanyCues);

/** Two-word cues for a former employer: "moved from rakuten to…", "left bellhaven". */
export const LOWERCASE_COMPANY_PAIRS = set(organisations.lowercaseCompanyPairs);

/** Nouns that make the name after "called" a company: "a small startup called tsubame labs". */
export const COMPANY_NOUNS = set(organisations.companyNouns);

export const DETERMINERS = set(names.determiners);

export const words = (list: string): Set<string> => new Set(list.trim().split(/\s+/));

export const TITLES: ReadonlySet<string> = new Set([...ENGLISH_TITLES, ...INTERNATIONAL_TITLES]);

export const GREETINGS = new Set([
  ...words(`hi hey hello dear hiya howdy morning afternoon evening yo greetings thanks thank heya`),
  ...INTERNATIONAL_GREETINGS,
]);

/** The words of GREETING_PHRASES, never names; the phrases themselves are matched whole. */
export const GREETING_PHRASE_WORDS = new Set(GREETING_PHRASES.flatMap((p) => p.split(" ")));
/** Greeting phrases by their first word, so most tokens are ruled out by one lookup. */
export const GREETING_PHRASES_BY_FIRST = new Map<string, string[][]>();
for (const phrase of GREETING_PHRASES) {
  const ws = phrase.split(" ");
  const head = ws[0] ?? "";
  GREETING_PHRASES_BY_FIRST.set(head, [...(GREETING_PHRASES_BY_FIRST.get(head) ?? []), ws]);
}
