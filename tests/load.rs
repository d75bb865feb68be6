//! The dev server under load and under slow clients (a short run; `cargo run --release
//! --example load` is the long one, with the figures in the README).

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
    // Warm up, then measure memory around the run.
    let _ = server.get("/");
    let rss_before = load::rss_kib(server.pid());
    let mut report = load::run(server.port, &paths, 50, Duration::from_secs(6), move |n| {
        let file = root.join("content/t3/q3.md");
        let text = std::fs::read_to_string(&file).unwrap();
        std::fs::write(
            &file,
            text.replace(&format!("v{n}"), &format!("v{}", n + 1)),
        )
        .unwrap();
    });
    let rss_after = load::rss_kib(server.pid());
    assert!(
        report.errors.is_empty(),
        "{} errors, first: {:?}",
        report.errors.len(),
        &report.errors[..report.errors.len().min(5)]
    );
    assert!(
        report.responses > 1000,
        "only {} responses",
        report.responses
    );
    assert!(report.edits >= 5);
    assert!(
        rss_after < rss_before * 2 + 64 * 1024,
        "memory grew from {rss_before} KiB to {rss_after} KiB"
    );
    // The last edit is served once its rebuild is done.
    let deadline = Instant::now() + Duration::from_secs(10);
    while !server
        .get("/t3/q3.html")
        .text()
        .contains(&format!("v{}", report.edits))
    {
        assert!(Instant::now() < deadline, "the last edit was never served");
        std::thread::sleep(Duration::from_millis(100));
    }
    let p99 = report.percentile_ms(0.99);
    eprintln!(
        "{} requests in {:.1} s: {:.0}/s, p99 {p99:.1} ms",
        report.responses,
        report.seconds,
        report.requests_per_second()
    );
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
    let started = Instant::now();
    let mut dropped = false;
    let head =
        b"GET / HTTP/1.1\r\nHost: x\r\nX-Slow: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n";
    let mut i = 0;
    while started.elapsed() < Duration::from_secs(14) {
        for s in &mut slow {
            if s.write_all(&head[i % head.len()..i % head.len() + 1])
                .is_err()
            {
                dropped = true;
            }
        }
        i += 1;
        // Meanwhile a normal client is served at once.
        let t = Instant::now();
        assert_eq!(server.get("/t1/q1.html").status, 200);
        assert!(
            t.elapsed() < Duration::from_secs(2),
            "a normal request waited {:?}",
            t.elapsed()
        );
        std::thread::sleep(Duration::from_millis(500));
        if dropped {
            break;
        }
    }
    assert!(dropped, "slow clients were never dropped");
    assert!(
        started.elapsed() >= Duration::from_secs(9),
        "dropped too early: {:?}",
        started.elapsed()
    );
}
