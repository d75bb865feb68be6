// search.test.mjs: search finds a question by a word only in its answer, keyboard navigation, speed on 10,000 docs, theme toggle.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { setup, watch } from "./lib.mjs";

let s;
before(async () => { s = await setup(); });
after(async () => { await s?.close(); });

test("search finds a question by a word that appears only in its answer", async () => {
  const ctx = await s.browser.newContext();
  const page = await ctx.newPage();
  const problems = watch(page, s.url);
  // Pick a word from some answer that is in neither that question's title nor its prompt, and rare elsewhere.
  const lower = s.index.docs.map((d) => (d[1] + " " + d[4]).toLowerCase());
  let pick = null;
  for (const doc of s.index.docs.slice(0, 12)) {
    await page.goto(s.url + doc[0] + ".html");
    // The text as written (without the labels and buttons that scripts add), one space between blocks.
    const [answer, prompt] = await page.evaluate(() => [".answer-body", ".prompt"].map((sel) => {
      const el = document.querySelector(sel);
      if (!el) return "";
      const c = el.cloneNode(true);
      c.querySelectorAll(".lang, .copy, .answer-title, a.anchor").forEach((x) => x.remove());
      c.querySelectorAll("*").forEach((x) => x.append(" "));
      return c.textContent.toLowerCase();
    }));
    const title = doc[1].toLowerCase();
    for (const w of new Set(answer.match(/[a-z]{6,}/g) || [])) {
      if (title.includes(w) || prompt.includes(w)) continue;
      const n = lower.filter((t) => t.includes(w)).length;
      if (!pick || n < pick.n) pick = { w, n, doc };
    }
    if (pick && pick.n === 1) break;
  }
  assert.ok(pick, "found an answer-only word");
  await page.goto(s.url + "index.html");
  await page.keyboard.press("/");
  assert.equal(await page.evaluate(() => document.activeElement.id), "cd-search");
  await page.keyboard.type(pick.w);
  const results = page.locator("#cd-search-results a");
  await results.first().waitFor();
  const hrefs = await results.evaluateAll((as) => as.map((a) => a.getAttribute("href")));
  const want = pick.doc[0] + ".html";
  assert.ok(hrefs.includes(want), `"${pick.w}" finds ${want}: got ${hrefs.join(", ")}`);
  assert.ok(await page.locator("#cd-search-results mark").count() > 0, "the match is marked");
  assert.match(await page.locator("#cd-search-status").textContent(), /result/);
  // Arrow keys move through results, Enter opens one.
  await page.keyboard.press("ArrowDown");
  const i = hrefs.indexOf(want);
  for (let k = 0; k < i; k++) await page.keyboard.press("ArrowDown");
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute("href")), want);
  await page.keyboard.press("Enter");
  await page.waitForURL("**/" + want);
  // Escape closes the results.
  await page.fill("#cd-search", "the");
  await results.first().waitFor();
  await page.keyboard.press("Escape");
  assert.equal(await page.locator("#cd-search-results").isVisible(), false);
  assert.deepEqual(problems, []);
  await ctx.close();
});

test("title matches rank first", async () => {
  const page = await s.browser.newPage();
  await page.goto(s.url + "index.html");
  const doc = s.index.docs[s.index.docs.length - 1];
  const word = doc[1].split(/\W+/).filter((w) => w.length >= 5).sort((a, b) => b.length - a.length)[0];
  const top = await page.evaluate((w) => new Promise((res) => window.cramdown.loadIndex(() => {
    const r = window.cramdown.search(w, 50);
    res(r.hits.map((x) => x.title.toLowerCase().includes(w.toLowerCase())));
  })), word);
  const firstMiss = top.indexOf(false);
  assert.ok(firstMiss === -1 || !top.slice(firstMiss).includes(true), "no title match ranks below a text-only match");
  await page.close();
});

test("a query answers in under 50 ms on a 10,000-question index", async () => {
  const page = await s.browser.newPage();
  await page.addInitScript(() => {
    const words = "bucket policy role instance queue lambda subnet route table cache replica shard stream event topic key alias version encryption gateway endpoint".split(" ");
    let seed = 7;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const text = (n) => Array.from({ length: n }, () => words[Math.floor(rnd() * words.length)]).join(" ");
    const docs = [];
    for (let i = 0; i < 10000; i++) docs.push([`t${i % 40}/q${i}`, `Question ${i} about ${text(6)}`, ["s3"], "beginner", text(250)]);
    window.CRAMDOWN_SEARCH = { topics: { s3: "S3" }, docs };
  });
  await page.goto(s.url + "index.html");
  const times = await page.evaluate(() => new Promise((res) => window.cramdown.loadIndex(() => {
    const out = [];
    for (const q of ["bucket", "replica stream", "zzzz", "encryption gateway endpoint", "q9999", "e"]) {
      const t = performance.now();
      window.cramdown.search(q, 20);
      out.push(performance.now() - t);
    }
    res(out);
  })));
  assert.ok(Math.max(...times) < 50, `query times ${times.map((t) => t.toFixed(1)).join(", ")} ms`);
  await page.close();
});

test("dark mode toggle persists across pages and reloads", async () => {
  const ctx = await s.browser.newContext({ colorScheme: "light" });
  const page = await ctx.newPage();
  const problems = watch(page, s.url);
  await page.goto(s.url + "index.html");
  assert.equal(await page.getAttribute("html", "data-theme"), null, "follows the system until toggled");
  assert.equal(await page.getAttribute("#cd-theme", "aria-pressed"), "false");
  const bg = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const light = await bg();
  await page.click("#cd-theme");
  assert.equal(await page.getAttribute("html", "data-theme"), "dark");
  assert.equal(await page.getAttribute("#cd-theme", "aria-pressed"), "true");
  assert.notEqual(await bg(), light);
  await page.reload();
  assert.equal(await page.getAttribute("html", "data-theme"), "dark");
  await page.goto(s.url + s.index.docs[0][0] + ".html");
  assert.equal(await page.getAttribute("html", "data-theme"), "dark");
  await page.keyboard.press("t");
  assert.equal(await page.getAttribute("html", "data-theme"), "light");
  await page.reload();
  assert.equal(await page.getAttribute("html", "data-theme"), "light");
  assert.equal(await bg(), light);
  // The system dark preference applies by default.
  const dark = await s.browser.newContext({ colorScheme: "dark" });
  const p2 = await dark.newPage();
  await p2.goto(s.url + "index.html");
  assert.notEqual(await p2.evaluate(() => getComputedStyle(document.body).backgroundColor), light);
  assert.equal(await p2.getAttribute("#cd-theme", "aria-pressed"), "true");
  await dark.close();
  assert.deepEqual(problems, []);
  await ctx.close();
});

test("keyboard: ? opens the help, j/k move between questions", async () => {
  const page = await s.browser.newPage();
  await page.goto(s.url + s.index.docs[0][0] + ".html");
  await page.keyboard.press("?");
  assert.equal(await page.locator("#cd-help").isVisible(), true);
  await page.keyboard.press("Escape");
  assert.equal(await page.locator("#cd-help").isVisible(), false);
  await page.keyboard.press("j");
  await page.waitForURL("**/" + s.index.docs[1][0] + ".html");
  await page.keyboard.press("k");
  await page.waitForURL("**/" + s.index.docs[0][0] + ".html");
  await page.close();
});
