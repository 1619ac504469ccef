/**
 * Names and organisations in scripts without capitals or with other conventions: Korean before
 * 님 and 씨, Cyrillic after господин, Arabic after السيد, Vietnamese after anh or chị, companies
 * marked 株式会社, 公司 or ООО, employers in "在…工作" and "…で働いて", and a signature in any
 * script: the short lines under a closing.
 */
import { HONORIFICS, TITLES } from "./lexicon";
import { SIGN_OFF_RE } from "./signatures";
import { matches, type SpanSet } from "./spans";
import { linesOf, type Token } from "./tokens";

/** Hangul names before their honorific: "지민님", "김민수 씨". */
const KOREAN_HONORIFIC_RE =
  /(?<![\p{sc=Hangul}])([\p{sc=Hangul}]{2,4})(?=[ \t]?(?:님|씨|선생님|대표님|팀장님|부장님|과장님))/gu;
const KOREAN_NOT_NAMES = new Set(["고객", "회원", "담당자", "선생", "사장", "부장", "팀장", "대표", "여러분", "과장"]);

/** Han titles after a surname: "李总", "张经理", "王老师". */
const HAN_TITLE_RE = /(?<![\p{sc=Han}])([\p{sc=Han}]{1,3})(?=总|经理|老板|主任|教授|律师|医生)/gu;

/** Vietnamese kinship terms used as honorifics before a name, in lower case: "anh Minh", "chị Lan" ("Anh" is a name too). */
const VIETNAMESE_HONORIFIC_RE =
  /(?<![\p{L}])(?:anh|chị|em|cô|chú|bác|ông|bà)[ \t]+(\p{Lu}[\p{L}\p{M}]{1,15}(?:[ \t]\p{Lu}[\p{L}\p{M}]{1,15}){0,2})/gu;

/** A title of respect in any script, then a name of up to three words: "господин Иванов", "السيد أحمد". */
const SCRIPT_HONORIFIC_RE =
  /(?<![\p{L}])(?:господин|госпожа|г-н|г-жа|пан|пані|السيد|السيدة|الأستاذ|الأستاذة|الدكتور|الدكتورة|أستاذ)[ \t]+([\p{L}\p{M}]{2,20}(?:[ \t][\p{L}\p{M}]{2,20})?)/giu;

/** Companies marked in their own script. */
const SCRIPT_COMPANY_RES = [
  /(?:株式会社|有限会社|合同会社)[ \t]?[\p{sc=Han}\p{sc=Katakana}\p{sc=Hiragana}A-Za-z0-9ー]{1,15}/gu,
  /[\p{sc=Han}\p{sc=Katakana}A-Za-z0-9ー]{1,15}(?:株式会社|有限会社|合同会社)/gu,
  /(?<=在|于)[\p{sc=Han}A-Za-z0-9]{2,10}(?=工作|上班|任职|实习)/gu,
  /[\p{sc=Han}]{2,8}(?:有限公司|公司|集团|科技|银行)/gu,
  /[\p{sc=Han}\p{sc=Katakana}A-Za-z0-9ー]{2,15}(?=で働いて|に勤めて|に勤務|に在籍|に入社)/gu,
  /[\p{sc=Hangul}A-Za-z0-9]{2,10}(?=에서 (?:일하|근무)|에 다니)/gu,
  /(?:ООО|ОАО|ЗАО|АО|ПАО)[ \t]+[«"]?[\p{L}\d -]{2,30}[»"]?/gu,
  /(?<=в компании[ \t]+[«"]?)\p{Lu}[\p{L}\d-]{1,30}/gu,
  /(?<=شركة[ \t]+)[\p{sc=Arabic}A-Za-z]{2,20}/gu,
];

/** "التواصل مع سارة الهاشمي": the person one is told to contact ("contact with …"). */
const ARABIC_CONTACT_RE =
  /(?:التواصل|تواصل|تحدث|اسأل)[ \t]+(?:مع[ \t]+)?([\p{sc=Arabic}]{2,15}(?:[ \t][\p{sc=Arabic}]{2,15})?)/gu;

/** "王伟，你好": a Han name before the greeting. */
const HAN_BEFORE_GREETING_RE = /(?<![\p{sc=Han}])([\p{sc=Han}]{2,3})[，, ]?(?:你好|您好)/gu;
/** "祝好，张磊", "감사합니다, 민수", "شكراً، خالد": a closing and a name on one line. */
const CLOSING_THEN_NAME_RE =
  /(?:祝好|谢谢|此致|敬礼|감사합니다|شكرا|شكراً|مع أطيب التحيات)[，,،、 ]+([\p{sc=Han}\p{sc=Hangul}\p{sc=Arabic}]{1,12})[ \t]*$/gmu;
/** "이서연 드림": a Korean sender before 드림 ("from"). */
const KOREAN_SENDER_RE = /([\p{sc=Hangul}]{2,4})[ \t]?드림/gu;

/**
 * The message's last line, when it is a short name in a script without case ("山本", "خالد",
 * "——李娜"): signatures end messages in every language.
 */
function findLastLineName(text: string, out: SpanSet): void {
  const lines = linesOf(text).filter((l) => l.text.trim() !== "");
  const last = lines[lines.length - 1];
  if (last === undefined || lines.length < 2) return;
  const m =
    /^[ \t]*(?:[-–—~]{1,2}[ \t]*)?([\p{sc=Han}\p{sc=Hangul}\p{sc=Arabic}\p{sc=Hebrew}]{1,12}(?:[ \t][\p{sc=Han}\p{sc=Hangul}\p{sc=Arabic}\p{sc=Hebrew}]{1,12})?)[ \t]*$/u.exec(
      last.text,
    );
  const name = m?.[1];
  if (m === null || name === undefined || SIGN_OFF_RE.test(name) || looksLikeTitle(name)) return;
  const start = last.start + m[0].indexOf(name);
  out.add(start, start + name.length, "name");
}

/** "Alibaba (阿里巴巴)", "陈静 (Chen Jing)": a gloss in brackets right after a redaction is the same detail. */
export function findGlosses(text: string, out: SpanSet): void {
  for (const s of [...out.spans]) {
    if (s.kind !== "name" && s.kind !== "company") continue;
    const m = /^[ \t]?[(（]([^()（）\n]{1,30})[)）]/u.exec(text.slice(s.end, s.end + 34));
    const gloss = m?.[1];
    // Only a transcription: the other script of the same name ("Alibaba (阿里巴巴)"), never a
    // remark in the same script ("Pipewell (Go, Kafka)", "Jordan Ellis (they/them)").
    const latin = (s_: string): boolean => /[A-Za-z]/.test(s_);
    if (m === null || gloss === undefined || latin(gloss) === latin(text.slice(s.start, s.end)) || /[,/]/.test(gloss)) {
      continue;
    }
    const start = s.end + m[0].indexOf(gloss);
    out.add(start, start + gloss.length, s.kind);
  }
}

/** Whether a line is written in a script without case and holds no Latin letters. */
const otherScriptLine = (line: string): boolean =>
  /[^\p{sc=Latin}\p{sc=Common}\p{M}]/u.test(line) && !/[A-Za-z]/.test(line);

/** A job title or department in a script without spaces: "人事部 部長", "エンジニア". */
const looksLikeTitle = (line: string): boolean =>
  [...TITLES].some((t) => t.length > 1 && /[^\x00-\x7f]/.test(t) && line.includes(t)) ||
  /(?:部|課|長|经理|总监|工程师|担当|팀|님|业务|拓展|人事|채용|销售|市场|产品|开发)/.test(line.trim());

export function findOtherScripts(text: string, tokens: Token[], out: SpanSet): void {
  for (const m of matches(KOREAN_HONORIFIC_RE, text)) {
    const name = m[1] ?? "";
    if (!KOREAN_NOT_NAMES.has(name)) out.add(m.index, m.index + name.length, "name");
  }
  for (const m of matches(HAN_TITLE_RE, text)) out.add(m.index, m.index + (m[1]?.length ?? 0), "name");
  for (const re of [VIETNAMESE_HONORIFIC_RE, SCRIPT_HONORIFIC_RE]) {
    for (const m of matches(re, text)) {
      const name = m[1] ?? "";
      if (HONORIFICS.has(name.toLowerCase())) continue;
      const start = m.index + m[0].length - name.length;
      out.add(start, start + name.length, "name");
    }
  }
  for (const re of SCRIPT_COMPANY_RES)
    for (const m of matches(re, text)) out.add(m.index, m.index + m[0].length, "company");
  for (const re of [HAN_BEFORE_GREETING_RE, CLOSING_THEN_NAME_RE, KOREAN_SENDER_RE]) {
    for (const m of matches(re, text)) {
      const name = m[1] ?? "";
      const start = m.index + m[0].indexOf(name);
      out.add(start, start + name.length, "name");
    }
  }
  for (const m of matches(ARABIC_CONTACT_RE, text)) {
    const name = m[1] ?? "";
    out.add(m.index + m[0].length - name.length, m.index + m[0].length, "name");
  }
  findAnyScriptSignature(text, out);
  findLastLineName(text, out);
  void tokens;
}

/**
 * Under a closing ("よろしくお願いします", "С уважением,", "Best,"), one to three short lines in a
 * script other than Latin are the signature: the first is the name, the rest an employer unless
 * they read as a title.
 */
function findAnyScriptSignature(text: string, out: SpanSet): void {
  const lines = linesOf(text);
  lines.forEach((line, k) => {
    const trimmed = line.text.trim().replace(/[。！!]$/, "");
    const closing = SIGN_OFF_RE.exec(trimmed);
    if (closing === null || closing[0].length < trimmed.length) return;
    let taken = 0;
    for (let n = k + 1; n < lines.length && taken < 3; n++) {
      const sig = lines[n];
      const content = sig?.text.trim() ?? "";
      if (sig === undefined || content === "") {
        if (taken > 0) break;
        continue;
      }
      if (content.length > 30 || !otherScriptLine(content) || /[。、,.!?？]/.test(content)) break;
      const start = sig.start + sig.text.indexOf(content);
      if (taken === 0) out.add(start, start + content.length, "name");
      else if (!looksLikeTitle(content)) out.add(start, start + content.length, "company");
      taken++;
    }
  });
}
