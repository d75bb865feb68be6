// stats-interview.test.mjs: the statistics page draws what the progress store holds (reviews per day, cards by
// state, true retention, the due forecast) as SVG charts with text equivalents, from HTTP and file://, passing axe
// in both themes and the Nu checker once drawn; a mock interview from a stored progress runs weakest first, with
// its countdown and key points, through to its summary.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, writeFileSync, mkdtempSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { tmpdir } from "node:os";
import path from "node:path";
import { createRequire } from "node:module";
import { setup, watch, fileUrl } from "./lib.mjs";

const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const DAY = 86400000, MINUTE = 60000;
const T0 = Date.parse("2026-03-02T09:00:00Z");
let s, key;
before(async () => { s = await setup(); });
after(async () => { await s?.close(); });

// Progress with a known history: three cards in review, one relearning; five reviews over three days.
function history(ids) {
  const iso = (t) => new Date(t).toISOString();
  const card = (due, state, last, stability = 5) => ({ due: iso(due), stability, difficulty: 5, elapsed_days: 0, scheduled_days: 5,
    learning_steps: 0, reps: 2, lapses: 0, state, last_review: iso(last) });
  return {
    format: "cramdown-progress", version: 2, last_export: null, attempts: {},
    cards: { [ids[0]]: card(T0 + 2 * DAY, 2, T0 - DAY), [ids[1]]: card(T0 + 2 * DAY, 2, T0 - DAY, 6),
      [ids[2]]: card(T0 - DAY, 2, T0 - 5 * DAY), [ids[3]]: card(T0 + 10 * MINUTE, 3, T0) },
    log: [
      { card: ids[0], review: iso(T0 - 3 * DAY), rating: 3, state: 0 },
      { card: ids[0], review: iso(T0 - DAY), rating: 3, state: 2 },
      { card: ids[1], review: iso(T0 - DAY), rating: 4, state: 2 },
      { card: ids[2], review: iso(T0 - 5 * DAY), rating: 3, state: 1 },
      { card: ids[3], review: iso(T0), rating: 1, state: 2 },
    ],
  };
}
async function withProgress(page, url, data) {
  await page.clock.setFixedTime(T0);
  await page.goto(url + "404.html");
  key = `cramdown:${await page.getAttribute("html", "data-site")}:progress`;
  await page.evaluate(([k, v]) => localStorage.setItem(k, JSON.stringify(v)), [key, data]);
}
const tableOf = (page, box) => page.$$eval(`#${box} table tbody tr`, (rows) => rows.map((r) => [r.cells[0].textContent, Number(r.cells[1].textContent)]));

test("statistics: charts with titles, descriptions and tables of the stored reviews, from HTTP", async () => {
  const ctx = await s.browser.newContext();
  const page = await ctx.newPage();
  const problems = watch(page, s.url);
  const ids = s.index.docs.slice(0, 4).map((x) => x[0]);
  await withProgress(page, s.url, history(ids));
  await page.goto(s.url + "stats.html");
  await page.waitForFunction(() => /studied/.test(document.getElementById("cd-stats-summary").textContent));
  assert.equal(await page.innerText("#cd-stats-summary"), `4 questions of ${s.index.docs.length} studied, 5 reviews in all.`);
  assert.equal(await page.locator("svg[role=img]").count(), 3);
  for (const svg of await page.locator("svg[role=img]").all()) {
    const [t, dsc] = (await svg.getAttribute("aria-labelledby")).split(" ");
    assert.ok((await page.locator(`#${t}`).textContent()).length > 5 && (await page.locator(`#${dsc}`).textContent()).length > 5);
  }
  const reviews = await tableOf(page, "cd-chart-reviews");
  assert.equal(reviews.length, 90);
  assert.deepEqual(reviews.slice(-6).map((r) => r[1]), [1, 0, 1, 0, 2, 1], "5 days ago, 3 days ago, yesterday (2), today");
  assert.match(await page.locator("#cd-chart-reviews desc").textContent(), /^5 reviews on 4 days of the last 90; the most in one day: 2\.$/);
  assert.deepEqual(await tableOf(page, "cd-chart-states"), [["New", s.index.docs.length - 4], ["Learning", 0], ["Review", 3], ["Relearning", 1]]);
  assert.equal(await page.innerText("#cd-retention"), "67 %: 2 of 3 reviews of cards in review were not graded Again (the scheduler aims at 90 %).");
  const forecast = await tableOf(page, "cd-chart-forecast");
  assert.deepEqual(forecast.slice(0, 3).map((r) => r[1]), [2, 0, 2], "today: the overdue card and the relearning one");
  assert.equal(forecast[0][0], "Today");
  assert.deepEqual(problems, []);
  await ctx.close();
});

test("statistics pass axe in both themes and the Nu checker once drawn, and work from file://", async () => {
  const ids = s.index.docs.slice(0, 4).map((x) => x[0]);
  for (const scheme of ["light", "dark"]) {
    const ctx = await s.browser.newContext({ colorScheme: scheme });
    const page = await ctx.newPage();
    await withProgress(page, s.url, history(ids));
    await page.goto(s.url + "stats.html");
    await page.waitForFunction(() => document.querySelectorAll("svg[role=img]").length === 3);
    await page.click("#cd-chart-reviews summary");
    await page.evaluate(AXE);
    const violations = await page.evaluate(async () => (await window.axe.run(document, { resultTypes: ["violations"] })).violations.map((v) => v.id + ": " + v.nodes.map((n) => n.target.join(" ")).join(", ")));
    assert.deepEqual(violations, [], scheme);
    if (scheme === "light") {
      const dir = mkdtempSync(path.join(tmpdir(), "cramdown-stats-"));
      writeFileSync(path.join(dir, "stats.html"), "<!DOCTYPE html>\n" + await page.evaluate(() => document.documentElement.outerHTML));
      const jar = path.join(path.dirname(require.resolve("vnu-jar/package.json")), "build/dist/vnu.jar");
      const r = spawnSync("java", ["-jar", jar, "--errors-only", path.join(dir, "stats.html")], { encoding: "utf8" });
      assert.equal(r.status, 0, r.stderr + r.stdout);
    }
    await ctx.close();
  }
  const ctx = await s.browser.newContext();
  const page = await ctx.newPage();
  const problems = watch(page, "file://");
  await page.clock.setFixedTime(T0);
  await page.goto(fileUrl(s.dir, "stats.html"));
  await page.waitForFunction(() => document.querySelectorAll("svg[role=img]").length === 3);
  assert.match(await page.innerText("#cd-stats-summary"), new RegExp(`^0 questions of ${s.index.docs.length} studied`));
  assert.deepEqual(problems, []);
  await ctx.close();
});

test("a mock interview puts the weakest first, counts down, and ends with a summary kept as an attempt", async () => {
  const ctx = await s.browser.newContext();
  const page = await ctx.newPage();
  const problems = watch(page, s.url);
  // Interviews ask open questions only: the multiple-choice ones belong to the exam.
  const choiceIds = new Set(s.index.docs.map((x) => x[0]).filter((id) => readFileSync(path.join(s.dir, id + ".html"), "utf8").includes('id="cd-choices"')));
  assert.ok(choiceIds.size > 0, "the bank has multiple-choice questions");
  const ids = s.index.docs.map((x) => x[0]).filter((id) => !choiceIds.has(id)).slice(0, 4);
  await withProgress(page, s.url, history(ids));
  await page.goto(s.url + "interview.html");
  // Predicted recall now differs for each of the four; never-seen questions come after them.
  const recall = await page.evaluate((list) => new Promise((done) => window.cramdownProgress.withScheduler(() =>
    done(list.map((id) => window.cramdownProgress.retrievability(id))))), ids);
  const weakest = ids.map((id, i) => [id, recall[i]]).sort((a, b) => a[1] - b[1]).map((x) => x[0]);
  await page.evaluate(AXE);
  assert.deepEqual(await page.evaluate(async () => (await window.axe.run(document, { resultTypes: ["violations"] })).violations.map((v) => v.id)), [], "axe on the setup");
  await page.fill("#cd-interview-count", "5");
  await Promise.all([page.waitForURL(/\?interview&/), page.click("#cd-interview-start")]);
  const url = new URL(page.url());
  assert.deepEqual([url.searchParams.get("topics"), url.searchParams.get("count"), url.searchParams.get("n")], ["", "5", "0"]);
  const order = [];
  for (let n = 0; n < 5; n++) {
    await page.locator("#cd-countdown").waitFor();
    order.push(new URL(page.url()).pathname.slice(1).replace(/\.html$/, ""));
    assert.match(await page.innerText(".interview-bar .study-progress"), new RegExp(`^Question ${n + 1} of 5`));
    assert.equal(await page.locator("#cd-answer-body").isVisible(), false, "the answer waits for the countdown");
    if (n === 0) {
      assert.equal(await page.innerText("#cd-countdown"), "3:00 left");
      await page.evaluate(AXE);
      assert.deepEqual(await page.evaluate(async () => (await window.axe.run(document, { resultTypes: ["violations"] })).violations.map((v) => v.id)), [], "axe during the countdown");
      await page.clock.setFixedTime(T0 + 181 * 1000);
      await page.locator("#cd-answer-body").waitFor({ state: "visible" });
      assert.equal(await page.innerText("#cd-countdown"), "Time is up.");
    } else {
      await page.click(".interview-bar button");
    }
    await Promise.all([page.waitForEvent("load"), page.click(`.grade [data-rating="${n === 1 ? 1 : 3}"]`)]);
  }
  assert.deepEqual(order.slice(0, 4), weakest, "the weakest first, by predicted recall");
  assert.ok(!ids.includes(order[4]), "then a question never seen");
  assert.deepEqual(order.filter((id) => choiceIds.has(id)), [], "no multiple-choice question");
  await page.locator("#cd-interview-summary").waitFor({ state: "visible" });
  assert.equal(await page.innerText("#cd-interview-summary-text"), "5 of 5 questions answered; 1 to review (graded Again or Hard, or skipped).");
  assert.equal(await page.locator("#cd-interview-results tr").count(), 5);
  assert.equal(await page.locator("#cd-interview-review li").count(), 1);
  const attempts = await page.evaluate(() => window.cramdownProgress.attempts("interview"));
  assert.equal(attempts.length, 1);
  assert.deepEqual(attempts[0].questions.map((q) => q.id), order);
  await page.evaluate(AXE);
  assert.deepEqual(await page.evaluate(async () => (await window.axe.run(document, { resultTypes: ["violations"] })).violations.map((v) => v.id)), []);
  assert.deepEqual(problems, []);
  await ctx.close();
});

test("a mock interview runs from file:// and its question opened in a new tab keeps the session", async () => {
  const ctx = await s.browser.newContext();
  const page = await ctx.newPage();
  const problems = watch(page, "file://");
  await page.clock.setFixedTime(T0);
  const topic = s.index.topics[s.index.docs[0][2][0]][0];
  await page.goto(fileUrl(s.dir, "interview.html") + `?topics=${topic}&count=2&seed=7`);
  await page.locator("#cd-countdown").waitFor();
  const first = page.url();
  assert.ok(first.startsWith("file:") && /\?interview&topics=/.test(first), first);
  assert.match(await page.innerText(".interview-bar .study-progress"), /^Question 1 of 2/);
  // The same question URL in another tab: the same session, same place.
  const other = await ctx.newPage();
  await other.clock.setFixedTime(T0);
  await other.goto(first);
  await other.locator("#cd-countdown").waitFor();
  assert.match(await other.innerText(".interview-bar .study-progress"), /^Question 1 of 2/);
  await other.close();
  await page.click(".interview-bar button");
  await Promise.all([page.waitForEvent("load"), page.keyboard.press("3")]);
  assert.match(await page.innerText(".interview-bar .study-progress"), /^Question 2 of 2/);
  await page.click(".interview-bar button");
  await Promise.all([page.waitForURL(/interview\.html\?.*#summary$/), page.keyboard.press("3")]);
  await page.locator("#cd-interview-summary").waitFor({ state: "visible" });
  assert.equal(await page.innerText("#cd-interview-summary-text"), "2 of 2 questions answered; none to review.");
  assert.deepEqual(problems, []);
  await ctx.close();
});

test("mock exams: an old-format attempt and one taken now are listed with their scores over time, and export/import round-trips them", async () => {
  const ctx = await s.browser.newContext({ acceptDownloads: true });
  const page = await ctx.newPage();
  const problems = watch(page, s.url);
  await withProgress(page, s.url, { format: "cramdown-progress", version: 2, last_export: null, attempts: {}, cards: {}, log: [] });
  // An attempt kept by the first version of exam.js under its own key, without an id: it moves into the store.
  const site = await page.getAttribute("html", "data-site");
  const old = { v: 1, started: T0 - 2 * DAY, finished: T0 - 2 * DAY + 10 * MINUTE, used: 10 * MINUTE, limit: 30 * MINUTE,
    total: 10, right: 8, score: 80, passMark: 70, passed: true, topics: {}, questions: [] };
  await page.evaluate(([k, v]) => localStorage.setItem(k, JSON.stringify({ exam: [v] })), [`cramdown:${site}:attempts`, old]);
  // One exam taken now: one question, submitted unanswered.
  await page.goto(s.url + "exam.html");
  await page.fill("#cd-exam-count", "1");
  await page.click("#cd-exam-start");
  await page.click("#cd-exam-submit");
  await page.click("#cd-exam-confirm-yes");
  await page.locator("#cd-exam-result").waitFor({ state: "visible" });
  assert.equal(await page.evaluate((k) => localStorage.getItem(k), `cramdown:${site}:attempts`), null, "the old key is folded into the store");
  const stored = await page.evaluate((k) => JSON.parse(localStorage.getItem(k)).attempts.exam, key);
  assert.deepEqual(stored.map((a) => [a.score, a.right, a.total]), [[80, 8, 10], [0, 0, 1]]);
  assert.equal(new Set(stored.map((a) => a.id)).size, 2, "each attempt has its own id");

  const listed = async (p) => {
    await p.goto(s.url + "stats.html");
    await p.waitForFunction(() => /studied/.test(document.getElementById("cd-stats-summary").textContent));
    return {
      items: await p.locator("#cd-exams li").allInnerTexts(),
      chart: await p.$$eval("#cd-chart-exams table tbody tr", (rows) => rows.map((r) => Number(r.cells[1].textContent))),
    };
  };
  const before = await listed(page);
  assert.equal(before.items.length, 2);
  assert.match(before.items[0], /: 80%, passed \(8 of 10 right, pass mark 70%\)$/);
  // The bundled bank has a blueprint: an attempt taken now adds its estimated scaled score and its domain's verdict.
  assert.match(before.items[1], /: 0%, not passed \(0 of 1 right, pass mark \d+%\), estimated scaled score 100\. [A-Z][a-z -]+: Needs work \(0 of 1\)$/);
  assert.deepEqual(before.chart, [80, 0], "scores oldest first");

  // Export, then import into a fresh profile twice: the same two attempts, merged by id.
  await page.goto(s.url + "index.html");
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("#cd-export")]);
  const file = await download.path();
  assert.equal(JSON.parse(readFileSync(file, "utf8")).attempts.exam.length, 2);
  const fresh = await s.browser.newContext();
  const other = await fresh.newPage();
  const otherProblems = watch(other, s.url);
  other.on("dialog", (dlg) => dlg.accept());
  await other.clock.setFixedTime(T0);
  for (let i = 0; i < 2; i++) {
    await other.goto(s.url + "index.html");
    await other.setInputFiles("#cd-import-file", file);
    await other.waitForFunction(() => /Imported|Could not/.test(document.getElementById("cd-tools-status").textContent));
    assert.match(await other.innerText("#cd-tools-status"), /^Imported/);
  }
  assert.deepEqual(await listed(other), before);
  assert.deepEqual(problems, []);
  assert.deepEqual(otherProblems, []);
  await fresh.close();
  await ctx.close();
});
