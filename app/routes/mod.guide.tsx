import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { AddToGuideForm, type GuideRefusal } from "~/components/add-to-guide-form";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { Field, FormError, TextAreaField } from "~/components/field";
import {
  DoneHere,
  EntryEditor,
  MoveButtons,
  useFormAnswer,
  useRefocusAfterChange,
} from "~/components/guide-entry-editor";
import { getDb } from "~/db.server";
import {
  addEntry,
  markEntry,
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
import { SECTION_INTRO_MAX, SECTION_TITLE_MAX } from "~/utils/field-lengths";
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

/**
 * Back to what was changed, saying what was done (`done`) and where (`at`, read by the server too, which
 * never sees the #fragment), so the notice shows beside it with or without JavaScript.
 */
function doneAt(intent: string, at: string | null): string {
  return at ? `/mod/guide?done=${intent}&at=${at}#${at}` : `/mod/guide?done=${intent}`;
}

/** Back to the message, saying it was added: without JavaScript, the thread page shows it under the message. */
function addedAt(path: string, postId: number): string {
  const url = new URL(path, "http://same.site");
  url.searchParams.set("added", String(postId));
  return url.pathname + url.search + url.hash;
}

/** Makes the change and says where to go next: back to what was changed. */
async function perform(actorId: number, input: GuideAction): Promise<string> {
  const db = getDb();
  switch (input.intent) {
    case "create-section": {
      const section = await createSection(db, { actorId, title: input.title, intro: input.intro });
      return doneAt(input.intent, `section-${section.id}`);
    }
    case "edit-section":
      await updateSection(db, { actorId, sectionId: input.sectionId, title: input.title, intro: input.intro });
      return doneAt(input.intent, `section-${input.sectionId}`);
    case "move-section":
      await moveSection(db, { actorId, sectionId: input.sectionId, direction: input.direction });
      return doneAt(`${input.intent}-${input.direction}`, `section-${input.sectionId}`);
    case "remove-section":
      await removeSection(db, { actorId, sectionId: input.sectionId });
      return doneAt(input.intent, null);
    case "add-entry":
      await addEntry(db, {
        actorId,
        postId: input.postId,
        sectionId: input.sectionId,
        note: input.note,
        mark: input.mark,
      });
      return addedAt(safeRedirect(input.returnTo, "/mod/guide"), input.postId);
    case "edit-entry":
      await updateEntryNote(db, { actorId, entryId: input.entryId, note: input.note });
      return doneAt(input.intent, `entry-${input.entryId}`);
    case "mark-entry":
      await markEntry(db, { actorId, entryId: input.entryId, mark: input.mark });
      return doneAt(input.intent, `entry-${input.entryId}`);
    case "move-entry":
      await moveEntry(db, { actorId, entryId: input.entryId, direction: input.direction });
      return doneAt(`${input.intent}-${input.direction}`, `entry-${input.entryId}`);
    case "move-entry-to-section":
      await moveEntryToSection(db, { actorId, entryId: input.entryId, sectionId: input.sectionId });
      return doneAt(input.intent, `entry-${input.entryId}`);
    case "remove-entry": {
      const { sectionId } = await removeEntry(db, { actorId, entryId: input.entryId });
      return doneAt(input.intent, `section-${sectionId}`);
    }
    case "accept-version":
      await acceptEntryVersion(db, { actorId, entryId: input.entryId });
      return doneAt(input.intent, `entry-${input.entryId}`);
  }
}

type Loaded = ReturnType<typeof useLoaderData<typeof loader>>;
type Section = Loaded["sections"][number];

function NewSectionForm({ sectionCount }: { sectionCount: number }) {
  const { errors, values } = useFormAnswer("new-section");
  return (
    <section aria-labelledby="new-section-title" className="guide-editor__new">
      <h2 id="new-section-title">New guide section</h2>
      {/* Keyed by the number of sections: once one is created, the form is empty for the next. */}
      <Form method="post" className="form form--wide" key={sectionCount}>
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

function SectionEditor({ section, sections, index }: { section: Section; sections: Section[]; index: number }) {
  const { errors, values } = useFormAnswer(`section-${section.id}`);
  const titleId = `section-${section.id}-title`;
  return (
    <section id={`section-${section.id}`} className="guide-editor__section" aria-labelledby={titleId} tabIndex={-1}>
      <h2 id={titleId}>
        {index + 1}. {section.title}
      </h2>
      <DoneHere at={`section-${section.id}`} />
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
            <button type="submit" name="intent" value="edit-section" data-refocus="edit-section">
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
                sectionId={section.id}
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
  useRefocusAfterChange();
  return (
    <>
      <h1 id="guide-editor-title" tabIndex={-1}>
        Edit the guide
      </h1>
      <DoneHere at={null} />
      <p>
        Readers see <Link to="/guide">the guide</Link> as it is below, without the messages marked as withdrawn. Every
        change is recorded in <Link to="/guide/history">the guide's history</Link>.
      </p>
      <AddEntryRetry sections={sections} />
      {sections.length === 0 ? <p>No guide sections yet. Create the first one below.</p> : null}
      {sections.map((section, index) => (
        <SectionEditor key={section.id} section={section} sections={sections} index={index} />
      ))}
      <NewSectionForm sectionCount={sections.length} />
    </>
  );
}

export const meta: MetaFunction = () => [{ title: "Edit the guide · Moderation · Beyond Hello" }];

export function ErrorBoundary() {
  return <GeneralErrorBoundary />;
}
