// choices-a11y.test.mjs: axe-core finds zero violations on multiple-choice pages and the mock exam, in every state
// (before and after Check, setup, a question with a flag, the confirmation, the result), light and dark; the Nu HTML
// Checker finds zero errors in the built pages and in each of those states as the browser holds them.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { watch } from "./lib.mjs";
import { setupFixture } from "./fixture.mjs";

const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const VNU = path.join(path.dirname(require.resolve("vnu-jar/package.json")), "build/dist/vnu.jar");
let s, states;
before(async () => {
  s = await setupFixture();
  states = mkdtempSync(path.join(tmpdir(), "cramdown-states-"));
  process.on("exit", () => rmSync(states, { recursive: true, force: true }));
});
after(async () => { await s?.close(); });

async function audit(page, label) {
  await page.evaluate(AXE);
  const violations = await page.evaluate(async () => (await window.axe.run(document, { resultTypes: ["violations"] })).violations
    .map((v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.slice(0, 5).map((n) => n.target.join(" ") + " :: " + n.failureSummary.replace(/\s+/g, " ")).join("\n    ")}`));
  assert.deepEqual(violations, [], `${label}:\n  ${violations.join("\n  ")}`);
}

// Each state as the browser holds it, for the Nu checker (axe's own script left out).
let saved = 0;
async function keep(page, label) {
  const html = await page.evaluate(() => {
    document.querySelectorAll("script:not([src])").forEach((x) => x.remove());
    return "<!DOCTYPE html>\n" + document.documentElement.outerHTML;
  });
  writeFileSync(path.join(states, `${String(++saved).padStart(2, "0")}-${label.replace(/[^a-z0-9]+/gi, "-")}.html`), html);
}

const STEPS = [
  ["single answer", "storage/efs.html", null],
  ["single answer checked wrong", "storage/efs.html", async (page) => {
    await page.locator("#cd-choices li", { hasText: "Instance store" }).locator("label").click();
    await page.click("#cd-check");
  }],
  ["multiple response checked", "storage/classes.html", async (page) => {
    await page.locator("#cd-choices li", { hasText: "Deep Archive" }).locator("label").click();
    await page.click("#cd-check");
  }],
  ["exam setup", "exam.html", null],
  ["exam question flagged", "exam.html", async (page) => {
    await page.click("#cd-exam-start");
    await page.locator("#cd-exam-choices label").first().click();
    await page.click("#cd-exam-flag");
    await page.click("#cd-exam-next");
  }],
  ["exam confirmation", "exam.html", async (page) => {
    await page.click("#cd-exam-submit");
  }],
  ["exam result", "exam.html", async (page) => {
    await page.click("#cd-exam-submit");
    await page.click("#cd-exam-confirm-yes");
    await page.locator("#cd-exam-review details").first().locator("summary").click();
  }],
  ["exam setup with history", "exam.html", null],
];

for (const scheme of ["light", "dark"]) {
  test(`no axe violations on choices and the exam, ${scheme}`, async () => {
    const ctx = await s.browser.newContext({ colorScheme: scheme });
    const page = await ctx.newPage();
    const problems = watch(page, s.server.url);
    for (const [label, url, act] of STEPS) {
      // The exam resumes across reloads: the confirmation and result steps continue the running exam.
      if (!label.startsWith("exam confirmation") && !label.startsWith("exam result")) await page.goto(s.url + url);
      if (act) await act(page);
      await audit(page, `${label} (${scheme})`);
      if (scheme === "light") await keep(page, label);
    }
    assert.deepEqual(problems, []);
    await ctx.close();
  });
}

test("the Nu HTML Checker reports zero errors on the built pages and on every state", () => {
  assert.equal(saved, STEPS.length, "states kept by the light run");
  const r = spawnSync("java", ["-jar", VNU, "--skip-non-html", "--errors-only", s.dir, states], { encoding: "utf8" });
  assert.ok(!r.error, `java could not run: ${r.error?.message}`);
  assert.equal((r.stderr + r.stdout).trim(), "");
  assert.equal(r.status, 0);
});

test("phones: the exam and a checked question fit 360 px with 44 px targets", async () => {
  const ctx = await s.browser.newContext({ viewport: { width: 360, height: 740 }, hasTouch: true, isMobile: true });
  const page = await ctx.newPage();
  for (const [label, url, act] of [STEPS[2], STEPS[4]]) {
    await page.goto(s.url + url);
    await act(page);
    const wide = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(wide <= 360, `${label}: page is ${wide}px wide`);
    const small = await page.evaluate(() => [...document.querySelectorAll("button, summary, select, input:not([type=checkbox]):not([type=radio]), .main-nav a, label.choice-label")]
      .filter((e) => e.offsetParent !== null)
      .map((e) => [e, e.getBoundingClientRect()])
      .filter(([, r]) => r.height < 44)
      .map(([e, r]) => `${e.tagName}.${e.className} ${Math.round(r.height)}px`));
    assert.deepEqual(small, [], `${label}: small targets`);
  }
  await ctx.close();
});
