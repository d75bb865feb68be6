// fsrs.test.mjs: the site's scheduler (ts-fsrs, vendored) against an independent reference, py-fsrs (PyPI `fsrs`,
// run by reference/fsrs_reference.py from the venv scripts/test.sh makes): 24 seeded grade sequences with a
// controlled clock; the due dates and states the site stores must match (docs/PROGRESS.md lists the known gaps).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { setup, watch, repoRoot, here } from "./lib.mjs";

const DAY = 86400000, MINUTE = 60000;
const T0 = Date.parse("2026-03-02T09:00:00Z");
const PYTHON = process.env.FSRS_PYTHON || path.join(repoRoot, ".venv-test/bin/python");
let s, ctx, page, problems;
before(async () => {
  s = await setup();
  ctx = await s.browser.newContext();
  page = await ctx.newPage();
  problems = watch(page, s.url);
  await page.clock.setFixedTime(T0);
  await page.goto(s.url + s.index.docs[0][0] + ".html");
  // Question pages load ts-fsrs on first need (the reveal); the API tests below ask for it directly.
  await page.evaluate(() => new Promise((done) => window.cramdownProgress.withScheduler(done)));
});
after(async () => { await ctx?.close(); await s?.close(); });

// mulberry32: a small seeded generator, so the sequences are the same on every run.
function random(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
// 12 sequences of Again and Good only, 12 with all four grades; 3 to 12 reviews each.
function sequences() {
  const next = random(20261129), out = [];
  for (let i = 0; i < 24; i++) {
    const grades = i < 12 ? [1, 3] : [1, 2, 3, 4], length = 3 + Math.floor(next() * 10), ratings = [];
    for (let k = 0; k < length; k++) ratings.push(grades[Math.floor(next() * grades.length)]);
    out.push({ ratings, delays: ratings.map(() => next()), simple: i < 12 });
  }
  return out;
}

// Grades one card through a sequence in the page, each review 0, 1 or 2 whole days after the card's due date;
// returns the review times and the card the site stored after each review. Whole days: ts-fsrs counts elapsed
// days as UTC calendar days, py-fsrs as whole 24-hour periods; they agree when no review falls at an earlier time
// of day than the one before (docs/PROGRESS.md, "Known differences"), which the test after this one shows.
async function runInSite(id, seq, start) {
  let at = start;
  const reviews = [], stored = [], hardDue = [];
  for (let k = 0; k < seq.ratings.length; k++) {
    await page.clock.setFixedTime(at);
    const [preview, card] = await page.evaluate(([card, rating]) =>
      [window.cramdownProgress.preview(card), window.cramdownProgress.grade(card, rating)], [id, seq.ratings[k]]);
    reviews.push({ rating: seq.ratings[k], at });
    stored.push(card);
    hardDue.push(preview[2]);
    at = Date.parse(card.due) + Math.floor(seq.delays[k] * 3) * DAY;
  }
  return { reviews, stored, hardDue };
}

function reference(request) {
  assert.ok(existsSync(PYTHON), `no Python venv with fsrs at ${PYTHON}: scripts/test.sh creates it`);
  const r = spawnSync(PYTHON, [path.join(here, "reference/fsrs_reference.py")], { input: JSON.stringify(request), encoding: "utf8" });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout);
}

test("24 seeded grade sequences schedule as py-fsrs does (Again/Good to the minute unless Good is kept beyond Hard, Hard/Easy within a day)", async () => {
  const all = sequences(), ids = s.index.docs.map((x) => x[0]);
  assert.ok(ids.length >= all.length);
  const site = [];
  for (let i = 0; i < all.length; i++) site.push(await runInSite(ids[i], all[i], T0 + i * 3600 * 1000));
  const params = await page.evaluate(() => [window.cramdownProgress.scheduler.parameters.w.slice(), window.cramdownProgress.scheduler.parameters.request_retention]);
  const ref = reference({ retention: 0.9, maximum_interval: 36500, sequences: site.map((x) => x.reviews) });
  assert.match(ref.version, /^6\./);
  assert.deepEqual(params[0], ref.parameters, "the same FSRS-6 default parameters");
  assert.equal(params[1], 0.9);
  let compared = 0, late = 0, apart = 0;
  all.forEach((seq, i) => {
    site[i].stored.forEach((card, k) => {
      const want = ref.sequences[i][k], got = Date.parse(card.due);
      const where = `sequence ${i} (${seq.ratings.join("")}) review ${k + 1}`;
      if (seq.simple) {
        assert.equal(card.state, want.state, `${where}: state`);
        if (Math.abs(got - want.due) >= MINUTE) {
          // ts-fsrs keeps Good at least a day beyond Hard; py-fsrs does not. Only then may they differ: by a day.
          assert.equal(got - want.due, DAY, `${where}: due ${new Date(got).toISOString()} vs ${new Date(want.due).toISOString()}`);
          assert.equal(got, site[i].hardDue[k] + DAY, `${where}: Good is Hard's interval plus one day`);
          apart++;
        }
        assert.ok(Math.abs(card.stability - want.stability) < 1e-4 * Math.max(1, want.stability), `${where}: stability ${card.stability} vs ${want.stability}`);
        assert.ok(Math.abs(card.difficulty - want.difficulty) < 1e-4, `${where}: difficulty ${card.difficulty} vs ${want.difficulty}`);
      } else {
        assert.ok(Math.abs(got - want.due) <= DAY, `${where}: due ${new Date(got).toISOString()} vs ${new Date(want.due).toISOString()}`);
        if (got !== want.due) late++;
      }
      compared++;
    });
  });
  assert.ok(compared > 100, `${compared} reviews compared`);
  assert.ok(apart <= 3, `${apart} Good reviews kept a day beyond Hard: the exception, not the rule`);
  assert.ok(late > 0, "the Hard/Easy sequences do show the documented small differences (else this tolerance is too loose to mean anything)");
  assert.deepEqual(problems, []);
});

test("known difference: a review at an earlier time of day counts one more elapsed day in ts-fsrs than in py-fsrs", async () => {
  const id = s.index.docs[29][0];
  // Good, Good 10 minutes later (2 March 09:10), then Good 2 days 21 hours later, at 06:10 UTC on 5 March.
  const times = [T0, T0 + 10 * MINUTE, T0 + 3 * DAY - 3 * 3600 * 1000 + 10 * MINUTE];
  const stored = [];
  for (const at of times) {
    await page.clock.setFixedTime(at);
    stored.push(await page.evaluate((card) => window.cramdownProgress.grade(card, 3), id));
  }
  const ref = reference({ retention: 0.9, maximum_interval: 36500, sequences: [times.map((at) => ({ rating: 3, at }))] });
  assert.equal(Date.parse(stored[1].due), ref.sequences[0][1].due, "the same until then");
  assert.equal(stored[2].elapsed_days, 3, "ts-fsrs: 3 calendar days (UTC) from 2 March 09:10 to 5 March 06:10");
  assert.notEqual(Date.parse(stored[2].due), ref.sequences[0][2].due, "py-fsrs counts 2 whole days: a different stability");
});

test("the grade buttons store what the API stores: four grades on keys and buttons, each saying when it comes back", async () => {
  const id = s.index.docs[30][0];
  await page.clock.setFixedTime(T0);
  await page.goto(s.url + id + ".html");
  await page.click("#cd-answer > summary");
  await page.locator('.grade [data-rating="1"]:enabled').waitFor(); // the scheduler loads on the reveal
  const labels = await page.locator(".grade [data-rating]").allInnerTexts();
  assert.deepEqual(labels.map((t) => t.replace(/\s+/g, " ")), ["Again · in 1 min", "Hard · in 6 min", "Good · in 10 min", "Easy · in 8 days"]);
  await page.keyboard.press("3");
  assert.match(await page.innerText(".grade-status"), /^Saved as Good\. It comes back in 10 min/);
  await page.clock.setFixedTime(T0 + 10 * MINUTE);
  await page.reload();
  await page.click("#cd-answer > summary");
  await page.click('.grade [data-rating="3"]');
  const card = await page.evaluate((x) => window.cramdownProgress.card(x), id);
  const ref = reference({ retention: 0.9, maximum_interval: 36500, sequences: [[{ rating: 3, at: T0 }, { rating: 3, at: T0 + 10 * MINUTE }]] });
  assert.equal(Date.parse(card.due), ref.sequences[0][1].due);
  assert.equal(card.state, 2);
  assert.deepEqual(problems, []);
});
