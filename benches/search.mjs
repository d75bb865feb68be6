// search.mjs: how fast search answers in the browser, on the index cramdown itself generates for a
// synthetic bank (examples/corpus.rs), in the machine's headless Chromium. Timings live here and in
// BENCHMARKS.md, never in tests.
//
//   node benches/search.mjs [COUNT=10000] [ROUNDS=7]
//
// Needs target/release/cramdown and the corpus example (cargo build --release --example corpus) and
// the browser tests' npm packages (npm ci --prefix tests/browser). Each round opens every query in a
// fresh page, so each first search pays for loading and parsing the index; then the same query runs
// again on the loaded index. It prints, per query, p50/p95/max over the rounds of: load+parse+first
// query, and the query alone on a loaded index.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { serve, launch, repoRoot } from "../tests/browser/lib.mjs";

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
  const indexBytes = statSync(path.join(out, "search-index.js")).size;
  const topic = readdirSync(out, { withFileTypes: true }).find((e) => e.isDirectory() && e.name !== "topics").name;
  const questionPage = `${topic}/${readdirSync(path.join(out, topic)).find((f) => f.endsWith(".html"))}`;
  const server = await serve(out);
  const browser = await launch();
  const samples = Object.fromEntries(QUERIES.map((q) => [q, { first: [], again: [], total: 0 }]));
  for (let round = 0; round < rounds; round++) {
    for (const q of QUERIES) {
      const page = await browser.newPage();
      // A question page: it loads the site script but not the index (list pages may preload it for
      // their progress counts, which would hide the loading time).
      await page.goto(server.url + questionPage, { timeout: 300000 });
      const r = await page.evaluate((query) => new Promise((resolve, reject) => {
        if (window.CRAMDOWN_SEARCH) reject(new Error("the index was loaded before the first search"));
        const t0 = performance.now();
        window.cramdown.loadIndex(() => {
          const first = window.cramdown.search(query, 20);
          const t1 = performance.now();
          const again = window.cramdown.search(query, 20);
          const t2 = performance.now();
          resolve({ first: t1 - t0, again: t2 - t1, total: first.total, same: again.total === first.total });
        });
      }), q);
      if (!r.same) throw new Error(`"${q}": a repeated search gave another total`);
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
  console.log(`search on ${count} questions: index ${(indexBytes / 1048576).toFixed(2)} MiB, ${rounds} rounds, Chromium headless (${new Date().toISOString().slice(0, 10)})\n`);
  console.log("| query | results | load+parse+first query p50 / p95 / max (ms) | query on a loaded index p50 / p95 / max (ms) |");
  console.log("| --- | ---: | ---: | ---: |");
  const all = { first: [], again: [] };
  for (const q of QUERIES) {
    const s = samples[q];
    all.first.push(...s.first);
    all.again.push(...s.again);
    console.log(`| \`${q}\` | ${s.total} | ${f(pct(s.first, 0.5))} / ${f(pct(s.first, 0.95))} / ${f(Math.max(...s.first))} | ${f(pct(s.again, 0.5))} / ${f(pct(s.again, 0.95))} / ${f(Math.max(...s.again))} |`);
  }
  console.log(`| all queries | | ${f(pct(all.first, 0.5))} / ${f(pct(all.first, 0.95))} / ${f(Math.max(...all.first))} | ${f(pct(all.again, 0.5))} / ${f(pct(all.again, 0.95))} / ${f(Math.max(...all.again))} |`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
