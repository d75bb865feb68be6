// lib.mjs: shared helpers for the browser tests: build the repository's site with the cramdown binary,
// serve it on 127.0.0.1, launch the machine's Chromium (never a downloaded one), collect page errors.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, statSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import vm from "node:vm";
import { Buffer } from "node:buffer";
import { describe, before, after } from "node:test";
import { chromium } from "playwright-core";

export const here = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(here, "../..");
export const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
const ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
  "--disable-background-networking", "--disable-component-update", "--no-first-run"];

/** The sites the tests run against: the bundled bank, and a fixture that uses every Markdown feature the README
    lists (so that a change of the bank's content cannot pass or fail a test by accident). */
export const SITES = {
  bank: { name: "bundled bank", root: repoRoot },
  fixture: { name: "feature fixture", root: path.join(repoRoot, "tests/fixtures/features") },
  subpath: { name: "feature fixture under /repo/", root: path.join(repoRoot, "tests/fixtures/features"), prefix: "/repo/" },
};

/** Builds the site whose sources are in `root` (the repository's own by default) into a fresh temporary folder and
    returns that folder; `args` are more `cramdown build` arguments (--base-url). */
export function buildSite(root = repoRoot, args = []) {
  // A site built beforehand (for working on the theme without a fresh build): used as it is.
  if (process.env.CRAMDOWN_SITE_DIR && root === repoRoot) return path.resolve(process.env.CRAMDOWN_SITE_DIR);
  const bin = path.resolve(repoRoot, process.env.CRAMDOWN_BIN || "target/release/cramdown");
  if (!existsSync(bin)) throw new Error(`cramdown binary not found at ${bin} (build it with cargo build --release or set CRAMDOWN_BIN)`);
  const parent = mkdtempSync(path.join(tmpdir(), "cramdown-browser-"));
  const out = path.join(parent, "site");
  const r = spawnSync(bin, ["build", "--root", root, "--output", out, ...args], { cwd: repoRoot, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`cramdown build of ${root} failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
  process.on("exit", () => rmSync(parent, { recursive: true, force: true }));
  return out;
}

const TYPES = { ".html": "text/html; charset=utf-8", ".css": "text/css; charset=utf-8", ".js": "text/javascript; charset=utf-8",
  ".svg": "image/svg+xml", ".png": "image/png", ".json": "application/json", ".xml": "application/xml", ".txt": "text/plain; charset=utf-8" };

/** Serves a built site on 127.0.0.1 at a random port; resolves { url, base, close, requests, dir }.
    With `prefix` ("/repo/"), like GitHub Pages for a project, the site is served only under that path and every
    other path answers 404; `dir` may then be set after the port is known (a build with that --base-url). */
export function serve(dir, { prefix = null } = {}) {
  const requests = [];
  const site = { dir, base: null };
  const server = createServer((req, res) => {
    let pathname;
    try {
      pathname = decodeURIComponent(new URL(req.url, "http://x").pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    requests.push(pathname);
    const root = site.dir;
    const notFound = () => {
      res.writeHead(404, { "content-type": TYPES[".html"] });
      res.end(existsSync(path.join(root, "404.html")) ? readFileSync(path.join(root, "404.html")) : "not found");
    };
    if (prefix) {
      if (!pathname.startsWith(prefix)) { notFound(); return; }
      pathname = "/" + pathname.slice(prefix.length);
    } else {
      // 404.html uses the path of base_url as its root (it is served at any depth): serve the site there too,
      // like GitHub Pages at a project subpath: /<base path>/x is the same file as /x.
      if (site.base === null) {
        const m = existsSync(path.join(root, "404.html")) && /data-root="(\/[^"]*\/)"/.exec(readFileSync(path.join(root, "404.html"), "utf8"));
        site.base = m ? m[1] : "";
      }
      if (site.base && pathname.startsWith(site.base)) pathname = "/" + pathname.slice(site.base.length);
    }
    let file = path.join(root, pathname);
    if (!file.startsWith(root)) { res.writeHead(403).end(); return; }
    if (existsSync(file) && statSync(file).isDirectory()) file = path.join(file, "index.html");
    if (!existsSync(file)) { notFound(); return; }
    res.writeHead(200, { "content-type": TYPES[path.extname(file)] || "application/octet-stream", "cache-control": "no-store",
      // The theme must work under a strict policy: no inline script or style, nothing from elsewhere.
      "content-security-policy": "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'" });
    res.end(readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => {
    const { port } = server.address();
    resolve({
      url: `http://127.0.0.1:${port}${prefix || "/"}`, requests,
      get base() { return prefix || site.base || null; },
      get dir() { return site.dir; },
      set dir(d) { site.dir = d; site.base = null; },
      close: () => new Promise((r) => server.close(r)),
    });
  }));
}

/** Launches the machine's Chromium; fails loudly when it is missing. */
export async function launch() {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install -y chromium chromium-driver`);
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
}

/** Records console errors, uncaught exceptions, failed requests and requests to other hosts. */
export function watch(page, allowedOrigin) {
  const problems = [];
  page.on("console", (m) => { if (m.type() === "error") problems.push(`console: ${m.text()} (${page.url()})`); });
  page.on("pageerror", (e) => problems.push(`exception: ${e.message} (${page.url()})`));
  // Requests cut short by the next navigation (the favicon, often) are not failures of the site.
  page.on("requestfailed", (r) => { if (r.failure()?.errorText !== "net::ERR_ABORTED") problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`); });
  page.on("request", (r) => {
    const u = r.url();
    if (!(u.startsWith(allowedOrigin) || u.startsWith("file:") || u.startsWith("data:") || u.startsWith("blob:"))) problems.push(`external request: ${u}`);
  });
  page.on("response", (r) => { if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`); });
  return problems;
}

/** The search index of a built site (format 3: search-index.js and search-index/*.js), evaluated like the browser
    does and put back together: { head, parts, topics, docs: [[id, title, [topic indexes], difficulty, summary]],
    terms, postings } (every term of every shard, in order). */
export function readIndex(dir) {
  const ctx = { window: {} };
  vm.runInNewContext(readFileSync(path.join(dir, "search-index.js"), "utf8"), ctx);
  for (const name of readdirSync(path.join(dir, "search-index")).sort()) {
    vm.runInNewContext(readFileSync(path.join(dir, "search-index", name), "utf8"), ctx);
  }
  // Through JSON: objects made in the vm's realm fail deepStrictEqual against this realm's [] and {}.
  const head = JSON.parse(JSON.stringify(ctx.window.CRAMDOWN_SEARCH));
  const parts = JSON.parse(JSON.stringify(ctx.window.CRAMDOWN_SEARCH_PARTS || {}));
  const docs = head.titles.map((title, i) => {
    const [id, topics, difficulty, summary] = parts[`docs-${Math.floor(i / head.chunk)}`][i % head.chunk];
    return [id, title, topics, difficulty, summary];
  });
  const shards = head.shards.map((_, k) => parts[`terms-${k}`]);
  return { head, parts, topics: head.topics, docs, terms: shards.flatMap((x) => x.terms), postings: shards.flatMap((x) => x.postings) };
}

/** Every .html file of a built site, relative to it. */
export function htmlFiles(dir, sub = "") {
  return readdirSync(path.join(dir, sub), { withFileTypes: true }).flatMap((e) => {
    const rel = sub ? `${sub}/${e.name}` : e.name;
    if (e.isDirectory()) return htmlFiles(dir, rel);
    return e.name.endsWith(".html") ? [rel] : [];
  });
}

/** The slug of a doc's first topic (docs hold topic indexes). */
export const firstTopic = (index, doc) => index.topics[doc[2][0]][0];

/** The smallest topic with at least `min` questions: { slug, title, ids }. */
export function smallTopic(index, min = 3) {
  const by = {};
  for (const [id, , topics] of index.docs) for (const t of topics) (by[t] ||= []).push(id);
  const [t, ids] = Object.entries(by).filter(([, v]) => v.length >= min).sort((a, b) => a[1].length - b[1].length)[0];
  const [slug, title] = index.topics[t];
  return { slug, title, ids };
}

export const fileUrl = (dir, rel) => pathToFileURL(path.join(dir, rel)).href;

/** The path of a page's URL, decoded (pages of the fixture have Unicode names), for comparing with index ids. */
export const decodedPath = (url) => decodeURIComponent(new URL(url).pathname);

/** One built site (SITES.bank by default), one server and one browser for a test file. A site with a prefix is
    built with --base-url at that prefix of the server's address and served only there. */
export async function setup(site = SITES.bank) {
  const browser = await launch();
  let dir, server, index;
  try {
    if (site.prefix) {
      server = await serve(null, { prefix: site.prefix });
      dir = server.dir = buildSite(site.root, ["--base-url", server.url]);
    } else {
      dir = buildSite(site.root);
      server = await serve(dir);
    }
    index = readIndex(dir);
  } catch (e) {
    await browser.close();
    await server?.close();
    throw e;
  }
  return { site, dir, server, browser, index, url: server.url,
    /** A page's path relative to the site (what index ids are), from a URL of this server. */
    rel: (url) => decodeURIComponent(new URL(url).pathname).slice(new URL(server.url).pathname.length),
    async close() { await browser.close(); await server.close(); } };
}

/** Runs `body(getSite)` inside a describe block per site of `sites`, each with its own setup() and close(). */
export function forEachSite(sites, body) {
  for (const site of sites) {
    describe(site.name, () => {
      let s;
      before(async () => { s = await setup(site); });
      after(async () => { await s?.close(); });
      body(() => s);
    });
  }
}

/** Tokens as the generator indexes them (docs/TEMPLATES.md, "Search index, format 3"). */
export function tokens(text, stop = new Set()) {
  return text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((w) => w.length >= 2 && !stop.has(w));
}

/** One posting list, whichever form is shorter: "d" + base-36 gaps joined by ".", or "b" + a base64 bitset. */
export function encodePosting(ids) {
  let prev = 0;
  const gaps = "d" + ids.map((i) => { const g = (i - prev).toString(36); prev = i; return g; }).join(".");
  const bytes = new Uint8Array((ids[ids.length - 1] >> 3) + 1);
  for (const i of ids) bytes[i >> 3] |= 1 << (i & 7);
  const bits = "b" + Buffer.from(bytes).toString("base64").replace(/=+$/, "");
  return bits.length < gaps.length ? bits : gaps;
}

/** A format-3 index from [[id, title, [topic indexes], difficulty code, summary, full text]], split like the
    generator splits it (src/search/files.rs): { head, parts, terms, postings }. What the tests use to make big
    synthetic sites; `script(index)` turns it into the script that injects it. */
export function encodeIndex(topics, docs, stop = new Set()) {
  const map = new Map();
  docs.forEach(([, title, ts, , , text], i) => {
    const words = tokens([title, ...ts.map((t) => topics[t][1]), text].join(" "), stop);
    for (const w of new Set(words)) { let l = map.get(w); if (!l) map.set(w, (l = [])); l.push(i); }
  });
  const terms = [...map.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const postings = terms.map((t) => encodePosting(map.get(t)));
  const chunk = 50, parts = {}, shards = [];
  for (let k = 0; k * chunk < docs.length; k++) {
    parts[`docs-${k}`] = docs.slice(k * chunk, (k + 1) * chunk).map(([id, , ts, difficulty, summary]) => [id, ts, difficulty, summary]);
  }
  let start = 0, bytes = 0;
  const close = (end) => { parts[`terms-${shards.length}`] = { terms: terms.slice(start, end), postings: postings.slice(start, end) }; shards.push(terms[start]); };
  terms.forEach((t, i) => {
    if (bytes >= 32 * 1024) { close(i); start = i; bytes = 0; }
    bytes += t.length + postings[i].length + 6;
  });
  if (start < terms.length) close(terms.length);
  const head = { v: 3, stop: [...stop], topics, chunk, titles: docs.map((d) => d[1]), shards };
  return { head, parts, terms, postings };
}

/** Waits until search.js (which cramdown.js loads on first use) is loaded: window.cramdownSearch is then there. */
export const searchReady = (page) => page.evaluate(() => new Promise((resolve) => window.cramdown.loadSearch(() => resolve())));

/** The script that puts an index made by encodeIndex in place before a page's own scripts run. */
export const indexScript = (index) =>
  `window.CRAMDOWN_SEARCH=${JSON.stringify(index.head)};window.CRAMDOWN_SEARCH_PARTS=${JSON.stringify(index.parts)};`;

/** The doc indexes of one posting list (the inverse of encodePosting). */
export function decodePosting(p) {
  if (p[0] === "b") {
    const bytes = Buffer.from(p.slice(1), "base64"), out = [];
    bytes.forEach((b, i) => { for (let n = 0; n < 8; n++) if (b & (1 << n)) out.push(i * 8 + n); });
    return out;
  }
  let at = 0;
  return p.length > 1 ? p.slice(1).split(".").map((g) => (at += parseInt(g, 36))) : [];
}
