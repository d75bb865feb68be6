// fixture.mjs: a small site of multiple-choice questions written by the tests themselves (not the bundled bank, so
// content changes cannot break them), built by the cramdown binary and served under /repo/ like GitHub Pages.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { launch, repoRoot, serve } from "./lib.mjs";

const front = (title, topics, extra = "") =>
  `+++\ntitle = "${title}"\ntopics = [${topics.map((t) => `"${t}"`).join(", ")}]\n${extra}+++\n\n`;

export const FILES = {
  "site.toml": `title = "Choice Fixture"
base_url = "https://example.org/repo/"

[topics.storage]
title = "Storage"

[topics.network]
title = "Networking"

[exam]
questions = 4
minutes = 2
pass_mark = 50
`,
  "content/storage/efs.md": front("Which storage can instances in two AZs share?", ["storage"]) +
    `Two instances in two Availability Zones need the same files.

## Choices

- [ ] Amazon EBS Multi-Attach volumes

  Multi-Attach works only for io1/io2 volumes in one Availability Zone.

- [x] Amazon EFS

  A regional NFS file system that instances in every AZ mount at once.

- [ ] Instance store

  Ephemeral disks attached to one host.

- [ ] An S3 bucket mounted as a block device

  S3 is object storage; it is not a block device.

## Answer

EFS is the regional shared file system.
`,
  "content/storage/classes.md": front("Which two storage classes suit rarely read archives?", ["storage"]) +
    `## Choices

- [x] S3 Glacier Deep Archive

  The lowest price, hours to restore.

- [ ] S3 Standard

  Priced for frequent reads.

- [x] S3 Glacier Flexible Retrieval

  Minutes to hours to restore.

- [ ] S3 Express One Zone

  Built for the lowest latency, not for archives.

## Answer

The Glacier classes.
`,
  "content/network/peering.md": front("Is VPC peering transitive?", ["network"], "shuffle = false\n") +
    `## Choices

- [ ] Yes, always
- [ ] Only within one Region
- [x] No, never
- [ ] All of the above

## Answer

Peering is never transitive: use a transit gateway.
`,
  "content/network/nat.md": front("Where does a NAT gateway live?", ["network", "storage"]) +
    `It is often compared with [peering](peering.md).

## Choices

- [x] In a public subnet
- [ ] In a private subnet

## Answer

A public subnet, with a route to an internet gateway.
`,
  "content/storage/open.md": front("Explain S3 versioning.", ["storage"]) + "## Answer\n\nAn open question.\n",
};

/** Writes FILES into a temporary site, builds it and returns the output folder. */
export function buildFixture(files = FILES) {
  const bin = path.resolve(repoRoot, process.env.CRAMDOWN_BIN || "target/release/cramdown");
  const root = mkdtempSync(path.join(tmpdir(), "cramdown-choices-"));
  process.on("exit", () => rmSync(root, { recursive: true, force: true }));
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    writeFileSync(path.join(root, rel), text);
  }
  const out = path.join(root, "public");
  const r = spawnSync(bin, ["build", "--root", root, "--output", out], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`cramdown build failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
  return out;
}

/** The fixture built, served at /repo/ (and at /), and a browser. */
export async function setupFixture() {
  const browser = await launch();
  let dir, server;
  try {
    dir = buildFixture();
    server = await serve(dir);
  } catch (e) {
    await browser.close();
    throw e;
  }
  return { dir, server, browser, url: server.url + "repo/",
    async close() { await browser.close(); await server.close(); } };
}

