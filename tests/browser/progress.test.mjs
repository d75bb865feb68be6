// progress.test.mjs (bank and fixture): the progress store (docs/PROGRESS.md): grades persist and show on every list; Leitner
// (version 1) progress is migrated on first load with nothing lost; export then import into a fresh profile
// round-trips exactly; importing two exports with overlapping cards keeps the later review of each; reset.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, writeFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { forEachSite, SITES, watch, firstTopic } from "./lib.mjs";

const DAY = 86400000, MINUTE = 60000;
const T0 = Date.parse("2026-03-02T09:00:00Z");
forEachSite([SITES.bank, SITES.fixture], (current) => {
  let s, ctx, page, problems, q, key;
  before(async () => {
    s = current();
    q = s.index.docs[0];
    ctx = await s.browser.newContext({ acceptDownloads: true });
    page = await ctx.newPage();
    problems = watch(page, s.url);
    page.on("dialog", (d) => d.accept());
    await page.clock.setFixedTime(T0);
    await page.goto(s.url + "index.html");
    key = `cramdown:${await page.getAttribute("html", "data-site")}:progress`;
  });
  after(async () => { await ctx?.close(); });

  const badge = (p, id) => p.locator(`[data-progress-for="${id}"]`).first();
  const topicCount = (p, slug) => p.locator(`[data-topic-known="${slug}"]`).first();
  const stored = (p) => p.evaluate((k) => JSON.parse(localStorage.getItem(k)), key);
  const tmp = mkdtempSync(path.join(tmpdir(), "cramdown-progress-"));

  async function exportFile(p) {
    await p.goto(s.url + "index.html");
    const [download] = await Promise.all([p.waitForEvent("download"), p.click("#cd-export")]);
    return download.path();
  }
  async function importFile(p, file) {
    await p.goto(s.url + "index.html");
    await p.setInputFiles("#cd-import-file", file);
    await p.waitForFunction(() => /Imported|Could not/.test(document.getElementById("cd-tools-status").textContent));
    return p.innerText("#cd-tools-status");
  }
  async function freshPage(clock = T0) {
    const context = await s.browser.newContext({ acceptDownloads: true });
    const p = await context.newPage();
    p.on("dialog", (d) => d.accept());
    await p.clock.setFixedTime(clock);
    return { context, p, problems: watch(p, s.url) };
  }

  // The home page lists no question: its topic counts come from the search index's catalog, filled after load.
  const countSays = (slug, pattern) => page.waitForFunction(([slug, source]) =>
    new RegExp(source).test(document.querySelector(`[data-topic-known="${slug}"]`).textContent), [slug, pattern.source]);

  test("badges reserve their space and say 'New' before any grading", async () => {
    const slug = firstTopic(s.index, q);
    const total = await topicCount(page, slug).getAttribute("data-total");
    await countSays(slug, new RegExp(`^0 of ${total} known$`));
    assert.equal(await page.innerText("#cd-due-text"), "Nothing is due today.");
    assert.equal(await page.locator("#cd-due-start").isVisible(), false);
    await page.goto(s.url + "topics/" + slug + ".html");
    assert.equal(await badge(page, q[0]).getAttribute("data-state"), "new");
    assert.match(await badge(page, q[0]).innerText(), /New/);
    assert.equal(await topicCount(page, slug).innerText(), `0 of ${total} known`);
  });

  test("Easy persists across a reload and shows as known on the index, topic and topics pages", async () => {
    await page.goto(s.url + q[0] + ".html");
    await page.click("#cd-answer > summary");
    await page.click('.grade [data-rating="4"]');
    assert.match(await page.locator(".grade-status").innerText(), /^Saved as Easy\. It comes back in 8 days/);
    await page.reload();
    assert.equal(await badge(page, q[0]).getAttribute("data-state"), "known");
    const data = await stored(page);
    assert.equal(data.version, 2);
    assert.equal(data.cards[q[0]].state, 2);
    assert.equal(Date.parse(data.cards[q[0]].due), T0 + 8 * DAY);
    assert.deepEqual(data.log, [{ card: q[0], review: new Date(T0).toISOString(), rating: 4, state: 0 }]);
    await page.goto(s.url + "index.html");
    const total = await topicCount(page, firstTopic(s.index, q)).getAttribute("data-total");
    await countSays(firstTopic(s.index, q), new RegExp(`^1 of ${total} known$`));
    await page.goto(s.url + "topics/" + firstTopic(s.index, q) + ".html");
    assert.equal(await badge(page, q[0]).getAttribute("data-state"), "known");
    assert.match(await badge(page, q[0]).innerText(), /Known/);
    assert.match(await topicCount(page, firstTopic(s.index, q)).innerText(), /^1 of \d+ known$/);
    await page.goto(s.url + "topics/index.html");
    await page.waitForFunction((slug) => /^1 of/.test(document.querySelector(`[data-topic-known="${slug}"]`).textContent), firstTopic(s.index, q));
  });

  test("Again (key 1) brings the card back in a minute: Learning, then Due; the home page counts it and starts it", async () => {
    const other = s.index.docs[1];
    await page.goto(s.url + other[0] + ".html");
    await page.click("#cd-answer > summary");
    await page.keyboard.press("1");
    // The key is applied once the scheduler (loaded on the reveal) is ready: wait for the stored card.
    await page.waitForFunction(([k, id]) => !!(JSON.parse(localStorage.getItem(k) || "{}").cards || {})[id], [key, other[0]]);
    await page.reload();
    assert.equal(await badge(page, other[0]).getAttribute("data-state"), "learning");
    await page.clock.setFixedTime(T0 + MINUTE);
    await page.reload();
    assert.equal(await badge(page, other[0]).getAttribute("data-state"), "due");
    await page.goto(s.url + "index.html");
    assert.equal(await page.innerText("#cd-due-text"), "1 card is due today.");
    await Promise.all([page.waitForURL("**/" + other[0] + ".html?study"), page.click("#cd-due-start")]);
    assert.match(await page.innerText("#cd-study-progress"), /^Card 1 of 1$/);
  });

  test("Leitner (version 1) progress is migrated on first load: every card keeps its due date and state", async () => {
    const { context, p, problems: issues } = await freshPage();
    const [a, b, c] = s.index.docs.slice(2, 5).map((x) => x[0]);
    const v1 = {
      [a]: { box: 3, due: T0 + 4 * DAY, last: "knew", at: T0 - 3 * DAY },
      [b]: { box: 5, due: T0 - DAY, last: "knew", at: T0 - 31 * DAY },
      [c]: { box: 1, due: T0 - 2 * DAY, last: "again", at: T0 - 2 * DAY },
    };
    await p.goto(s.url + "404.html");
    await p.evaluate(([k, v]) => localStorage.setItem(k, JSON.stringify(v)), [key, v1]);
    await p.goto(s.url + "index.html");
    const data = await stored(p);
    assert.equal(data.version, 2);
    assert.deepEqual(Object.keys(data.cards).sort(), [a, b, c].sort());
    for (const [id, r] of Object.entries(v1)) {
      assert.equal(Date.parse(data.cards[id].due), r.due, `${id} keeps its due date`);
      assert.equal(Date.parse(data.cards[id].last_review), r.at);
    }
    assert.equal(data.cards[a].state, 2, "known stays known (in review)");
    assert.equal(data.cards[a].stability, 7, "box 3: its 7-day interval as the starting stability");
    assert.equal(data.cards[b].stability, 30);
    assert.equal(data.cards[c].state, 1, "'review again' stays due, as a card graded Again");
    for (const [id, state] of [[a, "known"], [b, "due"], [c, "due"]]) {
      await p.goto(s.url + id + ".html");
      assert.equal(await badge(p, id).getAttribute("data-state"), state);
    }
    assert.equal(data.log.length, 3, "each Leitner grade is in the review log");
    const backup = await p.evaluate((k) => localStorage.getItem(k + "-v1"), key);
    assert.deepEqual(JSON.parse(backup), v1, "the version 1 value is kept beside the new one");
    // The migrated cards schedule with FSRS from there on.
    await p.goto(s.url + a + ".html");
    await p.click("#cd-answer > summary");
    await p.click('.grade [data-rating="3"]');
    assert.equal((await stored(p)).cards[a].reps, 4);
    assert.deepEqual(issues, []);
    await context.close();
  });

  test("export, then import into a fresh profile, round-trips exactly", async () => {
    await page.evaluate(() => window.cramdownProgress.addAttempt("interview", { id: "i-1", finished: Date.now(), questions: [] }));
    const before = await stored(page);
    const file = await exportFile(page);
    const data = JSON.parse(readFileSync(file, "utf8"));
    assert.equal(data.format, "cramdown-progress");
    assert.equal(data.version, 2);
    assert.deepEqual(data.cards, before.cards);
    assert.deepEqual(data.log, before.log);
    assert.deepEqual(data.attempts, before.attempts);
    assert.match(await page.innerText("#cd-last-export"), /^Last exported/);
    const { context, p, problems: issues } = await freshPage();
    assert.match(await importFile(p, file), /^Imported progress for 2 questions \(2 reviews\)/);
    const after = await stored(p);
    assert.deepEqual(after.cards, before.cards);
    assert.deepEqual(after.log, before.log);
    assert.deepEqual(after.attempts, before.attempts);
    await p.goto(s.url + q[0] + ".html");
    assert.equal(await badge(p, q[0]).getAttribute("data-state"), "known");
    assert.deepEqual(issues, []);
    await context.close();
  });

  test("importing two exports with overlapping cards keeps the later review of each and unites the logs", async () => {
    // The last four questions of the site (the bank's and the fixture's alike): three graded, one only in a v1 file.
    const ids = s.index.docs.slice(-3).map((x) => x[0]), onlyV1 = s.index.docs.at(-4)[0];
    // Device A grades ids 0 and 1 on day 0; device B grades 1 and 2 on day 1 (B's review of 1 is later).
    const a = await freshPage(T0), b = await freshPage(T0 + DAY);
    await a.p.goto(s.url + "index.html");
    await a.p.evaluate((x) => new Promise((done) => window.cramdownProgress.withScheduler(() => { window.cramdownProgress.grade(x[0], 3); window.cramdownProgress.grade(x[1], 4); done(); })), ids);
    await a.p.evaluate(() => window.cramdownProgress.addAttempt("interview", { id: "a", finished: Date.now(), questions: [] }));
    await b.p.goto(s.url + "index.html");
    await b.p.evaluate((x) => new Promise((done) => window.cramdownProgress.withScheduler(() => { window.cramdownProgress.grade(x[1], 1); window.cramdownProgress.grade(x[2], 2); done(); })), ids);
    await b.p.evaluate(() => window.cramdownProgress.addAttempt("interview", { id: "b", finished: Date.now(), questions: [] }));
    const fileA = await exportFile(a.p), fileB = await exportFile(b.p);
    const cardsA = (await stored(a.p)).cards, cardsB = (await stored(b.p)).cards;
    const c = await freshPage(T0 + 2 * DAY);
    await importFile(c.p, fileB);
    await importFile(c.p, fileA);
    const merged = await stored(c.p);
    assert.deepEqual(merged.cards[ids[0]], cardsA[ids[0]]);
    assert.deepEqual(merged.cards[ids[1]], cardsB[ids[1]], "B reviewed it later: B's card wins, whatever the import order");
    assert.deepEqual(merged.cards[ids[2]], cardsB[ids[2]]);
    assert.deepEqual(merged.log.map((e) => [e.card, e.rating]), [[ids[0], 3], [ids[1], 4], [ids[1], 1], [ids[2], 2]]);
    assert.deepEqual(merged.attempts.interview.map((x) => x.id).sort(), ["a", "b"]);
    // Importing the same file again changes nothing.
    await importFile(c.p, fileA);
    assert.deepEqual(await stored(c.p), { ...merged, last_export: (await stored(c.p)).last_export });
    // A version 1 file merges too: its older review does not replace a newer card.
    const v1 = path.join(tmp, "v1.json");
    writeFileSync(v1, JSON.stringify({ format: "cramdown-progress", version: 1, site: "x", progress: {
      [ids[0]]: { box: 2, due: T0 - 5 * DAY, last: "knew", at: T0 - 8 * DAY },
      [onlyV1]: { box: 4, due: T0 + 9 * DAY, last: "knew", at: T0 - 5 * DAY } } }));
    await importFile(c.p, v1);
    const after = await stored(c.p);
    assert.deepEqual(after.cards[ids[0]], cardsA[ids[0]]);
    assert.equal(Date.parse(after.cards[onlyV1].due), T0 + 9 * DAY);
    // Not a progress file: said so, nothing changed.
    const bad = path.join(tmp, "bad.json");
    writeFileSync(bad, JSON.stringify({ hello: 1 }));
    assert.match(await importFile(c.p, bad), /^Could not import this file: not a cramdown progress file/);
    assert.deepEqual(await stored(c.p), after);
    for (const x of [a, b, c]) { assert.deepEqual(x.problems, []); await x.context.close(); }
  });

  test("the home page shows when progress was last exported and nudges after two weeks; reset empties it", async () => {
    // The last export was at T0 + 1 minute (the clock of the tests above).
    await page.clock.setFixedTime(T0 + 13 * DAY + MINUTE);
    await page.goto(s.url + "index.html");
    assert.equal(await page.innerText("#cd-last-export"), "Last exported Mar 2, 2026.");
    assert.equal(await page.locator("#cd-last-export.nudge").count(), 0);
    await page.clock.setFixedTime(T0 + 14 * DAY + MINUTE);
    await page.goto(s.url + "index.html");
    assert.match(await page.innerText("#cd-last-export"), /, 14 days ago: export again/);
    assert.equal(await page.locator("#cd-last-export.nudge").count(), 1);
    await page.click("#cd-reset");
    assert.equal(await page.evaluate((k) => localStorage.getItem(k), key), null);
    await countSays(firstTopic(s.index, q), /^0 of/);
    assert.deepEqual(problems, []);
  });
});
