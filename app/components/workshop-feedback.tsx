/**
 * The draft workshop's feedback, each point with its evidence: the article's lessons with the
 * passage each quotes, the phrases the community's votes mark (with their counts and reasons),
 * similar rated messages, what the anonymiser would remove, and plain facts beside the
 * community's most authentic messages. Renders whatever the action answered; no state of its own.
 */
import { Link } from "@remix-run/react";
import type { PhraseNote, SimilarMessage } from "~/models/workshop.server";
import type { ExamplePreview, PreviewSegment } from "~/utils/example-message";
import { plural } from "~/utils/format";
import { postHref } from "~/utils/paging";
import { REDACTION_EXPLANATION } from "~/utils/redaction-kinds";
import { VOTE_REASON_LABEL } from "~/utils/vote-reasons";
import { authenticShare } from "~/utils/wilson";
import type { MessageFacts } from "~/workshop/facts";
import type { RuleFinding } from "~/workshop/rules";

/** What the workshop's action answers (app/server/workshop.server.ts gathers it). */
export interface WorkshopFeedbackData {
  rules: RuleFinding[];
  phrases: PhraseNote[];
  similar: SimilarMessage[];
  privacy: ExamplePreview;
  facts: MessageFacts;
  /** The median facts of the community's most authentic messages; null while too few are rated. */
  mostAuthentic: (MessageFacts & { messages: number }) | null;
  /** False when the community's part could not be had (the corpus failed to build): the rest still shows. */
  communityReady: boolean;
}

type Feedback = WorkshopFeedbackData;

function LessonList({ rules }: { rules: Feedback["rules"] }) {
  if (rules.length === 0)
    return <p className="notice">Your draft runs into none of the article’s lessons. The sections below say more.</p>;
  return (
    <ul className="workshop-list">
      {rules.map(({ rule, matches }) => (
        <li key={rule.id} className="workshop-point" data-rule={rule.id}>
          <h3>{rule.title}</h3>
          <p>
            In your draft:{" "}
            {matches.map((m, i) => (
              <span key={i}>
                {i > 0 ? ", " : null}
                <mark>{m.text}</mark>
              </span>
            ))}
          </p>
          <figure className="workshop-quote">
            <blockquote>
              <p>{rule.quote}</p>
            </blockquote>
            <figcaption>
              — from <cite>Connecting with People</cite>, the article this forum grew from
            </figcaption>
          </figure>
          <p>{rule.why}</p>
          <p>
            <strong>Instead:</strong> {rule.instead}
          </p>
        </li>
      ))}
    </ul>
  );
}

function PhraseItem({ note }: { note: PhraseNote }) {
  const total = note.notAuthenticVotes + note.authenticVotes;
  return (
    <li>
      <mark>{note.phrase}</mark>: in {plural(note.messages, "rated message")}; {note.notAuthenticVotes} of{" "}
      {plural(total, "vote")} on them say “doesn’t feel authentic” (z = {note.z.toFixed(1)}).
      {note.reasons.length ? (
        <>
          {" "}
          Reasons given:{" "}
          {note.reasons
            .slice(0, 3)
            .map((r) => `${VOTE_REASON_LABEL[r.reason]} (${r.count})`)
            .join(", ")}
          .
        </>
      ) : null}
    </li>
  );
}

function Phrases({ phrases }: { phrases: PhraseNote[] }) {
  const against = phrases.filter((p) => p.leaning === "not_authentic");
  const forIt = phrases.filter((p) => p.leaning === "authentic");
  if (phrases.length === 0)
    return (
      <p className="notice">
        None of your words or phrases is markedly more common in messages voted one way than the other (or too few
        members have rated messages with them yet).
      </p>
    );
  return (
    <>
      {against.length ? (
        <>
          <h3>More common in messages voted “doesn’t feel authentic”</h3>
          <ul className="workshop-list" data-leaning="not_authentic">
            {against.map((note) => (
              <PhraseItem key={note.phrase} note={note} />
            ))}
          </ul>
        </>
      ) : null}
      {forIt.length ? (
        <>
          <h3>More common in messages voted “feels authentic”</h3>
          <ul className="workshop-list" data-leaning="authentic">
            {forIt.map((note) => (
              <PhraseItem key={note.phrase} note={note} />
            ))}
          </ul>
        </>
      ) : null}
    </>
  );
}

function SimilarList({ messages, leaning }: { messages: SimilarMessage[]; leaning: "authentic" | "not_authentic" }) {
  const list = messages.filter((m) => m.leaning === leaning);
  return (
    <>
      <h3>{leaning === "authentic" ? "Similar messages that feel authentic" : "Similar messages that do not"}</h3>
      {list.length === 0 ? (
        <p className="meta">None rated yet.</p>
      ) : (
        <ul className="workshop-list" data-leaning={leaning}>
          {list.map((m) => (
            <li key={m.postId} className="workshop-similar">
              <figure className="message">
                {m.contextLine ? <figcaption className="message__context">{m.contextLine}</figcaption> : null}
                <blockquote className="message__text workshop-similar__text">{m.body}</blockquote>
              </figure>
              <p className="meta">
                <Link to={postHref(m.threadSlug, m.number)}>
                  #{m.number} in {m.threadTitle}
                </Link>{" "}
                ·{" "}
                {m.vote
                  ? `${authenticShare(m.vote.authentic, m.vote.authentic + m.vote.notAuthentic)}% feel authentic (${plural(m.vote.authentic + m.vote.notAuthentic, "vote")})`
                  : "vote on it to see its score"}
              </p>
              {m.guideNoteHtml ? (
                <div className="workshop-note">
                  <p className="meta">In the guide, a moderator’s note:</p>
                  <div className="post__body" dangerouslySetInnerHTML={{ __html: m.guideNoteHtml }} />
                </div>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function Segments({ segments }: { segments: PreviewSegment[] }) {
  return (
    <>
      {segments.map((s, i) =>
        "placeholder" in s ? (
          <mark key={i} className="redaction" title={`Would be removed: ${REDACTION_EXPLANATION[s.kind]}`}>
            {s.original}
            <span className="visually-hidden"> (would be removed as {s.placeholder})</span>
          </mark>
        ) : (
          <span key={i}>{s.text}</span>
        ),
      )}
    </>
  );
}

function minutes(seconds: number): string {
  return seconds < 60 ? `${seconds} s` : `${Math.round(seconds / 6) / 10} min`;
}

function FactsTable({ facts, most }: { facts: MessageFacts; most: Feedback["mostAuthentic"] }) {
  const rows: [string, (f: MessageFacts) => string][] = [
    ["Words", (f) => String(f.words)],
    ["Characters", (f) => String(f.characters)],
    ["Questions asked", (f) => String(f.questions)],
    ["Reading time", (f) => minutes(f.readingSeconds)],
  ];
  return (
    <div className="table-scroll">
      <table className="table">
        <caption className="visually-hidden">Your draft beside the community’s most authentic messages</caption>
        <thead>
          <tr>
            <th scope="col">Fact</th>
            <th scope="col">Your draft</th>
            <th scope="col">Most authentic messages{most ? ` (median of ${most.messages})` : ""}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([label, show]) => (
            <tr key={label}>
              <th scope="row">{label}</th>
              <td>{show(facts)}</td>
              <td>{most ? show(most) : "not enough rated yet"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function WorkshopFeedback({ feedback }: { feedback: Feedback }) {
  const removed = feedback.privacy.removed;
  return (
    <section className="workshop-feedback" aria-labelledby="feedback-title" aria-live="polite">
      <h2 id="feedback-title">Feedback</h2>

      <section aria-labelledby="lessons-title">
        <h2 id="lessons-title">The article’s lessons</h2>
        <LessonList rules={feedback.rules} />
      </section>

      <section aria-labelledby="community-title">
        <h2 id="community-title">What the community said</h2>
        {feedback.communityReady ? (
          <Phrases phrases={feedback.phrases} />
        ) : (
          <p className="notice">The community’s figures are not available just now; the rest of the feedback is.</p>
        )}
        <p className="hint">
          From the votes on example messages: a word or phrase counts once it appears in at least 5 rated messages rated
          by at least 5 members, and shows here only when the difference is unlikely to be chance.
        </p>
      </section>

      <section aria-labelledby="similar-title">
        <h2 id="similar-title">Similar messages</h2>
        <SimilarList messages={feedback.similar} leaning="authentic" />
        <SimilarList messages={feedback.similar} leaning="not_authentic" />
      </section>

      <section aria-labelledby="privacy-title">
        <h2 id="privacy-title">Privacy</h2>
        {removed.length ? (
          <>
            <p>If you shared this draft, the anonymiser would remove what is marked:</p>
            <blockquote className="message__text message__text--preview">
              <Segments segments={feedback.privacy.body} />
            </blockquote>
            <ul className="workshop-list">
              {removed.map((r) => (
                <li key={r.original}>
                  “{r.original}” ({REDACTION_EXPLANATION[r.kind]})
                </li>
              ))}
            </ul>
          </>
        ) : (
          <p className="notice">The anonymiser would remove nothing from this draft.</p>
        )}
      </section>

      <section aria-labelledby="facts-title">
        <h2 id="facts-title">Plain facts</h2>
        <FactsTable facts={feedback.facts} most={feedback.mostAuthentic} />
      </section>
    </section>
  );
}
