//! Killing a build at any moment (SIGKILL or SIGINT) leaves the complete previous site or the
//! complete new one in the output folder, never a mix; the next build cleans up what was left.

mod common;

use std::collections::BTreeMap;
use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::TestSite;

const QUESTIONS: usize = 1500;

fn write_site(site: &TestSite, version: &str) {
    site.write("site.toml", &format!("title = \"Bank {version}\"\n"));
    for i in 0..QUESTIONS {
        site.write(
            &format!("content/t{}/q{i}.md", i % 20),
            &format!(
                "+++\ntitle = \"Question {i} ({version})\"\ntopics = [\"t{}\"]\nweight = {i}\n+++\n\nPrompt {i}.\n\n## Answer\n\nAnswer {i} of {version}, with `code` and a list:\n\n- one\n- two\n\n```yaml\nKey: !Ref Value{i}\n```\n",
                i % 20
            ),
        );
    }
}

fn snapshot_without_marker(site: &TestSite, rel: &str) -> BTreeMap<String, Vec<u8>> {
    let mut s = site.snapshot(rel);
    s.remove(".cramdown-output");
    s
}

/// A number from the clock, good enough to pick kill points.
fn jitter(max: Duration) -> Duration {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .subsec_nanos();
    Duration::from_nanos(u64::from(nanos) % max.as_nanos().max(1) as u64)
}

/// Starts `cramdown build` in `site` with SIGINT at its default action (the test may itself run
/// as a background job, where SIGINT is inherited as ignored).
fn start_build(site: &TestSite) -> std::process::Child {
    let mut command = Command::new(common::bin());
    command
        .arg("build")
        .current_dir(site.root())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    // SAFETY: only signal(2), which is async-signal-safe, runs between fork and exec.
    unsafe {
        command.pre_exec(|| {
            libc::signal(libc::SIGINT, libc::SIG_DFL);
            Ok(())
        })
    };
    command.spawn().unwrap()
}

/// Waits until the build's staging folder exists: the build is past loading and writing pages.
/// False if the build ended first.
fn wait_for_staging(site: &TestSite, child: &mut std::process::Child) -> bool {
    let staging = site.path(&format!(".public.cramdown-{}", child.id()));
    let deadline = Instant::now() + Duration::from_secs(120);
    while !staging.exists() {
        if child.try_wait().unwrap().is_some() || Instant::now() > deadline {
            return false;
        }
        std::thread::sleep(Duration::from_millis(1));
    }
    true
}

#[test]
fn killed_builds_leave_the_old_site_or_the_new_one() {
    let site = TestSite::empty();
    let mut versions = Vec::new();
    let mut durations = Vec::new();
    for version in ["one", "two"] {
        write_site(&site, version);
        let started = Instant::now();
        let run = site.run(&["build", "--output", &format!("expected-{version}")]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        durations.push(started.elapsed());
        versions.push(snapshot_without_marker(
            &site,
            &format!("expected-{version}"),
        ));
    }
    assert_ne!(versions[0], versions[1]);
    let longest = durations.into_iter().max().unwrap();

    // Start from a complete build of version one.
    write_site(&site, "one");
    assert_eq!(site.run(&["build"]).code, 0);
    let mut seen = [0usize; 2];
    // Kills that provably landed mid-build: the staging folder existed and the build was still
    // running when the signal arrived (it died of that signal). Rounds go on until enough of
    // each signal have landed so; the round limit is only a safety net.
    let (mut mid_kill, mut mid_int) = (0, 0);
    let mut round = 0;
    while mid_kill < 6 || mid_int < 3 {
        assert!(
            round < 60,
            "only {mid_kill} SIGKILL and {mid_int} SIGINT landed mid-build"
        );
        let version = if round % 2 == 0 { "two" } else { "one" };
        write_site(&site, version);
        let mut child = start_build(&site);
        let signal = if round % 3 == 0 {
            libc::SIGINT
        } else {
            libc::SIGKILL
        };
        let staged = wait_for_staging(&site, &mut child);
        // Kill points spread over the writing of pages, with some jitter.
        std::thread::sleep(longest.mul_f64(0.1 * (round % 5) as f64) / 2 + jitter(longest / 20));
        // SAFETY: plain kill(2) on our own child's pid (not yet reaped).
        unsafe { libc::kill(child.id() as i32, signal) };
        let status = child.wait().unwrap();
        if staged && status.signal() == Some(signal) {
            if signal == libc::SIGINT {
                mid_int += 1;
            } else {
                mid_kill += 1;
            }
        }
        let now = snapshot_without_marker(&site, "public");
        let which = versions.iter().position(|v| *v == now);
        assert!(
            which.is_some(),
            "round {round}: the output is a mix of two sites ({} files)",
            now.len()
        );
        seen[which.unwrap()] += 1;
        round += 1;
    }
    // A complete build afterwards succeeds and leaves no staging folder behind.
    write_site(&site, "two");
    assert_eq!(site.build().code, 0);
    assert_eq!(snapshot_without_marker(&site, "public"), versions[1]);
    site.assert_no_staging_left();
    eprintln!(
        "{round} kill rounds ({mid_kill} SIGKILL and {mid_int} SIGINT mid-build) left version one {} times, version two {} times",
        seen[0], seen[1]
    );
}
