import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { AddToGuideForm, type GuideRefusal } from "~/components/add-to-guide-form";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Field, FormError, TextAreaField } from "~/components/field";
import { KIND_LABEL } from "~/components/post-card";
import { Score } from "~/components/vote-controls";
import { getDb } from "~/db.server";
import {
  addEntry,
  moveEntry,
  moveEntryToSection,
  removeEntry,
  acceptEntryVersion,
  updateEntryNote,
} from "~/models/guide-entry.server";
import { createSection, moveSection, removeSection, updateSection } from "~/models/guide-section.server";
import { getGuide, GuideError } from "~/models/guide.server";
import { readForm } from "~/server/form.server";
import { guideActionSchema, type GuideAction } from "~/server/guide-validation.server";
import { invariantResponse } from "~/server/http.server";
import { parseForm } from "~/server/validation.server";
import { requireModerator, safeRedirect } from "~/session.server";
import { ENTRY_NOTE_MAX, SECTION_INTRO_MAX, SECTION_TITLE_MAX } from "~/utils/field-lengths";
import { plural } from "~/utils/format";
import { postHref } from "~/utils/paging";

/** Which form on the page an answer belongs to, so its messages show beside the right fields. */
function formIdOf(values: Record<string, string>): string {
  if (values.intent === "create-section") return "new-section";
  if (values.intent === "add-entry") return "add-entry";
  if (values.entryId) return `entry-${values.entryId}`;
  return `section-${values.sectionId ?? ""}`;
}

export async function loader({ request }: LoaderFunctionArgs) {
  await requireModerator(request);
  const guide = await getGuide(getDb(), { includeWithdrawn: true });
  return {
    sections: guide.map((section) => ({
      ...section,
      entries: section.entries.map((entry) => ({
        ...entry,
        href: postHref(entry.message.threadSlug, entry.message.number),
      })),
    })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireModerator(request);
  const form = await readForm(request);
  const parsed = parseForm(guideActionSchema, form);
  if (!parsed.ok) {
    invariantResponse(!parsed.errors.intent, "That is not something this page can do.", { status: 400 });
    return refusal(parsed.errors, parsed.values, 400);
  }
  try {
    return redirect(await perform(user.id, parsed.data));
  } catch (error) {
    if (!(error instanceof GuideError)) throw error;
    const values = Object.fromEntries(
      [...form].filter((pair): pair is [string, string] => typeof pair[1] === "string"),
    );
    return refusal({ [error.field]: error.message }, values, error.status);
  }
}

/** A 400-range answer with the messages per field and what was typed; returnTo is made safe here, on the server, before the page links to it. */
function refusal(errors: Record<string, string>, values: Record<string, string>, status: number) {
  const safeValues =
    values.returnTo === undefined ? values : { ...values, returnTo: safeRedirect(values.returnTo, "/mod/guide") };
  const refused: GuideRefusal = { formId: formIdOf(values), errors, values: safeValues };
  return data(refused, { status });
}

/** Makes the change and says where to go next: back to what was changed. */
async function perform(actorId: number, input: GuideAction): Promise<string> {
  const db = getDb();
  switch (input.intent) {
    case "create-section": {
      const section = await createSection(db, { actorId, title: input.title, intro: input.intro });
      return `/mod/guide#section-${section.id}`;
    }
    case "edit-section":
      await updateSection(db, { actorId, sectionId: input.sectionId, title: input.title, intro: input.intro });
      return `/mod/guide#section-${input.sectionId}`;
    case "move-section":
      await moveSection(db, { actorId, sectionId: input.sectionId, direction: input.direction });
      return `/mod/guide#section-${input.sectionId}`;
    case "remove-section":
      await removeSection(db, { actorId, sectionId: input.sectionId });
      return "/mod/guide";
    case "add-entry":
      await addEntry(db, { actorId, postId: input.postId, sectionId: input.sectionId, note: input.note });
      return safeRedirect(input.returnTo, "/mod/guide");
    case "edit-entry":
      await updateEntryNote(db, { actorId, entryId: input.entryId, note: input.note });
      return `/mod/guide#entry-${input.entryId}`;
    case "move-entry":
      await moveEntry(db, { actorId, entryId: input.entryId, direction: input.direction });
      return `/mod/guide#entry-${input.entryId}`;
    case "move-entry-to-section":
      await moveEntryToSection(db, { actorId, entryId: input.entryId, sectionId: input.sectionId });
      return `/mod/guide#entry-${input.entryId}`;
    case "remove-entry":
      await removeEntry(db, { actorId, entryId: input.entryId });
      return "/mod/guide";
    case "accept-version":
      await acceptEntryVersion(db, { actorId, entryId: input.entryId });
      return `/mod/guide#entry-${input.entryId}`;
  }
}

type Loaded = ReturnType<typeof useLoaderData<typeof loader>>;
type Section = Loaded["sections"][number];
type Entry = Section["entries"][number];

/** The messages and typed values for one form, when the last submission was that form's and was refused. */
function useFormAnswer(formId: string) {
  const answer = useActionData<typeof action>();
  if (!answer || answer.formId !== formId) return { errors: {} as Record<string, string>, values: null };
  return { errors: answer.errors, values: answer.values };
}

function NewSectionForm() {
  const { errors, values } = useFormAnswer("new-section");
  return (
    <section aria-labelledby="new-section-title" className="guide-editor__new">
      <h2 id="new-section-title">New guide section</h2>
      <Form method="post" className="form form--wide">
        <FormError message={errors.form} />
        <Field
          label="Title"
          name="title"
          type="text"
          defaultValue={values?.title}
          error={errors.title}
          maxLength={SECTION_TITLE_MAX}
          required
        />
        <TextAreaField
          label="Introduction (optional)"
          name="intro"
          hint="Markdown: **bold**, *italic*, - list, [link](https://…)."
          defaultValue={values?.intro}
          error={errors.intro}
          maxLength={SECTION_INTRO_MAX}
          rows={4}
        />
        <div className="actions">
          <button type="submit" name="intent" value="create-section">
            Create section
          </button>
        </div>
      </Form>
    </section>
  );
}

function MoveButtons({
  hidden,
  target,
  isFirst,
  isLast,
  intent,
}: {
  hidden: Record<string, string | number>;
  target: string;
  isFirst: boolean;
  isLast: boolean;
  intent: string;
}) {
  if (isFirst && isLast) return null;
  return (
    <Form method="post" className="inline-form">
      <input type="hidden" name="intent" value={intent} />
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {isFirst ? null : (
        <button type="submit" name="direction" value="up" className="secondary button--small">
          Move up<span className="visually-hidden">: {target}</span>
        </button>
      )}{" "}
      {isLast ? null : (
        <button type="submit" name="direction" value="down" className="secondary button--small">
          Move down<span className="visually-hidden">: {target}</span>
        </button>
      )}
    </Form>
  );
}

function EntryEditor({
  entry,
  section,
  sections,
  isFirst,
  isLast,
}: {
  entry: Entry;
  section: Section;
  sections: Section[];
  isFirst: boolean;
  isLast: boolean;
}) {
  const { errors, values } = useFormAnswer(`entry-${entry.id}`);
  const { message } = entry;
  const target = `message #${message.number} in “${message.threadTitle}”`;
  const otherSections = sections.filter((s) => s.id !== section.id);
  return (
    <article
      id={`entry-${entry.id}`}
      className={`guide-entry post post--${message.kind}`}
      aria-labelledby={`entry-${entry.id}-title`}
    >
      <h3 id={`entry-${entry.id}-title`} className="post__heading">
        <span className={`kind kind--${message.kind}`}>{KIND_LABEL[message.kind]}</span>{" "}
        <Link to={entry.href}>#{message.number}</Link> in “{message.threadTitle}”
      </h3>
      {entry.withdrawn ? (
        <p className="post__status" role="note">
          {entry.withdrawnByAuthor
            ? "Withdrawn by its author: not shown to readers."
            : "Hidden or deleted in its thread: not shown to readers."}
        </p>
      ) : null}
      {message.bodyHtml ? (
        <figure className="message">
          {entry.changedSinceCurated ? <figcaption>As curated (readers see this):</figcaption> : null}
          {message.contextLine ? <figcaption className="message__context">{message.contextLine}</figcaption> : null}
          <blockquote className="message__text" dangerouslySetInnerHTML={{ __html: message.bodyHtml }} />
        </figure>
      ) : null}
      {entry.changedSinceCurated && !entry.withdrawn ? (
        <div className="guide-entry__changed">
          <p className="post__status" role="note">
            <strong>Changed since it was curated.</strong> Its author edited the message; the guide still shows the
            version above until you accept the new one.
          </p>
          <figure className="message">
            <figcaption>The new version:</figcaption>
            {entry.current.contextLine ? (
              <figcaption className="message__context">{entry.current.contextLine}</figcaption>
            ) : null}
            <blockquote className="message__text" dangerouslySetInnerHTML={{ __html: entry.current.bodyHtml }} />
          </figure>
          <Form method="post" className="inline-form">
            <input type="hidden" name="entryId" value={entry.id} />
            <button type="submit" name="intent" value="accept-version" className="secondary button--small">
              Accept the new version<span className="visually-hidden"> of message #{message.number}</span>
            </button>
          </Form>
        </div>
      ) : null}
      <p className="votes__score">
        <Score
          counts={{ authentic: message.authenticCount, notAuthentic: message.notAuthenticCount }}
          topReason={null}
        />
      </p>
      <FormError message={errors.form ?? errors.entryId} />
      <Form method="post" className="form form--wide" key={entry.noteMd}>
        <input type="hidden" name="entryId" value={entry.id} />
        <TextAreaField
          label={`Note on message #${message.number}`}
          name="note"
          hint="Why it works, or why to avoid it. Markdown."
          defaultValue={values?.note ?? entry.noteMd}
          error={errors.note}
          maxLength={ENTRY_NOTE_MAX}
          rows={3}
        />
        <div className="actions">
          <button type="submit" name="intent" value="edit-entry" className="secondary">
            Save note
          </button>
        </div>
      </Form>
      <div className="actions guide-editor__entry-actions">
        <MoveButtons
          hidden={{ entryId: entry.id }}
          target={target}
          isFirst={isFirst}
          isLast={isLast}
          intent="move-entry"
        />
        {otherSections.length > 0 ? (
          <Form method="post" className="guide-editor__move-to">
            <input type="hidden" name="entryId" value={entry.id} />
            <label htmlFor={`entry-${entry.id}-section`}>Move to section</label>{" "}
            <select
              id={`entry-${entry.id}-section`}
              name="sectionId"
              defaultValue={values?.sectionId}
              aria-invalid={errors.sectionId ? true : undefined}
            >
              {otherSections.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.title}
                </option>
              ))}
            </select>{" "}
            <button type="submit" name="intent" value="move-entry-to-section" className="secondary button--small">
              Move<span className="visually-hidden"> {target}</span>
            </button>
            {errors.sectionId ? <p className="field-error">{errors.sectionId}</p> : null}
          </Form>
        ) : null}
        <Form method="post" className="inline-form">
          <input type="hidden" name="entryId" value={entry.id} />
          <button type="submit" name="intent" value="remove-entry" className="button--danger button--small">
            Remove from guide<span className="visually-hidden">: {target}</span>
          </button>
        </Form>
      </div>
    </article>
  );
}

function SectionEditor({ section, sections, index }: { section: Section; sections: Section[]; index: number }) {
  const { errors, values } = useFormAnswer(`section-${section.id}`);
  const titleId = `section-${section.id}-title`;
  return (
    <section id={`section-${section.id}`} className="guide-editor__section" aria-labelledby={titleId}>
      <h2 id={titleId}>
        {index + 1}. {section.title}
      </h2>
      <p className="meta">
        On the guide at <Link to={`/guide#${section.slug}`}>/guide#{section.slug}</Link> ·{" "}
        {plural(section.entries.length, "entry", "entries")}
      </p>
      <FormError message={errors.form ?? errors.sectionId} />
      <div className="actions">
        <MoveButtons
          hidden={{ sectionId: section.id }}
          target={`section “${section.title}”`}
          isFirst={index === 0}
          isLast={index === sections.length - 1}
          intent="move-section"
        />
      </div>
      <details open={values !== null}>
        <summary>Rename or edit the introduction</summary>
        <Form method="post" className="form form--wide" key={`${section.title}\n${section.introMd}`}>
          <input type="hidden" name="sectionId" value={section.id} />
          <Field
            label="Title"
            name="title"
            type="text"
            defaultValue={values?.title ?? section.title}
            error={errors.title}
            maxLength={SECTION_TITLE_MAX}
            required
          />
          <TextAreaField
            label="Introduction"
            name="intro"
            hint="Markdown."
            defaultValue={values?.intro ?? section.introMd}
            error={errors.intro}
            maxLength={SECTION_INTRO_MAX}
            rows={4}
          />
          <div className="actions">
            <button type="submit" name="intent" value="edit-section">
              Save section
            </button>
          </div>
        </Form>
      </details>
      {section.entries.length === 0 ? (
        <p className="meta">No entries yet. Add example messages from the threads with “Add to guide”.</p>
      ) : (
        <ol className="guide-entries">
          {section.entries.map((entry, i) => (
            <li key={entry.id}>
              <EntryEditor
                entry={entry}
                section={section}
                sections={sections}
                isFirst={i === 0}
                isLast={i === section.entries.length - 1}
              />
            </li>
          ))}
        </ol>
      )}
      {/* Last and set apart: it removes every entry too, so it is not next to the everyday buttons. */}
      <div className="guide-editor__danger">
        <Form
          method="post"
          className="inline-form"
          onSubmit={(event) => {
            if (
              !window.confirm(
                `Remove the section “${section.title}” and ${plural(section.entries.length, "entry", "entries")} from the guide?`,
              )
            )
              event.preventDefault();
          }}
        >
          <input type="hidden" name="sectionId" value={section.id} />
          <button type="submit" name="intent" value="remove-section" className="button--danger button--small">
            Remove section and its entries<span className="visually-hidden">: {section.title}</span>
          </button>
        </Form>
      </div>
    </section>
  );
}

/** Shown when adding from a thread page was refused without JavaScript: the form again, with what was typed. */
function AddEntryRetry({ sections }: { sections: Section[] }) {
  const { errors, values } = useFormAnswer("add-entry");
  if (!values) return null;
  const returnTo = values.returnTo ?? "/mod/guide";
  return (
    <section aria-labelledby="add-entry-title" className="notice">
      <h2 id="add-entry-title">Adding to the guide did not work</h2>
      <AddToGuideForm
        postId={Number(values.postId) || 0}
        sections={sections.map((s) => ({ id: s.id, title: s.title }))}
        returnTo={returnTo}
        refused={{ errors, values }}
      />
      <p>
        <Link to={returnTo}>Back to the message</Link>
      </p>
    </section>
  );
}

export default function GuideEditorPage() {
  const { sections } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Edit the guide</h1>
      <p>
        Readers see <Link to="/guide">the guide</Link> as it is below, without the messages marked as withdrawn. Every
        change is recorded in <Link to="/guide/history">the guide's history</Link>.
      </p>
      <AddEntryRetry sections={sections} />
      {sections.length === 0 ? <p>No guide sections yet. Create the first one below.</p> : null}
      {sections.map((section, index) => (
        <SectionEditor key={section.id} section={section} sections={sections} index={index} />
      ))}
      <NewSectionForm />
    </>
  );
}

export const meta: MetaFunction = () => [{ title: "Edit the guide · Moderation · Beyond Hello" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
