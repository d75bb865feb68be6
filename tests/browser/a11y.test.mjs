// a11y.test.mjs: axe-core finds zero violations on every kind of page, in light and dark, with search results open.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { setup, watch, firstTopic } from "./lib.mjs";

const AXE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
let s;
before(async () => { s = await setup(); });
after(async () => { await s?.close(); });

async function audit(page, label) {
  // Injected through the DevTools protocol: a strict CSP forbids inline <script>.
  await page.evaluate(AXE);
  const violations = await page.evaluate(async () => (await window.axe.run(document, { resultTypes: ["violations"] })).violations
    .map((v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.slice(0, 5).map((n) => n.target.join(" ") + " :: " + n.failureSummary.replace(/\s+/g, " ")).join("\n    ")}`));
  assert.deepEqual(violations, [], `${label}:\n  ${violations.join("\n  ")}`);
}

// From the setup page to the first card (a question page opened with ?study).
async function startSession(page) {
  await page.waitForFunction(() => /match/.test(document.getElementById("cd-study-count").textContent));
  await Promise.all([page.waitForURL("**?study"), page.click("#cd-study-start")]);
  await page.locator(".study-bar .card-nav").waitFor();
}

for (const scheme of ["light", "dark"]) {
  test(`no axe violations in the ${scheme} theme`, async () => {
    const ctx = await s.browser.newContext({ colorScheme: scheme, viewport: { width: 1280, height: 900 } });
    const page = await ctx.newPage();
    const problems = watch(page, s.url);
    const q = s.index.docs.find((d) => d[3]) || s.index.docs[0];
    const steps = [
      ["index", "index.html", null],
      ["topics", "topics/index.html", null],
      ["topic", "topics/" + firstTopic(s.index, q) + ".html", null],
      ["question (answer revealed)", q[0] + ".html", async () => { await page.click("#cd-answer > summary"); }],
      ["search results", "index.html", async () => {
        await page.fill("#cd-search", q[1].split(/\s+/)[0]);
        await page.locator("#cd-search-results a").first().waitFor();
      }],
      ["study setup", "study.html", null],
      ["study card: a question page in a session (answer revealed)", "study.html", async () => {
        await startSession(page);
        await page.click("#cd-answer > summary");
      }],
      ["study summary", "study.html", async () => {
        await startSession(page);
        await Promise.all([page.waitForURL("**/study.html#summary"), page.click(".study-bar >> text=End session")]);
        await page.locator("#cd-study-summary").waitFor({ state: "visible" });
      }],
      ["help dialog", "index.html", async () => { await page.keyboard.press("?"); }],
      ["404", "404.html", null],
    ];
    for (const [label, url, act] of steps) {
      await page.goto(s.url + url);
      if (act) await act();
      await audit(page, `${label} (${scheme})`);
    }
    // The explicit toggle gives the other theme the same result.
    await page.goto(s.url + q[0] + ".html");
    await page.click("#cd-theme");
    await page.click("#cd-answer > summary");
    await audit(page, `question after toggling away from ${scheme}`);
    assert.deepEqual(problems, []);
    await ctx.close();
  });
}

// syntax.css is the generator's: its nine hl-* colours must pass wherever they are used, in both themes (system
// preference and the toggle). Pages are picked so that every (language, class) pair of the site is audited once.
test("highlighted code passes colour contrast, light and dark", async () => {
  const pick = [], seen = new Set();
  for (const [id] of s.index.docs) {
    const html = readFileSync(path.join(s.dir, id + ".html"), "utf8"), pairs = new Set();
    for (const [, lang, body] of html.matchAll(/<pre class="[^"]*\bcode\b[^"]*"(?: data-lang="([^"]*)")?[^>]*>([\s\S]*?)<\/pre>/g)) {
      for (const [, cls] of body.matchAll(/class="(hl-[a-z]+)"/g)) pairs.add(`${lang} ${cls}`);
    }
    const fresh = [...pairs].filter((x) => !seen.has(x));
    if (fresh.length) { pick.push(id); fresh.forEach((x) => seen.add(x)); }
  }
  assert.ok(pick.length > 0 && seen.size >= 5, `highlighted code found: ${[...seen].join(", ")}`);
  const failures = [];
  for (const [scheme, toggled] of [["light", null], ["dark", null], ["light", "dark"], ["dark", "light"]]) {
    const ctx = await s.browser.newContext({ colorScheme: scheme });
    const page = await ctx.newPage();
    for (const id of pick) {
      await page.goto(s.url + id + ".html");
      if (toggled) await page.evaluate((t) => document.documentElement.setAttribute("data-theme", t), toggled);
      await page.click("#cd-answer > summary");
      await page.evaluate(AXE);
      const v = await page.evaluate(async () => (await window.axe.run({ include: [["pre.code"]] }, {
        runOnly: ["color-contrast"], resultTypes: ["violations"] })).violations);
      for (const x of v) for (const n of x.nodes) failures.push(`${toggled || scheme} ${id}: ${n.target.join(" ")} :: ${n.failureSummary.replace(/\s+/g, " ")}`);
    }
    await ctx.close();
  }
  assert.deepEqual(failures, []);
});

test("phones: 360 px wide without horizontal scrolling, touch targets at least 44 px", async () => {
  const ctx = await s.browser.newContext({ viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true });
  const page = await ctx.newPage();
  const q = s.index.docs[0];
  for (const url of ["index.html", q[0] + ".html", "study.html", "study card", "topics/index.html", "interview.html", "stats.html"]) {
    await page.goto(s.url + (url === "study card" ? "study.html" : url));
    if (url === "study card") await startSession(page);
    if (url === "study card" || url.endsWith(q[0] + ".html")) await page.click("#cd-answer > summary");
    const wide = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(wide <= 360, `${url}: page is ${wide}px wide`);
    const small = await page.evaluate(() => [...document.querySelectorAll("button, summary, select, input, .main-nav a, .pager a, .qlist a, .btn")]
      .filter((e) => e.offsetParent !== null && !e.closest(".prose"))
      .map((e) => [e, e.getBoundingClientRect()])
      .filter(([e, r]) => r.height < 44 && !e.classList.contains("copy") && !(e.type === "checkbox"))
      .map(([e, r]) => `${e.tagName}.${e.className} ${Math.round(r.height)}px`));
    assert.deepEqual(small, [], `${url}: small targets`);
  }
  await ctx.close();
});
