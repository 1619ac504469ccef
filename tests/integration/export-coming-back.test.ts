/**
 * The data export (/settings/export) carries a member's follows, mutes and notification settings:
 * what they chose, and nothing of another member's choices.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "../../app/db.server";
import { saveInAppSettings } from "../../app/models/notification-settings.server";
import { setLevel } from "../../app/models/thread-reader.server";
import { loader as exportLoader } from "../../app/routes/settings_.export";
import { FAMILY_NAMES } from "../../app/utils/notification-kinds";
import { seed } from "../../db/seed";
import { getRequest, loaderArgs, signedInMember } from "../setup/requests";

const threadIdOf = async (slug: string) =>
  (await getDb().selectFrom("thread").select("id").where("slug", "=", slug).executeTakeFirstOrThrow()).id;

beforeAll(async () => {
  await seed(getDb());
});

describe("the data export's follows, mutes and notification settings", () => {
  it("lists the threads the member follows or mutes and the settings they changed, and no one else's", async () => {
    const member = await signedInMember();
    const other = await signedInMember();
    const db = getDb();
    await setLevel(db, { userId: member.id, threadId: await threadIdOf("the-opener"), level: "following" });
    await setLevel(db, { userId: member.id, threadId: await threadIdOf("following-up"), level: "muted" });
    await setLevel(db, { userId: other.id, threadId: await threadIdOf("why-did-you-accept"), level: "following" });
    const off = FAMILY_NAMES[0];
    await saveInAppSettings(db, { userId: member.id, inApp: FAMILY_NAMES.filter((family) => family !== off) });

    const response = await exportLoader(loaderArgs(getRequest("/settings/export", member.cookie)));
    expect(response.status).toBe(200);
    const exported = await response.json();
    expect(exported.followedThreads.map((t: { thread: string; level: string }) => [t.thread, t.level]).sort()).toEqual([
      ["following-up", "muted"],
      ["the-opener", "following"],
    ]);
    expect(exported.followedThreads[0].threadTitle).toBeTruthy();
    expect(exported.notificationSettings).toHaveLength(FAMILY_NAMES.length);
    expect(exported.notificationSettings.find((s: { family: string }) => s.family === off).inApp).toBe(false);
    expect(JSON.stringify(exported)).not.toContain("why-did-you-accept");
  });

  it("exports empty lists for a member who chose nothing", async () => {
    const member = await signedInMember();
    const exported = await (await exportLoader(loaderArgs(getRequest("/settings/export", member.cookie)))).json();
    expect(exported.followedThreads).toEqual([]);
    expect(exported.notificationSettings).toEqual([]);
  });
});
