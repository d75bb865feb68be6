//! feed.xml and sitemap.xml read by the programs that define them: jing with RFC 4287's RELAX NG
//! schema for the Atom feed, xmllint with the sitemaps.org XSD for the sitemap (both schemas in
//! tests/schemas/), for the bundled bank and for the feature fixture, each built with a base URL.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

const BASE_URL: &str = "https://example.org/repo/";

fn repo(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

/// Builds the site whose sources are at `root` (a folder of the repository) with `BASE_URL`,
/// into a temporary folder; the build must succeed without a warning.
fn build(root: &str) -> tempfile::TempDir {
    let out = tempfile::tempdir().expect("temp dir");
    let run: common::Run = Command::new(common::bin())
        .args(["build", "--root"])
        .arg(repo(root))
        .arg("--output")
        .arg(out.path().join("site"))
        .args(["--base-url", BASE_URL])
        .output()
        .expect("run cramdown")
        .into();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stderr.contains("warning"), "{}", run.stderr);
    out
}

/// Runs a validator; fails with its whole output unless it exits 0.
fn validate(program: &str, args: &[&Path]) -> String {
    let output = Command::new(program)
        .args(args)
        .output()
        .unwrap_or_else(|e| {
            panic!("{program} could not run ({e}): apt-get install -y jing libxml2-utils")
        });
    let run: common::Run = output.into();
    assert_eq!(
        run.code, 0,
        "{program} {args:?}:\n{}{}",
        run.stdout, run.stderr
    );
    run.stdout + &run.stderr
}

fn jing_atom(feed: &Path) {
    let schema = repo("tests/schemas/atom.rnc");
    let out = validate("jing", &[Path::new("-c"), &schema, feed]);
    // jing writes errors to stdout; Debian's wrapper warns on stderr about optional jars.
    assert!(!out.contains("error"), "{out}");
}

fn xmllint_sitemap(sitemap: &Path) {
    let schema = repo("tests/schemas/sitemap.xsd");
    let out = validate(
        "xmllint",
        &[
            Path::new("--noout"),
            Path::new("--schema"),
            &schema,
            sitemap,
        ],
    );
    assert!(out.contains("validates"), "{out}");
}

/// The Schematron rules of RFC 4287's schema, which jing does not check: every entry has an
/// alternate link (or content) and an author (or the feed has one).
fn atom_rules(feed: &str) {
    let feed_head = feed.split("<entry>").next().unwrap_or("");
    let feed_author = feed_head.contains("<author>");
    let entries: Vec<&str> = feed.split("<entry>").skip(1).collect();
    for entry in &entries {
        let alternate = entry.contains("<link href=") || entry.contains("rel=\"alternate\"");
        assert!(alternate || entry.contains("<content"), "{entry}");
        assert!(feed_author || entry.contains("<author>"), "{entry}");
    }
}

/// The sitemap lists exactly the pages the build wrote, at their URLs under the base URL:
/// every page but `404.html` and the tools (`study.html`, `exam.html`, `interview.html`,
/// `stats.html`: not content), the home page as the base URL.
fn sitemap_lists_pages(site: &Path, sitemap: &str) {
    let mut built: Vec<String> = walkdir::WalkDir::new(site)
        .into_iter()
        .map(|e| e.expect("walk"))
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .map(|e| {
            let rel = e.path().strip_prefix(site).expect("prefix");
            rel.to_string_lossy().into_owned()
        })
        // The app pages (study sessions, mock exams, interviews, statistics) have no content of
        // their own to index.
        .filter(|rel| {
            ![
                "404.html",
                "study.html",
                "exam.html",
                "interview.html",
                "stats.html",
            ]
            .contains(&rel.as_str())
        })
        .map(|rel| match rel.as_str() {
            "index.html" => BASE_URL.to_string(),
            _ => format!("{BASE_URL}{rel}"),
        })
        .collect();
    let mut listed: Vec<String> = sitemap
        .split("<loc>")
        .skip(1)
        .filter_map(|x| x.split("</loc>").next())
        .map(str::to_string)
        .collect();
    built.sort();
    listed.sort();
    assert!(built.len() > 5, "{built:?}");
    assert_eq!(listed, built);
}

fn check_site(root: &str) -> (String, String) {
    let out = build(root);
    let site = out.path().join("site");
    let feed = site.join("feed.xml");
    let sitemap = site.join("sitemap.xml");
    jing_atom(&feed);
    xmllint_sitemap(&sitemap);
    let feed = std::fs::read_to_string(feed).expect("read feed");
    let sitemap = std::fs::read_to_string(sitemap).expect("read sitemap");
    atom_rules(&feed);
    sitemap_lists_pages(&site, &sitemap);
    (feed, sitemap)
}

#[test]
fn bundled_bank_feed_and_sitemap_are_valid() {
    let (feed, _) = check_site(".");
    assert!(feed.matches("<entry>").count() >= 5, "{feed}");
}

#[test]
fn fixture_feed_and_sitemap_are_valid_with_unicode_titles_and_paths() {
    let (feed, sitemap) = check_site("tests/fixtures/features");
    // Questions with an `updated` date are in the feed, escaped and newest first.
    let titles: Vec<&str> = feed
        .split("<entry>")
        .skip(1)
        .filter_map(|e| e.split("<title>").nth(1)?.split("</title>").next())
        .collect();
    assert_eq!(
        titles,
        [
            "Which snippets are checked, and how do long lines scroll?",
            "Qu&#39;est-ce qu&#39;un café « noisette » ?",
            "Which GitHub alerts are there?",
            "What do footnotes and strikethrough look like?",
        ]
    );
    assert!(
        sitemap.contains("<lastmod>2026-03-10</lastmod>"),
        "{sitemap}"
    );
}

/// The validators are not a formality: each rejects what Atom and the sitemap protocol forbid.
#[test]
fn the_validators_reject_a_broken_feed_and_sitemap() {
    let out = build("tests/fixtures/features");
    let site = out.path().join("site");
    let feed = std::fs::read_to_string(site.join("feed.xml")).expect("read feed");
    let broken = out.path().join("broken-feed.xml");
    std::fs::write(
        &broken,
        feed.replacen("2026-03-10T00:00:00Z", "2026-03-10 10:00", 1),
    )
    .expect("write");
    let run: common::Run = Command::new("jing")
        .arg("-c")
        .arg(repo("tests/schemas/atom.rnc"))
        .arg(&broken)
        .output()
        .expect("run jing")
        .into();
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stdout
            .contains("character content of element \"updated\" invalid"),
        "{}",
        run.stdout
    );

    let sitemap = std::fs::read_to_string(site.join("sitemap.xml")).expect("read sitemap");
    let broken = out.path().join("broken-sitemap.xml");
    std::fs::write(
        &broken,
        sitemap.replacen(
            "<lastmod>2026-03-10</lastmod>",
            "<lastmod>2026-03-99</lastmod>",
            1,
        ),
    )
    .expect("write");
    let run: common::Run = Command::new("xmllint")
        .args(["--noout", "--schema"])
        .arg(repo("tests/schemas/sitemap.xsd"))
        .arg(&broken)
        .output()
        .expect("run xmllint")
        .into();
    assert_ne!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("lastmod"), "{}", run.stderr);
}
