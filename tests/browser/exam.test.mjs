// exam.test.mjs: the mock exam (exam.html). From file:// with a controlled clock: setup from [exam], answers given,
// the countdown runs out and submits, then the score per topic is checked against the answers given and the attempt is
// kept. Over HTTP under /repo/: topics chosen, flags, back and forward, the grid, a reload that resumes, links in a
// prompt, submitting by hand, and the progress store's addAttempt when the page has one. Fixture site: fixture.mjs.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { fileUrl, watch } from "./lib.mjs";
import { buildFixture, FILES, setupFixture } from "./fixture.mjs";

let s;
before(async () => { s = await setupFixture(); });
after(async () => { await s?.close(); });

const T0 = Date.UTC(2026, 10, 2, 9, 0, 0);
// Topics of each multiple-choice question of the fixture, and the choice to pick for a right or a wrong answer.
const QUESTIONS = {
  "storage/efs": { topics: ["storage"], right: ["Amazon EFS"], wrong: ["Instance store"] },
  "storage/classes": { topics: ["storage"], right: ["Deep Archive", "Flexible Retrieval"], wrong: ["Deep Archive"] },
  "network/peering": { topics: ["network"], right: ["No, never"], wrong: ["Yes, always"] },
  "network/nat": { topics: ["network", "storage"], right: ["In a public subnet"], wrong: ["In a private subnet"] },
};
const currentId = (page) => page.locator("#cd-exam-question").getAttribute("data-id");
async function answer(page, texts) {
  for (const text of texts) await page.locator("#cd-exam-choices li", { hasText: text }).locator("label").click();
}

test("from file://: the time runs out, the exam submits, and the score per topic matches the answers given", async () => {
  const ctx = await s.browser.newContext();
  const page = await ctx.newPage();
  const problems = watch(page, "file://");
  await page.clock.install({ time: T0 });
  await page.goto(fileUrl(s.dir, "exam.html"));
  assert.equal(await page.inputValue("#cd-exam-count"), "4");
  assert.equal(await page.inputValue("#cd-exam-minutes"), "2");
  assert.deepEqual(await page.locator("#cd-exam-topics label").allInnerTexts(), ["Storage (3)", "Networking (2)"]);
  assert.equal(await page.innerText("#cd-exam-available"), "4 questions to draw from.");
  await page.locator("#cd-exam-topics label", { hasText: "Networking" }).click();
  assert.equal(await page.innerText("#cd-exam-available"), "2 questions to draw from: the exam will have 2.");
  await page.locator("#cd-exam-topics label", { hasText: "Networking" }).click();
  assert.equal(await page.locator("#cd-exam-history").isVisible(), false, "no past exams yet");
  // From here the clock moves only when the test says so.
  await page.clock.pauseAt(T0 + 60_000);

  await page.locator("#cd-exam-start").focus();
  await page.keyboard.press("Enter");
  await page.locator("#cd-exam-run").waitFor({ state: "visible" });
  assert.equal(await page.innerText("#cd-exam-timer"), "Time left 2:00");
  assert.equal(await page.evaluate(() => document.activeElement.id), "cd-exam-question", "the keyboard starts at the question");

  // Right, wrong, right, and the question on two topics left unanswered and flagged.
  const plan = { "storage/efs": "right", "storage/classes": "wrong", "network/peering": "right", "network/nat": "none" };
  const order = [];
  for (let i = 0; i < 4; i++) {
    assert.equal(await page.innerText("#cd-exam-position"), `Question ${i + 1} of 4`);
    const id = await currentId(page);
    order.push(id);
    if (plan[id] === "none") await page.click("#cd-exam-flag");
    else await answer(page, QUESTIONS[id][plan[id]]);
    const cell = page.locator("#cd-exam-grid li").nth(i).locator("button");
    assert.equal(await cell.evaluate((b) => b.classList.contains("is-answered")), plan[id] !== "none");
    if (plan[id] === "none") assert.match(await cell.innerText(), /⚑/);
    if (i < 3) {
      await page.locator("#cd-exam-next").focus();
      await page.keyboard.press("Enter");
      assert.equal(await page.evaluate(() => document.activeElement.id), "cd-exam-question");
    }
  }
  assert.deepEqual([...order].sort(), Object.keys(QUESTIONS).sort(), "every question once");
  await page.clock.runFor(30_000);
  assert.equal(await page.innerText("#cd-exam-timer"), "Time left 1:30");
  await page.clock.runFor(90_000);
  await page.locator("#cd-exam-result").waitFor({ state: "visible" });

  // Expected from the answers given: a question counts in each of its topics.
  const expected = {};
  for (const [id, q] of Object.entries(QUESTIONS)) for (const t of q.topics) {
    const e = (expected[t] ||= [0, 0]);
    e[1]++;
    if (plan[id] === "right") e[0]++;
  }
  const rows = {};
  for (const row of await page.locator("#cd-exam-topic-rows tr").all()) {
    rows[await row.getAttribute("data-topic")] = (await row.locator("th, td").allInnerTexts()).join(" | ");
  }
  const pct = ([r, t]) => Math.round((r / t) * 100);
  assert.deepEqual(rows, {
    storage: `Storage | ${expected.storage[0]} of ${expected.storage[1]} | ${pct(expected.storage)}%`,
    network: `Networking | ${expected.network[0]} of ${expected.network[1]} | ${pct(expected.network)}%`,
  });
  assert.equal(await page.innerText("#cd-exam-verdict"), "Passed: 50%");
  assert.equal(await page.innerText("#cd-exam-score"), "2 of 4 questions right (pass mark 50%). Time used 2:00 of 2:00.");

  // The review: every question in exam order, with the learner's choice, the correct ones and the explanations.
  const items = page.locator("#cd-exam-review > li");
  assert.deepEqual(await items.evaluateAll((ls) => ls.map((l) => l.getAttribute("data-id"))), order);
  const classes = items.filter({ has: page.locator('a[href="storage/classes.html"]') });
  assert.match(await classes.locator("h3").innerText(), /· Wrong$/);
  const marks = await classes.locator(".choice-key > li").allInnerTexts();
  assert.ok(marks.some((m) => /^✓ Correct, your choice: S3 Glacier Deep Archive\s+The lowest price, hours to restore\.$/.test(m)), marks.join("\n"));
  assert.ok(marks.some((m) => m.startsWith("✓ Correct, missed: S3 Glacier Flexible Retrieval")), marks.join("\n"));
  const nat = items.filter({ has: page.locator('a[href="network/nat.html"]') });
  assert.match(await nat.locator("h3").innerText(), /· Not answered$/);
  const peering = items.filter({ has: page.locator('a[href="network/peering.html"]') });
  assert.deepEqual(await peering.locator(".choice-key > li").allInnerTexts(),
    ["✗ Wrong: Yes, always", "✗ Wrong: Only within one Region", "✓ Correct, your choice: No, never", "✗ Wrong: All of the above"]);

  // Kept, and listed on the next visit.
  const stored = await page.evaluate(() => JSON.parse(localStorage.getItem("cramdown:" + document.documentElement.dataset.site + ":attempts")));
  assert.equal(stored.exam.length, 1);
  assert.deepEqual([stored.exam[0].right, stored.exam[0].total, stored.exam[0].score, stored.exam[0].passed, stored.exam[0].used],
    [2, 4, 50, true, 120_000]);
  assert.deepEqual(stored.exam[0].topics, expected);
  await page.reload();
  await page.locator("#cd-exam-history").waitFor({ state: "visible" });
  const history = await page.locator("#cd-exam-history-rows td").allInnerTexts();
  assert.deepEqual(history.slice(1), ["50%", "Passed", "2 of 4", "2:00"]);
  assert.deepEqual(problems, []);
  await ctx.close();
});

test("over HTTP under /repo/: topics, flags, back and forward, the grid, resuming, links, submitting by hand", async () => {
  const ctx = await s.browser.newContext();
  const page = await ctx.newPage();
  await page.addInitScript(() => {
    const kept = JSON.parse(sessionStorage.getItem("test-attempts") || "[]");
    window.cramdownProgress = {
      addAttempt(kind, attempt) { kept.push([kind, attempt]); sessionStorage.setItem("test-attempts", JSON.stringify(kept)); },
      attempts(kind) { return kept.filter((k) => k[0] === kind).map((k) => k[1]); },
    };
  });
  const problems = watch(page, s.server.url);
  await page.clock.install({ time: T0 });
  await page.goto(s.url + "exam.html");
  await page.locator("#cd-exam-topics label", { hasText: "Networking" }).click();
  await page.fill("#cd-exam-minutes", "10");
  await page.clock.pauseAt(T0 + 60_000);
  await page.click("#cd-exam-start");
  assert.equal(await page.innerText("#cd-exam-timer"), "Time left 10:00");
  assert.equal(await page.innerText("#cd-exam-position"), "Question 1 of 2");
  assert.equal(await page.locator("#cd-exam-prev").isDisabled(), true);
  const first = await currentId(page);
  assert.ok(["network/nat", "network/peering"].includes(first), first);
  await answer(page, QUESTIONS[first].wrong);
  await page.click("#cd-exam-flag");
  assert.equal(await page.getAttribute("#cd-exam-flag", "aria-pressed"), "true");
  await page.click("#cd-exam-next");
  const second = await currentId(page);
  assert.notEqual(second, first);
  await page.goto(s.url + "exam.html");
  assert.equal(await page.innerText("#cd-exam-position"), "Question 2 of 2", "a reload resumes the exam");
  await page.click("#cd-exam-grid li:nth-child(1) button");
  assert.equal(await currentId(page), first);
  assert.equal(await page.locator("#cd-exam-choices input:checked").count(), 1, "the pick survived the reload");
  await answer(page, QUESTIONS[first].right);
  // A link in a prompt goes to the page it points at, from the question's own folder.
  await page.click(`#cd-exam-grid li:nth-child(${first === "network/nat" ? 1 : 2}) button`);
  assert.equal(await page.locator("#cd-exam-prompt a").getAttribute("href"), s.url + "network/peering.html");
  await page.click("#cd-exam-grid li:nth-child(2) button");
  await page.clock.runFor(65_000);
  await page.click("#cd-exam-submit");
  assert.equal(await page.innerText("#cd-exam-confirm-text"), "1 question is not answered. 1 flagged for review. Submit the exam?");
  await page.click("#cd-exam-confirm-no");
  assert.equal(await page.locator("#cd-exam-run").isVisible(), true);
  await page.click("#cd-exam-submit");
  await page.click("#cd-exam-confirm-yes");
  await page.locator("#cd-exam-result").waitFor({ state: "visible" });
  assert.equal(await page.innerText("#cd-exam-verdict"), "Passed: 50%");
  assert.match(await page.innerText("#cd-exam-score"), /Time used 1:05 of 10:00\.$/);
  const kept = await page.evaluate(() => window.cramdownProgress.attempts("exam"));
  assert.equal(kept.length, 1, "given to the progress store");
  assert.equal(kept[0].score, 50);
  assert.equal(await page.evaluate((k) => localStorage.getItem(k), "cramdown:" + (await page.getAttribute("html", "data-site")) + ":attempts"), null,
    "not kept twice");
  await page.click("#cd-exam-again");
  assert.equal(await page.locator("#cd-exam-history-rows tr").count(), 1);
  assert.deepEqual(problems, []);
  await ctx.close();
});

test("without JavaScript the exam page says what it needs; without multiple-choice questions it says so", async () => {
  const ctx = await s.browser.newContext({ javaScriptEnabled: false });
  const page = await ctx.newPage();
  await page.goto(s.url + "exam.html");
  assert.match(await page.innerText("main"), /Mock exams need JavaScript/);
  assert.equal(await page.locator("#cd-exam-setup").isVisible(), false);
  await ctx.close();

  const open = buildFixture({ "site.toml": FILES["site.toml"], "content/storage/open.md": FILES["content/storage/open.md"] });
  const js = await s.browser.newContext();
  const p2 = await js.newPage();
  const problems = watch(p2, "file://");
  await p2.goto(fileUrl(open, "exam.html"));
  await p2.locator("#cd-exam-empty").waitFor({ state: "visible" });
  assert.match(await p2.innerText("#cd-exam-empty"), /no multiple-choice questions yet/);
  assert.equal(await p2.locator("#cd-exam-setup").isVisible(), false);
  assert.deepEqual(problems, []);
  await js.close();
});
