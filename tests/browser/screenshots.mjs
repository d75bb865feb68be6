// screenshots.mjs: writes docs/screenshots/question.png and docs/screenshots/study.png (a card in a study session)
// (1280x800) from the built site.
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
  // A question whose highlighted code shows highest on the page, answer open, shows most of the theme.
  let doc = index.docs[0], best = Infinity;
  for (const d of index.docs.slice(0, 40)) {
    await page.goto(server.url + d[0] + ".html");
    await page.click("#cd-answer > summary");
    const top = await page.evaluate(() => {
      const pre = document.querySelector("main pre.code");
      return pre ? pre.getBoundingClientRect().top + window.scrollY : Infinity;
    });
    if (top < best) { best = top; doc = d; }
  }
  await page.goto(server.url + doc[0] + ".html");
  await page.click("#cd-answer > summary");
  await page.locator("#cd-answer > summary").scrollIntoViewIfNeeded();
  await page.evaluate(() => { document.activeElement.blur(); window.scrollTo(0, 0); });
  await page.screenshot({ path: path.join(out, "question.png") });

  // A card in a study session over the biggest topic: the question page opened with ?study, its session bar,
  // the second card (the first one graded), answer revealed.
  const sizes = index.topics.map((t, i) => [index.docs.filter((d) => d[2].includes(i)).length, t[0]]).sort((a, b) => b[0] - a[0]);
  await page.goto(server.url + "study.html?topic=" + sizes[0][1]);
  await page.waitForFunction(() => /match/.test(document.getElementById("cd-study-count").textContent));
  await Promise.all([page.waitForURL("**?study"), page.click("#cd-study-start")]);
  await page.keyboard.press("Space");
  await Promise.all([page.waitForEvent("load"), page.keyboard.press("3")]);
  await page.locator(".study-bar .card-nav").waitFor();
  await page.keyboard.press("Space");
  await page.waitForFunction(() => document.activeElement.id === "cd-answer-body");
  await page.evaluate(() => { document.activeElement.blur(); window.scrollTo(0, 0); });
  await page.screenshot({ path: path.join(out, "study.png") });
  await ctx.close();
  console.log(`wrote ${path.relative(process.cwd(), out)}/question.png and study.png (${doc[0]})`);
} finally {
  await browser.close();
  await server.close();
}
