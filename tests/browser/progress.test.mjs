// progress.test.mjs (bank and fixture): grading persists across reloads, shows on the home page's topic counts and
// on topic pages, export/reset/import round trip.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { forEachSite, SITES, watch, firstTopic } from "./lib.mjs";

forEachSite([SITES.bank, SITES.fixture], (site) => {
  let s, ctx, page, problems, q, key;
  before(async () => {
    s = site();
    q = s.index.docs[0];
    ctx = await s.browser.newContext({ acceptDownloads: true });
    page = await ctx.newPage();
    problems = watch(page, s.url);
    page.on("dialog", (d) => d.accept());
    await page.goto(s.url + "index.html");
    key = `cramdown:${await page.getAttribute("html", "data-site")}:progress`;
  });
  after(async () => { await ctx?.close(); });

  const badge = (id) => page.locator(`[data-progress-for="${id}"]`).first();
  const topicCount = (slug) => page.locator(`[data-topic-known="${slug}"]`).first();

  // The home page lists no question: its topic counts come from the search index's catalog, filled after load.
  const countSays = (slug, pattern) => page.waitForFunction(([slug, source]) =>
    new RegExp(source).test(document.querySelector(`[data-topic-known="${slug}"]`).textContent), [slug, pattern.source]);

  test("badges reserve their space and say 'New' before any grading", async () => {
    const slug = firstTopic(s.index, q);
    const total = await topicCount(slug).getAttribute("data-total");
    await countSays(slug, new RegExp(`^0 of ${total} known$`));
    await page.goto(s.url + "topics/" + slug + ".html");
    assert.equal(await badge(q[0]).getAttribute("data-state"), "new");
    assert.match(await badge(q[0]).innerText(), /New/);
    assert.equal(await topicCount(slug).innerText(), `0 of ${total} known`);
  });

  test("'Knew it' persists across a reload and shows on the index, topic and topics pages", async () => {
    await page.goto(s.url + q[0] + ".html");
    await page.click("#cd-answer > summary");
    await page.click('.grade [data-grade="knew"]');
    assert.match(await page.locator(".grade-status").innerText(), /Saved as known/);
    await page.reload();
    assert.equal(await badge(q[0]).getAttribute("data-state"), "known");
    const rec = JSON.parse(await page.evaluate((k) => localStorage.getItem(k), key))[q[0]];
    assert.equal(rec.box, 1);
    assert.equal(rec.last, "knew");
    await page.goto(s.url + "index.html");
    const total = await topicCount(firstTopic(s.index, q)).getAttribute("data-total");
    await countSays(firstTopic(s.index, q), new RegExp(`^1 of ${total} known$`));
    await page.goto(s.url + "topics/" + firstTopic(s.index, q) + ".html");
    assert.equal(await badge(q[0]).getAttribute("data-state"), "known");
    assert.match(await badge(q[0]).innerText(), /Known/);
    assert.match(await topicCount(firstTopic(s.index, q)).innerText(), /^1 of \d+ known$/);
    await page.goto(s.url + "topics/index.html");
    await page.waitForFunction((slug) => /^1 of/.test(document.querySelector(`[data-topic-known="${slug}"]`).textContent), firstTopic(s.index, q));
  });

  test("'Review again' sends the card to box 1, due now, shown as Review", async () => {
    const other = s.index.docs[1];
    await page.goto(s.url + other[0] + ".html");
    await page.click("#cd-answer > summary");
    await page.keyboard.press("2");
    await page.reload();
    assert.equal(await badge(other[0]).getAttribute("data-state"), "review");
    const rec = JSON.parse(await page.evaluate((k) => localStorage.getItem(k), key))[other[0]];
    assert.equal(rec.box, 1);
    assert.ok(rec.due <= Date.now());
  });

  test("export, reset, import restores progress", async () => {
    await page.goto(s.url + "index.html");
    const before = await page.evaluate((k) => localStorage.getItem(k), key);
    const [download] = await Promise.all([page.waitForEvent("download"), page.click("#cd-export")]);
    const file = await download.path();
    const data = JSON.parse(readFileSync(file, "utf8"));
    assert.deepEqual(data.progress, JSON.parse(before));
    await page.click("#cd-reset");
    assert.equal(await page.evaluate((k) => localStorage.getItem(k), key), null);
    await countSays(firstTopic(s.index, q), /^0 of/);
    await page.setInputFiles("#cd-import-file", file);
    await page.waitForFunction(() => /Imported/.test(document.getElementById("cd-tools-status").textContent));
    assert.deepEqual(JSON.parse(await page.evaluate((k) => localStorage.getItem(k), key)), JSON.parse(before));
    await countSays(firstTopic(s.index, q), /^1 of/);
    await page.reload();
    await countSays(firstTopic(s.index, q), /^1 of/);
    assert.deepEqual(problems, []);
  });
});
