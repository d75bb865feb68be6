// offline.test.mjs: a site with a base_url works offline once visited over HTTP: its service worker caches every
// file on the first visit; offline, a question page never opened before loads, reveals and grades, search finds
// answers and a study session runs to its summary. A new build shows after reload once online, and replaces the
// old cache. From file:// no service worker is registered and nothing changes.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { launch, serve, watch, readIndex, smallTopic, fileUrl, repoRoot } from "./lib.mjs";

const BIN = path.resolve(repoRoot, process.env.CRAMDOWN_BIN || "target/release/cramdown");
let work, root, out, server, browser, index;

/** Builds the copied bank (its site.toml has a base_url) into `out`, replacing the previous build. */
function build() {
  const r = spawnSync(BIN, ["build", "--root", root, "--output", out], { encoding: "utf8" });
  assert.equal(r.status, 0, r.stderr);
}

before(async () => {
  work = mkdtempSync(path.join(tmpdir(), "cramdown-offline-"));
  root = path.join(work, "site");
  out = path.join(work, "public");
  cpSync(path.join(repoRoot, "site.toml"), path.join(root, "site.toml"));
  cpSync(path.join(repoRoot, "content"), path.join(root, "content"), { recursive: true });
  build();
  index = readIndex(out);
  server = await serve(out);
  browser = await launch();
});
after(async () => { await browser?.close(); await server?.close(); rmSync(work, { recursive: true, force: true }); });

/** This site's caches (name -> number of entries), as the page sees them. */
const cacheSizes = (page) => page.evaluate(async () => {
  const sizes = {};
  for (const name of await caches.keys()) sizes[name] = (await (await caches.open(name)).keys()).length;
  return sizes;
});
const cachedFiles = () => JSON.parse(/var FILES = (\[.*\]);/.exec(readFileSync(path.join(out, "sw.js"), "utf8"))[1]);

test("offline after one visit: a new page, reveal, grade, search and a study session; a new build shows online", async () => {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  const problems = watch(page, server.url);
  await page.goto(server.url + "index.html");
  assert.equal(await page.getAttribute('link[rel="manifest"]', "href"), "manifest.webmanifest");
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  const files = cachedFiles();
  assert.ok(files.includes("search-index.js") && files.includes("study.html") && files.includes("./"));
  const first = await cacheSizes(page);
  assert.deepEqual(Object.values(first), [files.length], "one cache holding every file of the build");

  await ctx.setOffline(true);
  const network = await page.evaluate(() => fetch("not-a-file-of-the-site.txt").then(() => "reached", () => "offline"));
  assert.equal(network, "offline", "the browser really is offline");
  // A question page never opened before, from the cache.
  const [id, title] = index.docs[index.docs.length - 1];
  await page.goto(server.url + id + ".html");
  assert.equal(await page.innerText("h1"), title);
  await page.click("#cd-answer > summary");
  await page.locator("#cd-answer-body").waitFor({ state: "visible" });
  // The scheduler (vendor/ts-fsrs.min.js) loads on the reveal: from the cache too.
  await page.click('.grade [data-rating="3"]');
  await page.locator(".grade-status", { hasText: "Saved as Good" }).waitFor();
  const site = await page.getAttribute("html", "data-site");
  const stored = await page.evaluate((k) => JSON.parse(localStorage.getItem(k)), `cramdown:${site}:progress`);
  assert.deepEqual(stored.log.map((r) => [r.card, r.rating]), [[id, 3]]);
  // Search loads its index from the cache.
  await page.fill("#cd-search", "metadata");
  await page.locator("#cd-search-results a").first().waitFor();
  assert.match(await page.innerText("#cd-search-results"), /metadata/i);
  // A study session over a small topic, to its summary.
  const topic = smallTopic(index, 2);
  await page.goto(server.url + "study.html?topic=" + topic.slug);
  await page.waitForFunction(() => /match/.test(document.getElementById("cd-study-count").textContent));
  await Promise.all([page.waitForEvent("load"), page.click("#cd-study-start")]);
  for (let i = 1; i <= topic.ids.length; i++) {
    assert.equal(await page.innerText("#cd-study-progress"), `Card ${i} of ${topic.ids.length}`);
    await page.keyboard.press("Space");
    await page.locator("#cd-answer-body").waitFor({ state: "visible" });
    await Promise.all([page.waitForEvent("load"), page.keyboard.press("3")]);
  }
  assert.match(page.url(), /study\.html#summary$/);
  await page.locator("#cd-summary, .summary, main").first().waitFor();

  // A new build with a changed answer; back online, a reload shows it.
  const source = path.join(root, "content", id + ".md"); // the bank sets no slug: ids mirror content paths
  writeFileSync(source, readFileSync(source, "utf8") + "\nA sentence added after the first visit.\n");
  build();
  await ctx.setOffline(false);
  await page.goto(server.url + id + ".html");
  assert.match(await page.textContent("#cd-answer-body"), /A sentence added after the first visit\./);
  // The new worker installs and replaces the old cache with the new build's.
  let now = first;
  // Installing caches every file of the build: on a busy machine that takes a while (the deadline is a safety net).
  for (let tries = 0; tries < 600 && (Object.keys(now).length !== 1 || Object.keys(now)[0] === Object.keys(first)[0]); tries++) {
    await page.waitForTimeout(100);
    now = await cacheSizes(page);
  }
  assert.equal(Object.keys(now).length, 1, JSON.stringify(now));
  assert.notEqual(Object.keys(now)[0], Object.keys(first)[0], "a new cache for the new build");
  assert.deepEqual(problems.filter((p) => !/ERR_INTERNET_DISCONNECTED/.test(p)), []);
  await ctx.close();
});

test("from file:// no service worker is registered and the site works as before", async () => {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  const problems = watch(page, "file://");
  await page.goto(fileUrl(out, "index.html"));
  const [id] = index.docs[0];
  await page.goto(fileUrl(out, id + ".html"));
  await page.click("#cd-answer > summary");
  await page.locator("#cd-answer-body").waitFor({ state: "visible" });
  const registrations = await page.evaluate(async () => {
    if (!("serviceWorker" in navigator)) return 0;
    try { return (await navigator.serviceWorker.getRegistrations()).length; } catch { return 0; }
  });
  assert.equal(registrations, 0);
  assert.deepEqual(problems, []);
  await ctx.close();
});
