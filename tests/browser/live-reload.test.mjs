// live-reload.test.mjs: `cramdown serve` in a real browser: a save reloads the open tab and keeps
// its scroll position; a broken save shows the error over the last good page; the next good
// save clears it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { launch, repoRoot } from "./lib.mjs";

/** Copies the repository's site into a temporary folder and starts `cramdown serve` on it. */
async function startServe() {
  const root = mkdtempSync(path.join(tmpdir(), "cramdown-live-"));
  for (const part of ["site.toml", "content"]) cpSync(path.join(repoRoot, part), path.join(root, part), { recursive: true });
  const bin = path.resolve(repoRoot, process.env.CRAMDOWN_BIN || "target/release/cramdown");
  const child = spawn(bin, ["serve", "--port", "0"], { cwd: root });
  let log = "";
  child.stderr.on("data", (d) => { log += d; });
  const url = await new Promise((resolve, reject) => {
    let out = "";
    child.stdout.on("data", (d) => {
      out += d;
      const m = /at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
      if (m) resolve(m[1]);
    });
    child.on("exit", (code) => reject(new Error(`serve exited with ${code}: ${log}`)));
  });
  const stop = () => { child.kill(); rmSync(root, { recursive: true, force: true }); };
  return { root, url, stop, log: () => log };
}

test("a save reloads the tab at the same scroll position; a broken save shows its error until fixed", async () => {
  const serve = await startServe();
  const browser = await launch();
  try {
    const page = await (await browser.newContext({ viewport: { width: 1000, height: 600 } })).newPage();
    // A question whose prompt holds a long template, so the page scrolls with the answer closed.
    const rel = "content/cloudformation/findinmap-missing-parameter.md";
    const file = path.join(serve.root, rel);
    const original = readFileSync(file, "utf8");
    await page.goto(serve.url + "cloudformation/findinmap-missing-parameter.html");
    await page.evaluate(() => window.scrollTo(0, Math.floor((document.documentElement.scrollHeight - window.innerHeight) / 2)));
    const scrolled = await page.evaluate(() => window.scrollY);
    assert.ok(scrolled > 100, `page scrolls (${scrolled})`);

    // A good save: the tab reloads by itself, shows the change, and keeps its place.
    const reloaded = page.waitForEvent("load", { timeout: 5000 });
    writeFileSync(file, original.replace("## Answer", "## Answer\n\nEdited live."));
    await reloaded;
    await page.waitForFunction(() => document.querySelector("details")?.textContent.includes("Edited live."), null, { timeout: 5000 });
    await page.waitForFunction((y) => Math.abs(window.scrollY - y) < 5, scrolled, { timeout: 5000 });

    // A broken save: the last good page stays, with the error over it.
    writeFileSync(file, original.replace("## Answer", "[broken](nowhere.md)\n\n## Answer"));
    const overlay = page.locator("#cramdown-build-error");
    await overlay.waitFor({ state: "visible", timeout: 5000 });
    assert.match(await overlay.textContent(), /content\/cloudformation\/findinmap-missing-parameter\.md:\d+:\d+: error: link `nowhere\.md`/);
    assert.ok(await page.evaluate(() => document.querySelector("details")?.textContent.includes("Edited live.")), "the last good page is still shown");
    assert.match(serve.log(), /findinmap-missing-parameter\.md:\d+:\d+: error: link `nowhere\.md`/);

    // The next good save clears it.
    const fixed = page.waitForEvent("load", { timeout: 5000 });
    writeFileSync(file, original);
    await fixed;
    await page.waitForFunction(() => !document.getElementById("cramdown-build-error") && !document.querySelector("details")?.textContent.includes("Edited live."), null, { timeout: 5000 });
  } finally {
    await browser.close();
    serve.stop();
  }
});
