//! `serve` equals `build`, both ways: after every edit to a running `serve`, each file of a cold
//! build of the same sources is served with identical bytes, and every path the cold build lacks
//! (but an earlier build had) answers 404. A scripted sequence covers each kind of edit; a
//! randomized one (fixed seed) mixes them.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::time::{Duration, Instant};

use common::server::Server;
use common::TestSite;

const LIVE_TAG: &str = "<script src=\"/__cramdown/live.js\"></script>";

/// Every path any cold build has written so far, to check that vanished ones answer 404.
struct Sync<'a> {
    site: &'a TestSite,
    server: &'a Server,
    seen: BTreeSet<String>,
}

impl Sync<'_> {
    /// A cold build of the sources as they are now (the server's own URL as base_url).
    fn cold_build(&self) -> BTreeMap<String, Vec<u8>> {
        let out = self.site.path("cold");
        let run = self.site.run(&[
            "build",
            "--output",
            "cold",
            "--base-url",
            &format!("http://127.0.0.1:{}/", self.server.port),
        ]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        let mut files = common::snapshot(&out);
        files.remove(".cramdown-output");
        files
    }

    fn differences(&self, built: &BTreeMap<String, Vec<u8>>) -> Vec<String> {
        let mut problems = Vec::new();
        for (path, bytes) in built {
            let served = self.server.get(&format!("/{}", encode(path)));
            let body = if path.ends_with(".html") {
                String::from_utf8_lossy(&served.body)
                    .replacen(LIVE_TAG, "", 1)
                    .into_bytes()
            } else {
                served.body.clone()
            };
            if served.status != 200 || body != *bytes {
                problems.push(format!("{path}: served {} differs", served.status));
            }
        }
        for gone in self.seen.iter().filter(|p| !built.contains_key(*p)) {
            let status = self.server.get(&format!("/{}", encode(gone))).status;
            if status != 404 {
                problems.push(format!("{gone}: no longer built, served with {status}"));
            }
        }
        problems
    }

    /// Waits until what is served equals a cold build (the event that proves the edits were
    /// taken in); the deadline is only a safety net.
    fn assert_converges(&mut self, step: &str) {
        let built = self.cold_build();
        assert!(built.len() > 10, "{step}: a real site was built");
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            let problems = self.differences(&built);
            if problems.is_empty() {
                break;
            }
            assert!(
                Instant::now() < deadline,
                "{step}: serve never equalled the cold build:\n  {}",
                problems.join("\n  ")
            );
            std::thread::sleep(Duration::from_millis(100));
        }
        self.seen.extend(built.into_keys());
    }
}

/// Percent-encodes what a URL path cannot carry as it is.
fn encode(path: &str) -> String {
    path.bytes()
        .map(|b| match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'/' | b'.' | b'-' | b'_' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

fn question(title: &str, topics: &str, extra: &str, answer: &str) -> String {
    format!("+++\ntitle = \"{title}\"\ntopics = [{topics}]\n{extra}+++\n\nPrompt for {title}.\n\n## Answer\n\n{answer}\n")
}

fn edit(site: &TestSite, rel: &str, from: &str, to: &str) {
    let text = site.read(rel);
    assert!(text.contains(from), "{rel} holds {from:?}");
    site.write(rel, &text.replacen(from, to, 1));
}

/// One scripted edit of the sources.
type Step = Box<dyn Fn(&TestSite)>;

#[test]
fn scripted_edits_keep_serve_equal_to_build() {
    let site = TestSite::basic();
    site.write("static/extra.css", "p { color: red }\n");
    site.write("content/s3/_index.md", "Buckets first.\n");
    let server = Server::start(site.root(), 0);
    server.wait_log("built the site", Duration::from_secs(60));
    let mut sync = Sync {
        site: &site,
        server: &server,
        seen: BTreeSet::new(),
    };
    sync.assert_converges("start");

    let q = "content/iam/extra.md";
    let steps: Vec<(&str, Step)> = vec![
        (
            "add a question",
            Box::new(move |s| {
                s.write(
                    q,
                    &question("Extra", "\"iam\"", "weight = 5\n", "First answer."),
                )
            }),
        ),
        (
            "edit its answer",
            Box::new(move |s| edit(s, q, "First answer.", "Second answer.")),
        ),
        (
            "change its title",
            Box::new(move |s| edit(s, q, "\"Extra\"", "\"Extra, renamed\"")),
        ),
        (
            "change its weight",
            Box::new(move |s| edit(s, q, "weight = 5", "weight = 0")),
        ),
        (
            "change its topics",
            Box::new(move |s| edit(s, q, "[\"iam\"]", "[\"iam\", \"s3\"]")),
        ),
        (
            "give it a slug",
            Box::new(move |s| edit(s, q, "weight = 0\n", "weight = 0\nslug = \"custom-slug\"\n")),
        ),
        (
            "give it a difficulty",
            Box::new(move |s| {
                edit(
                    s,
                    q,
                    "weight = 0\n",
                    "weight = 0\ndifficulty = \"advanced\"\n",
                )
            }),
        ),
        (
            "make it a draft",
            Box::new(move |s| edit(s, q, "weight = 0\n", "weight = 0\ndraft = true\n")),
        ),
        (
            "publish it again",
            Box::new(move |s| edit(s, q, "draft = true\n", "")),
        ),
        (
            "rename its file",
            Box::new(move |s| std::fs::rename(s.path(q), s.path("content/iam/moved.md")).unwrap()),
        ),
        (
            "delete it",
            Box::new(|s| std::fs::remove_file(s.path("content/iam/moved.md")).unwrap()),
        ),
        (
            "edit site.toml",
            Box::new(|s| {
                edit(
                    s,
                    "site.toml",
                    "Questions for tests",
                    "Questions, for tests",
                )
            }),
        ),
        (
            "edit a topic's _index.md",
            Box::new(|s| s.write("content/s3/_index.md", "Buckets, then objects.\n")),
        ),
        (
            "override a template",
            Box::new(|s| {
                s.write(
                    "templates/topics.html",
                    "<!doctype html><title>T</title><p>{{ topics | length }} topics</p>\n",
                )
            }),
        ),
        (
            "edit a static file",
            Box::new(|s| s.write("static/extra.css", "p { color: blue }\n")),
        ),
        (
            "delete a static file",
            Box::new(|s| std::fs::remove_file(s.path("static/extra.css")).unwrap()),
        ),
        (
            "several saves in one batch",
            Box::new(|s| {
                s.write(
                    "content/s3/quick.md",
                    &question("Quick", "\"s3\"", "", "One."),
                );
                edit(s, "content/s3/quick.md", "One.", "Two.");
                edit(
                    s,
                    "content/s3/versioning.md",
                    "Every PUT keeps the old version.",
                    "Every PUT keeps a version.",
                );
                edit(s, "content/s3/quick.md", "\"Quick\"", "\"Quicker\"");
            }),
        ),
        (
            "split topic pages (paginate = 1)",
            Box::new(|s| edit(s, "site.toml", "repo_url = ", "paginate = 1\nrepo_url = ")),
        ),
        (
            "add a question to a paginated topic",
            Box::new(|s| {
                s.write(
                    "content/s3/paged.md",
                    &question("Paged", "\"s3\"", "weight = 9\n", "On a later page."),
                )
            }),
        ),
        (
            "edit it on its topic page",
            Box::new(|s| edit(s, "content/s3/paged.md", "\"Paged\"", "\"Paged, renamed\"")),
        ),
        (
            "delete it: its topic page goes away",
            Box::new(|s| std::fs::remove_file(s.path("content/s3/paged.md")).unwrap()),
        ),
    ];
    for (name, step) in steps {
        step(&site);
        sync.assert_converges(name);
    }

    // Rarely touched kinds of output, through the plan's incremental path: a page template
    // with a partial of its own, a redirect page, the exam data.
    site.write(
        "templates/partials/tip.html",
        "<p class=\"tip\">One at a time.</p>\n",
    );
    let built_in = concat!(env!("CARGO_MANIFEST_DIR"), "/templates/interview.html");
    let interview = std::fs::read_to_string(built_in).expect("built-in interview.html");
    let interview = interview.replace(
        "{% block content %}",
        "{% block content %}{% include \"partials/tip.html\" %}",
    );
    site.write("templates/interview.html", &interview);
    sync.assert_converges("a page template that includes a partial");
    site.write(
        "templates/partials/tip.html",
        "<p class=\"tip\">Take your time.</p>\n",
    );
    sync.assert_converges("edit the partial");
    // Only the page that includes it, and the service worker, which lists every file's version.
    server.wait_log(
        "rebuilt templates/partials/tip.html (2 files changed)",
        Duration::from_secs(60),
    );
    let aliased = "content/iam/aliased.md";
    site.write(
        aliased,
        &question(
            "Aliased",
            "\"iam\"",
            "aliases = [\"iam/older.md\"]\n",
            "Was elsewhere.",
        ),
    );
    sync.assert_converges("a question with an alias");
    edit(&site, aliased, "\"Aliased\"", "\"Aliased, retitled\"");
    sync.assert_converges("retitle it: its redirect page follows");
    server.wait_log("rebuilt content/iam/aliased.md", Duration::from_secs(60));
    let choices = "## Choices\n\n- [x] Yes\n- [ ] No\n\n## Answer";
    edit(&site, aliased, "## Answer", choices);
    sync.assert_converges("make it multiple choice: the exam data follows");
    edit(&site, aliased, "- [x] Yes\n- [ ] No", "- [ ] Yes\n- [x] No");
    sync.assert_converges("change its right choice");
    server.wait_log("rebuilt content/iam/aliased.md", Duration::from_secs(60));
}

/// Replaces the value that follows `key` in `rel`, up to `end`.
fn set_field(site: &TestSite, rel: &str, key: &str, end: char, value: &str) {
    let text = site.read(rel);
    let start = text.find(key).expect("the field") + key.len();
    let stop = start + text[start..].find(end).expect("its end");
    site.write(rel, &format!("{}{value}{}", &text[..start], &text[stop..]));
}

/// A small deterministic generator (xorshift), so the randomized run is the same every time.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

#[test]
fn randomized_edits_keep_serve_equal_to_build() {
    let site = TestSite::basic();
    let server = Server::start(site.root(), 0);
    server.wait_log("built the site", Duration::from_secs(60));
    let mut sync = Sync {
        site: &site,
        server: &server,
        seen: BTreeSet::new(),
    };
    sync.assert_converges("start");
    let mut rng = Rng(0x5eed_cafe);
    // Questions the test owns (nothing links to them, so any edit keeps the site valid).
    let mut owned: Vec<String> = Vec::new();
    let topics = ["\"s3\"", "\"iam\"", "\"s3\", \"iam\""];
    let difficulties = [
        "",
        "difficulty = \"beginner\"\n",
        "difficulty = \"advanced\"\n",
    ];
    for step in 0..36 {
        let op = if owned.is_empty() { 0 } else { rng.below(9) };
        let what = match op {
            0 => {
                let rel = format!("content/{}/r{step}.md", ["s3", "iam"][rng.below(2)]);
                let extra = format!("weight = {}\n{}", rng.below(9), difficulties[rng.below(3)]);
                site.write(
                    &rel,
                    &question(
                        &format!("Random {step}"),
                        topics[rng.below(3)],
                        &extra,
                        "An answer.",
                    ),
                );
                owned.push(rel.clone());
                format!("add {rel}")
            }
            1 => {
                let rel = &owned[rng.below(owned.len())];
                let text = site.read(rel);
                site.write(
                    rel,
                    &text.replace("## Answer\n\n", &format!("## Answer\n\nEdit {step}. ")),
                );
                format!("edit the answer of {rel}")
            }
            2 => {
                let rel = &owned[rng.below(owned.len())];
                set_field(&site, rel, "title = \"", '"', &format!("Title {step}"));
                format!("retitle {rel}")
            }
            3 => {
                let rel = &owned[rng.below(owned.len())];
                set_field(&site, rel, "weight = ", '\n', &rng.below(20).to_string());
                format!("reweigh {rel}")
            }
            4 => {
                let rel = &owned[rng.below(owned.len())];
                set_field(&site, rel, "topics = [", ']', topics[rng.below(3)]);
                format!("move {rel} between topics")
            }
            5 => {
                let i = rng.below(owned.len());
                let rel = owned.remove(i);
                std::fs::remove_file(site.path(&rel)).unwrap();
                format!("delete {rel}")
            }
            6 => {
                let i = rng.below(owned.len());
                let to = format!("content/{}/renamed{step}.md", ["s3", "iam"][rng.below(2)]);
                std::fs::rename(site.path(&owned[i]), site.path(&to)).unwrap();
                owned[i] = to.clone();
                format!("rename to {to}")
            }
            7 => {
                let rel = &owned[rng.below(owned.len())];
                let text = site.read(rel);
                let toggled = if text.contains("draft = true\n") {
                    text.replace("draft = true\n", "")
                } else {
                    text.replacen("+++\n\n", "draft = true\n+++\n\n", 1)
                };
                site.write(rel, &toggled);
                format!("toggle draft of {rel}")
            }
            _ => {
                site.write("content/iam/_index.md", &format!("Intro {step}.\n"));
                "edit content/iam/_index.md".to_string()
            }
        };
        sync.assert_converges(&format!("step {step}: {what}"));
    }
}
