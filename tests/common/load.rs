//! A load generator for `cramdown serve`: keep-alive clients that check every response is a
//! complete page, while a question is edited every second. Shared by `tests/load.rs` (a short
//! run) and `examples/load.rs` (the long run whose figures go in the README).

#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// What a load run saw.
#[derive(Debug, Default)]
pub struct Report {
    pub responses: u64,
    pub errors: Vec<String>,
    pub latencies_us: Vec<u64>,
    pub seconds: f64,
    pub edits: u32,
}

impl Report {
    pub fn requests_per_second(&self) -> f64 {
        self.responses as f64 / self.seconds
    }

    pub fn percentile_ms(&mut self, p: f64) -> f64 {
        self.latencies_us.sort_unstable();
        let i = ((self.latencies_us.len() as f64 - 1.0) * p).round() as usize;
        self.latencies_us.get(i).copied().unwrap_or(0) as f64 / 1000.0
    }
}

/// Runs `connections` keep-alive clients against `port` for `duration`, requesting `paths` in
/// turn, while `edit` is called once a second.
pub fn run(
    port: u16,
    paths: &[String],
    connections: usize,
    duration: Duration,
    edit: impl Fn(u32) + Send,
) -> Report {
    let stop = Arc::new(AtomicBool::new(false));
    let report = Arc::new(Mutex::new(Report::default()));
    let started = Instant::now();
    let mut clients = Vec::new();
    for c in 0..connections {
        let (stop, report, paths) = (stop.clone(), report.clone(), paths.to_vec());
        clients.push(std::thread::spawn(move || {
            client(port, c, &paths, &stop, &report)
        }));
    }
    let mut edits = 0;
    while started.elapsed() < duration {
        std::thread::sleep(Duration::from_secs(1).min(duration.saturating_sub(started.elapsed())));
        edit(edits);
        edits += 1;
    }
    stop.store(true, Ordering::Relaxed);
    for c in clients {
        let _ = c.join();
    }
    let mut report = std::mem::take(&mut *report.lock().unwrap());
    report.seconds = started.elapsed().as_secs_f64();
    report.edits = edits;
    report
}

fn client(port: u16, id: usize, paths: &[String], stop: &AtomicBool, report: &Mutex<Report>) {
    let mut local = Report::default();
    let mut n = id;
    'connect: while !stop.load(Ordering::Relaxed) {
        let Ok(stream) = TcpStream::connect(("127.0.0.1", port)) else {
            local.errors.push("connect failed".into());
            std::thread::sleep(Duration::from_millis(50));
            continue;
        };
        let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
        let mut writer = stream.try_clone().expect("clone");
        let mut reader = BufReader::new(stream);
        while !stop.load(Ordering::Relaxed) {
            let path = &paths[n % paths.len()];
            n += 7;
            let sent = Instant::now();
            if writer
                .write_all(format!("GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").as_bytes())
                .is_err()
            {
                local.errors.push(format!("{path}: write failed"));
                continue 'connect;
            }
            match read_response(&mut reader) {
                Ok((status, body)) => {
                    local.latencies_us.push(sent.elapsed().as_micros() as u64);
                    local.responses += 1;
                    if status != 200 {
                        local.errors.push(format!("{path}: status {status}"));
                    } else if path.ends_with(".html") || path.ends_with('/') {
                        let text = String::from_utf8_lossy(&body);
                        if !text.trim_start().starts_with("<!DOCTYPE html>")
                            || !text.trim_end().ends_with("</html>")
                        {
                            local
                                .errors
                                .push(format!("{path}: incomplete page ({} bytes)", body.len()));
                        }
                    }
                }
                Err(e) => {
                    local.errors.push(format!("{path}: {e}"));
                    continue 'connect;
                }
            }
        }
    }
    let mut shared = report.lock().unwrap();
    shared.responses += local.responses;
    shared.errors.extend(local.errors);
    shared.latencies_us.extend(local.latencies_us);
}

fn read_response(reader: &mut BufReader<TcpStream>) -> std::io::Result<(u16, Vec<u8>)> {
    let mut line = String::new();
    reader.read_line(&mut line)?;
    let status: u16 = line
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let mut length = 0usize;
    loop {
        line.clear();
        if reader.read_line(&mut line)? == 0 {
            return Err(std::io::Error::other("connection closed in the head"));
        }
        if line == "\r\n" {
            break;
        }
        if let Some((name, value)) = line.split_once(':') {
            if name.eq_ignore_ascii_case("content-length") {
                length = value.trim().parse().unwrap_or(0);
            }
        }
    }
    let mut body = vec![0u8; length];
    reader.read_exact(&mut body)?;
    Ok((status, body))
}

/// Resident memory of a process, in KiB.
pub fn rss_kib(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .map(str::to_string)
        })
        .and_then(|l| l.split_whitespace().nth(1).and_then(|v| v.parse().ok()))
        .unwrap_or(0)
}

/// Writes a generated site of `count` questions under `root` (20 topics, code in every answer).
pub fn write_site(root: &Path, count: usize, version: &str) {
    std::fs::write(root.join("site.toml"), "title = \"Load\"\n").unwrap();
    for i in 0..count {
        let dir = root.join(format!("content/t{}", i % 20));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(
            dir.join(format!("q{i}.md")),
            format!(
                "+++\ntitle = \"Question {i}\"\ntopics = [\"t{}\"]\nweight = {i}\n+++\n\nPrompt {i}.\n\n## Answer\n\nAnswer {i} {version}, with a [link](../t{}/q{}.md) and:\n\n```json\n{{\"Effect\": \"Allow\", \"Action\": \"s3:GetObject\"}}\n```\n",
                i % 20,
                (i + 1) % count % 20,
                (i + 1) % count
            ),
        )
        .unwrap();
    }
}
