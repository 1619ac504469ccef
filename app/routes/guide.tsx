import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { GuideMarkBadge } from "~/components/guide-mark";
import { KIND_LABEL } from "~/components/post-card";
import { ServerHtml } from "~/components/server-html";
import { Score } from "~/components/vote-controls";
import { getDb } from "~/db.server";
import { getGuide } from "~/models/guide.server";
import { topReasons } from "~/models/vote.server";
import { getUser } from "~/session.server";
import guideStyles from "~/styles/guide.css";
import { feedLink } from "~/utils/atom";
import { sendInHtmlOnly } from "~/utils/hydration";
import { postHref } from "~/utils/paging";
import { canModerate } from "~/utils/permissions";
import { siteUrl } from "~/utils/site-url.server";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: guideStyles }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const db = getDb();
  const [guide, user] = await Promise.all([getGuide(db), getUser(request)]);
  const messages = guide.flatMap((section) => section.entries.map((entry) => entry.message));
  const reasons = await topReasons(
    db,
    messages.map((m) => ({ id: m.postId, notAuthenticCount: m.notAuthenticCount })),
  );
  const origin = siteUrl();
  // Only what the page shows: the Markdown sources and plain text stay on the server.
  const sections = guide.map((section) => ({
    id: section.id,
    slug: section.slug,
    title: section.title,
    introHtml: section.introHtml,
    // The messages' words are in the page's HTML; notes and intros are short and shown only when present.
    entries: sendInHtmlOnly(
      context,
      section.entries.map(({ id, noteHtml, mark, message, authorConsent }) => {
        const href = postHref(message.threadSlug, message.number);
        return {
          id,
          noteHtml,
          mark,
          kind: message.kind,
          number: message.number,
          bodyHtml: message.bodyHtml,
          contextLine: message.contextLine,
          counts: { authentic: message.authenticCount, notAuthentic: message.notAuthenticCount },
          topReason: reasons.get(message.postId) ?? null,
          threadTitle: message.threadTitle,
          authorConsent,
          href,
          // Printed after the link, so a paper copy still leads back to the thread.
          printHref: `${origin}${href}`,
        };
      }),
      "bodyHtml",
    ),
  }));
  return { canEdit: canModerate(user), sections };
}

type Entry = ReturnType<typeof useLoaderData<typeof loader>>["sections"][number]["entries"][number];

function GuideEntryCard({ entry }: { entry: Entry }) {
  const headingId = `guide-entry-${entry.id}`;
  return (
    <article className={`guide-entry guide-entry--${entry.mark} post post--${entry.kind}`} aria-labelledby={headingId}>
      <h3 id={headingId} className="post__heading">
        <GuideMarkBadge mark={entry.mark} />{" "}
        <span className={`kind kind--${entry.kind}`}>{KIND_LABEL[entry.kind]}</span>
        <span className="visually-hidden"> from the thread “{entry.threadTitle}”</span>
      </h3>
      <figure className="message">
        {entry.contextLine ? <figcaption className="message__context">{entry.contextLine}</figcaption> : null}
        <ServerHtml
          as="blockquote"
          id={`guide-entry-${entry.id}-words`}
          className="message__text"
          html={entry.bodyHtml}
        />
      </figure>
      <p className="votes__score">
        <Score counts={entry.counts} topReason={entry.topReason} />
      </p>
      {entry.noteHtml ? (
        <div className="guide-entry__note">
          <p className="guide-entry__note-label">Moderator's note</p>
          <div className="post__body" dangerouslySetInnerHTML={{ __html: entry.noteHtml }} />
        </div>
      ) : null}
      <p className="guide-entry__source">
        <Link to={entry.href} data-print-href={entry.printHref}>
          Read it in its thread<span className="visually-hidden">: message #{entry.number}</span>
        </Link>{" "}
        <span className="meta">in “{entry.threadTitle}”</span>
      </p>
      <p className="meta guide-entry__consent">
        {entry.authorConsent === "agreed" ? "Its author agreed to its place here." : "Its author did not object."}
      </p>
    </article>
  );
}

export default function GuidePage() {
  const { sections, canEdit } = useLoaderData<typeof loader>();
  return (
    <article className="guide" aria-labelledby="guide-title">
      <h1 id="guide-title">The guide</h1>
      <p className="intro">
        Outreach that feels authentic: example messages from the threads, chosen by moderators, each marked “Do” (an
        example to follow) or “Avoid” (an example of what not to send), with a note on why. Scores are the share of
        members who felt the message was written by a real person.
      </p>
      <ul className="guide__tools no-print">
        <li>
          {/* A plain link: the download is a file, not a page of this app. */}
          <a href="/guide.md" download="beyond-hello-guide.md">
            Download as Markdown
          </a>
        </li>
        <li>
          <Link to="/guide/history">Changes to the guide</Link>
        </li>
        {canEdit ? (
          <li>
            <Link to="/mod/guide">Edit the guide</Link>
          </li>
        ) : null}
      </ul>

      {sections.length === 0 ? (
        <div className="notice">
          <p>
            The guide is being written. Moderators will gather the best example messages from the threads here, with
            notes on why they work.
          </p>
          <p>
            Until then, <Link to="/">read the threads</Link> and vote on the messages you find there.
          </p>
        </div>
      ) : (
        <>
          <nav className="guide__contents" aria-labelledby="guide-contents-title">
            <h2 id="guide-contents-title">Contents</h2>
            <ol>
              {sections.map((section) => (
                <li key={section.id}>
                  <a href={`#${section.slug}`}>{section.title}</a>
                </li>
              ))}
            </ol>
          </nav>
          {sections.map((section) => (
            <section
              key={section.id}
              id={section.slug}
              className="guide-section"
              aria-labelledby={`${section.slug}-title`}
            >
              <h2 id={`${section.slug}-title`}>{section.title}</h2>
              {section.introHtml ? (
                <div
                  className="guide-section__intro post__body"
                  dangerouslySetInnerHTML={{ __html: section.introHtml }}
                />
              ) : null}
              {section.entries.length === 0 ? (
                <p className="meta">No example messages in this section yet.</p>
              ) : (
                <ol className="guide-entries">
                  {section.entries.map((entry) => (
                    <li key={entry.id}>
                      <GuideEntryCard entry={entry} />
                    </li>
                  ))}
                </ol>
              )}
            </section>
          ))}
        </>
      )}
    </article>
  );
}

export const meta: MetaFunction = () => [
  { title: "The guide · Beyond Hello" },
  feedLink("/guide/feed.xml", "Changes to the guide"),
  {
    name: "description",
    content:
      "Outreach messages that feel authentic, and ones to avoid: example messages from Beyond Hello's threads, chosen and explained by moderators.",
  },
];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
