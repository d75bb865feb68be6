// search.mjs: how fast search answers in the browser, on the index cramdown itself generates for a
// synthetic bank (examples/corpus.rs), in the machine's headless Chromium. Timings live here and in
// BENCHMARKS.md, never in tests.
//
//   node benches/search.mjs [COUNT=10000] [ROUNDS=7]
//
// Needs target/release/cramdown and the corpus example (cargo build --release --example corpus) and
// the browser tests' npm packages (npm ci --prefix tests/browser). Each round opens every query in a
// fresh question page (which loads no part of the index before a search), so each first search pays
// for loading and parsing the parts of the split index it needs (search-index.js, the term shards of
// its words, the detail chunks of the results shown); then the same query runs again on the loaded
// parts. It prints, per query, the bytes of index files the first search downloaded, and p50/p95/max
// over the rounds of: load+parse+first query, and the query alone once loaded.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { serve, launch, repoRoot, searchReady } from "../tests/browser/lib.mjs";

const count = Number(process.argv[2] || 10000);
const rounds = Number(process.argv[3] || 7);
// One- and two-letter prefixes, whole words, several words, no match, numbers and titles.
const QUERIES = ["s", "e", "co", "la", "iam", "lambda", "bucket policy", "replica stream", "encryption key rotation",
  "zzzz", "question", "cloudformation stack", "dynamodb partition", "vpc subnet route"];

function run(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: repoRoot, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed:\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

const work = mkdtempSync(path.join(tmpdir(), "cramdown-search-bench-"));
try {
  run(path.join(repoRoot, "target/release/examples/corpus"), ["--count", String(count), "--seed", "1", "--out", work]);
  const out = path.join(work, "public");
  run(path.join(repoRoot, "target/release/cramdown"), ["build", "--root", path.join(work, "cramdown"), "--output", out]);
  const headBytes = statSync(path.join(out, "search-index.js")).size;
  const allBytes = readdirSync(path.join(out, "search-index")).reduce((n, f) => n + statSync(path.join(out, "search-index", f)).size, headBytes);
  // A question page: the first .html file of the first content folder.
  const folder = readdirSync(out, { withFileTypes: true }).find((e) => e.isDirectory() && !["topics", "search-index"].includes(e.name)).name;
  const questionPage = folder + "/" + readdirSync(path.join(out, folder)).find((f) => f.endsWith(".html"));
  const server = await serve(out);
  const browser = await launch();
  const samples = Object.fromEntries(QUERIES.map((q) => [q, { first: [], again: [], total: 0, bytes: 0 }]));
  for (let round = 0; round < rounds; round++) {
    for (const q of QUERIES) {
      const page = await browser.newPage();
      await page.goto(server.url + questionPage, { timeout: 300000 });
      await searchReady(page); // search.js itself (about 15 KB) is not timed: it loads when the box gets focus
      const before = server.requests.length;
      const r = await page.evaluate(async (query) => {
        const t0 = performance.now();
        const first = await window.cramdownSearch.search(query, 20);
        const t1 = performance.now();
        const again = await window.cramdownSearch.search(query, 20);
        const t2 = performance.now();
        return { first: t1 - t0, again: t2 - t1, total: first.total, same: again.total === first.total };
      }, q);
      if (!r.same) throw new Error(`"${q}": a repeated search gave another total`);
      const loaded = server.requests.slice(before).filter((p) => p.startsWith("/search-index"));
      samples[q].bytes = loaded.reduce((n, p) => n + statSync(path.join(out, p)).size, 0);
      samples[q].first.push(r.first);
      samples[q].again.push(r.again);
      samples[q].total = r.total;
      await page.close();
    }
  }
  await browser.close();
  await server.close();
  const pct = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)]; };
  const f = (x) => x.toFixed(1);
  const kb = (n) => (n / 1024).toFixed(0) + " KiB";
  console.log(`search on ${count} questions: search-index.js ${kb(headBytes)}, whole index ${kb(allBytes)}, ${rounds} rounds, Chromium headless (${new Date().toISOString().slice(0, 10)})\n`);
  console.log("| query | results | first search downloads | load+parse+first query p50 / p95 / max (ms) | query once loaded p50 / p95 / max (ms) |");
  console.log("| --- | ---: | ---: | ---: | ---: |");
  const all = { first: [], again: [] };
  for (const q of QUERIES) {
    const s = samples[q];
    all.first.push(...s.first);
    all.again.push(...s.again);
    console.log(`| \`${q}\` | ${s.total} | ${kb(s.bytes)} | ${f(pct(s.first, 0.5))} / ${f(pct(s.first, 0.95))} / ${f(Math.max(...s.first))} | ${f(pct(s.again, 0.5))} / ${f(pct(s.again, 0.95))} / ${f(Math.max(...s.again))} |`);
  }
  const most = Math.max(...QUERIES.map((q) => samples[q].bytes));
  console.log(`| all queries | | at most ${kb(most)} | ${f(pct(all.first, 0.5))} / ${f(pct(all.first, 0.95))} / ${f(Math.max(...all.first))} | ${f(pct(all.again, 0.5))} / ${f(pct(all.again, 0.95))} / ${f(Math.max(...all.again))} |`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
