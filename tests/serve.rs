//! `cramdown serve`: a real server on a loopback port, real edits in a temporary site.

mod common;

use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::process::ExitStatus;
use std::time::Duration;

use common::server::{raw, raw_bytes, Events, Server};
use common::TestSite;

const LIVE_TAG: &str = "<script src=\"/__cramdown/live.js\"></script>";

#[test]
fn serves_pages_with_types_and_the_live_reload_script() {
    let site = TestSite::basic();
    let server = Server::start(site.root(), 0);
    let home = server.get("/");
    assert_eq!(home.status, 200);
    assert_eq!(
        home.header("content-type").as_deref(),
        Some("text/html; charset=utf-8")
    );
    assert!(home.text().contains(LIVE_TAG));
    let css = server.get("/syntax.css");
    assert_eq!(
        css.header("content-type").as_deref(),
        Some("text/css; charset=utf-8")
    );
    assert_eq!(
        server
            .get("/search-index.js")
            .header("content-type")
            .as_deref(),
        Some("text/javascript; charset=utf-8")
    );
    assert_eq!(
        server.get("/favicon.svg").header("content-type").as_deref(),
        Some("image/svg+xml")
    );
    // A folder without its slash redirects, so relative links keep working.
    let topics = server.get("/topics");
    assert_eq!(topics.status, 301);
    assert_eq!(topics.header("location").as_deref(), Some("/topics/"));
    assert_eq!(server.get("/topics/").status, 200);
    // Missing pages get 404.html with status 404.
    let missing = server.get("/nope.html");
    assert_eq!(missing.status, 404);
    assert!(missing.text().contains("<html"));
    // HEAD has no body; other methods are refused.
    let head = raw(
        server.port,
        "HEAD /index.html HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    );
    assert_eq!(head.status, 200);
    assert!(head.body.is_empty());
    assert!(
        head.header("content-length")
            .unwrap()
            .parse::<usize>()
            .unwrap()
            > 100
    );
    let post = raw(
        server.port,
        "POST /index.html HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n",
    );
    assert_eq!(post.status, 405);
    // The script is never written by a build.
    assert_eq!(site.build().code, 0);
    assert!(!site.read("public/index.html").contains("__cramdown"));
}

#[test]
fn paths_that_escape_the_output_are_refused() {
    let site = TestSite::basic();
    site.write("secret.txt", "TOP-SECRET");
    let server = Server::start(site.root(), 0);
    let long = format!("/{}", "a/".repeat(3000));
    let targets = [
        "/../secret.txt",
        "/../../../../etc/passwd",
        "/%2e%2e/secret.txt",
        "/%2E%2E/%2e%2e/etc/passwd",
        "/%252e%252e/secret.txt",
        "/..%2fsecret.txt",
        "/..%2F..%2Fetc%2Fpasswd",
        "/..\\secret.txt",
        "/%5c..%5csecret.txt",
        "\\..\\secret.txt",
        "/etc/passwd",
        "//etc/passwd",
        "http://127.0.0.1/../secret.txt",
        "/index.html%00.txt",
        "/site.toml",
        "/content/s3/consistency.md",
        "/.cramdown-output",
        long.as_str(),
    ];
    for target in targets {
        let response = raw(
            server.port,
            &format!("GET {target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"),
        );
        assert!(
            matches!(response.status, 400 | 404),
            "{target}: {}",
            response.status
        );
        let body = response.text();
        assert!(
            !body.contains("TOP-SECRET") && !body.contains("root:x:0"),
            "{target} leaked"
        );
        assert!(
            !body.contains("title = \"Test Bank\""),
            "{target} leaked site.toml"
        );
    }
    let nul = raw_bytes(
        server.port,
        b"GET /index.html\0 HTTP/1.1\r\nHost: x\r\n\r\n",
    );
    assert!(matches!(nul.status, 400 | 404));
}

#[test]
fn a_busy_port_moves_to_the_next_free_one() {
    let site = TestSite::basic();
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port();
    let server = Server::start(site.root(), port);
    assert_ne!(server.port, port);
    assert_eq!(server.get("/").status, 200);
}

#[test]
fn an_edit_is_served_and_tabs_are_told_to_reload() {
    let site = TestSite::basic();
    let server = Server::start(site.root(), 0);
    let mut events = Events::open(server.port);
    let before = server.get("/s3/versioning.html").text();
    assert!(before.contains("Every PUT keeps the old version."));
    site.write(
        "content/s3/versioning.md",
        "---\ntitle: How does S3 versioning work?\ntopics: [s3]\ndifficulty: intermediate\nweight: 2\n---\n\n## Answer\n\nEvery PUT keeps a new version.\n",
    );
    let (name, _) = events.next_event();
    assert_eq!(name, "reload");
    let line = server.wait_log("rebuilt content/s3/versioning.md", Duration::from_secs(10));
    assert!(line.contains(" ms"), "{line}");
    assert!(server
        .get("/s3/versioning.html")
        .text()
        .contains("Every PUT keeps a new version."));
}

#[test]
fn a_broken_save_keeps_the_last_good_site_and_reports_the_error() {
    let site = TestSite::basic();
    let server = Server::start(site.root(), 0);
    let mut events = Events::open(server.port);
    site.write(
        "content/s3/versioning.md",
        "---\ntitle: How does S3 versioning work?\ntopics: [s3]\nweight: 2\n---\n\n## Answer\n\nSee [gone](gone.md).\n",
    );
    let (name, data) = events.next_event();
    assert_eq!(name, "build-error");
    assert!(
        data.contains("content/s3/versioning.md:9:5: error: link `gone.md`"),
        "{data}"
    );
    server.wait_log(
        "content/s3/versioning.md:9:5: error: link `gone.md`",
        Duration::from_secs(10),
    );
    // The last good page is still served, and a tab opened now hears about the error at once.
    assert!(server
        .get("/s3/versioning.html")
        .text()
        .contains("Every PUT keeps the old version."));
    let mut late = Events::open(server.port);
    assert_eq!(late.next_event().0, "build-error");
    // The next good save clears it.
    site.write(
        "content/s3/versioning.md",
        "---\ntitle: How does S3 versioning work?\ntopics: [s3]\nweight: 2\n---\n\n## Answer\n\nFixed.\n",
    );
    assert_eq!(events.next_event().0, "reload");
    assert!(server.get("/s3/versioning.html").text().contains("Fixed."));
}

/// The site as served, compared file by file with a cold build of the same sources.
fn assert_served_equals_cold_build(site: &TestSite, server: &Server) {
    let run = site.run(&[
        "build",
        "--base-url",
        &format!("http://127.0.0.1:{}/", server.port),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let built = site.snapshot("public");
    assert!(built.len() > 10);
    for (path, bytes) in &built {
        if path == ".cramdown-output" {
            continue;
        }
        let served = server.get(&format!("/{path}"));
        assert_eq!(served.status, 200, "{path}");
        let body = if path.ends_with(".html") {
            String::from_utf8(served.body.clone())
                .unwrap()
                .replacen(LIVE_TAG, "", 1)
                .into_bytes()
        } else {
            served.body.clone()
        };
        assert!(body == *bytes, "{path} differs from a cold build");
    }
}

#[test]
fn incremental_rebuilds_equal_a_cold_build_byte_for_byte() {
    let site = TestSite::basic();
    let server = Server::start(site.root(), 0);
    let mut events = Events::open(server.port);
    assert_served_equals_cold_build(&site, &server);

    // An answer edit (the fast path).
    let text = site
        .read("content/s3/consistency.md")
        .replace("Yes, since 2020.", "Yes: since December 2020.");
    site.write("content/s3/consistency.md", &text);
    assert_eq!(events.next_event().0, "reload");
    assert_served_equals_cold_build(&site, &server);

    // A title edit: neighbours, topic pages and the index change too.
    let text = site.read("content/s3/versioning.md").replace(
        "How does S3 versioning work?",
        "What does S3 versioning keep?",
    );
    site.write("content/s3/versioning.md", &text);
    assert_eq!(events.next_event().0, "reload");
    assert_served_equals_cold_build(&site, &server);

    // A static file added, then changed.
    site.write("static/extra.css", "p { color: red }");
    assert_eq!(events.next_event().0, "reload");
    site.write("static/extra.css", "p { color: blue }");
    assert_eq!(events.next_event().0, "reload");
    assert_eq!(server.get("/extra.css").text(), "p { color: blue }");
    server.wait_log("rebuilt static files", Duration::from_secs(10));

    // A template edit, a new question and a deleted one.
    site.write(
        "templates/topics.html",
        "<!doctype html><title>T</title><p>{{ topics | length }} topics</p>",
    );
    assert_eq!(events.next_event().0, "reload");
    site.write(
        "content/iam/new.md",
        "+++\ntitle = \"New one\"\ntopics = [\"iam\"]\nweight = 4\n+++\n",
    );
    assert_eq!(events.next_event().0, "reload");
    std::fs::remove_file(site.path("content/iam/draft.md")).unwrap();
    assert_eq!(events.next_event().0, "reload");
    assert_served_equals_cold_build(&site, &server);
}

#[test]
fn editors_that_save_by_rename_are_followed() {
    let site = TestSite::basic();
    let server = Server::start(site.root(), 0);
    let mut events = Events::open(server.port);
    let text = site
        .read("content/s3/consistency.md")
        .replace("Yes, since 2020.", "Renamed into place.");
    // Write a temporary file beside it, then rename it over the original, as vim and others do.
    site.write("content/s3/.consistency.md.swp", &text);
    std::fs::rename(
        site.path("content/s3/.consistency.md.swp"),
        site.path("content/s3/consistency.md"),
    )
    .unwrap();
    assert_eq!(events.next_event().0, "reload");
    assert!(server
        .get("/s3/consistency.html")
        .text()
        .contains("Renamed into place."));
}

#[test]
fn a_static_symlink_out_of_the_site_is_never_served() {
    let site = TestSite::basic();
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.txt"), "TOP-SECRET").unwrap();
    std::fs::create_dir_all(site.path("static")).unwrap();
    std::os::unix::fs::symlink(
        outside.path().join("secret.txt"),
        site.path("static/leak.txt"),
    )
    .unwrap();
    let server = Server::start(site.root(), 0);
    server.wait_log(
        "static/leak.txt: error: symbolic link points outside the site",
        Duration::from_secs(10),
    );
    let response = server.get("/leak.txt");
    // The build failed, so there is no site yet: the error page, never the file.
    assert_eq!(response.status, 503);
    assert!(!response.text().contains("TOP-SECRET"));
}

/// Starts `serve` with SIGINT ignored or at its default action (as a background job of a
/// script, or from a terminal), sends SIGINT once it serves, and returns how it ended and stderr.
fn interrupt_serve(site: &TestSite, sigint: libc::sighandler_t) -> (ExitStatus, String) {
    let mut command = std::process::Command::new(common::bin());
    command
        .args(["serve", "--port", "0", "--bind", "0.0.0.0"])
        .current_dir(site.root())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    // SAFETY: only signal(2), which is async-signal-safe, runs between fork and exec.
    unsafe {
        command.pre_exec(move || {
            libc::signal(libc::SIGINT, sigint);
            Ok(())
        })
    };
    let mut child = command.spawn().unwrap();
    let mut line = String::new();
    std::io::BufRead::read_line(
        &mut std::io::BufReader::new(child.stdout.take().unwrap()),
        &mut line,
    )
    .unwrap();
    assert!(line.starts_with("serving . at http://127.0.0.1:"), "{line}");
    // SAFETY: plain kill(2) on our own child.
    unsafe { libc::kill(child.id() as i32, libc::SIGINT) };
    // Wait for it to end; the deadline is only a safety net so a broken build cannot hang CI.
    let deadline = std::time::Instant::now() + Duration::from_secs(120);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            panic!("serve ignored SIGINT");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let mut stderr = String::new();
    std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut stderr).unwrap();
    (status, stderr)
}

#[test]
fn ctrl_c_stops_the_server_and_bind_warns() {
    let site = TestSite::basic();
    let (status, stderr) = interrupt_serve(&site, libc::SIG_DFL);
    assert_eq!(status.signal(), Some(libc::SIGINT), "{status:?}");
    assert!(stderr.contains("warning: serving on 0.0.0.0"), "{stderr}");
    assert!(!site.path("public").exists(), "serve writes nothing");
}

#[test]
fn ctrl_c_stops_the_server_started_as_a_background_job() {
    // `scripts/test.sh &` from a script: SIGINT is inherited as ignored.
    let site = TestSite::basic();
    let (status, _) = interrupt_serve(&site, libc::SIG_IGN);
    assert_eq!(status.signal(), Some(libc::SIGINT), "{status:?}");
}

#[test]
fn a_site_that_never_built_shows_its_error_and_recovers() {
    let site = TestSite::basic();
    site.write(
        "content/s3/bad.md",
        "+++\ntitle = \"Bad\"\ntopics = [\"s3\"]\nauthor = \"x\"\n+++\n",
    );
    let server = Server::start(site.root(), 0);
    let page = server.get("/");
    assert_eq!(page.status, 503);
    assert!(
        page.text()
            .contains("content/s3/bad.md:4:1: error: unknown field `author`"),
        "{}",
        page.text()
    );
    assert!(
        page.text().contains(LIVE_TAG),
        "the error page reloads itself once fixed"
    );
    let mut events = Events::open(server.port);
    assert_eq!(events.next_event().0, "build-error");
    std::fs::remove_file(site.path("content/s3/bad.md")).unwrap();
    assert_eq!(events.next_event().0, "reload");
    assert_eq!(server.get("/").status, 200);
}

#[test]
fn an_edited_choice_updates_the_exam_data_as_a_cold_build_would() {
    let site = TestSite::basic();
    site.write(
        "content/s3/classes.md",
        "+++\ntitle = \"Cheapest class for rare reads?\"\ntopics = [\"s3\"]\nweight = 5\n+++\n\n## Choices\n\n- [x] Glacier Deep Archive\n\n  Hours to restore, the lowest price.\n\n- [ ] S3 Standard\n\n## Answer\n\nDeep Archive.\n",
    );
    let server = Server::start(site.root(), 0);
    let mut events = Events::open(server.port);
    assert!(server
        .get("/exam-data.js")
        .text()
        .contains("Hours to restore, the lowest price."));
    assert_served_equals_cold_build(&site, &server);
    // An explanation edit takes the one-question path; the exam data follows it.
    let text = site
        .read("content/s3/classes.md")
        .replace("Hours to restore", "Up to 48 hours to restore");
    site.write("content/s3/classes.md", &text);
    assert_eq!(events.next_event().0, "reload");
    assert!(server
        .get("/exam-data.js")
        .text()
        .contains("Up to 48 hours to restore, the lowest price."));
    assert_served_equals_cold_build(&site, &server);
}
