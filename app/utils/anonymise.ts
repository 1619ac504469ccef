/**
 * The anonymiser every example message passes through before it is stored.
 *
 * `anonymise(text, { remove, keep })` replaces third-party details with placeholders
 * ([name] [email] [phone] [link] [handle] [company] [address]) and reports each redaction with
 * its position in the output. Structured details (e-mails, phones, links, handles, addresses) are
 * found by bounded regular expressions; names and companies by rules over words and their
 * context, with compromise's lexicon and tagger as a second opinion that our own word lists can
 * overrule. Greetings and closings are recognised in several languages, and a message typed all in
 * lowercase is read by position and cue words instead of capitals. Pure and deterministic: no I/O,
 * no clock, no randomness.
 */
import { createRequire } from "node:module";
import type Compromise from "compromise";

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
  holiday holidays lunar tet nowruz holi vesak songkran hogmanay kwanzaa juneteenth navratri onam
  pongal lohri obon chuseok purim sukkot shavuot hashanah kippur mubarak carnival carnaval
  festival fiesta
  timkat meskel enkutatash fasika genna irreecha losar dashain tihar deepavali matariki waitangi
  anzac seollal qingming tanabata setsubun bayram bayramı ramazan kurban nevruz mawlid ashura
  raya yalda wigilia andrzejki weihnachten ostern pfingsten silvester fasching karneval
  oktoberfest navidad nochebuena nochevieja pascua reyes natal páscoa noël pâques toussaint
  ferragosto sinterklaas koningsdag midsommar midsummer juhannus
  januar februar märz juni juli oktober dezember januari februari maart augustus
  enero febrero marzo mayo junio agosto septiembre octubre noviembre diciembre janvier février
  avril juin juillet août septembre octobre novembre décembre gennaio febbraio aprile maggio
  giugno luglio settembre ottobre dicembre janeiro fevereiro março maio junho julho setembro
  outubro novembro dezembro ocak şubat nisan mayıs haziran temmuz ağustos eylül ekim kasım aralık
  montag dienstag mittwoch donnerstag freitag samstag sonntag maandag dinsdag woensdag donderdag
  vrijdag zaterdag zondag lunes martes miércoles jueves viernes sábado lundi mardi mercredi jeudi
  vendredi samedi dimanche frühling frühjahr sommer herbst winter lente zomer herfst verano otoño
  invierno printemps été automne hiver`);

/**
 * Holidays of several words whose parts would each look like a name or company ("off for Lunar New
 * Year"). Their words are shielded from every name and company rule.
 */
const HOLIDAY_PHRASES = [
  "lunar new year",
  "chinese new year",
  "new year's eve",
  "new year's day",
  "mother's day",
  "father's day",
  "valentine's day",
  "st patrick's day",
  "st. patrick's day",
  "independence day",
  "labor day",
  "labour day",
  "memorial day",
  "boxing day",
  "good friday",
  "black friday",
  "cyber monday",
  "bank holiday",
  "golden week",
  "mid-autumn festival",
  "yom kippur",
  "rosh hashanah",
  "eid al-fitr",
  "eid al-adha",
  "day of the dead",
  "día de los muertos",
  "día de muertos",
  "dia de muertos",
  "día de los reyes",
  "semana santa",
  "año nuevo",
  "spring festival",
  "dragon boat festival",
  "hari raya",
  "hari raya puasa",
  "ganesh chaturthi",
  "durga puja",
  "raksha bandhan",
  "makar sankranti",
  "guy fawkes",
  "bonfire night",
  "australia day",
  "waitangi day",
  "anzac day",
  "canada day",
  "bastille day",
  "tag der deutschen einheit",
  "kurban bayramı",
  "ramazan bayramı",
  "şeker bayramı",
  "seker bayrami",
  "fête nationale",
  "festa junina",
  "tết nguyên đán",
  "lag baomer",
  "simchat torah",
  "sinterklaasavond",
];

/**
 * Greetings of several words ("Assalam o Alaikum", "Guten Morgen"): their words are never names,
 * and the word after the whole phrase is the greeted name, as after "Hi". Matched whole, since
 * single words of them ("God", "Sat") are English too.
 */
const GREETING_PHRASES = [
  "assalam o alaikum",
  "assalamu alaikum",
  "assalamu alaykum",
  "as-salamu alaykum",
  "assalam alaikum",
  "salam alaikum",
  "salaam alaikum",
  "wa alaikum assalam",
  "walaikum assalam",
  "guten morgen",
  "guten tag",
  "guten abend",
  "buenos días",
  "buenos dias",
  "buenas tardes",
  "buenas noches",
  "bom dia",
  "boa tarde",
  "boa noite",
  "dzień dobry",
  "dobry den",
  "dobrý den",
  "kia ora",
  "dia duit",
  "dia dhuit",
  "ni hao",
  "nǐ hǎo",
  "xin chào",
  "sat sri akal",
  "selamat pagi",
  "selamat siang",
  "sawasdee krub",
  "sawasdee ka",
  "habari gani",
  "god morgen",
  "goedemorgen",
  "goedemiddag",
  "hyvää huomenta",
  "iyi günler",
  "günaydın",
  "shalom aleichem",
  "ẹ kú àárọ̀",
];

const PRODUCTS = words(`
  linkedin inmail zoom slack google meet calendly teams microsoft gmail outlook whatsapp twitter
  github gitlab notion figma salesforce hubspot substack medium youtube instagram facebook
  discord signal telegram iphone android excel powerpoint jira loom mastodon bluesky threads
  premium navigator sales-navigator chatgpt openai ai api crm saas b2b b2c ios mac windows
  skype webex docs sheets drive dropbox tiktok reddit quora x email e-mail dm dms pdf cv
  resume url faq kpi okr okrs roi q1 q2 q3 q4 eod eow ooo pto asap fyi btw ps pps re fwd
  wechat weixin kakaotalk kakao viber imessage facetime snapchat pinterest behance dribbble
  stackoverflow leetcode hackerrank kaggle glassdoor indeed wellfound angellist otta workday
  greenhouse meetup eventbrite airtable asana trello clickup miro canva confluence`);

/**
 * Programming languages, frameworks and tools: capitalised mid-sentence and unknown to compromise,
 * so without this list "(Go, Kafka)" loses Kafka. Words that are also common given names (Ruby,
 * Julia, Crystal) are left out on purpose.
 */
const TECH = words(`
  python java javascript typescript kotlin scala golang rust elixir erlang haskell clojure
  ocaml fsharp php perl lua dart flutter cobol fortran matlab solidity sql nosql graphql html
  css sass react reactjs vue vuejs angular svelte nextjs nuxt remix django flask fastapi rails
  laravel symfony spring node nodejs deno bun express kafka rabbitmq kubernetes k8s docker
  terraform ansible jenkins circleci postgres postgresql mysql sqlite mongodb redis cassandra
  elasticsearch spark hadoop airflow dbt snowflake databricks bigquery redshift tableau looker
  pytorch tensorflow keras pandas numpy aws gcp azure linux unix webpack vite tailwind xamarin
  unity unreal blender ethereum bitcoin llm llms devops mlops sre qa qe ux ui seo`);

/**
 * Degrees, qualifications and fields written as acronyms ("a PhD student", "moving from QA"):
 * they sit exactly where names and companies do, after "a", "from" or "at".
 */
const DEGREES_AND_FIELDS = words(`
  phd dphil mphil mba emba msc bsc ba ma bs ms meng beng llb llm jd md mbbs bcom mres pgce
  cpa cfa acca cima pmp gcse gcses a-level a-levels hnd cs cse ee ece it hr ml ai bi ux ui`);

const ENGLISH_TITLES = words(`
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
  developer architect administrator admin office principal emea apac americas uk us usa eu
  culture`);

/**
 * Department and job-title words in other languages ("Recursos Humanos", "Personalabteilung",
 * "Chargée de recrutement"): they sit in signatures where a company would, so they count as titles.
 */
const INTERNATIONAL_TITLES = words(`
  recursos humanos ressources humaines risorse umane personalabteilung personalwesen personal
  abteilung vertrieb einkauf buchhaltung verwaltung geschäftsführung geschäftsführer
  geschäftsführerin leiter leiterin leitung entwicklung entwickler entwicklerin personalreferentin
  personalreferent recruiterin ventas compras finanzas contabilidad administración dirección
  gerente directora jefe jefa departamento reclutamiento selección talento responsable chargé
  chargée recrutement recruteur recruteuse directeur directrice commercial comptabilité vendite
  amministrazione direttore direttrice responsabile ufficio personale afdeling werving selectie
  inkoop verkoop rekrytointi henkilöstö rekrytering personalavdelning insan kaynakları kaynaklari
  müdür müdürü uzman departmanı desarrollo ingeniera ingeniero ingénieur ingénieure de del des
  et und`);

const TITLES: ReadonlySet<string> = new Set([...ENGLISH_TITLES, ...INTERNATIONAL_TITLES]);

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

/**
 * Greetings in other languages open a message exactly where "Hi" does and are followed by a name
 * ("Salaam Khalid", "Hei Jukka", "G'day Sam"); they must stay themselves.
 */
const INTERNATIONAL_GREETINGS = words(`
  hallo hola bonjour bonsoir salut coucou ciao salve buongiorno buonasera buenos buenas
  olá ola oi hei hej hej hejsa moi moikka terve servus moin grüezi salaam salam assalamu
  marhaba ahlan shalom namaste namaskar vanakkam chào xin merhaba selam jambo habari sawubona
  kia ora g'day gday aloha konnichiwa annyeong nihao witam ahoj zdravo privet dobrý dzień
  liebe lieber geehrte geehrter querida querido queridos estimado estimada estimados cher chère
  chers caro cara gentile prezado prezada szanowna szanowny szanowni drogi droga sayın beste
  assalam assalamu as-salamu alaikum alaykum aleikum salamu zdravstvuyte pryvit vitayu`);

/** Words that may stand between two greeting words: "Assalam o Alaikum", "Sehr geehrte". */
const GREETING_JOINERS = words(`o u wa sehr`);

/**
 * Words of closings in other languages ("Mit freundlichen Grüßen", "¡Un abrazo!"). Listed so they
 * are never read as names; the phrases themselves are in CLOSINGS.
 */
const INTERNATIONAL_COURTESY = words(`
  vielen dank danke mit freundlichen freundliche grüßen grüsse grüße gruß gruss beste liebe
  viele herzliche herzlichen schöne lg vg mfg gracias saludos saludo abrazo abrazos besos
  atentamente cordialmente muchas un una cordialement merci beaucoup bien vous amitiés bises
  bisous grazie mille cordiali saluti saluto distinti presto obrigado obrigada abraços abraço
  atenciosamente cumprimentos beijos met vriendelijke groet groeten groetjes hartelijke
  vänliga hälsningar hälsning venlig venlige hilsen hilsner mvh ystävällisin terveisin
  kiitos tack takk tak shukran shukraan jazakallah ngā nga mihi mahalo arigato arigatou
  xièxie xiexie asante dziękuję pozdrawiam pozdravem cảm ơn trân trọng teşekkürler děkuji
  dekuji den deň dobry dobrý dzień sehr dyakuyu diakuiu dyakuju spasibo hvala köszönöm
  multumesc mulțumesc efharisto ευχαριστώ ameseginalehu toda todah dhanyavaad dhanyavad shukriya
  terima kasih salamat kamsahamnida gomawo diolch cofion slán raibh maith agat meas jaa mata
  matane guten morgen tag abend días dias tardes noches bom boa noite hyvää huomenta günler
  günaydın iyi alaikum`);

/** Texting shorthand: unknown to compromise, so in a lowercase message it would pass for a name. */
const TEXTING = words(`
  lol lmao rofl omg omw rn tho tbh idk imo imho ngl lmk pls plz np nvm ikr irl wfh afaik smh
  gonna wanna gotta kinda sorta ya yea yah nah haha hahaha hehe def deffo defo obvs prob probs
  bc cuz coz ur u r k kk thru tmrw tmr tmw tonite bday fam bestie hubby wifey uni convo vid pic
  pics dm'd q qs`);

/**
 * Everyday nouns missing from compromise's lexicon (it tags nouns by rule, not by list). In a
 * lowercase message "at brunch" or "ask for feedback" would otherwise look like "at greyfield" or
 * "ask for tunde"; these are classed as ordinary words.
 */
const EVERYDAY_NOUNS = words(`
  brunch breakfast lunch coffee tea drinks gym airport cafe café pub bar beach hotel conference
  meetup office home uni college church mosque temple library station wedding funeral concert
  booth stand desk venue hackathon standup stand-up offsite onsite retreat workshop webinar
  training bootcamp interview interviews feedback advice support referral referrals intro intros
  info details tips pointers guidance input thoughts opinion opinions context update updates
  access approval permission budget headcount sponsorship visa relocation salary compensation
  equity bonus raise promotion vacation lunchtime midnight portfolio deck slides doc docs notes
  recording demo prototype mvp launch release deadline sprint meeting call chat sync catchup
  catch-up channel thread inbox laptop computer desktop startup startups company companies
  client clients customers team teams squad org dept department hq headquarters warehouse
  factory store shop mall market supermarket restaurant canteen kitchen bakery airbnb flat
  apartment dorm campus class lecture seminar exam exams hospital clinic dentist doctor vet
  bank job jobs gig gigs shift shifts internship apprenticeship placement fair expo summit panel
  talk talks keynote booth-duty orientation onboarding induction payroll admin reception lobby
  parking traffic airport-lounge lounge terminal gate flight train bus`);

/**
 * Given names that are also ordinary English words. Outside strong slots they stay words; in a
 * slot that only a name fills ("Hi Hope,", a sign-off line, "Frank here —") they are names.
 */
const WORD_NAMES = words(`
  will hope grace faith joy mark rose june may april august bill frank dawn sky skye summer
  autumn iris lily daisy ivy pearl ruby amber jade hazel olive violet penny sunny rich drew
  chase miles gene sue pat ray jack rob grant wade lane dean earl guy victor hunter robin sage
  holly heather harmony patience prudence mercy honor honour liberty precious blessing favour
  favor gift goodness comfort peace wisdom promise destiny trinity sterling major rusty buddy`);

/**
 * Whom a greeting may address without naming anyone: "Dear candidate", "Dear hiring team",
 * "Dear Sir or Madam", "Hello applicants".
 */
const GENERIC_ADDRESSEES = words(`
  candidate candidates applicant applicants hiring sir sirs madam madams gentlemen ladies
  recruiter recruiters member members user users customer customers recipient recipients reader
  readers valued concern whom committee panel panelists jury organisers organizers attendees
  participants subscriber subscribers student students parent parents guest guests neighbour
  neighbor neighbours neighbors colleague colleagues`);

/**
 * Nationalities and languages: capitalised anywhere in a sentence ("I speak Turkish"), and never
 * a person or a company. compromise knows some as demonyms, many not at all.
 */
const NATIONALITIES_AND_LANGUAGES = words(`
  english british scottish welsh irish american canadian mexican brazilian argentinian chilean
  colombian peruvian venezuelan cuban spanish portuguese french german dutch flemish belgian swiss
  austrian italian greek turkish kurdish polish czech slovak hungarian romanian bulgarian serbian
  croatian bosnian slovenian albanian macedonian ukrainian russian belarusian lithuanian latvian
  estonian finnish swedish norwegian danish icelandic faroese sami arabic arab egyptian moroccan
  algerian tunisian lebanese syrian jordanian palestinian iraqi iranian persian farsi dari pashto
  afghan israeli hebrew yiddish saudi emirati qatari kuwaiti omani yemeni ethiopian eritrean
  amharic tigrinya oromo somali kenyan swahili kiswahili tanzanian ugandan rwandan kinyarwanda
  nigerian yoruba igbo hausa ghanaian twi akan senegalese wolof cameroonian congolese lingala
  zulu xhosa afrikaans sotho tswana shona zimbabwean zambian malawian south african indian hindi
  urdu bengali bangla punjabi gujarati marathi tamil telugu kannada malayalam sinhala sinhalese
  nepali nepalese pakistani bangladeshi sri lankan chinese mandarin cantonese hokkien hakka
  taiwanese japanese korean vietnamese thai lao khmer burmese filipino tagalog cebuano
  indonesian bahasa malay malaysian singaporean javanese australian aotearoa māori maori
  samoan tongan fijian hawaiian pacific european asian african latin latino latina latinx
  hispanic caribbean nordic scandinavian baltic balkan slavic celtic gaelic catalan basque
  galician breton esperanto sign bsl asl`);

/**
 * Conferences and meetups that look like names ("PyCon", "KubeCon EU", "FOSDEM"); a camel-cased
 * word ending in Con, Conf, Camp or Fest is read as one too (CONFERENCE_RE).
 */
const CONFERENCES = words(`
  pycon djangocon kubecon jsconf rubyconf gophercon drupalcon wordcamp devfest barcamp defcon
  fosdem sxsw ces devoxx qcon wwdc europython pydata euroscipy jsnation reactconf nodeconf
  strangeloop reinvent re:invent websummit rigacomm hackmit mozfest linuxcon opensourcesummit`);
const CONFERENCE_RE = /^\p{Lu}[\p{L}\d]{0,20}?(?:Con|CON|Conf|Camp|Fest)(?:\d{2,4})?$/u;

const GREETINGS = new Set([
  ...words(`hi hey hello dear hiya howdy morning afternoon evening yo greetings thanks thank heya`),
  ...INTERNATIONAL_GREETINGS,
]);

/** The words of GREETING_PHRASES, never names; the phrases themselves are matched whole. */
const GREETING_PHRASE_WORDS = new Set(GREETING_PHRASES.flatMap((p) => p.split(" ")));
/** Greeting phrases by their first word, so most tokens are ruled out by one lookup. */
const GREETING_PHRASES_BY_FIRST = new Map<string, string[][]>();
for (const phrase of GREETING_PHRASES) {
  const ws = phrase.split(" ");
  const head = ws[0] ?? "";
  GREETING_PHRASES_BY_FIRST.set(head, [...(GREETING_PHRASES_BY_FIRST.get(head) ?? []), ws]);
}

/**
 * Closings in English and other languages. A line holding only one of these (optionally with
 * ¡ ! , .) announces the sender's name on the next line, or after it on the same line.
 */
const CLOSINGS = [
  "best",
  "best wishes",
  "best regards",
  "all the best",
  "cheers",
  "thanks",
  "thanks again",
  "thanks so much",
  "thanks a lot",
  "thank you",
  "thank you again",
  "thank you so much",
  "many thanks",
  "with thanks",
  "regards",
  "kind regards",
  "warm regards",
  "warmest regards",
  "warmly",
  "sincerely",
  "yours",
  "yours sincerely",
  "yours truly",
  "take care",
  "talk soon",
  "speak soon",
  "ciao",
  "cordially",
  "respectfully",
  "love",
  "best of luck",
  "good luck",
  "thx",
  "ty",
  "rgds",
  "br",
  // German, Dutch, Nordic
  "mit freundlichen grüßen",
  "mit freundlichen grüssen",
  "freundliche grüße",
  "viele grüße",
  "beste grüße",
  "liebe grüße",
  "herzliche grüße",
  "lg",
  "vg",
  "mfg",
  "danke",
  "vielen dank",
  "met vriendelijke groet",
  "met vriendelijke groeten",
  "vriendelijke groet",
  "groetjes",
  "hartelijke groet",
  "med vänliga hälsningar",
  "vänliga hälsningar",
  "hälsningar",
  "mvh",
  "med venlig hilsen",
  "venlig hilsen",
  "hilsen",
  "ystävällisin terveisin",
  "terveisin",
  "kiitos",
  "tack",
  "takk",
  // Spanish, Portuguese, French, Italian
  "gracias",
  "muchas gracias",
  "saludos",
  "un saludo",
  "un abrazo",
  "abrazos",
  "atentamente",
  "cordialmente",
  "obrigado",
  "obrigada",
  "abraços",
  "atenciosamente",
  "cumprimentos",
  "merci",
  "merci beaucoup",
  "cordialement",
  "bien cordialement",
  "bien à vous",
  "amitiés",
  "bises",
  "à bientôt",
  "grazie",
  "grazie mille",
  "cordiali saluti",
  "distinti saluti",
  "saluti",
  "un saluto",
  "a presto",
  // Arabic, Māori, Hawaiian, Japanese, Swahili, Polish, Vietnamese, Turkish
  "shukran",
  "ngā mihi",
  "nga mihi",
  "mahalo",
  "arigato",
  "asante",
  "pozdrawiam",
  "cảm ơn",
  "trân trọng",
  "teşekkürler",
  "děkuji",
  "dziękuję",
  // Irish, Welsh, Ukrainian, Russian, Hindi/Urdu, Malay, Korean, Japanese, Chinese
  "go raibh maith agat",
  "go raibh míle maith agat",
  "le meas",
  "slán",
  "diolch",
  "cofion",
  "dyakuyu",
  "diakuiu",
  "spasibo",
  "dhanyavaad",
  "shukriya",
  "terima kasih",
  "kamsahamnida",
  "jaa ne",
  "mata ne",
  "よろしくお願いします",
  "よろしくお願いいたします",
  "宜しくお願いします",
  "宜しくお願い致します",
  "よろしくお願い致します",
  "ありがとうございます",
  "ありがとうございました",
  "敬具",
  "谢谢",
  "謝謝",
  "祝好",
  "此致敬礼",
  "감사합니다",
  "고맙습니다",
];

const closingAlternation = [...CLOSINGS]
  .sort((a, b) => b.length - a.length)
  .map((c) => escapeRegExp(c).replace(/ /g, "[ \\t]+"))
  .join("|");

const SIGN_OFF_RE = new RegExp(String.raw`^[¡¿]?(?:${closingAlternation})(?![\p{L}\p{M}])[ \t]*[,.!]*`, "iu");

/**
 * Titles written before a name, in English and other languages ("Pani Kowalska", "Herr Braun",
 * "Señora Díaz", "Sayın Yılmaz"): never a name themselves, and the next capitalised word is one.
 * "Pan" (Polish Mr) is left out: it is as often a Chinese surname, and "Don" an English name.
 */
const HONORIFICS = words(`
  mr mrs ms miss mx dr prof professor sir dame pani herr frau señor señora señorita sr sra
  srta doña dona senhor senhora sra monsieur madame mademoiselle mme mlle signor signora
  signorina sig sayın sayin mevrouw meneer dhr mevr fru tuan puan encik cik bapak ibu shri shrimati
  smt sri kumari`);

/** Titles written after the name: "Ayşe Hanım", "Mehmet Bey", "Kofi Sahib". */
const POSTPOSITIVE_HONORIFICS = words(`hanım hanim bey beyefendi efendi sahib saheb`);

/**
 * Japanese, Korean and South Asian honorific suffixes joined by a hyphen ("Tanaka-san",
 * "haruka-san", "Sharma-ji"): the part before the hyphen is a name, the suffix stays.
 */
const HONORIFIC_SUFFIX_RE = /^([\p{L}\p{M}]{2,30})-(?:san|sama|kun|chan|sensei|senpai|ssi|nim|ji|jee|sahib|saab)$/iu;

/**
 * The same in Han and Kana, with no space: "田中様", "由紀さん", "王先生". The 1–4 characters before
 * the suffix are the name, unless they are a word such as 皆 ("everyone").
 */
const CJK_HONORIFIC_RE =
  /(?<![\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}])([\p{sc=Han}\p{sc=Katakana}]{1,4})(?=様|さん|さま|先生|氏|君|殿|ちゃん|くん|女士|小姐|老师|님|씨)/gu;
const CJK_NOT_NAMES = new Set([
  "皆",
  "お客",
  "担当",
  "担当者",
  "関係者",
  "社長",
  "部長",
  "課長",
  "人事",
  "各位",
  "大家",
  "老",
  "お",
]);
const CASELESS_RE =
  /^[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}\p{sc=Hangul}\p{sc=Arabic}\p{sc=Hebrew}\p{sc=Thai}\p{sc=Devanagari}\p{sc=Ethiopic}\p{sc=Bengali}\p{sc=Tamil}\p{M}]+$/u;

/**
 * German, Dutch and Nordic capitalise every noun (German) or use words English lacks, so in such a
 * message a capitalised word mid-sentence says little. These function words tell the language.
 */
const GERMANIC_FUNCTION_WORDS = words(`
  ich und nicht mit wir ist habe haben für auf bei eine einen einem auch noch sehr danke vielen
  gerne bitte wie uns mein meine ihre ihnen über schon dass werden wird kann können möchte würde
  gibt oder aber wenn weil nach zum zur vom sind waren ik niet wij heb hebben voor bij
  een het ook nog graag mijn maar omdat naar jullie jij jag och inte är för på hos ett
  också jeg ikke også`);

/** Endings of German, Dutch and Nordic nouns ("Personalabteilung", "Elternzeit", "gezondheid"). */
const GERMANIC_NOUN_RE =
  /(?:ung|ungen|heit|keit|zeit|schaft|abteilung|tion|tät|nis|tum|chen|lein|ismus|gespräch|stelle|arbeit|woche|termin|vertrag|urlaub|bereich|gruppe|leitung|firma|heid|tijd|schap|skap)$/;

/** Common capitalised German and Dutch nouns too short or plain for the endings above. */
const GERMANIC_NOUNS = words(`
  stelle bewerbung gespräch termin woche jahr jahre tag tage monat zeit team firma unternehmen
  kollegen kollegin kollege chef chefin kind kinder familie urlaub frage fragen antwort nachricht
  mail projekt job arbeit büro homeoffice lebenslauf gehalt vertrag probezeit kündigung
  vorstellungsgespräch erfahrung erfahrungen kenntnisse interesse möglichkeit grüße gruß dank
  zusammenarbeit rückmeldung unterlagen sommer herbst winter frühling anfang ende mitte
  vacature sollicitatie gesprek week jaar dag maand tijd bedrijf collega baan werk kantoor
  vraag vragen antwoord bericht cv ervaring`);

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

/**
 * Products named after their makers: in PRODUCTS so "on Slack" stays, but "a role at Canva" or
 * "joined Kakao" names an employer.
 */
const EMPLOYER_BRANDS = words(`
  linkedin zoom slack google microsoft github gitlab notion figma salesforce hubspot substack
  youtube instagram facebook discord telegram loom openai dropbox tiktok reddit quora wechat
  kakao kakaotalk viber snapchat pinterest behance dribbble stackoverflow leetcode hackerrank
  kaggle glassdoor indeed wellfound angellist otta workday greenhouse eventbrite airtable asana
  trello clickup miro canva confluence`);

/** Turkish case endings meaning "at" or "from" ("Getir'de", "Trendyol'dan"). */
const LOCATIVE_ENDINGS = words(`de da te ta deki daki teki taki den dan ten tan`);

/**
 * Industry words that end company names ("Vantage Recruitment", "Tūhura Data") but are common
 * after ordinary words too ("Big Data"): they need a word no lexicon knows before them.
 */
const WEAK_COMPANY_SUFFIXES = words(`data recruitment recruiting staffing talent`);

const COMPANY_SUFFIXES = words(`
  ltd ltd. limited inc inc. incorporated llc llp plc gmbh ag sa s.a. sas bv b.v. nv oy ab as
  srl spa pty corp corp. corporation co co. company group holdings partners capital analytics
  labs lab ventures consulting consultancy technologies technology tech solutions systems
  software studio studios agency bank foundation institute associates media health logistics
  robotics networks industries insurance advisors advisory collective works digital
  therapeutics biosciences energy financial finance foods brands interactive games security
  research data recruitment recruiting staffing talent`);

/**
 * Heads of organisation names that are ordinary words elsewhere, so they are only trusted after a
 * word that is not ("Orbital Ledger", "St. Brigid's Hospital", but not "the General Hospital").
 */
const ORG_HEADS =
  "Hospital|Hospitals|Clinic|Infirmary|Hospice|University|College|Polytechnic|Academy|School|Institute|Foundation|Trust|Charity|Society|Association|Council|Bank|Credit Union|Credit|Ledger|Labs?|Capital|Partners|Ventures|Holdings|Collective|Cooperative|Co-op|Pharma|Biotech|Therapeutics|Cloud|Medical Centre|Medical Center|Health|Healthcare";
/** Saint prefixes that open hospital, school and church names. */
const SAINT = String.raw`(?:St\.?|Saint|Sankt|San|Santa|Ste\.?)[ \t]{1,2}`;
const ORG_PHRASE_RE = new RegExp(
  String.raw`(?<![\p{L}\p{M}])(${SAINT})?(?:\p{Lu}[\p{L}\p{M}'’-]{0,30}[ \t]{1,2}(?:&[ \t]{1,2})?){1,4}(?:${ORG_HEADS})(?![\p{L}\p{M}])`,
  "gu",
);

const STREET_TYPES =
  "Street|St|Road|Rd|Avenue|Ave|Lane|Ln|Boulevard|Blvd|Drive|Parkway|Pkwy|Way|Place|Pl|Court|Ct|Square|Sq|Terrace|Close|Crescent|Highway|Hwy|Row|Mews|Gardens|Walk";

const TLDS = [
  // generic
  "com|org|net|io|co|ai|app|dev|social|xyz|info|biz|tech|ly|gg|fm|tv|edu|gov|page|site|online|studio|design|bio|cloud|email|link",
  "agency|careers|jobs|consulting|solutions|ventures|capital|partners|health|digital|media|works|team|blog|news|shop|store",
  // country codes that are not English words (the ones that are sit in RISKY_TLDS)
  "uk|de|fr|nl|eu|ca|au|ie|ch|se|dk|fi|pl|pt|jp|br|mx|nz|za|sg|hk|ae|ar|bd|bg|cl|cn|cr|cz|ec|ee|eg|gh|gr|hr|hu|il|ke|kr",
  "lk|lt|lu|lv|ng|pe|ph|pk|qa|ro|rs|ru|sa|si|sk|th|tr|tw|ua|uy|ve|vn|tz|ug|cc|ws|nu|vc|mt|cy|kz|np",
].join("|");
/** Short TLDs that double as English words ("done.so"), accepted only with a path after them. */
const RISKY_TLDS = "me|so|to|in|it|be|at|us|es|no|is";

const HOLIDAY_RE = new RegExp(
  String.raw`(?<![\p{L}\p{M}])(?:${HOLIDAY_PHRASES.map((h) => escapeRegExp(h).replace(/ /g, "[ \\t]+").replace(/'/g, "['’]")).join("|")})(?![\p{L}\p{M}])`,
  "giu",
);
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
/** "saffronleaf.in": a bare domain on a TLD that is also a word, checked further in findLinks. */
const RISKY_BARE_DOMAIN_RE = new RegExp(
  String.raw`(?<![\w@./-])(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.){0,3}([a-z][a-z0-9-]{2,61})\.(?:${RISKY_TLDS})(?![\w.@/-]|\.[a-z])`,
  "gi",
);
/**
 * An ID given after a messaging app's label, with or without "@": "WeChat: kevin_92", "Discord:
 * nova#0420", "my Telegram ID is @x". "X" counts only at a line's start or after "(" or ",".
 */
const HANDLE_LABELS =
  "WeChat|Weixin|Telegram|Discord|IG|Insta|Instagram|Twitter|Threads|TikTok|Snapchat|Snap|Skype|KakaoTalk|Kakao|LINE|Viber|Signal|Bluesky|Mastodon|GitHub|GitLab|Reddit|Keybase|Matrix";
const LABELLED_HANDLE_RE = new RegExp(
  String.raw`(?:\b(?:${HANDLE_LABELS})|(?:^|[(,][ \t]?)X)(?:[ \t]{1,2}(?:ID|handle|username|user|name))?` +
    String.raw`(?:[ \t]{0,2}[:：][ \t]{0,2}|[ \t]{1,2}(?:is|-|–)[ \t]{1,2})@?([A-Za-z0-9_][A-Za-z0-9_.#-]{1,31})`,
  "gm",
);
/** "my ID is kevin_92", "(username: nova.dev)": needs a digit, "_" or "." to tell it from a word. */
const ID_PHRASE_RE =
  /\b(?:ID|handle|username|user ?name)(?:[ \t]{1,2}is[ \t]{1,2}|[ \t]{0,2}:[ \t]{0,2})@?([A-Za-z0-9_][A-Za-z0-9_.#-]{1,31})/gi;
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
/** Spanish, Portuguese and Italian addresses put the number last: "Calle de Alcalá 120", "Via Roma 10". */
const ROMANCE_STREET_NUMBER_LAST_RE =
  /\b(?:Calle|C\/|Avenida|Avda\.?|Paseo|Plaza|Carrer|Passeig|Rua|Travessa|Largo|Via|Viale|Piazza|Corso|Vicolo)[ \t]+(?:(?:de|del|la|las|los|da|do|dos|das|di|della|dei|delle|degli|d'|l')[ \t]?){0,3}\p{Lu}[\p{L}'-]{1,30}(?:[ \t]\p{Lu}[\p{L}'-]{1,30}){0,3},?[ \t]{1,2}\d{1,4}[a-zA-Z]?\b/gu;
const PO_BOX_RE = /\bP\.?[ \t]?O\.?[ \t]?Box[ \t]\d{1,6}\b/gi;
/**
 * Postcodes as they appear in address lines: US "CA 94043", five-digit European "28009 Madrid",
 * four-digit "8001" / "1012 AB", Portuguese "1100-148", Polish "00-950" (their towns stay: a
 * city is not personal), and UK "SW1A 1AA". Only tried right after a street, so bare numbers are safe.
 */
const POSTCODE = String.raw`(?:\p{Lu}{2,3}[ \t]\d{4,5}(?:-\d{4})?|\d{5}(?:-\d{4})?(?:[ \t]\p{Lu}[\p{L}-]{1,30})?|\d{4}-\d{3}|\d{2}-\d{3}|\d{4}(?:[ \t]?[A-Z]{2}\b)?|[A-Z]{1,2}\d[A-Z\d]?[ \t]?\d[A-Z]{2})`;
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

/**
 * compromise, loaded on first use: it costs about 45 MB and 0.4 s to load, and only sharing,
 * editing and reviewing an example message need it, so a server that is only read pays nothing.
 */
let compromise: { nlp: typeof Compromise; lexicon: Record<string, string | string[] | undefined> } | undefined;
function loadCompromise() {
  if (!compromise) {
    const nlp = createRequire(import.meta.url)("compromise") as typeof Compromise;
    // The slice of its model we read: the lexicon of known words and their tags.
    const model = nlp.model() as { one?: { lexicon?: Record<string, string | string[]> } };
    compromise = { nlp, lexicon: model.one?.lexicon ?? {} };
  }
  return compromise;
}

const NAME_TAGS = new Set(["FirstName", "MaleName", "FemaleName", "LastName", "Person"]);
const PLACE_TAGS = new Set(["City", "Country", "Region", "Place"]);
const ORDINARY_TAGS = new Set([
  "Verb",
  "Adverb",
  "Adjective",
  "Pronoun",
  "Preposition",
  "Conjunction",
  "Determiner",
  "Modal",
  "Auxiliary",
  "Expression",
  "QuestionWord",
  "Copula",
  "Infinitive",
  "PastTense",
  "Gerund",
  "Value",
  "Month",
  "WeekDay",
  "Date",
]);

type WordClass = "stop" | "name" | "place" | "org" | "word" | "unknown";

interface Token {
  start: number;
  end: number;
  text: string;
  lower: string;
  shape: "cap" | "lower" | "upper" | "caseless";
  sentenceStart: boolean;
  /** Text between the previous word and this one. */
  gap: string;
  cls: WordClass;
  /** compromise's contextual tags, when the token was inside what it saw. */
  tags: ReadonlySet<string> | undefined;
  blocked: boolean;
  /** A case ending after an apostrophe, cut off the word: "deki" in Turkish "Getir'deki". */
  caseEnding?: string;
}

function lexiconTags(lower: string): string[] {
  const entry = loadCompromise().lexicon[lower];
  if (entry === undefined) return [];
  return Array.isArray(entry) ? entry : [entry];
}

/** Words that are never a name or company, whatever their case or position. */
const STOP_LISTS: readonly ReadonlySet<string>[] = [
  NOT_NAMES,
  MONTHS_AND_DAYS,
  PRODUCTS,
  TITLES,
  TECH,
  DEGREES_AND_FIELDS,
  INTERNATIONAL_GREETINGS,
  INTERNATIONAL_COURTESY,
  TEXTING,
  HONORIFICS,
  POSTPOSITIVE_HONORIFICS,
  GENERIC_ADDRESSEES,
  NATIONALITIES_AND_LANGUAGES,
  CONFERENCES,
  GREETINGS,
  GREETING_PHRASE_WORDS,
];

function classify(lower: string): WordClass {
  const bare = lower.replace(/\.$/, "");
  if (STOP_LISTS.some((list) => list.has(bare))) return "stop";
  if (EVERYDAY_NOUNS.has(bare)) return "word";
  const tags = lexiconTags(bare);
  if (tags.length === 0) return "unknown";
  if (tags.some((t) => NAME_TAGS.has(t))) return "name";
  if (tags.some((t) => PLACE_TAGS.has(t))) return "place";
  if (tags.includes("Organization")) return "org";
  return "word";
}

function shapeOf(word: string): Token["shape"] {
  // Han, Kana, Arabic, Ethiopic…: no case, so a capital says nothing either way.
  if (CASELESS_RE.test(word)) return "caseless";
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
  // "plugged.in" is a pun, "saffronleaf.in" a site: accept a bare risky TLD only after a name
  // that is not an English word.
  for (const m of matches(RISKY_BARE_DOMAIN_RE, text)) {
    const label = m[1]?.toLowerCase() ?? "";
    if (classify(label) === "unknown" || classify(label) === "org") out.add(m.index, m.index + m[0].length, "link");
  }
}

/** The ID in a labelled handle, when it looks like one rather than a word. */
function findLabelledHandles(text: string, out: SpanSet): void {
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

function findSpelledEmails(text: string, out: SpanSet): void {
  for (const m of matches(SPELLED_EMAIL_RE, text)) {
    // "look at brightwater.io" is a sentence, not an address: demand a spelled or bracketed part.
    if (!/[[(]|[ \t]dot[ \t]/i.test(m[0])) continue;
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

function findStructured(text: string, out: SpanSet): void {
  for (const m of matches(FEDIVERSE_RE, text)) out.add(m.index, m.index + m[0].length, "handle");
  for (const m of matches(EMAIL_RE, text)) out.add(m.index, m.index + m[0].length, "email");
  findSpelledEmails(text, out);
  findLinks(text, out);
  for (const m of matches(HANDLE_RE, text)) out.add(m.index, m.index + m[0].length, "handle");
  findPhones(text, out);
  // After phones, so "Signal: 07700 900123" stays one phone number rather than an ID and a stub.
  findLabelledHandles(text, out);
  findAddresses(text, out);
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function wholeWordPattern(phrase: string, flags: string): RegExp {
  const body = phrase
    .trim()
    .split(/\s+/)
    .map(escapeRegExp)
    .join(String.raw`\s+`);
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
  const sentences = loadCompromise()
    .nlp(seen)
    .json({ offset: true, terms: { offset: true } }) as { terms: TermJson[] }[];
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
    // Turkish writes case endings after an apostrophe on names ("Getir'deki", "Ayşe'nin"): the
    // name is the part before it.
    const ending = CASE_ENDING_RE.exec(raw);
    const word = possessive ? raw.slice(0, -2) : (ending?.[1] ?? raw);
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
      cls: CONFERENCE_RE.test(word) ? "stop" : classOf(word.toLowerCase()),
      tags: tags.get(m.index),
      blocked: blocked.overlaps(m.index, m.index + word.length),
      ...(ending?.[2] === undefined ? {} : { caseEnding: ending[2].toLowerCase() }),
    });
  }
  return tokens;
}

/** A capitalised word with a case ending that is not an English clitic ('s, 't, 'll, 're, 've, 'd, 'm). */
const CASE_ENDING_RE = /^(\p{Lu}[\p{L}\p{M}]{1,30})['’](?!(?:s|t|ll|re|ve|d|m|am)$)(\p{Ll}{1,6})$/u;

/**
 * Whether the message is written in German, Dutch or a Nordic language: two function words that
 * English lacks (words shared with English or names, such as "bin", "war", "Ben", are left out).
 */
function isGermanicText(tokens: readonly Token[]): boolean {
  let hits = 0;
  for (const t of tokens) if (t.shape === "lower" && GERMANIC_FUNCTION_WORDS.has(t.lower) && ++hits >= 2) return true;
  return false;
}

/**
 * In German every noun is capitalised ("im Herbst", "die Personalabteilung"), so in such a message
 * an unknown capitalised word with a noun ending, or a common noun, is an ordinary word.
 */
function markGermanicNouns(tokens: Token[]): void {
  for (const t of tokens) {
    if (t.shape !== "cap" || (t.cls !== "unknown" && t.cls !== "name")) continue;
    if (GERMANIC_NOUNS.has(t.lower) || (t.cls === "unknown" && t.lower.length >= 7 && GERMANIC_NOUN_RE.test(t.lower)))
      t.cls = "word";
  }
}

function isOrdinary(t: Token): boolean {
  if (t.cls === "stop" || t.cls === "word") return true;
  if (t.cls !== "unknown" || t.tags === undefined) return false;
  if (t.tags.has("Person") || t.tags.has("ProperNoun")) return false;
  return [...t.tags].some((tag) => ORDINARY_TAGS.has(tag));
}

const NAME_PARTICLES = words(`
  van von de da di del della der den du le la bin bint al el ibn ter mac mc nic ní ó ua uí ap ab`);

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
    // "de la Cruz", and in Irish and Welsh names capitalised too: "Mac Giolla", "Ní Bhriain".
    if (
      NAME_PARTICLES.has(t.lower) &&
      (t.shape === "lower" || t.shape === "cap") &&
      next !== undefined &&
      next.shape === "cap" &&
      joinsName(next.gap) &&
      next.cls !== "stop"
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

/**
 * A line that could be a signature's name: one to four words, no digits or symbols. In a slot only a
 * name fills (after a closing, or a dash), a lone "May", "Jun" or "Hope" is taken as one too.
 */
function nameLineTokens(line: Line, tokens: Token[], nameSlot = false): Token[] | undefined {
  const content = line.text.replace(/^[ \t]*[-–—~]+[ \t]*/, "").trim();
  if (content === "" || /[\d@:/|,]/.test(content) || content.length > 40) return undefined;
  const ts = tokensIn(tokens, line.start, line.start + line.text.length);
  if (ts.length === 0 || ts.length > 4) return undefined;
  // "Thu", "May" and "Hope" are names too: inside a capitalised line of two or more words with an
  // unlisted word beside them, they are taken as part of the name.
  const wordName = (t: Token): boolean =>
    (ts.length > 1 &&
      t.shape === "cap" &&
      (MONTHS_AND_DAYS.has(t.lower) || WORD_NAMES.has(t.lower)) &&
      ts.some((o) => o.cls !== "stop")) ||
    (nameSlot && ts.length === 1 && (CALENDAR_NAMES.has(t.lower) || WORD_NAMES.has(t.lower)));
  if (ts.some((t) => t.cls === "stop" && !NAME_PARTICLES.has(t.lower) && !wordName(t))) return undefined;
  const cased = ts.filter((t) => t.shape !== "caseless");
  if (
    cased.some((t) => t.shape === "lower" && !NAME_PARTICLES.has(t.lower)) &&
    cased.some((t) => t.shape !== "lower")
  ) {
    return undefined;
  }
  return ts;
}

/** Month and day names that are also given names ("May", "June", "Jun" for Junko or Jun-ho). */
const CALENDAR_NAMES = words(`may june april august jun jan summer autumn`);

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
    // A closing alone on its line, or the e-mail signature delimiter "--".
    if ((signOff !== null && signOff[0].length === trimmed.length) || /^(?:--|—|–)$/.test(trimmed)) {
      // The name is on the next non-empty line.
      let n = k + 1;
      if (lines[n]?.text.trim() === "") n++;
      const candidate = lines[n];
      if (candidate !== undefined && nameLineTokens(candidate, tokens, true)) nameLine = n;
      else if (candidate !== undefined) nameBeforeSeparator(lines, n, tokens, out);
    } else if (signOff !== null || dashed) {
      // "Best, Sarah Kim" / "— Tomás Ruiz": the name shares the line.
      const offset = line.start + line.text.indexOf(trimmed) + (signOff?.[0].length ?? 0);
      const rest = { start: offset, text: text.slice(offset, line.start + line.text.length) };
      if (nameLineTokens(rest, tokens, true) && (dashed || /[,!-–—]/.test(signOff?.[0] ?? ""))) {
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
  findTrailingName(lines, tokens, out);
  findTitledSignatures(lines, tokens, out);
  findInlineSignOff(lines, tokens, out);
}

/** "George | Xcelerate Talent", "Lucía Pérez · Recursos Humanos" under a closing: name, then the rest. */
function nameBeforeSeparator(lines: Line[], n: number, tokens: Token[], out: SpanSet): void {
  const line = lines[n];
  const cut = line?.text.search(/[|·•,–—]/) ?? -1;
  if (line === undefined || cut <= 0) return;
  const ts = nameLineTokens({ start: line.start, text: line.text.slice(0, cut) }, tokens, true);
  if (!ts || !ts.every((t) => t.shape === "cap" || t.shape === "caseless")) return;
  addNameTokens(ts, out);
  signatureLines(lines, n, tokens, out);
}

/** A closing and a name ending the last line: "— maya", "Best, Imogen", "¡Gracias! Lucía", "Thank you! Yaw". */
const INLINE_SIGN_OFF_RE = new RegExp(
  String.raw`(?:^|[.!?)\u{1F300}-\u{1FAFF}][ \t]+|[ \t])(?:[-–—]{1,2}|[¡¿]?(?:${closingAlternation})[ \t]*[,!]{1,3})[ \t]+` +
    String.raw`([\p{L}][\p{L}\p{M}'’ -]{0,40}?)[ \t]*[.!]?[ \t]*$`,
  "iu",
);

/** "…ping me in january? — maya" or "I'll pass. Best, Imogen" on the message's last line. */
function findInlineSignOff(lines: Line[], tokens: Token[], out: SpanSet): void {
  const last = [...lines].reverse().find((l) => l.text.trim() !== "");
  if (last === undefined) return;
  const m = INLINE_SIGN_OFF_RE.exec(last.text);
  const name = m?.[1];
  if (m === null || name === undefined) return;
  const start = last.start + m.index + m[0].lastIndexOf(name);
  const ts = nameLineTokens({ start, text: name }, tokens, true);
  // After "Thanks!" a word may simply start the next sentence ("Thanks! Appreciated"): only
  // words that can be names count there.
  const exclaimed = /!\s+\S[^!]*$/.test(m[0]) && !/[-–—]/.test(m[0]);
  if (exclaimed && ts?.some((t) => t.cls === "word" && !WORD_NAMES.has(t.lower))) return;
  if (ts && ts.length <= 3) addNameTokens(ts, out);
}

/** Signatures without a sign-off: a name line above (or beside) a job-title line. */
function findTitledSignatures(lines: Line[], tokens: Token[], out: SpanSet): void {
  lines.forEach((line, k) => {
    const segments = [...matches(/[^,|·•@]+/g, line.text)]
      .map((seg) => tokensIn(tokens, line.start + seg.index, line.start + seg.index + seg[0].length))
      .filter((ts) => ts.length > 0);
    const isTitle = (ts: Token[]) =>
      ts.some((t) => isTitleWord(t.lower) && t.shape !== "lower" && !/^(?:of|and|the)$/.test(t.lower)) &&
      isTitleSegment(ts);
    const titleAt = segments.findIndex(isTitle);
    if (titleAt === -1) return;
    const first = segments[0];
    if (
      titleAt > 0 &&
      first !== undefined &&
      first.length <= 3 &&
      first.every((t) => t.shape === "cap" && t.cls !== "stop")
    ) {
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

/**
 * Whether a last line is a name rather than a closing phrase: no ordinary words, except that a
 * word that is also a given name ("Will", "Hope") may lead a full name ("Will Ashworth").
 */
function isClosingName(ts: Token[]): boolean {
  if (ts.every((t) => t.cls !== "word")) return true;
  const [first, ...rest] = ts;
  return (
    first !== undefined &&
    WORD_NAMES.has(first.lower) &&
    rest.length > 0 &&
    rest.every((t) => t.cls === "name" || (t.cls === "unknown" && !isOrdinary(t)))
  );
}

/** A message that ends on a bare capitalised name ("Talk soon.\nPriya"). */
function findClosingName(lines: Line[], tokens: Token[], out: SpanSet): void {
  for (let k = lines.length - 1; k > 0; k--) {
    const line = lines[k];
    if (line === undefined) return;
    if (line.text.trim() === "") continue;
    const ts = nameLineTokens(line, tokens);
    if (ts && ts.length <= 4 && ts.every((t) => t.shape === "cap" || t.shape === "caseless") && isClosingName(ts)) {
      addNameTokens(ts, out);
    } else if (!ts && /^[^|·•]{2,40}[ \t][|·•][ \t]/.test(line.text)) {
      nameBeforeSeparator(lines, k, tokens, out); // "George | Xcelerate Talent"
    }
    return;
  }
}

/** One to three capitalised words closing the message after a full stop: "…set something up. Hiwot". */
const TRAILING_NAME_RE =
  /[.!?][ \t]+(\p{Lu}[\p{L}\p{M}'’-]{1,30}(?:[ \t]\p{Lu}[\p{L}\p{M}'’-]{1,30}){0,2})[ \t]*[.!]?[ \t]*$/u;

/**
 * A name signed at the end of the last line, with no closing word or one we do not know
 * ("Dyakuyu! Olena"). Only words no lexicon knows, or knows as names, count: "…soon. Cheers" or
 * "…the role. Thanks" stay.
 */
function findTrailingName(lines: Line[], tokens: Token[], out: SpanSet): void {
  const last = [...lines].reverse().find((l) => l.text.trim() !== "");
  const m = last === undefined ? null : TRAILING_NAME_RE.exec(last.text);
  const name = m?.[1];
  if (last === undefined || m === null || name === undefined) return;
  const start = last.start + m.index + m[0].indexOf(name);
  const ts = tokensIn(tokens, start, start + name.length);
  const nameLike = (t: Token): boolean =>
    !t.blocked && (t.cls === "name" || (t.cls === "unknown" && !isOrdinary(t) && !isOrgOrPlace(t)));
  if (ts.length > 0 && ts.every(nameLike)) addNameTokens(ts, out);
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

/**
 * A message typed without capitals ("hey! yeah down to chat, ask for tunde"). Capitalisation then
 * says nothing, so names and companies are found by position and cue words alone.
 */
function isLowercaseStyle(tokens: Token[]): boolean {
  let words_ = 0;
  for (const t of tokens) {
    if (t.blocked) continue;
    if (t.shape === "caseless") continue;
    if (t.shape !== "lower" && t.text !== "I" && !/^I['’]/.test(t.text)) return false;
    words_++;
  }
  return words_ >= 4;
}

/**
 * The end of a name being greeted at token k ("Hi Sarah", "Hi Hope,"), or k when there is none.
 * A known or unknown name is enough; an ordinary word needs the address to close after it, and a
 * word that is also a given name ("Hope", "June") needs that and a capital.
 */
function addresseeEnd(text: string, tokens: Token[], k: number, mustClose: boolean): number {
  const cand = tokens[k];
  if (cand === undefined || cand.blocked) return k;
  let end = nameRunEnd(tokens, k, true);
  if (end === k && cand.shape === "cap" && WORD_NAMES.has(cand.lower)) end = k + 1;
  const last = tokens[end - 1];
  if (end === k || last === undefined) return k;
  const sure = !mustClose && (cand.cls === "name" || (cand.cls === "unknown" && !isOrdinary(cand)));
  return sure || closesAddress(text, last.end) ? end : k;
}

function findGreetingsAndCues(text: string, tokens: Token[], lowercaseStyle: boolean, out: SpanSet): void {
  tokens.forEach((t, i) => {
    if (t.blocked) return;
    const next = tokens[i + 1];
    if (next === undefined) return;
    const lowerPrev = t.lower.replace(/\.$/, "");

    // "Hi Sarah," "Dear Mr Kim" "thanks jen!" "Thank you, Maria."
    const goodMorning = lowerPrev === "good" && /^(?:morning|afternoon|evening|day)$/.test(next.lower);
    const sehrGeehrte = lowerPrev === "sehr" && GREETINGS.has(next.lower);
    const phraseEnd = t.sentenceStart ? greetingPhraseEnd(tokens, i) : i;
    if ((GREETINGS.has(lowerPrev) || goodMorning || sehrGeehrte || phraseEnd > i) && t.sentenceStart) {
      let k = afterGreeting(tokens, Math.max(i + 1, phraseEnd));
      if (t.lower === "thank" && tokens[k]?.lower === "you") k++;
      if (goodMorning) k++;
      if (HONORIFICS.has(tokens[k]?.lower.replace(/\.$/, "") ?? "")) k++;
      const cand = tokens[k];
      if (cand === undefined || !/^[ \t]{0,2},?[ \t]{0,2}$/.test(cand.gap) || cand.gap === "") return;
      const end = addresseeEnd(text, tokens, k, false);
      if (end === k) return;
      addRun(tokens, k, end, "name", out);
      // "Hi Hannah and Will," / "Dear Ana & Luis,": a second addressee.
      const joiner = tokens[end];
      if (joiner !== undefined && /^(?:and|&)$/.test(joiner.lower) && joinsName(joiner.gap)) {
        const second = addresseeEnd(text, tokens, end + 1, true);
        if (second > end + 1) addRun(tokens, end + 1, second, "name", out);
      }
      return;
    }

    // "Frank here —", "Hi, Jess here.": a self-introduction, where even an ordinary word is a name.
    const opensIntro = t.sentenceStart || GREETINGS.has(tokens[i - 1]?.lower ?? "") || (i === 1 && t.gap.includes(","));
    if (
      opensIntro &&
      next.lower === "here" &&
      joinsName(next.gap) &&
      /^[ \t]*(?:[,.!:;]|[-–—])/.test(text.slice(next.end, next.end + 3))
    ) {
      const nameLike = t.cls !== "stop" || WORD_NAMES.has(t.lower);
      if (nameLike && (t.shape === "cap" || lowercaseStyle)) addRun(tokens, i, i + 1, "name", out);
      return;
    }

    // "Dr Kim", "Mr. O'Brien", "Pani Kowalska", "Herr Braun"
    if (HONORIFICS.has(lowerPrev) && t.shape === "cap" && next.shape === "cap" && joinsName(next.gap)) {
      addRun(tokens, i + 1, nameRunEnd(tokens, i + 1, true), "name", out);
      return;
    }

    // "Ayşe Hanım", "Mehmet Bey": the title follows the name.
    if (POSTPOSITIVE_HONORIFICS.has(next.lower) && joinsName(next.gap) && isNameShaped(t, lowercaseStyle)) {
      const before = tokens[i - 1];
      const from =
        before !== undefined &&
        joinsName(t.gap) &&
        before.shape === "cap" &&
        !isOrdinary(before) &&
        before.cls !== "place" &&
        !before.blocked
          ? i - 1
          : i;
      addRun(tokens, from, i + 1, "name", out);
      return;
    }

    // "I'm Mere —", "this is Rose, from…": a self-introduction closed by punctuation names even an
    // ordinary word.
    const introduces =
      /^(?:i'm|i’m|im|am)$/.test(tokens[i - 1]?.lower ?? "") ||
      (tokens[i - 1]?.lower === "is" && /^(?:this|name)$/.test(tokens[i - 2]?.lower ?? ""));
    const after = text.slice(t.end, t.end + 3);
    const closed = /^[ \t]*(?:[,;]|[-–—](?=[ \t]))/.test(after) || (/^[ \t]*[.!]/.test(after) && personLike(t));
    if (
      introduces &&
      closed &&
      joinsName(t.gap) &&
      isNameShaped(t, lowercaseStyle) &&
      (t.cls !== "stop" || WORD_NAMES.has(t.lower))
    ) {
      addRun(tokens, i, i + 1, "name", out);
      return;
    }

    // "Will from our engineering team", "ray from the platform team": a person from a group.
    const from = tokens[i + 2];
    if (
      next.lower === "from" &&
      joinsName(next.gap) &&
      from !== undefined &&
      /^(?:the|our|my|your|their|his|her)$/.test(from.lower) &&
      isNameShaped(t, lowercaseStyle) &&
      personLike(t) &&
      !DETERMINERS.has(tokens[i - 1]?.lower ?? "")
    ) {
      // "Kenji Watanabe from…": take the given name before the surname too.
      let first = i;
      while (
        first > i - 3 &&
        isNameShaped(tokens[first - 1] ?? t, lowercaseStyle) &&
        tokens[first - 1] !== undefined &&
        joinsName(tokens[first]?.gap ?? "") &&
        personLike(tokens[first - 1]) &&
        tokens[first - 1]?.shape === t.shape
      )
        first--;
      addRun(tokens, first, i + 1, "name", out);
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

    // "with Priya", "met Olúwaseun", "introduce you to Siobhán Kelly", "ask Rose"
    if (PERSON_CUES.has(t.lower) && next.shape === "cap" && joinsName(next.gap) && !next.blocked) {
      const plausible =
        next.cls === "name" ||
        (next.cls === "unknown" && !isOrdinary(next)) ||
        (WORD_NAMES.has(next.lower) && !CALENDAR_NAMES.has(next.lower));
      if (plausible && !(next.tags?.has("Organization") ?? false)) {
        // A listed word such as "Hope" is a stop word to nameRunEnd, so it is taken alone.
        addRun(tokens, i + 1, Math.max(i + 2, nameRunEnd(tokens, i + 1, false)), "name", out);
      }
    }
  });
}

/** The index past a greeting phrase starting at token i ("Assalam o Alaikum"), or i. */
function greetingPhraseEnd(tokens: Token[], i: number): number {
  for (const phrase of GREETING_PHRASES_BY_FIRST.get(tokens[i]?.lower ?? "") ?? []) {
    if (phrase.every((w, n) => tokens[i + n]?.lower === w && (n === 0 || joinsName(tokens[i + n]?.gap ?? ""))))
      return i + phrase.length;
  }
  return i;
}

/** Past the greeting words from token k: "Assalam o Alaikum", "Sehr geehrte", "Dzień dobry". */
function afterGreeting(tokens: Token[], k: number): number {
  for (let n = 0; n < 4; n++) {
    const t = tokens[k];
    if (t === undefined || !joinsName(t.gap)) break;
    if (GREETINGS.has(t.lower)) k++;
    else if (GREETING_JOINERS.has(t.lower) && GREETINGS.has(tokens[k + 1]?.lower ?? "")) k += 2;
    else break;
  }
  return k;
}

/** Capitalised, or in a lowercase message lowercase: where a name may stand. */
const isNameShaped = (t: Token, lowercaseStyle: boolean): boolean =>
  !t.blocked && (t.shape === "cap" || (lowercaseStyle && t.shape === "lower"));

/** A known or unknown name, or a given name that is also a word ("Will", "ray"), but no month. */
const personLike = (t: Token): boolean =>
  t.cls === "name" ||
  (t.cls === "unknown" && !isOrdinary(t)) ||
  (WORD_NAMES.has(t.lower) && !CALENDAR_NAMES.has(t.lower));

/** In lowercase messages, words before a person: "my manager jess wong", "my cousin chioma". */
const LOWERCASE_PERSON_CUES = words(`
  manager boss cousin friend colleague coworker co-worker teammate wife husband partner sister
  brother mum mom dad sis bro bestie roommate flatmate mentor recruiter named called met cc
  ping tell told`);
/** Two-word cues: "ask for tunde", "i'm jess", "this is sam", "name is kofi". */
const LOWERCASE_PERSON_PAIRS = new Set([
  "ask for",
  "asked for",
  "i'm",
  "im",
  "this is",
  "name is",
  "name's",
  "talked to",
  "spoke to",
  "spoke with",
  "talked with",
  "chatted with",
  "heard from",
  "texted",
  "messaged",
]);
/** Relatives and colleagues: after these even a word that is also a name ("my friend jade") is one. */
const RELATION_CUES = words(`
  manager boss cousin friend colleague coworker co-worker teammate wife husband partner sister
  brother mum mom dad sis bro bestie roommate flatmate mentor recruiter`);
/** Verbs of speech after a lowercase name: "mark said", "priya thinks". */
const SPEECH_VERBS = words(
  `said says told tells mentioned mentions thinks thought asked suggested recommended texted reckons`,
);
const LOWERCASE_COMPANY_CUES = words(`at joined join joining`);
/** Two-word cues for a former employer: "moved from rakuten to…", "left bellhaven". */
const LOWERCASE_COMPANY_PAIRS = new Set(["moved from", "switched from", "came from", "quit", "left"]);
/** Nouns that make the name after "called" a company: "a small startup called tsubame labs". */
const COMPANY_NOUNS = words(`startup company firm agency studio app platform business shop brand consultancy`);
const ORG_HEAD_WORDS = new Set(
  ORG_HEADS.toLowerCase()
    .split("|")
    .flatMap((h) => h.split(" ")),
);

/** A lowercase word that can only be a name here: a known name, or unknown to every lexicon. */
function lowercaseNameLike(t: Token | undefined): boolean {
  if (t === undefined || t.blocked || t.text.length < 3 || t.shape !== "lower") return false;
  if (/(.)\1\1/.test(t.text)) return false; // "sooo", "yesss": emphasis, not a name
  return t.cls === "name" || (t.cls === "unknown" && !isOrdinary(t) && !(t.tags?.has("Verb") ?? false));
}

/**
 * Names and companies in a message typed all in lowercase, from cue words alone: "my manager
 * jess wong", "ask for tunde", "i'm still at greyfield", "at kofi and ama's wedding".
 */
function findLowercaseCues(text: string, tokens: Token[], out: SpanSet): void {
  const possessive = (t: Token | undefined): boolean =>
    t !== undefined && /^['’]s\b/.test(text.slice(t.end, t.end + 3));
  tokens.forEach((t, i) => {
    const k = i + 1;
    const cand = tokens[k];
    // "mark said u might be hiring", "priya thinks": a name-like word before a verb of speech.
    if (
      cand !== undefined &&
      SPEECH_VERBS.has(cand.lower) &&
      joinsName(cand.gap) &&
      t.shape === "lower" &&
      (lowercaseNameLike(t) || (WORD_NAMES.has(t.lower) && !CALENDAR_NAMES.has(t.lower))) &&
      !DETERMINERS.has(tokens[i - 1]?.lower ?? "")
    ) {
      addRun(tokens, i, i + 1, "name", out);
      return;
    }
    if (cand === undefined || !joinsName(cand.gap)) return;
    const pair = `${tokens[i - 1]?.lower ?? ""} ${t.lower}`;
    // "a startup called tsubame labs": the name of a company, not a person.
    if (
      (t.lower === "called" || t.lower === "named") &&
      COMPANY_NOUNS.has(tokens[i - 1]?.lower ?? "") &&
      !cand.blocked &&
      cand.cls !== "stop"
    ) {
      addRun(tokens, k, companyRunEnd(tokens, k, true), "company", out);
      return;
    }
    const personCue =
      LOWERCASE_PERSON_CUES.has(t.lower) || LOWERCASE_PERSON_PAIRS.has(pair) || LOWERCASE_PERSON_PAIRS.has(t.lower);
    const relationName = RELATION_CUES.has(t.lower) && WORD_NAMES.has(cand.lower) && !CALENDAR_NAMES.has(cand.lower);
    if (personCue && (lowercaseNameLike(cand) || relationName)) {
      addRun(tokens, k, nameRunEnd(tokens, k, true), "name", out);
      return;
    }
    const companyCue =
      LOWERCASE_COMPANY_CUES.has(t.lower) || LOWERCASE_COMPANY_PAIRS.has(pair) || LOWERCASE_COMPANY_PAIRS.has(t.lower);
    if (!companyCue || cand.blocked || cand.cls === "stop") return;
    // "at riverbend credit": an organisation head after the word makes it a company whatever it is.
    const head = tokens[k + 1];
    const withHead = head !== undefined && joinsName(head.gap) && ORG_HEAD_WORDS.has(head.lower);
    if (withHead) {
      addRun(tokens, k, k + 2, "company", out);
    } else if (
      lowercaseNameLike(cand) ||
      (cand.cls === "unknown" && cand.text.length >= 4 && !/(?:ing|ed|ly)$/.test(cand.lower))
    ) {
      // The tagger often guesses an unknown lowercase word is a verb ("joined bellhaven"), so here
      // only the lexicon and a verb's own endings rule a word out.
      // "at kofi and ama's wedding": a possessive makes them people, not a workplace.
      const and = tokens[k + 1];
      const partner = tokens[k + 2];
      const coordinated = and?.lower === "and" && lowercaseNameLike(partner) && possessive(partner);
      if (coordinated && partner !== undefined) {
        addRun(tokens, k, k + 1, "name", out);
        addRun(tokens, k + 2, k + 3, "name", out);
      } else {
        addRun(tokens, k, k + 1, possessive(cand) ? "name" : "company", out);
      }
    }
  });
}

/** The end of a company name from token i; in a lowercase message only suffixes ("labs") extend it. */
function companyRunEnd(tokens: Token[], i: number, lowercase = false): number {
  let j = i;
  while (j < tokens.length && j < i + 5) {
    const t = tokens[j];
    if (t === undefined || t.blocked || (j > i && !/^[ \t]{1,2}(?:&[ \t]{1,2})?$/.test(t.gap))) break;
    const isSuffix = COMPANY_SUFFIXES.has(t.lower);
    if (lowercase && j > i && !isSuffix) break;
    if (!isSuffix && ((t.shape === "lower" && !lowercase) || t.cls === "stop" || MONTHS_AND_DAYS.has(t.lower))) break;
    j++;
  }
  return j;
}

/** "St. Brigid's Hospital", "Orbital Ledger": a name-like run ending in an organisation head. */
function findOrgPhrases(text: string, tokens: Token[], out: SpanSet): void {
  for (const m of matches(ORG_PHRASE_RE, text)) {
    const end = m.index + m[0].length;
    // Leading "The", "Our", "At" are not part of the name.
    const own = tokensIn(tokens, m.index, end).filter((t) => !t.blocked);
    while (own.length > 0 && own[0]?.cls === "stop" && !/^(?:st|saint|ste)$/i.test(own[0].text)) own.shift();
    const first = own[0];
    if (first === undefined || own.length < 2) continue;
    const words_ = own.slice(0, -1);
    const distinctive =
      m[1] !== undefined || words_.some((t) => t.cls === "unknown" || t.cls === "name" || t.cls === "org");
    if (distinctive) out.add(first.start, end, "company");
  }
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
      const distinctive = tokens.slice(s, i).some((r) => r.cls === "unknown" || r.cls === "name" || r.cls === "org");
      if (s < i && (distinctive || !WEAK_COMPANY_SUFFIXES.has(t.lower))) {
        let e = i + 1;
        while (COMPANY_SUFFIXES.has(tokens[e]?.lower ?? "") && joinsName(tokens[e]?.gap ?? "")) e++;
        addRun(tokens, s, e, "company", out);
        return;
      }
    }
    // "Getir'deki ekip": a Turkish locative or ablative ending means "at" or "from" a place or firm.
    if (
      t.caseEnding !== undefined &&
      LOCATIVE_ENDINGS.has(t.caseEnding) &&
      t.shape === "cap" &&
      t.cls === "unknown" &&
      !isOrgOrPlace(t)
    ) {
      addRun(tokens, i, i + 1, "company", out);
      return;
    }
    // "at Brightwater", "from Juniper Ridge", "joined Acme"
    const next = tokens[i + 1];
    if (!COMPANY_CUES.has(t.lower) || next === undefined || next.blocked || !joinsName(next.gap)) return;
    // "the new role at Canva", "joined Kakao": a product's maker, as an employer.
    if (/^(?:at|joined|joining)$/.test(t.lower) && EMPLOYER_BRANDS.has(next.lower) && next.shape !== "lower") {
      addRun(tokens, i + 1, i + 2, "company", out);
      return;
    }
    if (next.shape === "lower" || next.cls === "stop" || next.cls === "place") return;
    if (next.shape === "upper" && next.text.length < 2) return;
    const end = companyRunEnd(tokens, i + 1);
    if (end === i + 1) return;
    const run = tokens.slice(i + 1, end);
    if (run.every((r) => r.cls === "word" && !COMPANY_SUFFIXES.has(r.lower))) return;
    const personish =
      next.cls === "name" ||
      (next.tags?.has("Person") ?? false) ||
      (t.lower !== "at" &&
        run.length <= 2 &&
        !run.some((r) => COMPANY_SUFFIXES.has(r.lower)) &&
        /[^\x00-\x7f]/.test(next.text));
    addRun(tokens, i + 1, end, personish && t.lower !== "at" ? "name" : "company", out);
  });
}

const DETERMINERS = words(`the a an our your my their his her its this that`);

/** "the Old Fire Station", "the Ashford project": a capitalised run after an article names a thing. */
function followsDeterminer(tokens: Token[], i: number): boolean {
  let k = i;
  while (
    k > 0 &&
    k > i - 4 &&
    tokens[k - 1]?.shape === "cap" &&
    !DETERMINERS.has(tokens[k - 1]?.lower ?? "") &&
    joinsName(tokens[k]?.gap ?? "")
  )
    k--;
  const before = tokens[k - 1];
  return before !== undefined && DETERMINERS.has(before.lower) && joinsName(tokens[k]?.gap ?? "");
}

const isOrgOrPlace = (t: Token): boolean => (t.tags?.has("Organization") ?? false) || (t.tags?.has("Place") ?? false);

/**
 * Names marked by an honorific suffix: "Tanaka-san", "haruka-san", "Sharma-ji" (the suffix stays),
 * and in Han or Kana "田中様", "由紀さん".
 */
function findHonorificNames(text: string, tokens: Token[], out: SpanSet): void {
  for (const t of tokens) {
    const m = t.blocked ? null : HONORIFIC_SUFFIX_RE.exec(t.text);
    const head = m?.[1];
    if (head === undefined || classify(head.toLowerCase()) === "stop") continue;
    out.add(t.start, t.start + head.length, "name");
  }
  for (const m of matches(CJK_HONORIFIC_RE, text)) {
    const name = m[1] ?? "";
    if (!CJK_NOT_NAMES.has(name)) out.add(m.index, m.index + name.length, "name");
  }
}

/**
 * Capitalised words away from greetings and signatures. In a German, Dutch or Nordic message
 * (`germanic`) capitals mark nouns and compromise's English tagger guesses badly, so only words it
 * knows as names, or pairs of unknown words, count there.
 */
function findLooseNames(tokens: Token[], out: SpanSet, germanic: boolean): void {
  tokens.forEach((t, i) => {
    if (t.blocked || t.shape !== "cap" || t.cls === "stop" || t.cls === "place" || t.cls === "org") return;
    if (followsDeterminer(tokens, i)) return;
    const next = tokens[i + 1];
    const nextIsName =
      next !== undefined &&
      joinsName(next.gap) &&
      next.shape === "cap" &&
      !isOrdinary(next) &&
      next.cls !== "place" &&
      !next.blocked;
    const taggedPerson = t.tags?.has("Person") ?? false;
    const vocative =
      /^,[ \t]{1,2}$/.test(t.gap) && /^[.!?]/.test(next === undefined ? "." : next.gap) && t.cls !== "word";
    if (vocative) {
      addRun(tokens, i, nameRunEnd(tokens, i, false), "name", out);
      return;
    }
    if (t.sentenceStart) {
      // Only with support: a surname after it, or a verb of speech ("Priya mentioned…").
      if (isOrdinary(t)) return;
      const speaks = next !== undefined && PERSON_VERBS.has(next.lower) && joinsName(next.gap);
      // Two capitalised words that no lexicon knows ("Akosua Mensah mentioned…") are a full name
      // far more often than a company, which usually carries a suffix or a cue word.
      const unknownPair =
        nextIsName && t.cls === "unknown" && next.cls === "unknown" && !isOrgOrPlace(t) && !isOrgOrPlace(next);
      if (
        !(nextIsName && (t.cls === "name" || next.cls === "name" || taggedPerson)) &&
        !unknownPair &&
        !(speaks && (t.cls === "name" || t.cls === "unknown"))
      )
        return;
    } else {
      const known = t.cls === "name" || taggedPerson;
      const pair = t.cls === "unknown" && nextIsName && !isOrdinary(t);
      const accented = t.cls === "unknown" && /[^\x00-\x7f]/.test(t.text) && !isOrdinary(t);
      // compromise's tagger calls most unseen capitalised words mid-sentence proper nouns.
      const proper =
        t.cls === "unknown" &&
        !t.text.includes("-") &&
        (t.tags?.has("ProperNoun") ?? false) &&
        !isOrdinary(t) &&
        !(t.tags?.has("Organization") ?? false) &&
        !(t.tags?.has("Place") ?? false);
      if (!known && !pair && (germanic || (!accented && !proper))) return;
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
      if (
        part.length > 1 &&
        /^\p{Lu}/u.test(part) &&
        classify(lower) !== "stop" &&
        !COMPANY_SUFFIXES.has(lower) &&
        !NAME_PARTICLES.has(lower)
      ) {
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
  const protectedSpans = [...matches(PLACEHOLDER_RE, text)].map((m) => ({
    start: m.index,
    end: m.index + m[0].length,
  }));
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

  const holidays = [...matches(HOLIDAY_RE, text)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
  const tokens = tokenise(text, new SpanSet(text.length, [...spans.spans, ...holidays]));
  const people = new SpanSet(text.length, [...protectedSpans, ...spans.spans, ...holidays]);
  const lowercaseStyle = isLowercaseStyle(tokens);
  const germanic = isGermanicText(tokens);
  if (germanic) markGermanicNouns(tokens);
  findHonorificNames(text, tokens, people);
  findSignatures(text, tokens, people);
  findGreetingsAndCues(text, tokens, lowercaseStyle, people);
  if (lowercaseStyle) findLowercaseCues(text, tokens, people);
  findOrgPhrases(text, tokens, people);
  findCompanies(tokens, people);
  findLooseNames(tokens, people, germanic);
  const verified = kept(people);
  const all = new SpanSet(text.length, protectedSpans);
  for (const s of [...spans.spans, ...verified.spans]) all.add(s.start, s.end, s.kind);
  propagate(text, all, keep);
  return render(text, all.spans);
}
