// exam-blueprint.test.mjs: mock exams shaped by a blueprint (blueprint-fixture.mjs: domains weighted 50/30/20 % with
// 9, 6 and 5 questions). Seeded draws (Math.random replaced by a seeded generator from the URL's ?seed=) give each
// domain exactly its largest-remainder share, at full length and shorter; questions not seen in the last attempts
// come first, then the ones answered wrongly, unless the learner turns that off; the result scores each domain with
// its verdict and an estimated scaled score, and "Study <weakest domain>" starts a session of exactly that domain's
// questions; stats.html charts each domain. From file:// and under /repo/; axe finds nothing; without JavaScript the
// page says what it needs.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { fileUrl, launch, serve, watch } from "./lib.mjs";
import { buildBlueprint, DOMAINS, DOMAIN_OF } from "./blueprint-fixture.mjs";

const AXE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
// A seeded generator (mulberry32) in place of Math.random, seeded from the page's ?seed=N.
const SEEDED = `(() => {
  const m = /seed=(\\d+)/.exec(location.search);
  if (!m) return;
  let a = Number(m[1]) >>> 0;
  Math.random = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
})();`;

let browser, dir, server;
before(async () => {
  dir = buildBlueprint();
  server = await serve(dir);
  browser = await launch();
});
after(async () => { await browser?.close(); await server?.close(); });

async function newPage() {
  const ctx = await browser.newContext();
  await ctx.addInitScript(SEEDED);
  const page = await ctx.newPage();
  return { ctx, page };
}
const examKey = (page) => page.evaluate(() => "cramdown:" + document.documentElement.getAttribute("data-site") + ":exam");
/** The running exam's question ids, from its resumable state in sessionStorage. */
async function drawnIds(page) {
  const key = await examKey(page);
  return page.evaluate((k) => JSON.parse(sessionStorage.getItem(k)).items.map((it) => it.id), key);
}
function perDomain(ids) {
  const counts = Object.fromEntries(DOMAINS.map((d) => [d.id, 0]));
  for (const id of ids) counts[DOMAIN_OF[id]]++;
  return DOMAINS.map((d) => counts[d.id]);
}
/** Starts an exam of `count` questions (default: the blueprint's) and returns the drawn ids. */
async function startExam(page, url, { count, fresh = true } = {}) {
  await page.goto(url);
  await page.locator("#cd-exam-blueprint").waitFor({ state: "visible" });
  if (count) await page.fill("#cd-exam-count", String(count));
  if (!fresh) await page.uncheck("#cd-exam-fresh");
  await page.click("#cd-exam-start");
  await page.locator("#cd-exam-run").waitFor({ state: "visible" });
  return drawnIds(page);
}
/** Answers every question of the running exam: right unless `wrong` has its id, then submits. */
async function answerAll(page, wrong = new Set()) {
  const total = (await drawnIds(page)).length;
  for (let i = 0; i < total; i++) {
    const id = await page.locator("#cd-exam-question").getAttribute("data-id");
    const n = id.split("/q")[1];
    const text = wrong.has(id) ? `Wrong answer ${n}` : `Right answer ${n}`;
    await page.locator("#cd-exam-choices li", { hasText: new RegExp(`^${text}$`) }).locator("label").click();
    if (i < total - 1) await page.click("#cd-exam-next");
  }
  await page.click("#cd-exam-submit");
  await page.click("#cd-exam-confirm-yes");
  await page.locator("#cd-exam-result").waitFor({ state: "visible" });
}
async function axe(page) {
  await page.evaluate(AXE); // through the DevTools protocol: the strict CSP forbids inline <script>
  const r = await page.evaluate(async () => (await window.axe.run(document, { resultTypes: ["violations"] })).violations);
  return r.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

test("from file://: the setup shows the blueprint, and every seeded draw has exactly each domain's share", async () => {
  const { ctx, page } = await newPage();
  const problems = watch(page, "file://");
  await page.goto(fileUrl(dir, "exam.html"));
  await page.locator("#cd-exam-blueprint").waitFor({ state: "visible" });
  assert.equal(await page.locator("#cd-exam-topics").isVisible(), false, "with a blueprint, domains replace the topic choice");
  const rows = () => page.locator("#cd-exam-blueprint tbody tr").evaluateAll((trs) => trs.map((tr) => tr.innerText.split("\t").map((c) => c.trim())));
  assert.deepEqual(await rows(), [
    ["Design secure systems", "50%", "5"], ["Operate resilient systems", "30%", "3"], ["Optimize costs", "20%", "2"]]);
  assert.equal(await page.innerText("#cd-exam-available"), "10 questions in the proportions of the blueprint.");
  // Shorter exams keep the proportions, by largest remainder: 7 → 3.5/2.1/1.4 → 4/2/1; 5 → 2.5/1.5/1 → 3/1/1.
  await page.fill("#cd-exam-count", "7");
  assert.deepEqual((await rows()).map((r) => r[2]), ["4", "2", "1"]);
  await page.fill("#cd-exam-count", "5");
  assert.deepEqual((await rows()).map((r) => r[2]), ["3", "1", "1"]);
  // 20 asks 10 of a domain that has 9: the exam takes the 9 and says so.
  await page.fill("#cd-exam-count", "20");
  assert.deepEqual((await rows()).map((r) => r[2]), ["9", "6", "4"]);
  assert.equal(await page.innerText("#cd-exam-available"),
    "19 questions in the proportions of the blueprint: some domains have fewer questions than their share of 20.");
  await ctx.close();

  for (const [count, shares] of [[10, [5, 3, 2]], [7, [4, 2, 1]], [5, [3, 1, 1]], [20, [9, 6, 4]]]) {
    const seen = new Set();
    for (let seed = 1; seed <= 8; seed++) {
      const { ctx: c, page: p } = await newPage();
      const ids = await startExam(p, fileUrl(dir, "exam.html") + `?seed=${seed * 7919 + count}`, { count });
      assert.deepEqual(perDomain(ids), shares, `exam of ${count}, seed ${seed}: ${ids.join(" ")}`);
      assert.equal(await p.innerText("#cd-exam-position"), `Question 1 of ${shares[0] + shares[1] + shares[2]}`);
      assert.equal(new Set(ids).size, ids.length, "no question twice");
      seen.add(ids.join(" "));
      await c.close();
    }
    if (count < 20) assert.ok(seen.size > 1, `different seeds draw different exams of ${count}`);
  }
  assert.deepEqual(problems, []);
});

test("under /repo/: unseen questions first, then the wrong ones; turned off, seen questions come back", async () => {
  const url = server.url + "repo/exam.html";
  const { ctx, page } = await newPage();
  const problems = watch(page, server.url.replace(/\/$/, ""));
  const first = await startExam(page, url + "?seed=11");
  const wrongDesign = first.find((id) => DOMAIN_OF[id] === "design");
  await answerAll(page, new Set([wrongDesign]));

  const second = await startExam(page, url + "?seed=12");
  const unseen = (domain) => Object.keys(DOMAIN_OF).filter((id) => DOMAIN_OF[id] === domain && !first.includes(id)).sort();
  const of = (ids, domain) => ids.filter((id) => DOMAIN_OF[id] === domain).sort();
  // design: 9 questions, 5 seen: the 4 unseen, then the one answered wrongly before any answered right.
  assert.deepEqual(of(second, "design"), [...unseen("design"), wrongDesign].sort());
  // operate: 6, 3 seen: exactly the 3 unseen. optimize: 5, 2 seen: 2 of the 3 unseen.
  assert.deepEqual(of(second, "operate"), unseen("operate"));
  assert.equal(of(second, "optimize").filter((id) => first.includes(id)).length, 0);
  await page.evaluate((k) => sessionStorage.removeItem(k), await examKey(page));

  // Turned off: a domain's questions are drawn at random, so the seen ones come back in some draws.
  let cameBack = 0;
  for (let seed = 20; seed < 26; seed++) {
    const ids = await startExam(page, url + `?seed=${seed}`, { fresh: false });
    if (of(ids, "operate").some((id) => first.includes(id))) cameBack++;
    await page.evaluate((k) => sessionStorage.removeItem(k), await examKey(page));
  }
  assert.ok(cameBack > 0, "with the preference off, questions of the last attempt are drawn again");
  assert.deepEqual(problems, []);
  await ctx.close();
});

for (const where of ["file://", "/repo/"]) {
  test(`${where}: the result per domain, the estimated scaled score, "Study <weakest domain>" and the statistics`, async () => {
    const base = where === "file://" ? fileUrl(dir, "exam.html").replace(/exam\.html$/, "") : server.url + "repo/";
    const { ctx, page } = await newPage();
    const problems = watch(page, where === "file://" ? "file://" : server.url.replace(/\/$/, ""));
    const ids = await startExam(page, base + "exam.html?seed=3");
    // axe over HTTP only: from file:// it cannot fetch the stylesheets it reads (Chromium's CORS rule for file://).
    const http = where !== "file://";
    if (http) assert.deepEqual(await axe(page), [], "axe on the running exam");
    // design 5 of 5, operate 2 of 3, optimize 0 of 2: 7 of 10 = 70 %, the pass mark.
    const operateWrong = ids.filter((id) => DOMAIN_OF[id] === "operate").slice(0, 1);
    const wrong = new Set([...operateWrong, ...ids.filter((id) => DOMAIN_OF[id] === "optimize")]);
    await answerAll(page, wrong);
    assert.equal(await page.innerText("#cd-exam-verdict"), "Passed: 70%");
    const rows = await page.locator("#cd-exam-domain-rows tr").evaluateAll((trs) =>
      trs.map((tr) => [tr.getAttribute("data-domain"), ...tr.innerText.split("\t").map((c) => c.trim())]));
    assert.deepEqual(rows, [
      ["design", "Design secure systems", "5 of 5", "100%", "Meets"],
      ["operate", "Operate resilient systems", "2 of 3", "67%", "Needs work"],
      ["optimize", "Optimize costs", "0 of 2", "0%", "Needs work"],
    ]);
    // 70 % is the pass mark, which the estimate maps to the passing score.
    assert.equal(await page.innerText("#cd-exam-scaled"),
      "Estimated scaled score: 720 of 1000 (passing score 720). An estimate only: the certification's real scaling is not public.");
    assert.equal(await page.locator("#cd-exam-review li.exam-review-item").count(), 10, "every question reviewed");
    if (http) assert.deepEqual(await axe(page), [], "axe on the result");

    assert.equal(await page.innerText("#cd-exam-weakest-link"), "Study Optimize costs");
    await page.click("#cd-exam-weakest-link");
    await page.waitForURL(/optimize\/q\d+\.html\?study/);
    const queue = await page.evaluate(() => {
      const key = "cramdown:" + document.documentElement.getAttribute("data-site") + ":session";
      return JSON.parse(sessionStorage.getItem(key)).queue;
    });
    assert.deepEqual([...queue].sort(), Object.keys(DOMAIN_OF).filter((id) => DOMAIN_OF[id] === "optimize").sort());

    await page.goto(base + "stats.html");
    const charts = page.locator("#cd-chart-domains .chart");
    await charts.first().waitFor();
    assert.deepEqual(await charts.evaluateAll((cs) => cs.map((c) => c.getAttribute("data-domain"))), ["design", "operate", "optimize"]);
    assert.equal(await page.locator('#cd-chart-domains [data-domain="operate"] desc').textContent(),
      "Operate resilient systems, the last 1 exam: 67%.");
    assert.match(await page.innerText("#cd-exams .exam-attempts li"),
      /70%, passed .*estimated scaled score 720\. Design secure systems: Meets \(5 of 5\); Operate resilient systems: Needs work \(2 of 3\); Optimize costs: Needs work \(0 of 2\)/);
    assert.deepEqual(problems, []);
    await ctx.close();
  });
}

test("study.html filters by exam domain; axe finds nothing on the setup; without JavaScript the page says what it needs", async () => {
  const { ctx, page } = await newPage();
  await page.goto(server.url + "repo/study.html?domain=operate");
  await page.locator("#cd-study-count").filter({ hasText: "match" }).waitFor();
  assert.equal(await page.inputValue("#cd-study-domain"), "operate");
  assert.equal(await page.innerText("#cd-study-count"), "6 cards match.");
  await page.goto(server.url + "repo/exam.html");
  await page.locator("#cd-exam-blueprint").waitFor({ state: "visible" });
  assert.deepEqual(await axe(page), [], "axe on the setup");
  await ctx.close();

  const noJs = await browser.newContext({ javaScriptEnabled: false });
  const p = await noJs.newPage();
  await p.goto(server.url + "repo/exam.html");
  assert.match(await p.innerText("main"), /Mock exams need JavaScript/);
  assert.equal(await p.locator("#cd-exam-blueprint").isVisible(), false);
  await noJs.close();
});
