// choices.test.mjs: multiple-choice questions on their pages: a single-answer and a multiple-response question answered
// wrongly then rightly (marks in words, explanations, the answer, the grade suggested to the scheduler), the same
// page without JavaScript, and shuffling (every choice once, the correct ones still correct). Fixture site: fixture.mjs.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { watch } from "./lib.mjs";
import { setupFixture } from "./fixture.mjs";

let s;
before(async () => { s = await setupFixture(); });
after(async () => { await s?.close(); });

// A page whose grading API records each suggestion (the scheduler's side is another script's job).
async function openWithGrading(ctx, rel) {
  const page = await ctx.newPage();
  await page.addInitScript(() => {
    window.suggestions = [];
    window.cramdownGrading = { suggest: (rating) => window.suggestions.push(rating) };
  });
  const problems = watch(page, s.server.url);
  await page.goto(s.url + rel);
  return { page, problems };
}
const choice = (page, text) => page.locator("#cd-choices li.choice", { hasText: text });
const mark = (page, text) => choice(page, text).locator(".choice-mark").innerText();

test("single answer: wrong, then right; marks, explanations, the answer and the suggested grade", async () => {
  const ctx = await s.browser.newContext();
  const { page, problems } = await openWithGrading(ctx, "storage/efs.html");
  assert.equal(await page.locator("#cd-choices legend").innerText(), "Choose one");
  assert.equal(await page.locator("#cd-choices input[type=radio]").count(), 4);
  assert.equal(await page.locator("#cd-choices .choice-explanation").first().isVisible(), false, "explanations wait for Check");
  // Check with nothing picked only asks for a pick.
  await page.click("#cd-check");
  assert.equal(await page.innerText("#cd-choice-result"), "Pick a choice, then Check.");
  assert.deepEqual(await page.evaluate(() => window.suggestions), []);

  // Keyboard only: focus the first radio, pick the one that says "Instance store", Check with Enter.
  await choice(page, "Instance store").locator("input").focus();
  await page.keyboard.press("Space");
  await page.locator("#cd-check").focus();
  await page.keyboard.press("Enter");
  await page.locator("#cd-answer-body").waitFor({ state: "visible" });
  assert.equal(await mark(page, "Instance store"), "✗ Wrong, your choice");
  assert.equal(await mark(page, "Amazon EFS"), "✓ Correct, missed");
  assert.equal(await mark(page, "Multi-Attach"), "✗ Wrong");
  assert.equal(await page.locator("#cd-choices .choice-explanation:visible").count(), 4);
  assert.match(await choice(page, "Amazon EFS").innerText(), /A regional NFS file system/);
  assert.equal(await page.innerText("#cd-choice-result"), "Not quite: 0 of 1 correct choice picked, 1 wrong.");
  assert.equal(await page.locator("#cd-choices input:disabled").count(), 4, "locked until Try again");
  assert.deepEqual(await page.evaluate(() => window.suggestions), [1], "Again");

  // Try again: marks cleared; the right pick is marked right, but the first try keeps the suggestion.
  await page.click("#cd-retry");
  assert.equal(await page.locator("#cd-choices .choice-explanation:visible").count(), 0);
  assert.equal(await mark(page, "Amazon EFS"), "");
  await choice(page, "Amazon EFS").locator("label").click();
  await page.click("#cd-check");
  assert.equal(await mark(page, "Amazon EFS"), "✓ Correct, your choice");
  assert.equal(await mark(page, "Instance store"), "✗ Wrong");
  assert.equal(await page.innerText("#cd-choice-result"), "Right: every choice is correct. Your first try sets the suggested grade.");
  assert.deepEqual(await page.evaluate(() => window.suggestions), [1]);

  // A fresh attempt answered right at once suggests Good.
  await page.reload();
  await choice(page, "Amazon EFS").locator("label").click();
  await page.click("#cd-check");
  assert.equal(await page.innerText("#cd-choice-result"), "Right: every choice is correct.");
  assert.deepEqual(await page.evaluate(() => window.suggestions), [3], "Good");
  assert.deepEqual(problems, []);
  await ctx.close();
});

test("multiple response: Choose 2, a half-right pick, then both right", async () => {
  const ctx = await s.browser.newContext();
  const { page, problems } = await openWithGrading(ctx, "storage/classes.html");
  assert.equal(await page.locator("#cd-choices legend").innerText(), "Choose 2");
  assert.equal(await page.locator("#cd-choices input[type=checkbox]").count(), 4);
  await choice(page, "Deep Archive").locator("label").click();
  await choice(page, "S3 Standard").locator("label").click();
  await page.click("#cd-check");
  assert.equal(await mark(page, "Deep Archive"), "✓ Correct, your choice");
  assert.equal(await mark(page, "S3 Standard"), "✗ Wrong, your choice");
  assert.equal(await mark(page, "Flexible Retrieval"), "✓ Correct, missed");
  assert.equal(await mark(page, "Express One Zone"), "✗ Wrong");
  assert.match(await choice(page, "Flexible Retrieval").innerText(), /Minutes to hours to restore/);
  assert.equal(await page.innerText("#cd-choice-result"), "Not quite: 1 of 2 correct choices picked, 1 wrong.");
  assert.equal(await page.locator("#cd-answer").getAttribute("open"), "");
  assert.deepEqual(await page.evaluate(() => window.suggestions), [1]);

  await page.reload();
  await choice(page, "Deep Archive").locator("label").click();
  await choice(page, "Flexible Retrieval").locator("label").click();
  await page.click("#cd-check");
  assert.equal(await mark(page, "Flexible Retrieval"), "✓ Correct, your choice");
  assert.equal(await page.innerText("#cd-choice-result"), "Right: every choice is correct.");
  assert.deepEqual(await page.evaluate(() => window.suggestions), [3]);
  assert.deepEqual(problems, []);
  await ctx.close();
});

test("without a grading API the suggestion is said beside the grading buttons", async () => {
  const ctx = await s.browser.newContext();
  const page = await ctx.newPage();
  await page.goto(s.url + "network/nat.html");
  await choice(page, "private subnet").locator("label").click();
  await page.click("#cd-check");
  assert.equal(await page.innerText("#cd-answer .grade-status"), "Suggested from your choice: Review again.");
  await ctx.close();
});

test("without JavaScript: the choices are listed and the answer marks the correct ones", async () => {
  const ctx = await s.browser.newContext({ javaScriptEnabled: false });
  const page = await ctx.newPage();
  await page.goto(s.url + "storage/classes.html");
  const texts = await page.locator("#cd-choices li.choice .choice-text").allInnerTexts();
  assert.deepEqual(texts, ["S3 Glacier Deep Archive", "S3 Standard", "S3 Glacier Flexible Retrieval", "S3 Express One Zone"], "written order");
  assert.equal(await page.locator("#cd-check").isVisible(), false, "Check needs JavaScript");
  assert.match(await page.locator("#cd-choices").innerText(), /Checking your choice needs JavaScript/);
  assert.equal(await page.locator(".choice-key").isVisible(), false, "behind the reveal");
  await page.click("#cd-answer > summary");
  const key = await page.locator(".choice-key > li").allInnerTexts();
  assert.deepEqual(key.map((t) => t.split("\n")[0]), [
    "✓ Correct: S3 Glacier Deep Archive", "✗ Wrong: S3 Standard", "✓ Correct: S3 Glacier Flexible Retrieval", "✗ Wrong: S3 Express One Zone"]);
  assert.match(key[1], /Priced for frequent reads/);
  assert.match(await page.innerText("#cd-answer-body"), /The Glacier classes\./);
  await ctx.close();
});

test("shuffled per attempt: every choice exactly once, the correct one still correct; shuffle = false keeps the order", async () => {
  const ctx = await s.browser.newContext();
  const { page, problems } = await openWithGrading(ctx, "storage/efs.html");
  const written = ["Amazon EBS Multi-Attach volumes", "Amazon EFS", "Instance store", "An S3 bucket mounted as a block device"];
  const orders = new Set();
  for (let i = 0; i < 12; i++) {
    if (i) await page.reload();
    const texts = await page.locator("#cd-choices li.choice .choice-text").allInnerTexts();
    assert.deepEqual([...texts].sort(), [...written].sort(), "each choice once");
    orders.add(texts.join("|"));
    if (i === 11) {
      await choice(page, "Amazon EFS").locator("label").click();
      await page.click("#cd-check");
      assert.equal(await mark(page, "Amazon EFS"), "✓ Correct, your choice");
      assert.deepEqual(await page.evaluate(() => window.suggestions), [3]);
    }
  }
  assert.ok(orders.size > 1, "twelve loads gave one order: not shuffled");
  for (let i = 0; i < 3; i++) {
    await page.goto(s.url + "network/peering.html");
    assert.deepEqual(await page.locator("#cd-choices li.choice .choice-text").allInnerTexts(),
      ["Yes, always", "Only within one Region", "No, never", "All of the above"]);
  }
  assert.deepEqual(problems, []);
  await ctx.close();
});
