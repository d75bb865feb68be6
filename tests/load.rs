//! The dev server under load and under slow clients: every response is complete, the last edit
//! is served, slow clients are dropped while others are served. How fast it answers is measured
//! by `cargo run --release --example load` (figures in BENCHMARKS.md), never asserted here.

mod common;

use std::io::Write;
use std::net::TcpStream;
use std::time::{Duration, Instant};

use common::load;
use common::server::Server;

#[test]
fn concurrent_clients_get_complete_pages_while_files_change() {
    let dir = tempfile::tempdir().unwrap();
    load::write_site(dir.path(), 300, "v0");
    let server = Server::start(dir.path(), 0);
    let mut paths: Vec<String> = (0..300)
        .map(|i| format!("/t{}/q{i}.html", i % 20))
        .collect();
    paths.extend([
        "/".to_string(),
        "/topics/t3.html".to_string(),
        "/search-index.js".to_string(),
    ]);
    let root = dir.path().to_path_buf();
    let report = load::run(server.port, &paths, 50, Duration::from_secs(6), move |n| {
        let file = root.join("content/t3/q3.md");
        let text = std::fs::read_to_string(&file).unwrap();
        std::fs::write(
            &file,
            text.replace(&format!("v{n}"), &format!("v{}", n + 1)),
        )
        .unwrap();
    });
    assert!(
        report.errors.is_empty(),
        "{} errors, first: {:?}",
        report.errors.len(),
        &report.errors[..report.errors.len().min(5)]
    );
    assert!(report.responses > 0, "no responses");
    assert!(report.edits >= 1, "no edit was made during the run");
    // The last edit is served once its rebuild is done (the time-out is only a safety net).
    let deadline = Instant::now() + Duration::from_secs(60);
    while !server
        .get("/t3/q3.html")
        .text()
        .contains(&format!("v{}", report.edits))
    {
        assert!(Instant::now() < deadline, "the last edit was never served");
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn slow_clients_are_dropped_without_holding_up_others() {
    let dir = tempfile::tempdir().unwrap();
    load::write_site(dir.path(), 20, "v0");
    let server = Server::start(dir.path(), 0);
    // Twenty clients that send their request head one byte at a time.
    let mut slow: Vec<TcpStream> = (0..20)
        .map(|_| TcpStream::connect(("127.0.0.1", server.port)).unwrap())
        .collect();
    let mut dropped = false;
    let head =
        b"GET / HTTP/1.1\r\nHost: x\r\nX-Slow: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n";
    // Keep trickling until the server drops them (the server's own time-out decides when; the
    // round limit is only a safety net).
    for i in 0..600 {
        for s in &mut slow {
            if s.write_all(&head[i % head.len()..i % head.len() + 1])
                .is_err()
            {
                dropped = true;
            }
        }
        // Meanwhile a normal client is served, complete.
        let page = server.get("/t1/q1.html");
        assert_eq!(page.status, 200);
        assert!(page.text().contains("</html>"), "incomplete page");
        if dropped {
            break;
        }
        std::thread::sleep(Duration::from_millis(500));
    }
    assert!(dropped, "slow clients were never dropped");
}
