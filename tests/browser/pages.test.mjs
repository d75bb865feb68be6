// pages.test.mjs: a long topic split into pages works from file://: previous/next links by click and by key,
// the known count over the whole topic on every page, search from a page two folders down, the catalog's ids, axe.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { launch, watch, fileUrl, repoRoot, searchReady } from "./lib.mjs";

let dir, out, browser;
before(async () => {
  // 230 questions in one topic, 100 per page: topics/big.html, topics/big/2.html, topics/big/3.html.
  dir = mkdtempSync(path.join(tmpdir(), "cramdown-pages-"));
  writeFileSync(path.join(dir, "site.toml"), 'title = "Paged"\npaginate = 100\n\n[topics.big]\ntitle = "Big topic"\n');
  mkdirSync(path.join(dir, "content/big"), { recursive: true });
  for (let i = 0; i < 230; i++) {
    const n = String(i).padStart(3, "0");
    writeFileSync(path.join(dir, `content/big/q${n}.md`),
      `+++\ntitle = "Question number ${n} about queues"\ntopics = ["big"]\n+++\n\n## Answer\n\nAnswer ${n}.\n`);
  }
  // Two ids that share a non-ASCII start (the catalog writes each id as what it shares with the previous one).
  mkdirSync(path.join(dir, "content/small"), { recursive: true });
  for (const name of ["écrire-deux", "écrire-un"]) {
    writeFileSync(path.join(dir, `content/small/${name}.md`), `+++\ntitle = "${name}"\ntopics = ["small"]\n+++\n\nText.\n`);
  }
  out = path.join(dir, "public");
  const bin = path.resolve(repoRoot, process.env.CRAMDOWN_BIN || "target/release/cramdown");
  const r = spawnSync(bin, ["build", "--root", dir, "--output", out], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`cramdown build failed:\n${r.stderr}`);
  browser = await launch();
});
after(async () => {
  await browser?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const titles = (page) => page.locator("#cd-qlist a.qtitle").evaluateAll((as) => as.map((a) => a.textContent));

test("previous and next links walk the pages of a topic from file://", async () => {
  const page = await browser.newPage();
  const problems = watch(page, "file://");
  await page.goto(fileUrl(out, "topics/big.html"));
  const first = await titles(page);
  assert.equal(first.length, 100);
  assert.equal(first[0], "Question number 000 about queues");
  assert.equal(await page.locator("a[rel=prev]").count(), 0);
  await page.getByRole("link", { name: /Next page/ }).click();
  await page.waitForURL(fileUrl(out, "topics/big/2.html"));
  assert.equal((await titles(page))[0], "Question number 100 about queues");
  // Arrow keys follow rel=next and rel=prev, as on question pages.
  await page.keyboard.press("ArrowRight");
  await page.waitForURL(fileUrl(out, "topics/big/3.html"));
  const last = await titles(page);
  assert.equal(last.length, 30);
  assert.equal(last[29], "Question number 229 about queues");
  assert.equal(await page.locator("a[rel=next]").count(), 0);
  await page.getByRole("link", { name: /Previous page/ }).click();
  await page.waitForURL(fileUrl(out, "topics/big/2.html"));
  await page.keyboard.press("ArrowLeft");
  await page.waitForURL(fileUrl(out, "topics/big.html"));
  assert.deepEqual(problems, []);
  await page.close();
});

test("the known count covers the whole topic on every page, and search works two folders down", async () => {
  const page = await browser.newPage();
  const problems = watch(page, "file://");
  const count = () => page.waitForFunction((want) =>
    document.querySelector("[data-topic-known=big]").textContent === want, "1 of 230 known");
  // Grade a question listed on page 3 only.
  await page.goto(fileUrl(out, "big/q225.html"));
  await page.click("#cd-answer > summary");
  await page.click('.grade [data-rating="4"]'); // Easy: in review, so known
  for (const p of ["topics/big.html", "topics/big/2.html", "topics/big/3.html", "index.html"]) {
    await page.goto(fileUrl(out, p));
    await count();
  }
  await page.goto(fileUrl(out, "topics/big/2.html"));
  await page.fill("#cd-search", "number 217");
  const results = page.locator("#cd-search-results a");
  await results.first().waitFor();
  assert.equal(await results.first().getAttribute("href"), "../../big/q217.html");
  await results.first().click();
  await page.waitForURL(fileUrl(out, "big/q217.html"));
  assert.deepEqual(problems, []);
  await page.close();
});

test("the catalog gives back every id, non-ASCII ones included", async () => {
  const page = await browser.newPage();
  await page.goto(fileUrl(out, "topics/big.html"));
  await searchReady(page);
  const ids = await page.evaluate(() => new Promise((res, rej) => window.cramdownSearch.loadCatalog((docs) => res(docs.map((d) => d.id)), rej)));
  const want = [...Array.from({ length: 230 }, (_, i) => `big/q${String(i).padStart(3, "0")}`), "small/écrire-deux", "small/écrire-un"];
  assert.deepEqual(ids, want);
  await page.close();
});

test("a middle page passes axe in both themes, from file://", async () => {
  const axe = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
  for (const colorScheme of ["light", "dark"]) {
    const ctx = await browser.newContext({ colorScheme });
    const page = await ctx.newPage();
    await page.goto(fileUrl(out, "topics/big/2.html"));
    await page.evaluate(axe);
    const violations = await page.evaluate(async () => (await window.axe.run(document, { resultTypes: ["violations"] }))
      .violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`));
    assert.deepEqual(violations, [], colorScheme);
    await ctx.close();
  }
});
