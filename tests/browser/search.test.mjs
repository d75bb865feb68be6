// search.test.mjs (bank, fixture, fixture under /repo/): search finds a question by a word only in its answer,
// keyboard navigation, theme toggle; on the bank, a first search loads only the parts of the split index it needs
// (over HTTP and from file://) and the catalog lists every question; on a synthetic 10,000-question index, the same
// results as a full scan. (How fast a query answers is measured in benches/search.mjs, not here.)
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { forEachSite, SITES, setup, watch, encodeIndex, indexScript, decodePosting, tokens, fileUrl, searchReady } from "./lib.mjs";

forEachSite([SITES.bank, SITES.fixture, SITES.subpath], (site) => {
  let s;
  before(() => { s = site(); });

  test("search finds a question by a word that appears only in its answer", async () => {
    const ctx = await s.browser.newContext();
    const page = await ctx.newPage();
    const problems = watch(page, s.url);
    // Pick an indexed word from some answer that is in neither that question's title, prompt nor summary,
    // and in as few other questions as possible.
    const { terms, postings } = s.index;
    const docsOf = (w) => {
      let lo = 0, hi = terms.length;
      while (lo < hi) { const m = (lo + hi) >> 1; if (terms[m] < w) lo = m + 1; else hi = m; }
      return terms[lo] === w ? decodePosting(postings[lo]) : null;
    };
    let pick = null;
    for (const doc of s.index.docs.slice(0, 12)) {
      await page.goto(s.url + doc[0] + ".html");
      // The text as written (without the labels and buttons that scripts add), one space between blocks.
      const [answer, prompt] = await page.evaluate(() => [".answer-body", ".prompt"].map((sel) => {
        const el = document.querySelector(sel);
        if (!el) return "";
        const c = el.cloneNode(true);
        c.querySelectorAll(".lang, .copy, .answer-title, a.anchor, pre").forEach((x) => x.remove());
        c.querySelectorAll("*").forEach((x) => x.append(" "));
        return c.textContent.toLowerCase();
      }));
      const seen = (doc[1] + " " + doc[4]).toLowerCase();
      for (const w of new Set(answer.match(/[a-z]{6,}/g) || [])) {
        if (seen.includes(w) || prompt.includes(w)) continue;
        const ds = docsOf(w);
        if (!ds || !ds.includes(s.index.docs.indexOf(doc))) continue;
        if (!pick || ds.length < pick.n) pick = { w, n: ds.length, doc };
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
    // Result links are percent-encoded (the fixture's pages have Unicode names).
    const hrefs = await results.evaluateAll((as) => as.map((a) => decodeURIComponent(a.getAttribute("href"))));
    const want = pick.doc[0] + ".html";
    assert.ok(hrefs.includes(want), `"${pick.w}" finds ${want}: got ${hrefs.join(", ")}`);
    assert.match(await page.locator("#cd-search-status").textContent(), /result/);
    // Arrow keys move through results, Enter opens one.
    await page.keyboard.press("ArrowDown");
    const i = hrefs.indexOf(want);
    for (let k = 0; k < i; k++) await page.keyboard.press("ArrowDown");
    assert.equal(await page.evaluate(() => decodeURIComponent(document.activeElement.getAttribute("href"))), want);
    await page.keyboard.press("Enter");
    await page.waitForURL((u) => s.rel(u.href) === want);
    // A title word is marked in the results; Escape closes them.
    const titleWord = pick.doc[1].split(/\W+/).filter((w) => w.length >= 4).sort((a, b) => b.length - a.length)[0];
    await page.fill("#cd-search", titleWord);
    await results.first().waitFor();
    assert.equal((await page.locator("#cd-search-results .r-title mark").first().innerText()).toLowerCase(), titleWord.toLowerCase());
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
    await searchReady(page);
    const top = await page.evaluate((w) => window.cramdownSearch.search(w, 50)
      .then((r) => r.hits.map((x) => x.title.toLowerCase().includes(w.toLowerCase()))), word);
    const firstMiss = top.indexOf(false);
    assert.ok(firstMiss === -1 || !top.slice(firstMiss).includes(true), "no title match ranks below a text-only match");
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
    await page.waitForURL((u) => s.rel(u.href) === s.index.docs[1][0] + ".html");
    await page.keyboard.press("k");
    await page.waitForURL((u) => s.rel(u.href) === s.index.docs[0][0] + ".html");
    await page.close();
  });
});

forEachSite([SITES.bank], (site) => {
  let s;
  before(() => { s = site(); });

  test("a first search loads the titles, only the term shards its words need and the details of the results shown", async () => {
    const { head, docs } = s.index;
    assert.ok(head.shards.length >= 2, "the bundled bank's vocabulary is split into shards");
    // The service worker would fetch every file of the site to cache it: what the page loads is
    // measured without it.
    const context = await s.browser.newContext({ serviceWorkers: "block" });
    const page = await context.newPage();
    const problems = watch(page, s.url);
    // A question page: it loads no part of the index until the reader searches.
    const opened = s.server.requests.length;
    await page.goto(s.url + docs[0][0] + ".html", { waitUntil: "networkidle" });
    assert.ok(!s.server.requests.slice(opened).includes("/search.js"), "a question page loads search.js only when the reader searches");
    const before = s.server.requests.length;
    // A word of the last doc's title, looked up exactly like search.js does: the shard whose first term is the last <= it.
    const word = docs[docs.length - 1][1].toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((w) => w.length >= 6).sort()[0];
    await page.fill("#cd-search", word);
    await page.locator("#cd-search-results a").first().waitFor();
    const loaded = s.server.requests.slice(before).filter((p) => p.includes("search-index"));
    const shardsLoaded = loaded.filter((p) => p.includes("/terms-"));
    assert.ok(loaded.includes("/search-index.js"), loaded.join(", "));
    assert.ok(shardsLoaded.length >= 1 && shardsLoaded.length < head.shards.length, `shards loaded: ${shardsLoaded.join(", ")}`);
    assert.ok(!loaded.some((p) => p.endsWith("/catalog.js")), "search does not need the catalog");
    const hrefs = (await page.locator("#cd-search-results a").evaluateAll((as) => as.map((a) => a.href))).map((h) => h.slice(s.url.length));
    const chunks = new Set(hrefs.map((h) => Math.floor(docs.findIndex((d) => d[0] + ".html" === h) / head.chunk)));
    assert.deepEqual(loaded.filter((p) => p.includes("/docs-")).sort(), [...chunks].map((c) => `/search-index/docs-${c}.js`).sort());
    assert.deepEqual(problems, []);
    await context.close();
  });

  test("search works from file:// and the catalog lists every question's id, title, topics and difficulty", async () => {
    const page = await s.browser.newPage();
    const problems = watch(page, "file://");
    await page.goto(fileUrl(s.dir, "topics/index.html"));
    const doc = s.index.docs[3];
    await page.fill("#cd-search", doc[1]);
    await page.locator("#cd-search-results a").first().waitFor();
    const first = await page.locator("#cd-search-results a").first().getAttribute("href");
    assert.equal(first, "../" + doc[0] + ".html");
    await searchReady(page);
    const catalog = await page.evaluate(() => new Promise((res, rej) => window.cramdownSearch.loadCatalog(res, rej, true)));
    const difficulties = ["", "beginner", "intermediate", "advanced"];
    assert.deepEqual(catalog.map((x) => [x.id, x.title, x.topics, x.diff]),
      s.index.docs.map((d) => [d[0], d[1], d[2].map((t) => s.index.topics[t][0]), difficulties[d[3]]]));
    assert.deepEqual(problems, []);
    await page.close();
  });
});

// A synthetic 10,000-question site in index format 3: 250 words per answer from a 60,000-word vocabulary, mostly
// Zipf-like (a few words in most questions, most words in a handful), like a real bank's ~3 MB index.
function bigSite() {
  let seed = 7; // mulberry32
  const rnd = () => {
    let t = (seed = (seed + 0x6d2b79f5) | 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const syl = "ka lo mi ne ru sa te vi po da fe gu ho ji ze ba co li mo nu".split(" ");
  const common = "bucket policy role instance queue lambda subnet route table cache replica shard stream event topic key alias version encryption gateway endpoint".split(" ");
  const vocab = [...common];
  while (vocab.length < 60000) vocab.push(Array.from({ length: 2 + Math.floor(rnd() * 3) }, () => syl[Math.floor(rnd() * syl.length)]).join("") + vocab.length.toString(36));
  const word = () => vocab[rnd() < 0.8 ? Math.floor(Math.pow(vocab.length, rnd())) - 1 : Math.floor(rnd() * vocab.length)];
  const text = (n) => Array.from({ length: n }, word).join(" ");
  const topics = Array.from({ length: 30 }, (_, i) => [`t${i}`, `Topic ${i}`]);
  const docs = [];
  for (let i = 0; i < 10000; i++) {
    const body = text(250);
    docs.push([`t${i % 30}/q${i}`, `Question ${i} about ${text(6)}`, [i % 30, (i * 7) % 30], i % 4, body.slice(0, 110), body]);
  }
  return { topics, docs, index: encodeIndex(topics, docs) };
}

// Correctness only: how fast a query answers is a benchmark (benches/), never asserted in a test.
test("on a 10,000-question index a query and each prefix typed return what a full scan finds", async () => {
  const s = await setup();
  const big = bigSite();
  const page = await s.browser.newPage();
  // Injected before the page's scripts: search.js then never loads the site's own index files.
  await page.addInitScript({ content: indexScript(big.index) });
  await page.goto(s.url + "index.html");
  const t = big.index.terms.filter((w) => /^[a-z]/.test(w)), [w1, w2, w3] = [t[100], t[Math.floor(t.length / 3)], t[t.length - 50]];
  const queries = ["bucket", "replica stream", "zzzz", "encryption gateway endpoint", "9999", "e", "co", "ka", "kal",
    `${w1} ${w2}`, `${w3}`, `bucket ${w3.slice(0, 3)}`, "the", "question 12"];
  await searchReady(page);
  const run = (qs) => page.evaluate((list) => Promise.all(list.map((q) => window.cramdownSearch.search(q, 20)
    .then((r) => ({ q, total: r.total, first: r.hits[0] && r.hits[0].id })))), qs);
  const got = await run(queries);
  // Typing letter by letter: each prefix decodes more postings, then hits the cache; the cache must not change results.
  const typed = await run([..."bucket kalo"].map((_, i) => "bucket kalo".slice(0, i + 1)));
  // The same AND over title substrings and (last word: prefixes of) indexed words, computed here the slow way.
  const words = big.docs.map((d) => new Set(tokens([d[1], ...d[2].map((t) => big.topics[t][1]), d[5]].join(" "))));
  const titles = big.docs.map((d) => d[1].toLowerCase());
  for (const { q, total } of [...got, ...typed]) {
    const ws = tokens(q).filter((w) => w !== "the");
    const want = ws.length ? big.docs.filter((d, i) => ws.every((w, k) => titles[i].includes(w) ||
      (k === ws.length - 1 ? [...words[i]].some((x) => x.startsWith(w)) : words[i].has(w)))).length
      : titles.filter((t) => t.includes(q.toLowerCase())).length;
    assert.equal(total, want, `"${q}": ${total} results, a full scan finds ${want}`);
  }
  assert.equal(got.find((r) => r.q === "9999").total, 1);
  assert.equal(got.find((r) => r.q === "question 12").first, "t12/q12", "the title match ranks first");
  await page.close();
  await s.close();
});
