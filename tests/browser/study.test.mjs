// study.test.mjs: a study session over one topic runs to its summary and schedules due dates (clock under test control).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { setup, watch, smallTopic } from "./lib.mjs";

const DAY = 86400000;
const T0 = new Date("2026-03-02T09:00:00Z").getTime();
let s, ctx, page, problems, topic, key;
before(async () => {
  s = await setup();
  topic = smallTopic(s.index, 3);
  ctx = await s.browser.newContext();
  page = await ctx.newPage();
  problems = watch(page, s.url);
  await page.clock.setFixedTime(T0);
  await page.goto(s.url + "study.html?topic=" + topic.slug);
  key = `cramdown:${await page.getAttribute("html", "data-site")}:progress`;
});
after(async () => { await ctx?.close(); await s?.close(); });

const progress = () => page.evaluate((k) => JSON.parse(localStorage.getItem(k) || "{}"), key);

test("a session over a topic runs card by card to its summary", async () => {
  const n = topic.ids.length;
  assert.equal(await page.inputValue("#cd-study-topic"), topic.slug, "topic prefilled from the URL");
  assert.match(await page.innerText("#cd-study-count"), new RegExp(`^${n} cards match`));
  await page.click("#cd-study-start");
  assert.equal(await page.innerText("#cd-study-progress"), `Card 1 of ${n}`);
  const first = await page.innerText("#cd-card-title");
  // Card 1: Space reveals, 2 = review again: it comes back at the end of the session.
  await page.keyboard.press("Space");
  await page.locator("#cd-card-answer").waitFor({ state: "visible" });
  assert.equal(await page.evaluate(() => document.activeElement.id), "cd-card-answer");
  assert.match(await page.innerText('#cd-card-grade [data-grade="knew"]'), /in 1 day/);
  await page.keyboard.press("2");
  assert.equal(await page.innerText("#cd-study-progress"), `Card 2 of ${n + 1}`);
  // Arrow left goes back, arrow right forward, without grading.
  await page.keyboard.press("ArrowLeft");
  assert.equal(await page.innerText("#cd-study-progress"), `Card 1 of ${n + 1}`);
  await page.keyboard.press("ArrowRight");
  for (let i = 2; i <= n + 1; i++) {
    assert.equal(await page.innerText("#cd-study-progress"), `Card ${i} of ${n + 1}`);
    if (i < n + 1) await page.keyboard.press("Space"); else await page.click("#cd-card-reveal");
    if (i === n + 1) {
      assert.equal(await page.innerText("#cd-card-title"), first, "the card graded 'review again' comes back");
      assert.match(await page.innerText('#cd-card-grade [data-grade="knew"]'), /in 3 days/);
      await page.click('#cd-card-grade [data-grade="knew"]');
    } else {
      await page.keyboard.press("1");
    }
  }
  await page.locator("#cd-study-summary").waitFor({ state: "visible" });
  const text = await page.innerText("#cd-summary-text");
  assert.match(text, new RegExp(`Known: ${n}\\. To review: 0\\.`));
  assert.match(text, /Next card due .* \(in 1 day\)/);
  const p = await progress();
  for (const id of topic.ids) {
    assert.ok(p[id], `progress saved for ${id}`);
    assert.equal(p[id].last, "knew");
  }
  const againId = topic.ids.find((id) => p[id].box === 2);
  assert.ok(againId, "the card reviewed twice is in box 2");
  assert.equal(p[againId].due, T0 + 3 * DAY);
  for (const id of topic.ids) if (id !== againId) { assert.equal(p[id].box, 1); assert.equal(p[id].due, T0 + DAY); }
});

test("two days later, 'only due' picks the cards from box 1 and not the one in box 2", async () => {
  await page.clock.setFixedTime(T0 + 2 * DAY);
  await page.goto(s.url + "study.html?topic=" + topic.slug + "&due=1");
  assert.equal(await page.isChecked("#cd-study-due"), true);
  const n = topic.ids.length - 1;
  assert.match(await page.innerText("#cd-study-count"), new RegExp(`^${n} cards? match`));
  await page.click("#cd-study-start");
  assert.equal(await page.innerText("#cd-study-progress"), `Card 1 of ${n}`);
  await page.keyboard.press("Space");
  await page.keyboard.press("1");
  const p = await progress();
  const moved = Object.values(p).filter((r) => r.box === 2 && r.due === T0 + 2 * DAY + 3 * DAY);
  assert.equal(moved.length, 1, "the graded card moved from box 1 to box 2, due in 3 days");
  await page.click("#cd-card-end");
  await page.locator("#cd-study-summary").waitFor({ state: "visible" });
  assert.match(await page.innerText("#cd-summary-text"), /Known: 1\. To review: 0\. Skipped: \d+\./);
  assert.deepEqual(problems, []);
});
