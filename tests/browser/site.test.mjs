// site.test.mjs: for the bank, the fixture and the fixture under /repo/: every page loads without console errors, failed or external requests; page weight budget; vnu validation.
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { forEachSite, SITES, watch, htmlFiles } from "./lib.mjs";

forEachSite([SITES.bank, SITES.fixture, SITES.subpath], (site) => {
  let s;
  before(() => { s = site(); });

  test("no console errors, failed requests or external requests on any page", async () => {
    const ctx = await s.browser.newContext();
    const page = await ctx.newPage();
    const problems = watch(page, s.url);
    const files = htmlFiles(s.dir);
    assert.ok(files.length > 5);
    for (const f of files) {
      if (f === "404.html") continue;
      const res = await page.goto(s.url + f);
      assert.equal(res.status(), 200, f);
    }

    // Opening search loads the index; a question page asks for nothing outside the site (no /favicon.ico).
    await page.goto(s.url + "index.html");
    await page.fill("#cd-search", "a");
    await page.locator("#cd-search-results").waitFor();
    assert.ok(!s.server.requests.includes("/favicon.ico"), "favicon.ico was requested");
    assert.deepEqual(problems, []);
    // With a base URL the 404 page works at any depth (GitHub Pages serves it for every missing path): only the page
    // itself is a 404. Without one its links are relative, right only at the top level.
    for (const missing of s.server.base ? ["no-such-page.html", "deep/er/missing.html"] : ["no-such-page.html"]) {
      const url = new URL((s.server.base || "/") + missing, s.url).href;
      const res = await page.goto(url);
      assert.equal(res.status(), 404);
      assert.match(await page.locator("h1").innerText(), /not found/i);
      await page.click("#cd-theme");
    }
    assert.deepEqual(problems.filter((p) => !/no-such-page|missing\.html/.test(p)), []);
    await ctx.close();
  });

  test("a question page downloads under 60 KB (HTML, CSS, JS; search index aside)", async () => {
    const ctx = await s.browser.newContext();
    const page = await ctx.newPage();
    const sizes = {};
    page.on("response", async (r) => {
      const rel = s.rel(r.url());
      if (!rel.endsWith("search-index.js")) sizes[rel] = statSync(path.join(s.dir, rel)).size;
    });
    // Assets are the same on every question page: measure them on one, then add each page's own HTML.
    await page.goto(s.url + s.index.docs[0][0] + ".html", { waitUntil: "networkidle" });
    const page0 = s.index.docs[0][0] + ".html";
    assert.ok(!Object.keys(sizes).some((p) => p.endsWith("/study.js")), "study.js loads only on ?study pages");
    const assets = Object.entries(sizes).filter(([p]) => !p.endsWith(page0)).reduce((a, [, b]) => a + b, 0);
    const over = s.index.docs.map((d) => [d[0], assets + statSync(path.join(s.dir, d[0] + ".html")).size])
      .filter(([, total]) => total >= 60 * 1024);
    assert.deepEqual(over, [], `assets ${assets} bytes (${JSON.stringify(sizes)}); pages over 60 KB with them: ${over.length}`);
    await ctx.close();
  });

  test("the Nu HTML Checker (vnu-jar) reports zero errors", () => {
    const jar = path.join(path.dirname(createRequire(import.meta.url).resolve("vnu-jar/package.json")), "build/dist/vnu.jar");
    const r = spawnSync("java", ["-jar", jar, "--skip-non-html", "--errors-only", s.dir], { encoding: "utf8" });
    assert.ok(!r.error, `java could not run: ${r.error?.message} (install a JRE: apt-get install -y default-jre-headless)`);
    assert.equal(r.status, 0, r.stderr + r.stdout);
    assert.equal((r.stderr + r.stdout).trim(), "");
  });

  test("scripts and styles are files: no inline script, handler or style attribute (strict CSP)", () => {
    for (const f of htmlFiles(s.dir)) {
      const html = readFileSync(path.join(s.dir, f), "utf8");
      assert.doesNotMatch(html, /<script(?![^>]*\bsrc=)[^>]*>/i, `${f}: inline <script>`);
      assert.doesNotMatch(html, /\son[a-z]+\s*=/i, `${f}: inline event handler`);
      assert.doesNotMatch(html, /<[a-z][^>]*\sstyle\s*=/i, `${f}: style attribute`);
      assert.doesNotMatch(html, /(src|href)="(https?:)?\/\/(?!cramdown\.github\.io)[^"]*\.(js|css|woff2?)"/i, `${f}: external asset`);
    }
  });
});
