import { ageAccount, expect, expectNoAxeViolations, joinAs, signIn, signOut, test, uniqueName } from "./fixtures";

const THREAD = "/threads/accepted-then-silence";

test("a member shares a message they sent, with the preview following their typing", async ({ page }) => {
  await joinAs(page, uniqueName("sender"));
  await page.goto(THREAD);
  await page.getByRole("link", { name: "Share a message I sent" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Share a message you sent" })).toBeVisible();
  const marker = uniqueName("Opener");
  await page
    .getByLabel("The message you sent")
    .fill(`Hi Marguerite, I loved your talk at Brightwater Analytics. ${marker}`);
  await page.getByLabel("Context (optional)").fill("first message after she accepted");
  // With JavaScript the anonymised preview appears without pressing anything.
  const preview = page.getByRole("region", { name: "What will be posted" });
  await expect(preview.locator("mark.redaction").first()).toHaveText("[name]");
  await expect(preview.getByText(marker)).toBeVisible();
  await expect(page.getByText("Keep “Marguerite”")).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Post this anonymised message" }).click();

  const card = page.locator("article.post--approach").last();
  await expect(card.getByText("Message sent")).toBeVisible();
  await expect(card.locator("blockquote")).toContainText(`Hi [name], I loved your talk at [company]. ${marker}`);
  await expect(card.getByText("first message after she accepted")).toBeVisible();
  await expect(page.getByText("Marguerite")).toHaveCount(0);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("sharing a received reply takes two form submissions, with undo and extra words", async ({ page }) => {
    await joinAs(page, uniqueName("receiver"));
    await page.goto(`${THREAD}/share?kind=received_reply`);
    await page
      .getByLabel("The reply you received")
      .fill("Hello, thanks for reaching out on LinkedIn. Speak to Orla about the Zephyrine project.\n\nCheers,\nDev");
    await page.getByLabel("More words to remove (optional)").fill("Zephyrine");
    await page.getByRole("button", { name: "Preview anonymised message" }).click();

    const preview = page.getByRole("region", { name: "What will be posted" });
    await expect(preview.locator("blockquote")).toContainText("Speak to [name] about the [detail] project.");
    await expect(page.getByLabel("The reply you received")).toHaveValue(/Speak to Orla/); // what was pasted is still there
    // Undo a single redaction.
    await page.getByLabel("Keep “Orla”").check();
    await page.getByRole("button", { name: "Update preview" }).click();
    await expect(preview.locator("blockquote")).toContainText("Speak to Orla about the [detail] project.");
    await expect(page.getByLabel("Keep “Orla”")).toBeChecked();
    await page.getByRole("button", { name: "Post this anonymised message" }).click();

    const card = page.locator("article.post--received_reply").last();
    await expect(card.getByText("Reply received")).toBeVisible();
    await expect(card.locator("blockquote")).toContainText("Speak to Orla about the [detail] project.");
    await expect(card.locator("blockquote")).toContainText("LinkedIn");
    await expect(card.locator("blockquote")).not.toContainText("Zephyrine");
  });

  test("a bad paste keeps what was typed and says what is wrong", async ({ page }) => {
    await joinAs(page, uniqueName("empty"));
    await page.goto(`${THREAD}/share?kind=approach`);
    await page.getByLabel("Context (optional)").fill("a context with no message");
    await page.getByRole("button", { name: "Preview anonymised message" }).click();
    await expect(page.getByText("Paste the message first.")).toBeVisible();
    await expect(page.getByLabel("Context (optional)")).toHaveValue("a context with no message");
  });
});

test("a 'not properly anonymised' flag from an account older than a day hides a message from visitors at once", async ({
  page,
  browser,
}) => {
  const author = uniqueName("author");
  await joinAs(page, author);
  await page.goto(`${THREAD}/share?kind=approach`);
  const secret = uniqueName("Quintessa");
  await page
    .getByLabel("The message you sent")
    .fill(`Following up on our chat with ${secret.toLowerCase()} yesterday.`);
  await page.getByRole("button", { name: /Preview anonymised message|Update preview/ }).click();
  await page.getByRole("button", { name: "Post this anonymised message" }).click();
  const card = page.locator("article.post--approach").last();
  const postId = await card.getAttribute("id");
  await signOut(page);

  // A page of its own context, as axe requires.
  const flaggerContext = await browser.newContext();
  const flagger = await flaggerContext.newPage();
  const flaggerName = uniqueName("flagger");
  await joinAs(flagger, flaggerName);
  ageAccount(flaggerName);
  await flagger.goto(THREAD);
  const flagged = flagger.locator(`#${postId}`);
  await flagged.getByRole("link", { name: /^Flag post/ }).click();
  await expect(flagger.getByRole("heading", { level: 1, name: /^Flag post #/ })).toBeVisible();
  await expectNoAxeViolations(flagger);
  // No reason is chosen for the member, and "not anonymised" asks which words identify someone.
  await expect(flagger.getByLabel(/Not properly anonymised/)).not.toBeChecked();
  await flagger.getByLabel(/Not properly anonymised/).check();
  await flagger.getByLabel("Which words identify someone?").fill(secret.toLowerCase());
  await flagger.getByLabel("Note for moderators (optional)").fill("there is still a name in it");
  await flagger.getByRole("button", { name: "Send flag" }).click();
  await expect(flagger.getByText("the message is withheld from readers")).toBeVisible();
  await expectNoAxeViolations(flagger);
  await flagger.goto(THREAD);
  await expect(flagger.locator(`#${postId}`).getByText("waiting for a moderator")).toBeVisible();
  await flaggerContext.close();

  // A visitor sees the place, not the words.
  await page.goto(THREAD);
  await expect(page.locator(`#${postId}`)).toContainText("waiting for a moderator to check that it is anonymised");
  await expect(page.locator(`#${postId} blockquote`)).toHaveCount(0);
  // Its author still sees it, marked as waiting.
  await signIn(page, author);
  await page.goto(THREAD);
  await expect(page.locator(`#${postId}`).getByText("Waiting for a moderator's review")).toBeVisible();
  await expect(page.locator(`#${postId} blockquote`)).toBeVisible();
});
