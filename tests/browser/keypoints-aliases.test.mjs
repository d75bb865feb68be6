// keypoints-aliases.test.mjs: on a copy of the bundled site where one question has key points and another was
// renamed with `aliases`: the key points checklist suggests a grade the learner can change, and reads as a plain
// list without JavaScript; a renamed question keeps the progress stored under its old id, and its old URL
// redirects over HTTP and from file://.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, writeFileSync, rmSync, renameSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { launch, serve, watch, repoRoot, fileUrl } from "./lib.mjs";

const T0 = Date.parse("2026-03-02T09:00:00Z");
const OLD = "s3/strong-consistency", NEW = "s3/consistency-model";
const KEYED = "s3/storage-classes-and-lifecycle";
let dir, server, browser;

// A copy of the bundled site: key points added to one question, another renamed with an alias.
function buildFixture() {
  const root = mkdtempSync(path.join(tmpdir(), "cramdown-keypoints-"));
  process.on("exit", () => rmSync(root, { recursive: true, force: true }));
  cpSync(path.join(repoRoot, "site.toml"), path.join(root, "site.toml"));
  for (const folder of ["content", "templates", "static"]) cpSync(path.join(repoRoot, folder), path.join(root, folder), { recursive: true });
  const keyed = path.join(root, "content", KEYED + ".md");
  // The bank's own key points for this question, if any, give way to three known ones.
  writeFileSync(keyed, readFileSync(keyed, "utf8").replace(/\n## Key points\n[\s\S]*?(?=\n## )/, "").replace("\n## Further reading",
    "\n## Key points\n\n- Storage classes trade retrieval cost and time for price\n- Lifecycle rules transition and expire objects\n" +
    "- Minimum storage durations and sizes apply\n\n## Further reading"));
  const old = path.join(root, "content", OLD + ".md"), moved = path.join(root, "content", NEW + ".md");
  renameSync(old, moved);
  writeFileSync(moved, readFileSync(moved, "utf8").replace(/^\+\+\+\n/, `+++\naliases = ["${OLD}.md"]\n`));
  const bin = path.resolve(repoRoot, process.env.CRAMDOWN_BIN || "target/release/cramdown");
  const out = path.join(root, "public");
  const r = spawnSync(bin, ["build", "--root", root, "--output", out], { encoding: "utf8" });
  assert.equal(r.status, 0, r.stderr);
  return out;
}

before(async () => {
  dir = buildFixture();
  server = await serve(dir);
  browser = await launch();
});
after(async () => { await browser?.close(); await server?.close(); });

async function open(options = {}) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  if (options.javaScriptEnabled !== false) await page.clock.setFixedTime(T0);
  return { context, page };
}

test("key points turn into a checklist after the reveal; ticks suggest a grade the learner can still change", async () => {
  const { context, page } = await open();
  const problems = watch(page, server.url);
  await page.goto(server.url + KEYED + ".html");
  await page.click("#cd-answer > summary");
  const boxes = page.locator(".key-points.checklist input[type=checkbox]");
  assert.equal(await boxes.count(), 3);
  assert.equal(await page.locator("label[for=cd-key-point-2]").innerText(), "Lifecycle rules transition and expire objects");
  const suggested = () => page.locator(".grade .suggested").innerText();
  await page.check("#cd-key-point-1");
  assert.match(await suggested(), /^Again/, "1 of 3: fewer than half");
  assert.equal(await page.innerText("#cd-grade-suggestion"), "Suggested grade: Again (1 of 3 key points). Press it to confirm, or choose another.");
  // The keyboard alone: Tab to the next point, Space ticks it.
  await page.focus("#cd-key-point-1");
  await page.keyboard.press("Tab");
  await page.keyboard.press("Space");
  assert.match(await suggested(), /^Hard/, "2 of 3: at least half");
  await page.check("#cd-key-point-3");
  assert.match(await suggested(), /^Good/, "all of them");
  assert.equal(await page.getAttribute(".grade .suggested", "aria-describedby"), "cd-grade-suggestion");
  // Nothing is saved until the learner grades, and they may choose another grade than the one suggested.
  assert.equal(await page.evaluate((id) => window.cramdownProgress.card(id), KEYED), null);
  await page.click('.grade [data-rating="4"]');
  const card = await page.evaluate((id) => window.cramdownProgress.card(id), KEYED);
  assert.equal(Date.parse(card.due), T0 + 8 * 86400000, "graded Easy, as chosen");
  // Other question kinds suggest through the same global.
  await page.evaluate(() => window.cramdownGrading.suggest(1));
  assert.match(await suggested(), /^Again/);
  assert.deepEqual(problems, []);
  await context.close();
});

test("without JavaScript the key points are a plain list inside the revealed answer", async () => {
  const { context, page } = await open({ javaScriptEnabled: false });
  await page.goto(server.url + KEYED + ".html");
  assert.equal(await page.locator(".key-points li").first().isVisible(), false, "hidden until the reveal");
  await page.click("#cd-answer > summary");
  assert.deepEqual(await page.locator(".key-points li").allInnerTexts(), [
    "Storage classes trade retrieval cost and time for price", "Lifecycle rules transition and expire objects",
    "Minimum storage durations and sizes apply"]);
  assert.equal(await page.locator(".key-points input").count(), 0);
  await context.close();
});

test("a renamed question keeps the progress stored under its old id, and its old URL redirects (HTTP and file://)", async () => {
  const { context, page } = await open();
  const problems = watch(page, server.url);
  await page.goto(server.url + "404.html");
  const key = `cramdown:${await page.getAttribute("html", "data-site")}:progress`;
  const card = { due: "2026-03-09T09:00:00.000Z", stability: 7, difficulty: 3, elapsed_days: 0, scheduled_days: 7,
    learning_steps: 0, reps: 3, lapses: 0, state: 2, last_review: "2026-03-02T08:00:00.000Z" };
  await page.evaluate(([k, c, old]) => localStorage.setItem(k, JSON.stringify({ format: "cramdown-progress", version: 2,
    cards: { [old]: c }, log: [{ card: old, review: c.last_review, rating: 3, state: 1 }], attempts: {}, last_export: null })), [key, card, OLD]);
  // Over HTTP: the old URL lands on the new page, whose badge shows the moved progress.
  await page.goto(server.url + OLD + ".html");
  await page.waitForURL("**/" + NEW + ".html");
  assert.equal(await page.getAttribute(`[data-progress-for="${NEW}"]`, "data-state"), "known");
  const stored = await page.evaluate((k) => JSON.parse(localStorage.getItem(k)), key);
  assert.deepEqual(Object.keys(stored.cards), [NEW]);
  assert.deepEqual(stored.cards[NEW], card);
  assert.equal(stored.log[0].card, NEW);
  // Known and not yet explained (see the closing note of 2026-11-29): in about one run of three
  // Chromium logs a 404 for the old URL itself, although the test server answers it with the
  // redirect page (its request log and the file on disk say so) and the redirect happens.
  const stray = `console: Failed to load resource: the server responded with a status of 404 (Not Found) (${server.url}${OLD}.html)`;
  assert.deepEqual(problems.filter((p) => p !== stray), []);
  // From file://, the same redirect page.
  await page.goto(fileUrl(dir, OLD + ".html"));
  await page.waitForURL((u) => u.href === fileUrl(dir, NEW + ".html"));
  assert.match(await page.locator("h1").innerText(), /consistency/i);
  await context.close();
});
