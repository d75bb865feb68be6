//! Correctness gaps a review of the suite found: output collisions that only some file systems
//! see, impossible dates and the feed's date format, a symbolic-link output folder, file
//! systems without an atomic exchange, `base_url` spellings, empty answers, and `init` sites.

mod common;

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use common::server::Server;
use common::TestSite;

const ANSWERED: &str = "+++\ntitle = \"T\"\ntopics = [\"s3\"]\n+++\n\n## Answer\n\nYes.\n";

fn question(title: &str) -> String {
    ANSWERED.replace("\"T\"", &format!("\"{title}\""))
}

#[test]
fn pages_that_differ_only_by_case_collide() {
    let site = TestSite::basic();
    let stderr = site.fails_keeping_output(|s| {
        s.write("content/s3/Glacier.md", &question("Upper"));
        s.write("content/s3/glacier.md", &question("Lower"));
    });
    assert!(
        stderr.contains("content/s3/glacier.md: error: writes s3/glacier.html, which is the same file as s3/Glacier.html (written by content/s3/Glacier.md) on file systems that ignore case or Unicode normalisation"),
        "{stderr}"
    );
}

#[test]
fn names_equal_after_nfc_normalisation_collide() {
    let site = TestSite::basic();
    let stderr = site.fails_keeping_output(|s| {
        s.write("content/s3/caf\u{e9}.md", &question("Composed"));
        s.write("content/s3/cafe\u{301}.md", &question("Decomposed"));
    });
    let composed = "content/s3/caf\u{e9}.md";
    let decomposed = "content/s3/cafe\u{301}.md";
    assert!(
        stderr.contains(&format!("(written by {composed})"))
            || stderr.contains(&format!("(written by {decomposed})")),
        "{stderr}"
    );
    assert!(
        stderr.contains("on file systems that ignore case or Unicode normalisation"),
        "{stderr}"
    );
}

#[test]
fn a_question_on_a_generated_page_is_an_error_naming_both() {
    for (source, page) in [
        ("content/study.md", "study.html"),
        ("content/404.md", "404.html"),
        ("content/topics/index.md", "topics/index.html"),
        ("content/search-index.js", "search-index.js"),
        ("content/search-index/catalog.js", "search-index/catalog.js"),
    ] {
        let site = TestSite::basic();
        let stderr = site.fails_keeping_output(|s| s.write(source, &question("Clash")));
        assert!(
            stderr.contains(&format!(
                "{source}: error: writes {page}, which (generated) {page} also writes"
            )),
            "{source}: {stderr}"
        );
    }
    // The index's term shards are named after the bank's words: its folder is its own.
    let site = TestSite::basic();
    let source = "content/search-index/terms-0.js";
    let stderr = site.fails_keeping_output(|s| s.write(source, &question("Clash")));
    assert!(
        stderr.contains(&format!(
            "{source}: error: writes search-index/terms-0.js, inside search-index/, the folder the search index writes"
        )),
        "{stderr}"
    );
}

#[test]
fn impossible_dates_are_refused_at_their_line_and_column() {
    for (front, at) in [
        (
            "+++\ntitle = \"Q\"\ntopics = [\"s3\"]\nupdated = \"2024-05-99\"\n+++\n",
            "content/s3/dated.md:4:11: error: ",
        ),
        (
            "+++\ntitle = \"Q\"\ntopics = [\"s3\"]\nupdated = 2023-02-29\n+++\n",
            "content/s3/dated.md:4:11: error: ",
        ),
        (
            "---\ntitle: Q\ntopics: [s3]\nupdated: 2024-02-30\n---\n",
            "content/s3/dated.md:4:10: error: ",
        ),
    ] {
        let site = TestSite::basic();
        let stderr = site.fails_keeping_output(|s| {
            s.write(
                "content/s3/dated.md",
                &format!("{front}\n## Answer\n\nA.\n"),
            )
        });
        let line = stderr.lines().find(|l| l.starts_with(at));
        assert!(
            line.is_some_and(|l| l.contains("date")),
            "{front}: {stderr}"
        );
    }
}

#[test]
fn the_feed_has_rfc3339_dates() {
    let site = TestSite::basic();
    site.write(
        "site.toml",
        &site.read("site.toml").replace(
            "title = \"Test Bank\"",
            "title = \"Test Bank\"\nbase_url = \"https://bank.example/bank/\"",
        ),
    );
    site.write(
        "content/s3/timed.md",
        "+++\ntitle = \"Timed\"\ntopics = [\"s3\"]\nupdated = 2024-06-01 10:30:00\n+++\n\n## Answer\n\nA.\n",
    );
    site.write(
        "content/s3/zoned.md",
        "---\ntitle: Zoned\ntopics: [s3]\nupdated: 2024-06-02T10:30:00+02:00\n---\n\n## Answer\n\nA.\n",
    );
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let feed = site.read("public/feed.xml");
    assert!(
        feed.contains("<updated>2024-06-01T10:30:00Z</updated>"),
        "{feed}"
    );
    assert!(
        feed.contains("<updated>2024-06-02T08:30:00Z</updated>"),
        "{feed}"
    );
    assert!(
        feed.contains("<updated>2024-05-01T00:00:00Z</updated>"),
        "{feed}"
    );
    let sitemap = site.read("public/sitemap.xml");
    assert!(
        sitemap.contains("<lastmod>2024-06-02</lastmod>"),
        "{sitemap}"
    );
}

#[test]
fn new_writes_the_authors_local_date() {
    let site = TestSite::basic();
    // Far east of UTC: for most of the day its date is not UTC's.
    let run = Command::new(common::bin())
        .args(["new", "Local date", "--topic", "s3"])
        .env("TZ", "Pacific/Kiritimati")
        .current_dir(site.root())
        .output()
        .unwrap();
    assert!(run.status.success(), "{run:?}");
    let local = Command::new("date")
        .arg("+%Y-%m-%d")
        .env("TZ", "Pacific/Kiritimati")
        .output()
        .unwrap();
    let today = String::from_utf8_lossy(&local.stdout).trim().to_string();
    let written = site.read("content/s3/local-date.md");
    assert!(
        written.contains(&format!("updated = {today}\n")),
        "want {today}: {written}"
    );
}

#[test]
fn an_output_folder_that_is_a_symlink_keeps_its_link() {
    let site = TestSite::basic();
    std::fs::create_dir(site.path("elsewhere")).unwrap();
    std::os::unix::fs::symlink("elsewhere", site.path("public")).unwrap();
    for _ in 0..2 {
        let run = site.build();
        assert_eq!(run.code, 0, "{}", run.stderr);
        let link = std::fs::symlink_metadata(site.path("public")).unwrap();
        assert!(link.file_type().is_symlink(), "public is still a link");
        assert!(site.path("elsewhere/index.html").is_file());
    }
    // A link to nothing is refused, and left alone.
    std::fs::remove_file(site.path("public")).unwrap();
    std::os::unix::fs::symlink("nowhere", site.path("public")).unwrap();
    let run = site.build();
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("public: error: the output folder is a symbolic link to nothing usable"),
        "{}",
        run.stderr
    );
    assert!(std::fs::symlink_metadata(site.path("public"))
        .unwrap()
        .file_type()
        .is_symlink());
}

/// A shared library that makes `renameat2(RENAME_EXCHANGE)` fail as it does on file systems
/// without it, and leaves a mark each time it is asked.
fn no_exchange_shim(dir: &Path) -> std::path::PathBuf {
    let source = dir.join("no_exchange.c");
    std::fs::write(
        &source,
        r#"#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
int renameat2(int a, const char *p, int b, const char *q, unsigned int flags) {
    const char *mark = getenv("NO_EXCHANGE_MARK");
    if (mark) { FILE *f = fopen(mark, "a"); if (f) { fputs("refused\n", f); fclose(f); } }
    errno = EINVAL;
    return -1;
}
"#,
    )
    .unwrap();
    let lib = dir.join("no_exchange.so");
    let cc = Command::new("cc")
        .args(["-shared", "-fPIC", "-o"])
        .arg(&lib)
        .arg(&source)
        .status()
        .expect("cc (gcc) is installed by scripts/test.sh");
    assert!(cc.success());
    lib
}

#[test]
fn without_an_atomic_exchange_the_build_falls_back_to_renames() {
    let site = TestSite::basic();
    let tools = tempfile::tempdir().unwrap();
    let shim = no_exchange_shim(tools.path());
    let mark = tools.path().join("mark");
    assert_eq!(site.build().code, 0);
    site.write("content/s3/new.md", &question("New after the first build"));
    let run = Command::new(common::bin())
        .arg("build")
        .env("LD_PRELOAD", &shim)
        .env("NO_EXCHANGE_MARK", &mark)
        .current_dir(site.root())
        .output()
        .unwrap();
    assert!(run.status.success(), "{run:?}");
    assert!(
        std::fs::read_to_string(&mark).is_ok_and(|m| m.contains("refused")),
        "the exchange was attempted and refused"
    );
    assert!(site
        .read("public/s3/new.html")
        .contains("New after the first build"));
    site.assert_no_staging_left();
}

#[test]
fn base_url_spellings_give_identical_output() {
    let site = TestSite::basic();
    let toml = site.read("site.toml");
    let with = |base: &str| {
        toml.replace(
            "title = \"Test Bank\"",
            &format!("title = \"Test Bank\"\nbase_url = \"{base}\""),
        )
    };
    let mut outputs = Vec::new();
    for (config, flag) in [
        (with("https://bank.example/bank"), None),
        (with("https://bank.example/bank/"), None),
        (toml.clone(), Some("https://bank.example/bank/")),
        (
            with("https://other.example/other/"),
            Some("https://bank.example/bank"),
        ),
    ] {
        site.write("site.toml", &config);
        let out = format!("out{}", outputs.len());
        let mut args = vec!["build", "--output", &out];
        if let Some(flag) = flag {
            args.extend(["--base-url", flag]);
        }
        let run = site.run(&args);
        assert_eq!(run.code, 0, "{}", run.stderr);
        outputs.push(site.snapshot(&out));
    }
    for other in &outputs[1..] {
        assert_eq!(&outputs[0], other);
    }
    let mut urls = 0;
    for (name, bytes) in &outputs[0] {
        let text = String::from_utf8_lossy(bytes);
        for url in text.split("https://bank.example").skip(1) {
            urls += 1;
            let url: String = url.chars().take_while(|c| !"\"<' ".contains(*c)).collect();
            assert!(url.starts_with("/bank/"), "{name}: {url}");
            assert!(!url.contains("//"), "{name}: {url}");
        }
    }
    assert!(urls > 10, "absolute URLs were written ({urls})");
}

#[test]
fn an_empty_answer_is_a_warning_at_its_line_in_build_and_check() {
    let site = TestSite::basic();
    site.write(
        "content/s3/empty.md",
        "+++\ntitle = \"Empty\"\ntopics = [\"s3\"]\n+++\n\nPrompt.\n\n## Answer\n\n",
    );
    let want = "content/s3/empty.md:8:1: warning: the answer is empty";
    let build = site.build();
    assert_eq!(build.code, 0, "a warning does not fail the build");
    assert!(build.stderr.contains(want), "{}", build.stderr);
    let check = site.run(&["check"]);
    assert_eq!(check.code, 1);
    assert!(
        check.stdout.contains(want) || check.stderr.contains(want),
        "{} {}",
        check.stdout,
        check.stderr
    );
}

#[test]
fn an_init_site_without_templates_builds_serves_and_checks() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("notes");
    let init = Command::new(common::bin())
        .args(["init"])
        .arg(&root)
        .output()
        .unwrap();
    assert!(init.status.success(), "{init:?}");
    assert!(!root.join("templates").exists());
    let run = |args: &[&str]| {
        Command::new(common::bin())
            .args(args)
            .current_dir(&root)
            .output()
            .unwrap()
    };
    let build = run(&["build"]);
    assert!(build.status.success(), "{build:?}");
    assert!(root.join("public/index.html").is_file());
    let check = run(&["check"]);
    assert!(check.status.success(), "{check:?}");
    let server = Server::start(&root, 0);
    server.wait_log("built the site", Duration::from_secs(60));
    let home = server.get("/");
    assert_eq!(home.status, 200);
    let built = std::fs::read_to_string(root.join("public/index.html")).unwrap();
    let title = &built[built.find("<title>").unwrap()..built.find("</title>").unwrap()];
    assert!(
        home.text().contains(title),
        "serve shows the built home page"
    );
}
