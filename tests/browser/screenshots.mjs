// screenshots.mjs: writes docs/screenshots/question.png and docs/screenshots/study.png (1280x800) from the built site.
// Run: node tests/browser/screenshots.mjs   (uses CRAMDOWN_BIN like the tests)
import path from "node:path";
import { mkdirSync } from "node:fs";
import { buildSite, serve, launch, readIndex, repoRoot } from "./lib.mjs";

const dir = buildSite();
const server = await serve(dir);
const browser = await launch();
const out = path.join(repoRoot, "docs/screenshots");
mkdirSync(out, { recursive: true });
const index = readIndex(dir);
try {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme: "light" });
  const page = await ctx.newPage();
  // A question with code in its answer shows most of the theme; the first question otherwise.
  let doc = index.docs[0];
  for (const d of index.docs.slice(0, 40)) {
    await page.goto(server.url + d[0] + ".html");
    if (await page.locator("#cd-answer-body pre.code").count()) { doc = d; break; }
  }
  await page.goto(server.url + doc[0] + ".html");
  await page.click("#cd-answer > summary");
  await page.locator("#cd-answer > summary").scrollIntoViewIfNeeded();
  await page.evaluate(() => { document.activeElement.blur(); window.scrollTo(0, 0); });
  await page.screenshot({ path: path.join(out, "question.png") });

  await page.goto(server.url + "study.html?topic=" + doc[2][0]);
  await page.click("#cd-study-start");
  await page.keyboard.press("Space");
  await page.evaluate(() => { document.activeElement.blur(); window.scrollTo(0, 0); });
  await page.screenshot({ path: path.join(out, "study.png") });
  await ctx.close();
  console.log(`wrote ${path.relative(process.cwd(), out)}/question.png and study.png (${doc[0]})`);
} finally {
  await browser.close();
  await server.close();
}
