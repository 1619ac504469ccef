import { SpanSet, matches } from "./spans";

export const STREET_TYPES =
  "Street|St|Road|Rd|Avenue|Ave|Lane|Ln|Boulevard|Blvd|Drive|Parkway|Pkwy|Way|Place|Pl|Court|Ct|Square|Sq|Terrace|Close|Crescent|Highway|Hwy|Row|Mews|Gardens|Walk";

export const STREET_RE = new RegExp(
  // ALL-CAPS signatures too: "18 MILL LANE".
  String.raw`\b\d{1,5}[A-Za-z]?,?[ \t]+(?:\p{Lu}[\p{L}'.-]{0,30}[ \t]+){1,4}(?:${STREET_TYPES}|${STREET_TYPES.toUpperCase()})\b`,
  "gu",
);
export const ROMANCE_STREET_RE =
  /\b\d{1,4}(?:bis|ter)?,?[ \t]+(?:rue|avenue|boulevard|bd|place|allée|chemin|quai|impasse|calle|avenida|via|piazza|corso|plaza)[ \t]+(?:(?:de|du|des|la|le|les|del|della|di|d'|l')[ \t]?){0,3}[\p{L}'-]{2,30}(?:[ \t]\p{Lu}[\p{L}'-]{1,30}){0,3}/giu;
export const GERMAN_STREET_RE =
  /\b\p{Lu}[\p{L}-]{1,40}(?:straße|strasse|str\.|weg|platz|allee|gasse|damm|ring|gata|gate|gatan|vei|veien|vägen|väg|straat|laan|gracht|kade|singel|plein|gade|vej|katu)[ \t]+\d{1,4}[a-z]?\b/gu;
/** Spanish, Portuguese and Italian addresses put the number last: "Calle de Alcalá 120", "Via Roma 10". */
export const ROMANCE_STREET_NUMBER_LAST_RE =
  /\b(?:Calle|C\/|Avenida|Avda\.?|Paseo|Plaza|Carrer|Passeig|Rua|Travessa|Largo|Via|Viale|Piazza|Corso|Vicolo)[ \t]+(?:(?:de|del|la|las|los|da|do|dos|das|di|della|dei|delle|degli|d'|l')[ \t]?){0,3}\p{Lu}[\p{L}'-]{1,30}(?:[ \t]\p{Lu}[\p{L}'-]{1,30}){0,3},?[ \t]{1,2}\d{1,4}[a-zA-Z]?\b/gu;
export const PO_BOX_RE = /\bP\.?[ \t]?O\.?[ \t]?Box[ \t]\d{1,6}\b/gi;
/**
 * Postcodes as they appear in address lines: US "CA 94043", five-digit European "28009 Madrid",
 * four-digit "8001" / "1012 AB", Portuguese "1100-148", Polish "00-950" (their towns stay: a
 * city is not personal), and UK "SW1A 1AA". Only tried right after a street, so bare numbers are safe.
 */
export const POSTCODE = String.raw`(?:\p{Lu}{2,3}[ \t]\d{4,5}(?:-\d{4})?|\d{5}(?:-\d{4})?(?:[ \t]\p{Lu}[\p{L}-]{1,30})?|\d{4}-\d{3}|\d{2}-\d{3}|\d{4}(?:[ \t]?[A-Z]{2}\b)?|[A-Z]{1,2}\d[A-Z\d]?[ \t]?\d[A-Z]{2})`;
/** What may follow a street on the same line: ", Suite 4", ", Mountain View", ", CA 94043". */
/**
 * The town after a postcode, when it ends the line or the clause ("1015 CS Amsterdam", "1100-048
 * Lisboa"): a city inside an address is part of the address.
 */
const TOWN_AFTER_POSTCODE_RE = /^[ \t]{1,2}\p{Lu}\p{Ll}[\p{L}'.-]{1,30}(?=[ \t]*(?:$|\n|[,.;)]))/u;
export const ADDRESS_TAIL_RE = new RegExp(
  String.raw`^(?:,[ \t]{0,3}(?:(?:Suite|Ste\.?|Floor|Fl\.?|Unit|Apt\.?|#)[ \t]?\w{1,6}|${POSTCODE}|\p{Lu}\p{Ll}[\p{L}'.-]{0,30}(?:[ \t]\p{Lu}\p{Ll}[\p{L}'.-]{0,30}){0,3}|\p{Lu}{3,30}(?:[ \t]\p{Lu}{3,30}){0,2}(?=[ \t]{1,3}${POSTCODE}))|[ \t]{1,3}${POSTCODE})`,
  "u",
);
/** A signature line under an address that only holds a town and a postcode. */
export const ADDRESS_LINE_RE = new RegExp(
  String.raw`^[ \t]*(?:\p{Lu}[\p{L}'.-]{1,30}(?:[ \t]\p{Lu}[\p{L}'.-]{1,30}){0,2},?[ \t]{1,3})?${POSTCODE}(?:,[ \t]{0,3}\p{Lu}[\p{L}'.-]{1,30}(?:[ \t]\p{Lu}[\p{L}'.-]{1,30}){0,2})?[ \t]*$`,
  "u",
);
export function addressEnd(text: string, end: number): number {
  for (let i = 0; i < 5; i++) {
    const after = text.slice(end, end + 80);
    const town = /(?:\d|\b[A-Z]{2})$/.test(text.slice(end - 3, end)) ? TOWN_AFTER_POSTCODE_RE.exec(after) : null;
    const tail = town ?? ADDRESS_TAIL_RE.exec(after);
    if (!tail) break;
    end += tail[0].length;
  }
  return end;
}

export function findAddresses(text: string, out: SpanSet): void {
  for (const re of [STREET_RE, ROMANCE_STREET_RE, ROMANCE_STREET_NUMBER_LAST_RE, GERMAN_STREET_RE, PO_BOX_RE]) {
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
