/** The guide's sections, for moderators: create, edit, move and remove, each logged. */
import type { Kysely, Transaction } from "kysely";
import { renderMarkdown } from "~/utils/markdown";
import { firstFreeSlug, slugify } from "~/utils/slug";
import type { Database } from "../../db/schema";
import { GuideError, logGuideChange, neighbourOrder, type Direction } from "./guide.server";

type Db = Kysely<Database> | Transaction<Database>;

async function unusedSlug(db: Db, base: string): Promise<string> {
  const taken = await db
    .selectFrom("guide_section")
    .select("slug")
    .where((eb) => eb.or([eb("slug", "=", base), eb("slug", "like", `${base}-%`)]))
    .execute();
  return firstFreeSlug(base, new Set(taken.map((row) => row.slug)));
}

async function nextSectionPosition(db: Db): Promise<number> {
  const row = await db
    .selectFrom("guide_section")
    .select((eb) => eb.fn.max("position").as("last"))
    .executeTakeFirst();
  return (row?.last ?? 0) + 1;
}

/** A new guide section at the end of the guide; its slug (the anchor on /guide) is unique and never changes. */
export async function createSection(
  db: Kysely<Database>,
  { actorId, title, intro, now = Date.now() }: { actorId: number; title: string; intro: string; now?: number },
): Promise<{ id: number; slug: string }> {
  return db.transaction().execute(async (trx) => {
    const section = await trx
      .insertInto("guide_section")
      .values({
        slug: await unusedSlug(trx, slugify(title, "section")), // the section's anchor on /guide
        title,
        intro_md: intro,
        intro_html: intro.trim() ? renderMarkdown(intro) : "",
        position: await nextSectionPosition(trx),
        created_at: now,
        updated_at: now,
      })
      .returning(["id", "slug"])
      .executeTakeFirstOrThrow();
    await logGuideChange(trx, {
      actorId,
      action: "guide.section.create",
      summary: `Created the guide section “${title}”.`,
      guideSectionId: section.id,
      now,
    });
    return section;
  });
}

export async function sectionOrRefuse(db: Db, sectionId: number) {
  const section = await db
    .selectFrom("guide_section")
    .select(["id", "title", "position"])
    .where("id", "=", sectionId)
    .executeTakeFirst();
  if (!section) throw new GuideError("That guide section no longer exists.", "sectionId", 404);
  return section;
}

/**
 * Renames a guide section and replaces its introduction. The slug stays, so
 * links to the section's place on /guide keep working after a rename.
 */
export async function updateSection(
  db: Kysely<Database>,
  {
    actorId,
    sectionId,
    title,
    intro,
    now = Date.now(),
  }: { actorId: number; sectionId: number; title: string; intro: string; now?: number },
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const before = await sectionOrRefuse(trx, sectionId);
    await trx
      .updateTable("guide_section")
      .set({ title, intro_md: intro, intro_html: intro.trim() ? renderMarkdown(intro) : "", updated_at: now })
      .where("id", "=", sectionId)
      .execute();
    const summary =
      before.title === title
        ? `Edited the guide section “${title}”.`
        : `Renamed the guide section “${before.title}” to “${title}” and saved its introduction.`;
    await logGuideChange(trx, { actorId, action: "guide.section.edit", summary, guideSectionId: sectionId, now });
  });
}

/** Swaps a guide section with its neighbour. At either end nothing changes and nothing is logged; returns whether it moved. */
export async function moveSection(
  db: Kysely<Database>,
  {
    actorId,
    sectionId,
    direction,
    now = Date.now(),
  }: { actorId: number; sectionId: number; direction: Direction; now?: number },
): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const section = await sectionOrRefuse(trx, sectionId);
    const { op, order } = neighbourOrder(direction);
    const neighbour = await trx
      .selectFrom("guide_section")
      .select(["id", "position"])
      .where("position", op, section.position)
      .orderBy("position", order)
      .executeTakeFirst();
    if (!neighbour) return false;
    await trx
      .updateTable("guide_section")
      .set({ position: neighbour.position, updated_at: now })
      .where("id", "=", section.id)
      .execute();
    await trx
      .updateTable("guide_section")
      .set({ position: section.position, updated_at: now })
      .where("id", "=", neighbour.id)
      .execute();
    await logGuideChange(trx, {
      actorId,
      action: "guide.section.move",
      summary: `Moved the guide section “${section.title}” ${direction}.`,
      guideSectionId: sectionId,
      now,
    });
    return true;
  });
}

/** Removes a guide section and, by the foreign key's cascade, its entries. */
export async function removeSection(
  db: Kysely<Database>,
  { actorId, sectionId, now = Date.now() }: { actorId: number; sectionId: number; now?: number },
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const section = await sectionOrRefuse(trx, sectionId);
    const { count } = await trx
      .selectFrom("guide_entry")
      .select((eb) => eb.fn.countAll<number>().as("count"))
      .where("section_id", "=", sectionId)
      .executeTakeFirstOrThrow();
    const entries = Number(count) === 1 ? "its 1 entry" : `its ${count} entries`;
    // Logged first, while the section exists; the log's foreign key then sets guide_section_id to null, and the summary keeps the title.
    await logGuideChange(trx, {
      actorId,
      action: "guide.section.remove",
      summary: `Removed the guide section “${section.title}” and ${entries}.`,
      guideSectionId: sectionId,
      now,
    });
    await trx.deleteFrom("guide_section").where("id", "=", sectionId).execute();
  });
}
