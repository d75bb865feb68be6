//! The dev server's load run of issue 6: a 1,000-question site served by `cramdown serve`,
//! 200 keep-alive connections for 30 seconds while a question is edited every second; every
//! response is checked to be a complete page. Prints requests per second, p50/p99 latency and
//! the server's memory before and after.
//!
//!     cargo build --release && cargo run --release --example load [-- CONNECTIONS SECONDS]

#[path = "../tests/common/load.rs"]
mod load;

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::Duration;

fn main() {
    let mut args = std::env::args().skip(1);
    let connections: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(200);
    let seconds: u64 = args.next().and_then(|a| a.parse().ok()).unwrap_or(30);
    let dir = std::env::temp_dir().join(format!("cramdown-load-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    load::write_site(&dir, 1000, "v0");
    let bin = concat!(env!("CARGO_MANIFEST_DIR"), "/target/release/cramdown");
    let mut server = Command::new(bin)
        .args(["serve", "--port", "0"])
        .current_dir(&dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("run target/release/cramdown (cargo build --release first)");
    let mut line = String::new();
    BufReader::new(server.stdout.take().expect("stdout"))
        .read_line(&mut line)
        .expect("address");
    let port: u16 = line
        .split("127.0.0.1:")
        .nth(1)
        .and_then(|r| {
            r.trim_end_matches(['/', '\n', ' '])
                .split(['/', ' '])
                .next()
        })
        .and_then(|p| p.parse().ok())
        .expect("port in the address line");
    let paths: Vec<String> = (0..1000)
        .map(|i| format!("/t{}/q{i}.html", i % 20))
        .collect();
    let rss_before = load::rss_kib(server.id());
    let edited = dir.join("content/t3/q3.md");
    let mut report = load::run(
        port,
        &paths,
        connections,
        Duration::from_secs(seconds),
        |n| {
            let text = std::fs::read_to_string(&edited).expect("read");
            std::fs::write(
                &edited,
                text.replace(&format!("v{n}"), &format!("v{}", n + 1)),
            )
            .expect("write");
        },
    );
    let rss_after = load::rss_kib(server.id());
    let _ = server.kill();
    let _ = server.wait();
    let _ = std::fs::remove_dir_all(&dir);
    let p50 = report.percentile_ms(0.50);
    let p99 = report.percentile_ms(0.99);
    println!("connections      {connections}");
    println!(
        "duration         {:.1} s, {} edits",
        report.seconds, report.edits
    );
    println!(
        "responses        {} ({:.0} per second)",
        report.responses,
        report.requests_per_second()
    );
    println!("latency          p50 {p50:.2} ms, p99 {p99:.2} ms");
    println!("errors           {}", report.errors.len());
    println!(
        "server memory    {} MiB before, {} MiB after",
        rss_before / 1024,
        rss_after / 1024
    );
    if let Some(first) = report.errors.first() {
        println!("first error      {first}");
        std::process::exit(1);
    }
}
