// study.test.mjs (bank, fixture, fixture under /repo/): a study session over one topic runs through the question
// pages (opened with ?study) to the summary on study.html#summary, and schedules due dates (clock under test control).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { forEachSite, SITES, watch, smallTopic } from "./lib.mjs";

const DAY = 86400000;
const T0 = new Date("2026-03-02T09:00:00Z").getTime();
forEachSite([SITES.bank, SITES.fixture, SITES.subpath], (current) => {
  let s, ctx, page, problems, topic, site;
  before(async () => {
    s = current();
    topic = smallTopic(s.index, 3);
    ctx = await s.browser.newContext();
    page = await ctx.newPage();
    problems = watch(page, s.url);
    await page.clock.setFixedTime(T0);
    await page.goto(s.url + "study.html?topic=" + topic.slug);
    site = await page.getAttribute("html", "data-site");
  });
  after(async () => { await ctx?.close(); });

  const progress = () => page.evaluate((k) => JSON.parse(localStorage.getItem(k) || "{}"), `cramdown:${site}:progress`);
  const session = () => page.evaluate((k) => JSON.parse(sessionStorage.getItem(k) || "null"), `cramdown:${site}:session`);
  // Runs an action that navigates (possibly to the same URL again) and waits for the next page.
  const nav = (action) => Promise.all([page.waitForEvent("load"), action()]);
  const cardId = () => s.rel(page.url()).replace(/\.html$/, "");
  const bar = () => page.innerText("#cd-study-progress");

  test("a session over a topic runs card by card through the question pages to its summary", async () => {
    const n = topic.ids.length;
    assert.equal(await page.inputValue("#cd-study-topic"), topic.slug, "topic prefilled from the URL");
    await page.waitForFunction(() => /match/.test(document.getElementById("cd-study-count").textContent));
    assert.match(await page.innerText("#cd-study-count"), new RegExp(`^${n} cards match`));
    await nav(() => page.click("#cd-study-start"));
    // Each card is the question page itself, opened with ?study.
    assert.equal(new URL(page.url()).search, "?study");
    const first = cardId();
    assert.ok(topic.ids.includes(first), `${first} is in ${topic.slug}`);
    const stored = await session();
    assert.deepEqual(stored.queue, topic.ids, "the session is kept in sessionStorage, in site order");
    assert.equal(await bar(), `Card 1 of ${n}`);
    assert.equal(await page.locator(".pager").isVisible(), false, "the site's prev/next give way to the session");
    // Card 1: Space reveals, 2 = review again: it comes back at the end of the session.
    await page.keyboard.press("Space");
    await page.locator("#cd-answer-body").waitFor({ state: "visible" });
    assert.equal(await page.evaluate(() => document.activeElement.id), "cd-answer-body");
    assert.match(await page.innerText('.grade [data-grade="knew"]'), /in 1 day/);
    await nav(() => page.keyboard.press("2"));
    assert.equal(await bar(), `Card 2 of ${n + 1}`);
    assert.notEqual(cardId(), first);
    // Arrow left goes back, arrow right forward, without grading.
    await nav(() => page.keyboard.press("ArrowLeft"));
    assert.equal(await bar(), `Card 1 of ${n + 1}`);
    assert.equal(cardId(), first);
    await nav(() => page.keyboard.press("ArrowRight"));
    for (let i = 2; i <= n + 1; i++) {
      assert.equal(await bar(), `Card ${i} of ${n + 1}`);
      if (i < n + 1) await page.keyboard.press("Space"); else await page.click("#cd-answer > summary");
      await page.locator("#cd-answer-body").waitFor({ state: "visible" });
      if (i === n + 1) {
        assert.equal(cardId(), first, "the card graded 'review again' comes back");
        assert.match(await page.innerText('.grade [data-grade="knew"]'), /in 3 days/);
        await nav(() => page.click('.grade [data-grade="knew"]'));
      } else {
        await nav(() => page.keyboard.press("1"));
      }
    }
    assert.match(page.url(), /\/study\.html#summary$/);
    await page.locator("#cd-study-summary").waitFor({ state: "visible" });
    assert.equal(await page.locator("#cd-study-setup").isVisible(), false);
    const text = await page.innerText("#cd-summary-text");
    assert.match(text, new RegExp(`Known: ${n}\\. To review: 0\\.`));
    assert.match(text, /Next card due .* \(in 1 day\)/);
    const p = await progress();
    for (const id of topic.ids) {
      assert.ok(p[id], `progress saved for ${id}`);
      assert.equal(p[id].last, "knew");
    }
    assert.equal(p[first].box, 2, "the card reviewed twice is in box 2");
    assert.equal(p[first].due, T0 + 3 * DAY);
    for (const id of topic.ids) if (id !== first) { assert.equal(p[id].box, 1); assert.equal(p[id].due, T0 + DAY); }
    // The summary survives a reload; "New session" goes back to the filters.
    await page.reload();
    assert.match(await page.innerText("#cd-summary-text"), new RegExp(`Known: ${n}\\.`));
    await page.click("#cd-study-again");
    assert.equal(await page.locator("#cd-study-setup").isVisible(), true);
    assert.equal(new URL(page.url()).hash, "");
    assert.deepEqual(problems, []);
  });

  test("two days later, 'only due' picks the cards from box 1; review, resume and the summary's review list", async () => {
    await page.clock.setFixedTime(T0 + 2 * DAY);
    await page.goto(s.url + "study.html?topic=" + topic.slug + "&due=1");
    assert.equal(await page.isChecked("#cd-study-due"), true);
    const n = topic.ids.length - 1;
    await page.waitForFunction(() => /match/.test(document.getElementById("cd-study-count").textContent));
    assert.match(await page.innerText("#cd-study-count"), new RegExp(`^${n} cards? match`));
    await nav(() => page.click("#cd-study-start"));
    assert.equal(await bar(), `Card 1 of ${n}`);
    const graded = cardId();
    await page.keyboard.press("Space");
    await nav(() => page.keyboard.press("1"));
    const p = await progress();
    assert.equal(p[graded].box, 2, "the graded card moved from box 1 to box 2");
    assert.equal(p[graded].due, T0 + 2 * DAY + 3 * DAY, "due in 3 days");
    // Leaving the session and coming back to study.html offers to continue it.
    const again = cardId();
    await page.goto(s.url + "study.html");
    assert.match(await page.innerText("#cd-study-resume"), new RegExp(`card 2 of ${n}`));
    await nav(() => page.click("#cd-study-resume a"));
    assert.equal(cardId(), again);
    assert.equal(await bar(), `Card 2 of ${n}`);
    // Review again, then end the session early with the button.
    await page.click("#cd-answer > summary");
    await nav(() => page.click('.grade [data-grade="again"]'));
    await nav(() => page.click(".study-bar >> text=End session"));
    await page.locator("#cd-study-summary").waitFor({ state: "visible" });
    assert.match(await page.innerText("#cd-summary-text"), /^Known: 1\. To review: 1\.( Skipped: \d+\.)? Next card due/);
    const title = s.index.docs.find((d) => d[0] === again)[1];
    await page.locator("#cd-summary-review a", { hasText: title }).waitFor();
    assert.equal(await page.getAttribute("#cd-summary-review a", "href"), again + ".html");
    // "Study the card to review" starts a session of just that card.
    await nav(() => page.click("#cd-study-review"));
    assert.equal(cardId(), again);
    assert.equal(await bar(), "Card 1 of 1");
    await page.keyboard.press("Space");
    await nav(() => page.keyboard.press("1"));
    assert.match(await page.innerText("#cd-summary-text"), /^Known: 1\. To review: 0\./);
    // A ?study page without a session in this tab says so and reads as usual.
    await page.evaluate(() => sessionStorage.clear());
    await page.goto(s.url + again + ".html?study");
    assert.match(await page.innerText(".study-bar"), /No study session is running/);
    assert.equal(await page.locator(".pager").isVisible(), true);
    assert.deepEqual(problems, []);
  });
});
