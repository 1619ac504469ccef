import type { Page } from "@playwright/test";
import { expect, expectNoAxeViolations, joinAs, test, uniqueName } from "./fixtures";

const THREAD = "/threads/the-opener";

/** Shares an example message through the real two-step form; returns its post id and anchor. */
async function share(page: Page, kind: "approach" | "received_reply", text: string, answers?: string) {
  await page.goto(`${THREAD}/share?kind=${kind}`);
  await page.getByLabel(kind === "approach" ? "The message you sent" : "The reply you received").fill(text);
  if (answers)
    await page.getByLabel("It answers one of my messages in this thread (optional)").selectOption({ label: answers });
  await page.getByRole("button", { name: /Preview anonymised message|Update preview/ }).click();
  await page.getByRole("button", { name: "Post this anonymised message" }).click();
  const card = page.locator(`article.post--${kind}`).last();
  await expect(card).toContainText(text);
  return { anchor: (await card.getAttribute("id"))! };
}

async function recordOutcome(page: Page, anchor: string, outcome: string) {
  await page.goto(THREAD);
  await page
    .locator(`#${anchor}`)
    .getByRole("link", { name: /Record what came of it/ })
    .click();
  await expect(page.getByRole("heading", { name: "What came of it?" })).toBeVisible();
  await page.getByLabel(outcome, { exact: true }).check();
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.locator(`#${anchor}`).locator(".outcome__status")).toContainText(outcome);
}

async function threadRate(page: Page): Promise<string> {
  await page.goto("/insights");
  const row = page
    .locator("section", { has: page.getByRole("heading", { name: "Reply rate by thread" }) })
    .getByRole("row", {
      name: /The opener/,
    });
  return (await row.locator("td").textContent()) ?? "";
}

test("a member records what came of an approach; the pair shows, and /insights' reply rate changes", async ({
  page,
}) => {
  test.setTimeout(120_000);
  await joinAs(page, uniqueName("outcomes"));
  // Four settled outcomes already in the thread: under five, so hidden.
  for (let i = 0; i < 4; i++) {
    const { anchor } = await share(
      page,
      "approach",
      `Quick question number ${i}: how did you start? ${uniqueName("m")}`,
    );
    await recordOutcome(page, anchor, "Declined");
  }
  expect(await threadRate(page)).toBe("too few to show");

  const sent = `Would you have ten minutes for a coffee next week? ${uniqueName("pair")}`;
  const { anchor } = await share(page, "approach", sent);
  const number = anchor.replace("post-", "");
  const reply = `Thanks for reaching out, happy to talk. ${uniqueName("r")}`;
  await share(page, "received_reply", reply, undefined);
  // Link the reply to the approach: shared again, choosing the message it answers.
  await page.goto(`${THREAD}/share?kind=received_reply`);
  const options = await page
    .getByLabel("It answers one of my messages in this thread (optional)")
    .locator("option")
    .allTextContents();
  const label = options.find((o) => o.startsWith(`#${number}:`))!;
  const linked = `Sure, Tuesday works for me. ${uniqueName("l")}`;
  await share(page, "received_reply", linked, label);

  await recordOutcome(page, anchor, "Replied");
  await expect(page.locator(`#${anchor} .outcome__status`)).toContainText("Replied · the same day");

  await page.goto(`${THREAD}?view=pairs`);
  await expect(page.getByRole("heading", { name: "Messages sent and the replies they got" })).toBeVisible();
  const cards = page.locator(".post-list > li > article");
  const texts = await cards.allTextContents();
  const at = texts.findIndex((t) => t.includes(sent));
  expect(at).toBeGreaterThanOrEqual(0);
  expect(texts[at + 1]).toContain(linked);
  expect(texts[at + 1]).toContain("Replied");
  expect(texts.some((t) => t.includes(reply))).toBe(false); // an unlinked reply is no pair
  await expectNoAxeViolations(page);

  const rate = await threadRate(page);
  expect(rate).toMatch(/^20% \(1 of 5; 95% interval \d+–\d+%\)$/);
  // Every chart has its table; nothing hidden is drawn.
  const charts = page.locator("section.chart");
  expect(await charts.count()).toBeGreaterThanOrEqual(7);
  for (const chart of await charts.all()) {
    await expect(chart.locator("svg")).toHaveCount(1);
    await expect(chart.locator("table")).toHaveCount(1);
  }
  await expectNoAxeViolations(page);
});

test("/insights and a member's own page fit a 390 px phone and pass axe", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 800 });
  await page.goto("/insights");
  await expect(page.getByRole("heading", { name: "What came of it", level: 1 })).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await expectNoAxeViolations(page);
  // No chart JavaScript: the pictures are in the HTML as sent.
  const html = await (await page.request.get("/insights")).text();
  expect(html).toContain("<svg");

  const name = uniqueName("own");
  await joinAs(page, name);
  const { anchor } = await share(page, "approach", `Could we compare notes on hiring? ${uniqueName("o")}`);
  await recordOutcome(page, anchor, "Met");
  await page.goto(`/u/${name}`);
  await expect(page.getByRole("heading", { name: /Your messages: how they felt/ })).toBeVisible();
  await expect(page.getByRole("table")).toContainText("Met");
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await expectNoAxeViolations(page);
});
