/**
 * The article's lessons, as checks a draft can run into. Each rule quotes the passage of
 * "Connecting with People" (./connecting-with-people.txt, a copy of the source) it comes from,
 * says why it matters and what to try instead, and finds the words in the draft that trip it.
 * Plain patterns on purpose: anyone can read why a check fired, and the tests beside this file
 * hold a true and a false case for each. Pure: no I/O, usable on both sides.
 */

export interface Rule {
  id: string;
  title: string;
  /** The article's words, exactly (tests check each against the copy of the article). */
  quote: string;
  why: string;
  instead: string;
  /** Finds the spans of the draft that trip the rule; none means the draft passes. */
  find: (text: string) => Match[];
}

export interface Match {
  start: number;
  end: number;
  text: string;
}

function matchesOf(pattern: RegExp, text: string): Match[] {
  const global = new RegExp(pattern.source, pattern.flags.includes("g") ? pattern.flags : `${pattern.flags}g`);
  return [...text.matchAll(global)].map((m) => ({ start: m.index, end: m.index + m[0].length, text: m[0] }));
}

/** Sentences with their offsets; a question is one that ends with "?". */
function sentences(text: string): { start: number; text: string }[] {
  return [...text.matchAll(/[^.!?\n]+[.!?]*/g)].map((m) => ({ start: m.index, text: m[0] }));
}

/** Matches of `pattern` inside questions only. */
function inQuestions(pattern: RegExp, text: string): Match[] {
  return sentences(text)
    .filter((s) => s.text.trimEnd().endsWith("?"))
    .flatMap((s) => matchesOf(pattern, s.text).map((m) => ({ ...m, start: m.start + s.start, end: m.end + s.start })));
}

const PERSONAL =
  /\b(?:change one thing|about your (?:personal )?life|your (?:biggest|greatest|deepest) (?:fear|regret|struggle|weakness|failure|secret)s?|keeps? you up at night|your (?:family|health|marriage|salary|income|age|divorce|religion|politics)|are you (?:married|single|happy|religious)|how old are you|how much (?:do you|did you) (?:earn|make|pay))\b/i;
const ACCEPTED =
  /\b(?:why did you (?:accept|agree to|connect)|you (?:accepted|agreed to|responded to) my (?:request|invitation|connection)|you must have (?:done so|accepted|connected) for a reason|since you (?:accepted|connected|agreed))/i;
const PRESSURE =
  /\b(?:just (?:following|checking) (?:up|in)|following up (?:again|once more|on my)|(?:would|'d) love to hear back|bumping (?:this|my)|circling back|(?:haven't|have not|didn't|did not) (?:heard|hear) back|still waiting (?:for|on)|any (?:update|news|thoughts) on my)/i;
const ASK =
  /\b(?:(?:quick|short|brief|15|20|30|fifteen|twenty|thirty)[- ](?:minute )?(?:call|chat|meeting|demo|zoom)|(?:hop|jump|get) on a call|pick your brain|(?:spare|give me|have) (?:a few|some|five|ten) minutes|introduce me to|refer me|(?:do|ask) (?:me )?a (?:quick )?favou?r|check out my|sign up for|buy (?:my|our)|book a (?:call|meeting|demo))\b/i;
const GENERIC =
  /^\s*(?:hi|hello|hey|dear)?[^.!?\n]{0,30}?(?:(?:it's |it is )?(?:great|nice|good) (?:connecting|to connect) with you|how are you|hope (?:all is well|this finds you well|you're well|you are well)|i love connecting with people)/i;
const REASON =
  /\b(?:because|your (?:post|article|talk|book|work|paper|project|comment|thread|newsletter|podcast)|i (?:saw|read|noticed|heard|watched|enjoyed)|we met|we both|mutual|about your [a-z]+ (?:on|at|in)|after your)\b/i;
const BIG_OFFER =
  /\b(?:meet (?:you )?in person|come (?:to you|your way)|(?:a|any) (?:very )?(?:public )?place of your choosing|i(?:'m| am) (?:happy|willing) to (?:travel|come|drive|fly)|meet (?:up )?for (?:a )?(?:coffee|lunch|dinner|drink))\b/i;

export const RULES: Rule[] = [
  {
    id: "invasive-question",
    title: "A personal question to someone who does not know you",
    quote: "If you could change one thing about your life or your business, what would it be?",
    why: "The person it was sent to answered: “your first question is incredibly invasive, and I don’t know you at all. You’re a stranger on the internet.” A question about someone's life asks for trust you have not earned yet.",
    instead:
      "Ask about something they chose to make public (a post, a talk, their work), or save the big question for a later conversation.",
    find: (text) => inQuestions(PERSONAL, text),
  },
  {
    id: "accepted-is-not-invitation",
    title: "Treating an accepted request as an invitation to talk",
    quote: "you agreed to my request for a connection. You must have done so for a reason.",
    why: "People accept requests to build their network, out of courtesy, or by habit; the article itself lists “other legitimate reasons”. Accepting owes you nothing, and saying it does reads as entitled.",
    instead: "Give your own reason for writing, and leave them free not to answer.",
    find: (text) => matchesOf(ACCEPTED, text),
  },
  {
    id: "follow-up-pressure",
    title: "Follow-up pressure",
    quote: "Just following up! I would love to hear back from you. Hope all is well.",
    why: "The reply called the follow-ups spam-like: “I appreciate the continued follow up. But none of your messages seem authentic or real and could be spam.” A nudge with nothing new asks them to do the work.",
    instead: "Follow up once, only with something new and useful to them, and say they need not reply.",
    find: (text) => matchesOf(PRESSURE, text),
  },
  {
    id: "ask-in-first-message",
    title: "An ask in the first message",
    quote: "No one is entitled to my time, and I don’t expect that of other people either.",
    why: "A call, a favour, an introduction or a sale in a first message asks a stranger for time before you have given anything.",
    instead:
      "Make the first message about them or about something you can offer; ask later, if the conversation goes on.",
    find: (text) => matchesOf(ASK, text),
  },
  {
    id: "generic-greeting",
    title: "A generic greeting with no reason for writing",
    quote:
      "It's great connecting with you. How are you? I love connecting with people, hearing your stories and learning from you.",
    why: "Written to anyone, it reads as written to no one: “none of your messages seem authentic or real and could be spam. Many people spam you here.”",
    instead: "Say in the first line why you are writing to this person: what you read, heard or share with them.",
    find: (text) => {
      const m = GENERIC.exec(text);
      if (!m || REASON.test(text)) return [];
      const start = m.index + m[0].length - m[0].trimStart().length;
      return [{ start, end: m.index + m[0].length, text: m[0].trimStart() }];
    },
  },
  {
    id: "offer-costs-them-more",
    title: "An offer that asks more of them than of you",
    quote:
      "The only other approach I know and have used with several of my connections is to meet in person (after the holidays, of course). I am willing to come your way and to meet in a very public place of your choosing.",
    why: "Meant as generous, a meeting in person still asks a stranger for an afternoon, a place and their safety; the more you offer to travel, the more it asks them to accept.",
    instead: "Offer something that costs them nothing: a link, an answer, an introduction they can ignore.",
    find: (text) => matchesOf(BIG_OFFER, text),
  },
];

export interface RuleFinding {
  rule: Omit<Rule, "find">;
  matches: Match[];
}

/** The rules the draft runs into, in the order above, each with the words that tripped it. */
export function checkDraft(text: string): RuleFinding[] {
  const findings: RuleFinding[] = [];
  for (const { find, ...rule } of RULES) {
    const matches = find(text);
    if (matches.length) findings.push({ rule, matches });
  }
  return findings;
}
