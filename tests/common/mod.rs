//! Shared helpers for integration tests: a site in a temporary folder, built by the real binary.

#![allow(dead_code)]

pub mod load;
pub mod server;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub struct TestSite {
    pub dir: tempfile::TempDir,
}

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl From<Output> for Run {
    fn from(o: Output) -> Self {
        Run {
            code: o.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
        }
    }
}

pub fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_cramdown")
}

impl TestSite {
    pub fn empty() -> Self {
        TestSite {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    /// A small site: three topics, TOML and YAML questions, a draft, code, cross-links.
    pub fn basic() -> Self {
        let site = Self::empty();
        site.write(
            "site.toml",
            r#"title = "Test Bank"
description = "Questions for tests"
repo_url = "https://example.com/edit/content/"

[topics.s3]
title = "Amazon S3"
description = "Buckets and objects"

[topics.iam]
title = "IAM"
description = "Who may do what"

[extra]
tagline = "hello"
"#,
        );
        site.write("content/_index.md", "Welcome to the **test bank**.\n");
        site.write(
            "content/s3/consistency.md",
            r#"+++
title = "Is S3 strongly consistent?"
topics = ["s3"]
difficulty = "beginner"
weight = 1
updated = 2024-05-01
+++

Explain the consistency model.

## Answer

Yes, since 2020. See [the policy question](../iam/policy.md#statements) and [versioning](versioning.md).

### Details

```yaml
Resources:
  Bucket:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: !Sub "${AWS::StackName}-data"
```
"#,
        );
        site.write(
            "content/s3/versioning.md",
            "---\ntitle: How does S3 versioning work?\ntopics: [s3]\ndifficulty: intermediate\nweight: 2\n---\n\n## Answer\n\nEvery PUT keeps the old version.\n",
        );
        site.write(
            "content/iam/policy.md",
            r#"+++
title = "What does this policy allow?"
topics = ["iam", "s3"]
difficulty = "advanced"
weight = 3
+++

```json
{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::b"}]}
```

## Answer

## Statements

It lets the caller list keys, not read objects.
"#,
        );
        site.write(
            "content/iam/draft.md",
            "+++\ntitle = \"Unfinished\"\ntopics = [\"iam\"]\ndraft = true\n+++\n\n## Answer\n\nTBD\n",
        );
        site
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    pub fn write(&self, rel: &str, text: &str) {
        let path = self.path(rel);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, text).expect("write");
    }

    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path(rel)).unwrap_or_else(|e| panic!("read {rel}: {e}"))
    }

    /// Runs `cramdown <args>` inside the site folder, as an author would.
    pub fn run(&self, args: &[&str]) -> Run {
        Command::new(bin())
            .args(args)
            .current_dir(self.root())
            .output()
            .expect("run cramdown")
            .into()
    }

    pub fn build(&self) -> Run {
        self.run(&["build"])
    }

    /// Builds once (good), breaks the site with `breaking`, rebuilds, and checks the failure:
    /// exit status 1, no panic, and the previous output left exactly as it was. Returns stderr.
    pub fn fails_keeping_output(&self, breaking: impl FnOnce(&TestSite)) -> String {
        let good = self.build();
        assert_eq!(good.code, 0, "{}", good.stderr);
        let before = self.snapshot("public");
        breaking(self);
        let run = self.build();
        assert_eq!(
            run.code, 1,
            "expected failure; stdout: {} stderr: {}",
            run.stdout, run.stderr
        );
        assert!(run.stderr.contains("build failed"), "{}", run.stderr);
        assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
        assert_eq!(
            self.snapshot("public"),
            before,
            "the previous output changed"
        );
        run.stderr
    }

    /// Every file under `rel` with its bytes.
    /// A finished build leaves no staging folder (`.<output>.cramdown-<pid>`) beside its output.
    pub fn assert_no_staging_left(&self) {
        let leftovers: Vec<String> = std::fs::read_dir(self.root())
            .expect("site root")
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.contains(".cramdown-"))
            .collect();
        assert!(leftovers.is_empty(), "left behind: {leftovers:?}");
    }

    pub fn snapshot(&self, rel: &str) -> BTreeMap<String, Vec<u8>> {
        snapshot(&self.path(rel))
    }
}

pub fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.expect("walk");
        if entry.file_type().is_file() {
            let rel = entry
                .path()
                .strip_prefix(dir)
                .expect("prefix")
                .to_string_lossy()
                .into_owned();
            out.insert(rel, std::fs::read(entry.path()).expect("read"));
        }
    }
    out
}

/// Follows every relative link and asset of every HTML page under `out` (404.html aside, its
/// links start from the base path) as files on disk, as a browser does from `file://`.
/// Returns how many links were followed.
pub fn assert_links_resolve_on_disk(out: &Path) -> usize {
    let mut checked = 0;
    for entry in walkdir::WalkDir::new(out) {
        let entry = entry.expect("walk");
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "html") || path.ends_with("404.html") {
            continue;
        }
        let html = std::fs::read_to_string(path).expect("read");
        for link in links(&html) {
            if link.is_empty()
                || link.starts_with('#')
                || link.contains("://")
                || link.starts_with("mailto:")
            {
                continue;
            }
            assert!(
                !link.starts_with('/'),
                "{}: {link} would break on file://",
                path.display()
            );
            let target = link.split(['#', '?']).next().unwrap_or("");
            if target.is_empty() {
                continue;
            }
            let file = path
                .parent()
                .expect("parent")
                .join(target.replace("%20", " "));
            assert!(file.is_file(), "{}: broken link {link}", path.display());
            checked += 1;
        }
    }
    checked
}

/// Every `href="..."` and `src="..."` value in an HTML text, outside `<template>` elements
/// (the study page keeps each card's HTML, written for the card's own page, in a template).
pub fn links(html: &str) -> Vec<String> {
    let mut html = html.to_string();
    while let Some(start) = html.find("<template") {
        let end = html[start..]
            .find("</template>")
            .map_or(html.len(), |e| start + e + 11);
        html.replace_range(start..end, "");
    }
    let html = html.as_str();
    let mut out = Vec::new();
    for attr in ["href=\"", "src=\""] {
        let mut rest = html;
        while let Some(i) = rest.find(attr) {
            rest = &rest[i + attr.len()..];
            if let Some(end) = rest.find('"') {
                out.push(rest[..end].replace("&amp;", "&"));
                rest = &rest[end..];
            }
        }
    }
    out
}

impl TestSite {
    /// A copy of the bank this repository ships (site.toml and content/), to edit freely.
    pub fn bank_copy() -> Self {
        let site = Self::empty();
        let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
        std::fs::copy(repo.join("site.toml"), site.path("site.toml")).expect("copy site.toml");
        for entry in walkdir::WalkDir::new(repo.join("content")) {
            let entry = entry.expect("walk");
            let rel = entry.path().strip_prefix(repo).expect("prefix");
            let target = site.path(&rel.to_string_lossy());
            if entry.file_type().is_dir() {
                std::fs::create_dir_all(&target).expect("mkdir");
            } else {
                std::fs::copy(entry.path(), &target).expect("copy");
            }
        }
        site
    }
}
