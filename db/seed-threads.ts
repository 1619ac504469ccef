/**
 * The article's prompt questions, opened as threads on first start. Each
 * context quotes the passage of "Connecting with People" that the question
 * comes from. The seed key, not the slug or title, identifies a seeded thread,
 * so a moderator may rename or re-word one without the seed bringing it back.
 */
export interface SeedThread {
  seedKey: string;
  slug: string;
  title: string;
  prompt: string;
  /** Markdown: the quoted passage, then a line of our own. */
  context: string;
}

const ATTRIBUTION = "— from *Connecting with People*, the LinkedIn article these threads grow out of";

function quote(passage: string, note: string): string {
  const quoted = passage
    .trim()
    .split("\n")
    .map((line) => `> ${line}`.trimEnd())
    .join("\n");
  return `${quoted}\n>\n> ${ATTRIBUTION}\n\n${note}`;
}

export const seedThreads: SeedThread[] = [
  {
    seedKey: "article-opener",
    slug: "the-opener",
    title: "The opener: one thing you would change",
    prompt:
      "“If you could change one thing about your life or your business, what would it be?” — a good question, or invasive from a stranger?",
    context: quote(
      "As a point for future conversations, I often also ask this question… “If you could change one thing about your life or your business, what would it be?” It is one of several questions I ask to help my contact think in new ways, and to help to get to know them a little better.",
      "The writer meant it as a door into a real conversation; the person who received it called it incredibly invasive. Where does a deep question stop being an invitation and start being an intrusion?",
    ),
  },
  {
    seedKey: "article-why-accept",
    slug: "why-did-you-accept",
    title: "“Why did you accept my request?”",
    prompt: "Is accepting a connection request an invitation to talk?",
    context: quote(
      "I’m curious? Why did you accept my request to begin with…\n\nThe only response I can provide is that you responded to my invitation in the beginning, you agreed to my request for a connection. You must have done so for a reason.",
      "Some accept every request; some accept only people they know. What does clicking “accept” promise, if anything?",
    ),
  },
  {
    seedKey: "article-following-up",
    slug: "following-up",
    title: "Following up without pressure",
    prompt: "“Just following up! I would love to hear back from you.” — when, how often, and when to stop?",
    context: quote(
      "If after a while I do not hear back from them, I might also send the following… “Just following up! I would love to hear back from you. Hope all is well.”",
      "Share the follow-ups you send and the ones you receive. How long do you wait, how many is too many, and what makes one welcome?",
    ),
  },
  {
    seedKey: "article-handle-it-well",
    slug: "did-i-handle-it-well",
    title: "“Did I handle it well?”",
    prompt: "Answering someone who calls your outreach invasive or spam: what would you have said?",
    context: quote(
      "Today, I received the following response from one of the connections I followed up with recently. It set me back a little.\n\n…\n\nHere was my response. What do you think? Did I handle it well?",
      "The writer answered at length, pointed out that she had accepted his request, and offered to meet. Post the replies that stung you, anonymised, and how you answered — or wish you had.",
    ),
  },
  {
    seedKey: "article-authentic-or-spam",
    slug: "authentic-or-spam",
    title: "Authentic or spam?",
    prompt: "What makes a first message read as written by a real person?",
    context: quote(
      "“It's great connecting with you. How are you? I love connecting with people, hearing your stories and learning from you. I look forward to hearing from you!”",
      "The writer sent this to new connections; the reply he got said none of his messages seemed authentic or real and could be spam. Share openers you send or receive and vote on which feel authentic.",
    ),
  },
  {
    seedKey: "article-meet-in-person",
    slug: "meeting-in-person",
    title: "Offering to meet in person",
    prompt: "Offering to meet a new connection in person: generous, or too much?",
    context: quote(
      "The only other approach I know and have used with several of my connections is to meet in person (after the holidays, of course). I am willing to come your way and to meet in a very public place of your choosing.",
      "He meant it as reassurance that he is a real person. Would you accept — and would you make the offer?",
    ),
  },
  {
    seedKey: "article-accepted-silence",
    slug: "accepted-then-silence",
    title: "Accepted, then silence",
    prompt: "Why do people connect and never answer — and what, if anything, should you do?",
    context: quote(
      "I also understand that some are just accepting to build their connection numbers, fear the involvement of engagement, or have other legitimate reasons for “ghosting” me after agreeing to accept the connection.",
      "If you are the one who connects and stays quiet, tell us why. If you are the one waiting, how do you read the silence?",
    ),
  },
  {
    seedKey: "article-beyond-the-basics",
    slug: "beyond-the-basics",
    title: "Beyond the basics",
    prompt: "What ways have you found to connect with people, to go beyond the basics?",
    context: quote(
      "The TRUTH I have found from this encounter is that connections are hard and difficult. We lack trust, time, and the desire to get to know people on a level below the “easy” hello. What ways have you found to connect with people, to go beyond the basics to develop relationships of mutual support and respect?",
      "The article’s closing question, and this forum’s. What has worked for you?",
    ),
  },
];

export interface SeedExample {
  threadSlug: string;
  kind: "approach" | "received_reply";
  contextLine: string;
  text: string;
}

/** The account the article's own messages are posted under. It has no password, so nobody can sign in as it. */
export const ARTICLE_AUTHOR = "from_the_article";

/**
 * The article's own messages, as the first examples of their threads. They
 * pass through the anonymiser like every other example, so "Bob" is removed.
 */
export const seedExamples: SeedExample[] = [
  {
    threadSlug: "authentic-or-spam",
    kind: "approach",
    contextLine: "First message to new connections",
    text: "It's great connecting with you. How are you? I love connecting with people, hearing your stories and learning from you. I look forward to hearing from you!",
  },
  {
    threadSlug: "the-opener",
    kind: "approach",
    contextLine: "A question to start future conversations",
    text: "If you could change one thing about your life or your business, what would it be?",
  },
  {
    threadSlug: "following-up",
    kind: "approach",
    contextLine: "Follow-up when there is no answer after a while",
    text: "Just following up! I would love to hear back from you. Hope all is well.",
  },
  {
    threadSlug: "why-did-you-accept",
    kind: "approach",
    contextLine: "Asking a new connection why they accepted",
    text: "I'm curious? Why did you accept my request to begin with? I wanted to connect with you because I saw your story as unique and interesting. I am interested in stories such as this and in finding out more about people with unique experiences.",
  },
  {
    threadSlug: "did-i-handle-it-well",
    kind: "received_reply",
    contextLine: "Reply to my follow-ups",
    text: "Bob - I haven't responded because your first question is incredibly invasive, and I don't know you at all. You're a stranger on the internet.\n\nTo be frank… I appreciate the continued follow up. But none of your messages seem authentic or real and could be spam. Many people spam you here. So if you're a real person I'd recommend using another approach. Also… people don't HAVE to respond to people. No one is entitled to my time, and I don't expect that of other people either.",
  },
  {
    threadSlug: "did-i-handle-it-well",
    kind: "approach",
    contextLine: "My answer to that reply",
    text: "You are correct in all you responded, you do not know me or owe me anything. The only response I can provide is that you responded to my invitation in the beginning, you agreed to my request for a connection. You must have done so for a reason.",
  },
  {
    threadSlug: "meeting-in-person",
    kind: "approach",
    contextLine: "The end of my answer to someone who called my messages invasive",
    text: "I remain intrigued by you and your success but totally get it if you feel that I have pushed too far. The only other approach I know and have used with several of my connections is to meet in person (after the holidays, of course). I am willing to come your way and to meet in a very public place of your choosing. Have a very merry Christmas and a happy New Year!",
  },
];
