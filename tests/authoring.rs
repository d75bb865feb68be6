//! The author's commands: `cramdown new`, `cramdown check`, `cramdown init`.

mod common;

use common::TestSite;

#[test]
fn new_writes_a_question_with_front_matter_and_refuses_to_overwrite() {
    let site = TestSite::basic();
    let run = site.run(&[
        "new",
        "How does S3 versioning work?",
        "--topic",
        "s3",
        "--difficulty",
        "beginner",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout.trim(),
        "content/s3/how-does-s3-versioning-work.md"
    );
    let text = site.read("content/s3/how-does-s3-versioning-work.md");
    assert!(text.starts_with("+++\ntitle = \"How does S3 versioning work?\"\ntopics = [\"s3\"]\ndifficulty = \"beginner\"\nupdated = "), "{text}");
    assert!(text.ends_with("+++\n\n## Answer\n\n"), "{text}");
    // It builds at once.
    assert_eq!(site.build().code, 0);
    // A second time: refused, and the file is untouched.
    std::fs::write(
        site.path("content/s3/how-does-s3-versioning-work.md"),
        "mine",
    )
    .unwrap();
    let again = site.run(&["new", "How does S3 versioning work?", "--topic", "s3"]);
    assert_eq!(again.code, 1);
    assert!(
        again.stderr.contains(
            "content/s3/how-does-s3-versioning-work.md: error: already exists; not overwritten"
        ),
        "{}",
        again.stderr
    );
    assert_eq!(
        site.read("content/s3/how-does-s3-versioning-work.md"),
        "mine"
    );
}

#[test]
fn new_rejects_bad_topics_and_empty_slugs() {
    let site = TestSite::basic();
    let run = site.run(&["new", "Q?", "--topic", "../etc"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("topic `../etc` is not a valid slug"),
        "{}",
        run.stderr
    );
    let run = site.run(&["new", "???", "--topic", "s3"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("needs at least one letter or digit"),
        "{}",
        run.stderr
    );
}

#[test]
fn check_is_clean_on_a_good_site_and_writes_nothing() {
    let site = TestSite::basic();
    let before = site.snapshot("");
    let run = site.run(&["check"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stderr.contains("check: no problems in 3 questions"),
        "{}",
        run.stderr
    );
    assert_eq!(site.snapshot(""), before, "check writes nothing");
}

/// The basic site with one of each thing `check` finds and a build lets pass: a broken anchor
/// (to another page and to the same page), a shared slug and title, a topic used but not
/// described in site.toml, a topic described but unused.
fn site_with_check_findings() -> TestSite {
    let site = TestSite::basic();
    site.write(
        "content/s3/anchors.md",
        "+++\ntitle = \"Is S3 strongly consistent?\"\ntopics = [\"s3\", \"ec2\"]\n+++\n\n## Answer\n\nSee [policy](../iam/policy.md#nowhere) and [here](#also-nowhere).\n",
    );
    site.write(
        "content/iam/consistency.md",
        "+++\ntitle = \"Other\"\ntopics = [\"iam\"]\n+++\n",
    );
    let toml = site
        .read("site.toml")
        .replace("[extra]", "[topics.unused]\ntitle = \"Unused\"\n\n[extra]");
    site.write("site.toml", &toml);
    site
}

#[test]
fn check_finds_what_a_build_lets_pass() {
    let site = site_with_check_findings();
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    let out = run.stdout;
    for expected in [
        "content/s3/anchors.md:8:5: warning: link to `#nowhere`: iam/policy.html has no heading with that id",
        "content/s3/anchors.md:8:44: warning: link to `#also-nowhere`: s3/anchors.html has no heading with that id",
        "content/s3/anchors.md:2:1: warning: the same title is used by content/s3/consistency.md",
        "content/s3/anchors.md:3:1: warning: topic `ec2` is not described in site.toml",
        "site.toml:13:1: warning: topic `unused` is described but no question uses it",
    ] {
        assert!(out.contains(expected), "missing {expected:?} in\n{out}");
    }
    assert!(
        out.contains("warning: slug `consistency` is also used by content/"),
        "{out}"
    );
}

/// Every finding of `check --format json`, each with its exact path, line and column.
#[test]
fn check_json_gives_every_finding_its_path_line_and_column() {
    let site = site_with_check_findings();
    let run = site.run(&["check", "--format", "json"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).expect("json");
    let finding = |path: &str, line: u64, column: u64, message: &str| serde_json::json!({"path": path, "line": line, "column": column, "level": "warning", "message": message});
    let expected = serde_json::json!([
        finding(
            "content/iam/consistency.md",
            1,
            1,
            "slug `consistency` is also used by content/s3/consistency.md"
        ),
        finding(
            "content/iam/consistency.md",
            5,
            1,
            "the answer is empty: write it after `## Answer`, or mark the question `draft = true`"
        ),
        finding(
            "content/s3/anchors.md",
            2,
            1,
            "the same title is used by content/s3/consistency.md"
        ),
        finding(
            "content/s3/anchors.md",
            3,
            1,
            "topic `ec2` is not described in site.toml"
        ),
        finding(
            "content/s3/anchors.md",
            8,
            5,
            "link to `#nowhere`: iam/policy.html has no heading with that id"
        ),
        finding(
            "content/s3/anchors.md",
            8,
            44,
            "link to `#also-nowhere`: s3/anchors.html has no heading with that id"
        ),
        finding(
            "site.toml",
            13,
            1,
            "topic `unused` is described but no question uses it"
        ),
    ]);
    assert_eq!(report["findings"], expected, "{}", run.stdout);
}

#[test]
fn check_reports_build_errors_and_json() {
    let site = TestSite::basic();
    site.write(
        "content/s3/bad.md",
        "+++\ntitle = \"Q\"\ntopics = [\"s3\"]\n+++\n\n```json\n{\"a\": }\n```\n\nSee [this](missing.md).\n\n```cobol\nDISPLAY 'HI'.\n```\n",
    );
    let run = site.run(&["check", "--format", "json"]);
    assert_eq!(run.code, 1);
    let report: serde_json::Value = serde_json::from_str(&run.stdout).expect("json");
    let finding = |line: u64, column: u64, level: &str, message: &str| serde_json::json!({"path": "content/s3/bad.md", "line": line, "column": column, "level": level, "message": message});
    let expected = serde_json::json!([
        finding(7, 7, "error", "invalid JSON: expected value"),
        finding(
            10,
            5,
            "error",
            "link `missing.md` points at content/s3/missing.md, which does not exist"
        ),
        finding(
            12,
            1,
            "warning",
            "unknown language `cobol` in code block: shown without highlighting"
        ),
    ]);
    assert_eq!(report["findings"], expected, "{}", run.stdout);
    assert!(!site.path("public").exists());
}

#[test]
fn check_lists_external_links_and_checks_them_only_when_asked() {
    let site = TestSite::basic();
    // A loopback server that answers 404 to everything, and a port nobody listens on.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        use std::io::{Read, Write};
        for mut stream in listener.incoming().flatten() {
            let mut buf = [0u8; 1024];
            let _ = stream.read(&mut buf);
            let _ = stream.write_all(
                b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
            );
        }
    });
    let closed = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    site.write(
        "content/s3/links.md",
        &format!("+++\ntitle = \"Links\"\ntopics = [\"s3\"]\n+++\n\n[a](http://127.0.0.1:{port}/gone) [b](http://127.0.0.1:{closed}/x)\n"),
    );
    let listed = site.run(&["check", "--external"]);
    assert_eq!(
        listed.code, 0,
        "listing is not a finding: {}",
        listed.stdout
    );
    assert!(
        listed.stdout.contains(&format!(
            "content/s3/links.md:6:1: external link: http://127.0.0.1:{port}/gone"
        )),
        "{}",
        listed.stdout
    );
    let checked = site.run(&["check", "--external", "--online"]);
    assert_eq!(checked.code, 1);
    assert!(checked.stdout.contains(&format!("content/s3/links.md:6:1: warning: external link http://127.0.0.1:{port}/gone answered HTTP 404")), "{}", checked.stdout);
    assert!(
        checked
            .stdout
            .contains(&format!("http://127.0.0.1:{closed}/x failed")),
        "{}",
        checked.stdout
    );
}

#[test]
fn init_creates_a_site_that_builds_and_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("notes");
    let run = std::process::Command::new(common::bin())
        .arg("init")
        .arg(&root)
        .arg("--templates")
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    for file in [
        "site.toml",
        "content/_index.md",
        ".github/workflows/pages.yml",
        "templates/question.html",
        "static/cramdown.js",
    ] {
        assert!(root.join(file).is_file(), "missing {file}");
    }
    assert_eq!(
        std::fs::read_to_string(root.join(".github/workflows/pages.yml")).unwrap(),
        std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/.github/workflows/pages.yml"
        ))
        .unwrap(),
        "the same workflow as this repository's"
    );
    let build = std::process::Command::new(common::bin())
        .args(["build", "--root"])
        .arg(&root)
        .output()
        .unwrap();
    assert!(
        build.status.success(),
        "{}",
        String::from_utf8_lossy(&build.stderr)
    );
    assert!(root
        .join("public/basics/what-is-spaced-repetition.html")
        .is_file());
    let check = std::process::Command::new(common::bin())
        .args(["check", "--root"])
        .arg(&root)
        .output()
        .unwrap();
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stdout)
    );

    std::fs::write(root.join("site.toml"), "title = \"Mine\"\n").unwrap();
    let again = std::process::Command::new(common::bin())
        .arg("init")
        .arg(&root)
        .output()
        .unwrap();
    assert_eq!(again.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&again.stderr)
        .contains("already exists; `cramdown init` never overwrites files"));
    assert_eq!(
        std::fs::read_to_string(root.join("site.toml")).unwrap(),
        "title = \"Mine\"\n"
    );
}
