//! Hostile and broken input: every case gives a message naming the file (and line where there is
//! one), exit status 1 where it is an error, the previous output untouched, and no panic or hang.

mod common;

use std::os::unix::fs::{symlink, PermissionsExt};
use std::process::Command;

use common::{Run, TestSite};

fn question(title: &str, body: &str) -> String {
    format!(
        "+++\ntitle = {}\ntopics = [\"s3\"]\n+++\n\n{body}",
        toml_string(title)
    )
}

fn toml_string(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

#[test]
fn invalid_utf8_is_located() {
    let site = TestSite::basic();
    let stderr = site.fails_keeping_output(|s| {
        std::fs::write(
            s.path("content/s3/latin1.md"),
            b"+++\ntitle = \"Caf\xe9\"\ntopics = [\"s3\"]\n+++\n",
        )
        .unwrap();
    });
    assert!(
        stderr.contains("content/s3/latin1.md:2:13: error: not valid UTF-8 (byte 0xe9)"),
        "{stderr}"
    );
}

#[test]
fn byte_order_mark_and_crlf_are_accepted_with_true_line_numbers() {
    let site = TestSite::basic();
    site.write(
        "content/s3/bom.md",
        &format!("\u{feff}{}", question("With a BOM", "## Answer\n\nFine.\n")),
    );
    site.write(
        "content/s3/crlf.md",
        &question("Windows lines", "## Answer\r\n\r\nFine.\r\n").replace('\n', "\r\n"),
    );
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(site
        .read("public/s3/bom.html")
        .contains("<h1>With a BOM</h1>"));
    assert!(site.read("public/s3/crlf.html").contains("Windows lines"));
    site.write(
        "content/s3/crlf.md",
        &question("Windows lines", "## Answer\n\nSee [x](gone.md).\n").replace('\n', "\r\n"),
    );
    let run = site.build();
    assert!(
        run.stderr
            .contains("content/s3/crlf.md:8:5: error: link `gone.md`"),
        "{}",
        run.stderr
    );
}

#[test]
fn empty_file_is_named() {
    let site = TestSite::basic();
    let stderr = site.fails_keeping_output(|s| s.write("content/s3/empty.md", ""));
    assert!(
        stderr.contains("content/s3/empty.md:1:1: error: empty file"),
        "{stderr}"
    );
}

#[test]
fn huge_and_deep_documents_build() {
    let site = TestSite::basic();
    let paragraph = "S3 stores objects in buckets and serves them over HTTPS. ".repeat(20) + "\n\n";
    let big = paragraph.repeat(20 * 1024 * 1024 / paragraph.len() + 1);
    site.write(
        "content/s3/big.md",
        &question("Twenty megabytes", &format!("## Answer\n\n{big}")),
    );
    site.write(
        "content/s3/line.md",
        &question(
            "One long line",
            &format!("## Answer\n\n{}\n", "word ".repeat(210_000)),
        ),
    );
    let lists: String = (0..10_000)
        .map(|i| format!("{}- item\n", "  ".repeat(i)))
        .collect();
    site.write(
        "content/s3/lists.md",
        &question("Deep lists", &format!("## Answer\n\n{lists}")),
    );
    site.write(
        "content/s3/quotes.md",
        &question(
            "Deep quotes",
            &format!("## Answer\n\n{} deep\n", ">".repeat(10_000)),
        ),
    );
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        std::fs::metadata(site.path("public/s3/big.html"))
            .unwrap()
            .len()
            > 20_000_000
    );
    assert!(site.path("public/s3/lists.html").is_file());
    assert!(site.path("public/s3/quotes.html").is_file());
}

#[test]
fn unicode_titles_make_working_slugs_and_pages() {
    let site = TestSite::basic();
    for (title, file) in [
        (
            "S3 の整合性モデルとは？",
            "content/s3/s3-の整合性モデルとは.md",
        ),
        ("ما هو S3؟", "content/s3/ما-هو-s3.md"),
        ("Why 🚀 Lambda?", "content/s3/why-lambda.md"),
    ] {
        let run = site.run(&["new", title, "--topic", "s3"]);
        assert_eq!(run.code, 0, "{title}: {}", run.stderr);
        assert_eq!(run.stdout.trim(), file);
    }
    let emoji_only = site.run(&["new", "🚀🔥", "--topic", "s3"]);
    assert_eq!(emoji_only.code, 1);
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = site.read("public/s3/s3-の整合性モデルとは.html");
    assert!(page.contains("<h1>S3 の整合性モデルとは？</h1>"));
    assert!(site
        .read("public/topics/s3.html")
        .contains("href=\"../s3/ما-هو-s3.html\""));
}

#[test]
fn a_file_where_a_folder_is_needed_is_named() {
    let site = TestSite::basic();
    let stderr = site.fails_keeping_output(|s| s.write("static/topics", "not a folder"));
    assert!(stderr.contains("static/topics: error: writes the file topics, but other pages need a folder of that name"), "{stderr}");
}

#[test]
fn symlink_loop_and_symlink_outside_are_refused() {
    let site = TestSite::basic();
    let stderr = site.fails_keeping_output(|s| {
        symlink("..", s.path("content/s3/loop")).unwrap();
    });
    assert!(
        stderr.contains("content/s3/loop: error: symbolic link loop"),
        "{stderr}"
    );

    let site = TestSite::basic();
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.md"), question("Secret", "x")).unwrap();
    let stderr = site.fails_keeping_output(|s| {
        symlink(
            outside.path().join("secret.md"),
            s.path("content/s3/secret.md"),
        )
        .unwrap();
    });
    assert!(
        stderr.contains("content/s3/secret.md: error: symbolic link points outside the site"),
        "{stderr}"
    );
}

#[test]
fn pipes_in_content_do_not_hang_the_build() {
    let site = TestSite::basic();
    let stderr = site.fails_keeping_output(|s| {
        let made = Command::new("mkfifo")
            .arg(s.path("content/s3/pipe.md"))
            .status()
            .unwrap();
        assert!(made.success());
    });
    assert!(
        stderr.contains("content/s3/pipe.md: error: not a regular file"),
        "{stderr}"
    );
}

#[test]
fn unreadable_files_are_named() {
    let site = TestSite::basic();
    assert_eq!(site.build().code, 0);
    let before = site.snapshot("public");
    site.write("content/s3/locked.md", &question("Locked", "x"));
    std::fs::set_permissions(
        site.path("content/s3/locked.md"),
        std::fs::Permissions::from_mode(0o000),
    )
    .unwrap();
    // Root reads anything: run the build as an unprivileged user then, on a site it may write
    // (the temporary folder sits in /tmp, which everyone may enter).
    let run: Run = if euid() == 0 {
        Command::new("chmod")
            .args(["-R", "a+rwX"])
            .arg(site.root())
            .status()
            .unwrap();
        std::fs::set_permissions(
            site.path("content/s3/locked.md"),
            std::fs::Permissions::from_mode(0o000),
        )
        .unwrap();
        // A copy of the binary the unprivileged user can run wherever the checkout lives.
        let bin_dir = tempfile::tempdir().unwrap();
        let bin = bin_dir.path().join("cramdown");
        std::fs::copy(common::bin(), &bin).unwrap();
        std::fs::set_permissions(bin_dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
        Command::new("setpriv")
            .args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .arg(&bin)
            .arg("build")
            .current_dir(site.root())
            .output()
            .unwrap()
            .into()
    } else {
        site.build()
    };
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("content/s3/locked.md: error: cannot read: Permission denied"),
        "{}",
        run.stderr
    );
    assert_eq!(site.snapshot("public"), before);
}

fn euid() -> u32 {
    let out = Command::new("id").arg("-u").output().unwrap();
    String::from_utf8_lossy(&out.stdout)
        .trim()
        .parse()
        .unwrap_or(0)
}

#[test]
fn missing_broken_and_looping_templates_are_named() {
    let site = TestSite::basic();
    let stderr = site
        .fails_keeping_output(|s| s.write("templates/topic.html", "{% extends \"nope.html\" %}"));
    assert!(stderr.contains("nope.html"), "{stderr}");

    let site = TestSite::basic();
    let stderr = site.fails_keeping_output(|s| {
        s.write(
            "templates/question.html",
            "<p>\n{% include \"question.html\" %}</p>",
        );
    });
    assert!(stderr.contains("templates/question.html:2:1: error: template loops on itself: question.html -> question.html"), "{stderr}");

    let site = TestSite::basic();
    let stderr = site
        .fails_keeping_output(|s| s.write("templates/base.html", "{% extends \"base.html\" %}"));
    assert!(
        stderr.contains(
            "templates/base.html:1:1: error: template loops on itself: base.html -> base.html"
        ),
        "{stderr}"
    );

    let site = TestSite::basic();
    let stderr = site.fails_keeping_output(|s| {
        std::fs::create_dir_all(s.path("templates")).unwrap();
        std::fs::write(s.path("templates/index.html"), b"<p>\xff</p>").unwrap();
    });
    assert!(
        stderr.contains("templates/index.html:1:4: error: not valid UTF-8"),
        "{stderr}"
    );
}

#[test]
fn front_matter_html_is_escaped_everywhere() {
    let site = TestSite::basic();
    let toml = site
        .read("site.toml")
        .replace("Buckets and objects", "<img src=x onerror=alert(1)>");
    site.write("site.toml", &toml);
    site.write(
        "content/s3/xss.md",
        &question("<script>alert('t')</script>", "## Answer\n\n[click](javascript:alert(1)) [click2](JaVaScRiPt:alert(2)) <b>raw html stays</b>\n"),
    );
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    for entry in walkdir::WalkDir::new(site.path("public")) {
        let entry = entry.unwrap();
        if !entry.file_type().is_file() {
            continue;
        }
        let text = String::from_utf8_lossy(&std::fs::read(entry.path()).unwrap()).into_owned();
        let name = entry.path().display().to_string();
        assert!(!text.contains("<script>alert"), "{name} has the raw title");
        assert!(
            !text.contains("<img src=x onerror"),
            "{name} has the raw description"
        );
        assert!(
            !text.to_lowercase().contains("href=\"javascript:"),
            "{name} has a javascript: link"
        );
    }
    let page = site.read("public/s3/xss.html");
    assert!(
        page.contains("&lt;script&gt;alert(&#39;t&#39;)&lt;&#x2F;script&gt;")
            || page.contains("&lt;script&gt;alert(&#39;t&#39;)&lt;/script&gt;"),
        "{page}"
    );
    assert!(
        page.contains("<b>raw html stays</b>"),
        "raw HTML in the body is the author's own"
    );
    assert!(site
        .read("public/search-index.js")
        .contains("\\u003cscript>alert('t')\\u003c/script>"));
    assert!(
        run.stderr.contains(
            "content/s3/xss.md:8:1: warning: `javascript:` link is not emitted as a link"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn fuzzer_findings_build() {
    // Inputs the fuzzer found slow or crashing, kept as regression tests.
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/fuzz/regressions/page");
    let site = TestSite::basic();
    site.write("site.toml", "title = \"Fuzz\"\n");
    std::fs::create_dir_all(site.path("content/fuzz")).unwrap();
    for entry in std::fs::read_dir(dir).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(
            entry.path(),
            site.path("content/fuzz").join(entry.file_name()),
        )
        .unwrap();
    }
    let run = site.build();
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    assert!(matches!(run.code, 0 | 1), "{}", run.stderr);
    let page = site.read("public/fuzz/identical-headings-quadratic.html");
    assert!(
        page.contains("id=\"section-4999\""),
        "every heading gets its own id"
    );
}

/// `templates/` is walked as `content/` and `static/` are: hidden folders are skipped, and a
/// link out of the site is refused with the folder's name.
#[test]
fn templates_are_walked_like_content() {
    let site = TestSite::basic();
    site.write("templates/.backup/question.html", "{% broken");
    let run = site.build();
    assert_eq!(run.code, 0, "a hidden folder is not read: {}", run.stderr);
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("leak.html"), "<p>{{ site.title }}</p>").unwrap();
    let stderr = site.fails_keeping_output(|s| {
        symlink(
            outside.path().join("leak.html"),
            s.path("templates/leak.html"),
        )
        .unwrap();
    });
    assert!(
        stderr.contains(
            "templates/leak.html: error: symbolic link points outside the site; copy the file into templates/ instead"
        ),
        "{stderr}"
    );
}
