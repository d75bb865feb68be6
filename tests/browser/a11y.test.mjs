// a11y.test.mjs: axe-core finds zero violations on every page of the bundled bank and of the feature fixture, in
// light and dark, with answers revealed, search results open, a study card and summary and the help dialog; axe's
// incomplete results are all printed, and fail unless they match a reason reviewed by hand (REVIEWED).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { forEachSite, SITES, watch, htmlFiles } from "./lib.mjs";

const AXE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/** axe's incomplete results ("needs review": it could not decide) that were reviewed by hand: [rule, reason]. An
    incomplete result is printed either way; one that matches none of these fails, to be reviewed and fixed or added. */
const REVIEWED = [
  // Keys such as ←, →, / and ? in <kbd>: axe computes no contrast for symbols; <kbd> text passes wherever it is letters.
  ["color-contrast", /content contains only non-text characters/],
  // Text under the open search results: the panel covers it (the panel's own text is audited and passes).
  ["color-contrast", /is overlapped by another element|partially overlaps other elements/],
  // The statistics charts' SVG <text> labels: axe does not compute a background inside an <svg>. They are filled with
  // --muted on the page background, the muted text colour that passes wherever axe can measure it (.meta, .count).
  ["color-contrast", /background color could not be determined because element contains an image node/],
];

/** axe-core on the page as it is now: { violations, incomplete, reviewed } as lines naming the page. */
async function audit(page, label) {
  // The pointer off the content: where the last click left it, it may hover a heading and show its
  // anchor link, and what axe finds would depend on the layout of the page before.
  await page.mouse.move(0, 0);
  // Injected through the DevTools protocol: a strict CSP forbids inline <script>.
  await page.evaluate(AXE);
  const found = await page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ["violations", "incomplete"] });
    const nodes = (v) => v.nodes.map((n) => ({ target: n.target.join(" "),
      reason: (n.failureSummary || n.any.concat(n.all, n.none).map((c) => c.message).join("; ")).replace(/\s+/g, " ") }));
    const pick = (v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: nodes(v) });
    return { violations: r.violations.map(pick), incomplete: r.incomplete.map(pick) };
  });
  const line = (v, n) => `${label}: ${v.id} (${v.impact}): ${v.help} :: ${n.target} :: ${n.reason}`;
  const reviewed = (v, n) => REVIEWED.some(([id, reason]) => id === v.id && reason.test(n.reason));
  const lines = (list, keep) => list.flatMap((v) => v.nodes.filter((n) => keep(v, n)).map((n) => line(v, n)));
  return {
    violations: lines(found.violations, () => true),
    incomplete: lines(found.incomplete, (v, n) => !reviewed(v, n)),
    reviewed: lines(found.incomplete, reviewed),
  };
}

// From the setup page to the first card (a question page opened with ?study).
async function startSession(page) {
  await page.waitForFunction(() => /match/.test(document.getElementById("cd-study-count").textContent));
  await Promise.all([page.waitForURL("**?study"), page.click("#cd-study-start")]);
  await page.locator(".study-bar .card-nav").waitFor();
}

forEachSite([SITES.bank, SITES.fixture], (site) => {
  for (const scheme of ["light", "dark"]) {
    test(`no axe violations on any page in the ${scheme} theme; incomplete results printed`, async (t) => {
      const s = site();
      const ctx = await s.browser.newContext({ colorScheme: scheme, viewport: { width: 1280, height: 900 } });
      const page = await ctx.newPage();
      const problems = watch(page, s.url);
      const questions = new Set(s.index.docs.map((d) => d[0] + ".html"));
      const q = s.index.docs.find((d) => d[3]) || s.index.docs[0];
      // Every page the build wrote, question pages with their answer revealed.
      const steps = htmlFiles(s.dir).sort().map((file) => [file, file,
        questions.has(file) ? async () => { await page.click("#cd-answer > summary"); } : null]);
      // And the states that scripts make.
      steps.push(
        ["search results", "index.html", async () => {
          await page.fill("#cd-search", q[1].split(/\s+/)[0]);
          await page.locator("#cd-search-results a").first().waitFor();
        }],
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
      );
      const violations = [], incomplete = [], reviewed = [];
      const record = (found) => {
        violations.push(...found.violations);
        incomplete.push(...found.incomplete);
        reviewed.push(...found.reviewed);
      };
      for (const [label, url, act] of steps) {
        await page.goto(s.url + url);
        if (act) await act();
        record(await audit(page, `${label} (${scheme})`));
      }
      // The explicit toggle gives the other theme the same result.
      await page.goto(s.url + q[0] + ".html");
      await page.click("#cd-theme");
      await page.click("#cd-answer > summary");
      record(await audit(page, `question after toggling away from ${scheme}`));
      for (const line of reviewed) t.diagnostic(`axe incomplete (reviewed, see REVIEWED): ${line}`);
      for (const line of incomplete) t.diagnostic(`axe incomplete (not reviewed): ${line}`);
      assert.ok(steps.length > 10, `${steps.length} pages audited`);
      assert.deepEqual(violations, [], violations.join("\n"));
      assert.deepEqual(incomplete, [], "incomplete results nobody reviewed:\n" + incomplete.join("\n"));
      assert.deepEqual(problems, []);
      await ctx.close();
    });
  }

  // syntax.css is the generator's: its nine hl-* colours must pass wherever they are used, in both themes (system
  // preference and the toggle). Pages are picked so that every (language, class) pair of the site is audited once.
  test("highlighted code passes colour contrast, light and dark", async () => {
    const s = site();
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
    const s = site();
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
});

// The fixture's long JSON and YAML lines scroll sideways: the block is reached with Tab and scrolled with the arrows
// (axe would flag it as scrollable-region-focusable otherwise, as it does once the tabindex is taken away).
forEachSite([SITES.fixture], (site) => {
  test("a code block that scrolls sideways is reached with Tab, named, and scrolled with the arrow keys", async () => {
    const s = site();
    const ctx = await s.browser.newContext({ viewport: { width: 800, height: 900 } });
    const page = await ctx.newPage();
    const problems = watch(page, s.url);
    const id = s.index.docs.find((d) => d[0].endsWith("/json-yaml"))[0];
    await page.goto(s.url + id + ".html");
    const scrolling = await page.evaluate(() => [...document.querySelectorAll("pre.code")]
      .filter((pre) => pre.scrollWidth > pre.clientWidth && pre.offsetParent).length);
    assert.ok(scrolling >= 1, "the prompt's JSON scrolls");
    let focused = null;
    for (let i = 0; i < 40 && !focused; i++) {
      await page.keyboard.press("Tab");
      focused = await page.evaluate(() => document.activeElement.matches("pre.code") &&
        [document.activeElement.getAttribute("aria-label"), document.activeElement.getAttribute("role")]);
    }
    assert.deepEqual(focused, ["Code: json", "group"]);
    assert.notEqual(await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle), "none", "focus ring");
    await page.keyboard.press("ArrowRight");
    await page.waitForFunction(() => document.activeElement.scrollLeft > 0);
    assert.equal(s.rel(page.url()), id + ".html", "the arrow scrolled the code instead of moving to the next question");

    await page.evaluate(AXE);
    const rule = async () => page.evaluate(async () => (await window.axe.run(document, { runOnly: ["scrollable-region-focusable"] }))
      .violations.length);
    assert.equal(await rule(), 0);
    await page.evaluate(() => document.querySelectorAll("pre.code").forEach((pre) => pre.removeAttribute("tabindex")));
    assert.equal(await rule(), 1, "axe flags a scrolling block without tabindex");
    assert.deepEqual(problems, []);
    await ctx.close();
  });
});
