import type { MetaFunction } from "@remix-run/node";
import { Link } from "@remix-run/react";

/** What the forum is for and how it works, in plain words: linked from the footer and the join page. */
export default function About() {
  return (
    <article className="prose">
      <h1>About Beyond Hello</h1>
      <p className="intro">
        A forum for reflecting on professional outreach: the connection request, the first message, the follow-up, and
        the reply that stings. Members share messages they sent and replies they received, and say which ones feel
        written by a real person.
      </p>
      <h2>Other people&apos;s words stay anonymous</h2>
      <p>
        The people in a message you share never agreed to be quoted. So before anything is stored, the forum removes
        names, e-mail addresses, phone numbers, links, handles, companies, addresses and places, and shows you what it
        removed. You can remove more words yourself. The text as you pasted it is never stored, logged or sent anywhere:
        only the anonymised version is kept. If anyone spots a detail that was missed, they can flag the message and it
        is hidden until a moderator checks it.
      </p>
      <h2>How voting works</h2>
      <p>
        Members rate other members&apos; example messages as <strong>feels authentic</strong> or{" "}
        <strong>doesn&apos;t feel authentic</strong>, with reasons if they like. On a thread, nobody sees how others
        voted on a message until they have voted on it themselves, so nobody follows the crowd. Sorting by &ldquo;most
        authentic&rdquo; uses a cautious estimate, so three votes do not beat three hundred. Who voted what is private.
      </p>
      <h2>How the guide works</h2>
      <p>
        Moderators pick example messages from the threads for <Link to="/guide">the guide</Link>, with a note on why
        each one works, or why it is one to avoid. The guide shows each entry&apos;s score to everyone, because it is
        curated, not a vote in progress.
      </p>
      <h2>Moderation</h2>
      <ul>
        <li>Be kind about the people in the messages, and about each other.</li>
        <li>No names or details that identify someone who is not here to answer.</li>
        <li>No spam, no self-promotion, no abuse; stay on the thread&apos;s question.</li>
      </ul>
      <p>
        Moderators may hide a post, with the reason shown in its place, and lock a thread. Every moderator action is
        written to the public <Link to="/moderation-log">moderation log</Link>.
      </p>
      <p>
        <Link to="/join" className="button">
          Join the forum
        </Link>
      </p>
    </article>
  );
}

export const meta: MetaFunction = () => [
  { title: "About · Beyond Hello" },
  {
    name: "description",
    content: "What Beyond Hello is for, how anonymisation, voting, the guide and moderation work.",
  },
];
