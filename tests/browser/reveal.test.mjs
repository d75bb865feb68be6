// reveal.test.mjs (bank, fixture, fixture under /repo/): the answer reveal with and without JavaScript, printing, and reveal, search and a study session from file://.
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { forEachSite, SITES, watch, fileUrl, smallTopic, firstTopic, decodedPath } from "./lib.mjs";

forEachSite([SITES.bank, SITES.fixture, SITES.subpath], (site) => {
  let s, q;
  before(() => {
    s = site();
    q = s.index.docs[0];
  });
  test("reveal works with JavaScript: focus moves to the answer, grading buttons appear", async () => {
    const ctx = await s.browser.newContext();
    const page = await ctx.newPage();
    const problems = watch(page, s.url);
    await page.goto(s.url + q[0] + ".html");
    const body = page.locator("#cd-answer-body");
    assert.equal(await body.isVisible(), false, "answer hidden before reveal");
    assert.equal(await page.locator(".grade").isVisible(), false);
    await page.locator("#cd-answer > summary").focus();
    await page.keyboard.press("Enter");
    await body.waitFor({ state: "visible" });
    assert.equal(await page.evaluate(() => document.activeElement.id), "cd-answer-body", "focus moves to the answer");
    await page.locator('.grade [data-rating="1"]:enabled').waitFor(); // the scheduler loads on the reveal
    const labels = await page.locator(".grade [data-rating]").allInnerTexts();
    assert.deepEqual(labels.map((t) => t.replace(/\s+/g, " ")), ["Again · in 1 min", "Hard · in 6 min", "Good · in 10 min", "Easy · in 8 days"]);
    assert.deepEqual(problems, []);
    await ctx.close();
  });

  test("reveal works without JavaScript, and the page says what needs it", async () => {
    const ctx = await s.browser.newContext({ javaScriptEnabled: false });
    const page = await ctx.newPage();
    await page.goto(s.url + q[0] + ".html");
    assert.equal(await page.locator("#cd-answer-body").isVisible(), false);
    await page.click("#cd-answer > summary");
    assert.equal(await page.locator("#cd-answer-body").isVisible(), true);
    assert.equal(await page.locator(".grade").isVisible(), false, "grading needs JavaScript: hidden");
    assert.equal(await page.locator("#cd-theme").isVisible(), false);
    assert.equal(await page.locator(".search .nojs-note").isVisible(), true);
    await page.goto(s.url + "study.html");
    assert.match(await page.locator("main").innerText(), /Study sessions need JavaScript/);
    await ctx.close();
  });

  test("printing expands every answer and hides the controls", async () => {
    const ctx = await s.browser.newContext();
    const page = await ctx.newPage();
    await page.goto(s.url + q[0] + ".html");
    await page.evaluate(() => window.dispatchEvent(new Event("beforeprint")));
    assert.equal(await page.locator("#cd-answer").getAttribute("open"), "");
    await page.emulateMedia({ media: "print" });
    assert.equal(await page.locator("#cd-answer-body").isVisible(), true);
    assert.equal(await page.locator(".site-header").isVisible(), false);
    assert.equal(await page.locator(".grade").isVisible(), false);
    await page.evaluate(() => window.dispatchEvent(new Event("afterprint")));
    await page.emulateMedia({ media: "screen" });
    assert.equal(await page.locator("#cd-answer").getAttribute("open"), null, "closed again after printing");
    // Pure CSS print (no beforeprint: e.g. JavaScript off) shows the answer too.
    const noJs = await s.browser.newContext({ javaScriptEnabled: false });
    const p2 = await noJs.newPage();
    await p2.goto(s.url + q[0] + ".html");
    await p2.emulateMedia({ media: "print" });
    assert.equal(await p2.locator("#cd-answer-body").isVisible(), true, "answer visible in print without JavaScript");
    await noJs.close();
    await ctx.close();
  });

  test("from file://: reveal, badges and search work", async () => {
    const ctx = await s.browser.newContext();
    const page = await ctx.newPage();
    const problems = watch(page, "file://");
    await page.goto(fileUrl(s.dir, q[0] + ".html"));
    await page.click("#cd-answer > summary");
    await page.locator("#cd-answer-body").waitFor({ state: "visible" });
    await page.click('.grade [data-rating="4"]');
    // The home page lists no question: the badge shows on the question's topic page.
    await page.goto(fileUrl(s.dir, "topics/" + firstTopic(s.index, q) + ".html"));
    assert.equal(await page.locator(`.qlist [data-progress-for="${q[0]}"]`).getAttribute("data-state"), "known");
    await page.fill("#cd-search", q[1].split(/\s+/).slice(0, 3).join(" "));
    const first = page.locator("#cd-search-results a").first();
    await first.waitFor();
    assert.ok(decodeURIComponent(await first.getAttribute("href")).endsWith(q[0] + ".html"));
    await page.locator("#cd-search").press("Enter");
    await page.waitForURL((u) => decodedPath(u).endsWith("/" + q[0] + ".html"));
    assert.deepEqual(problems, []);
    await ctx.close();
  });

  test("from file://: a study session runs through its question pages to the summary", async () => {
    const ctx = await s.browser.newContext();
    const page = await ctx.newPage();
    const problems = watch(page, "file://");
    const topic = smallTopic(s.index, 2);
    await page.goto(fileUrl(s.dir, "study.html") + "?topic=" + topic.slug);
    await page.waitForFunction(() => /match/.test(document.getElementById("cd-study-count").textContent));
    assert.match(await page.innerText("#cd-study-count"), new RegExp(`^${topic.ids.length} cards match`));
    await Promise.all([page.waitForEvent("load"), page.click("#cd-study-start")]);
    for (let i = 1; i <= topic.ids.length; i++) {
      assert.ok(page.url().startsWith("file:") && decodeURIComponent(page.url()).endsWith(topic.ids[i - 1] + ".html?study"), page.url());
      assert.equal(await page.innerText("#cd-study-progress"), `Card ${i} of ${topic.ids.length}`);
      await page.keyboard.press("Space");
      await page.locator("#cd-answer-body").waitFor({ state: "visible" });
      await Promise.all([page.waitForEvent("load"), page.keyboard.press("3")]);
    }
    assert.ok(page.url().endsWith("/study.html#summary"), page.url());
    await page.locator("#cd-study-summary").waitFor({ state: "visible" });
    assert.match(await page.innerText("#cd-summary-text"), new RegExp(`^Known: ${topic.ids.length}\\. To review: 0\\.`));
    assert.deepEqual(problems, []);
    await ctx.close();
  });
});
