//! `cramdown serve`: build in memory, serve on loopback, watch the sources, rebuild what a
//! change affects, and tell open tabs to reload (or show the error over the last good page).

mod files;
mod http;
mod live;
pub mod path;
mod rebuild;
mod watch;

use std::net::{IpAddr, TcpListener};
use std::sync::{Arc, RwLock};
use std::time::Instant;

use http::{Shared, Snapshot};
use live::{Hub, Message};
use rebuild::State;

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::BuildOptions;

/// How to serve.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub build: BuildOptions,
    pub bind: IpAddr,
    /// First port to try; the next free one is taken when it is busy.
    pub port: u16,
}

/// Binds the first free port from `port` on.
fn bind(address: IpAddr, port: u16) -> Result<TcpListener, Diagnostic> {
    let mut last = None;
    for p in port..=port.saturating_add(50) {
        match TcpListener::bind((address, p)) {
            Ok(listener) => return Ok(listener),
            Err(e) => last = Some(e),
        }
    }
    let why = last.map_or_else(String::new, |e| e.to_string());
    Err(Diagnostic::error(
        "--port",
        format!("no free port from {port} on {address}: {why}"),
    ))
}

/// Runs the dev server until the process is stopped. Build errors never stop it.
pub fn run(options: ServeOptions) -> Result<(), Diagnostics> {
    stop_on_ctrl_c();
    let listener = bind(options.bind, options.port)?;
    let address = listener
        .local_addr()
        .map_err(|e| Diagnostic::error("--port", e.to_string()))?;
    let host = match address.ip() {
        ip if ip.is_unspecified() => "127.0.0.1".to_string(),
        IpAddr::V6(ip) => format!("[{ip}]"),
        ip => ip.to_string(),
    };
    let url = format!("http://{host}:{}/", address.port());
    let mut build = options.build.clone();
    build.base_url = Some(url.clone());
    // Watch events carry absolute paths: resolve the root once so they can be matched.
    let shown_root = crate::diagnostic::display_path(&build.root);
    build.root = build
        .root
        .canonicalize()
        .map_err(|e| Diagnostic::error(&build.root, format!("cannot open the site: {e}")))?;

    // Watch before the first build, so no save after the address is printed can be missed.
    let mut watcher = watch::SourceWatcher::new(&build.root)
        .map_err(|e| Diagnostic::error(&build.root, format!("cannot watch the site: {e}")))?;
    let started = Instant::now();
    let (mut state, snapshot) = match State::new(build.clone()) {
        Ok((state, warnings)) => {
            print_all(&warnings);
            eprintln!("built the site in {} ms", started.elapsed().as_millis());
            let files = state.served.files.clone();
            (Some(state), Snapshot { files, error: None })
        }
        Err(errors) => {
            eprint!("{errors}");
            let error = errors.to_string();
            (
                None,
                Snapshot {
                    files: Default::default(),
                    error: Some(error),
                },
            )
        }
    };
    let shared: Shared = Arc::new(RwLock::new(Arc::new(snapshot)));
    let hub = Hub::default();
    {
        let (shared, hub) = (shared.clone(), hub.clone());
        std::thread::Builder::new()
            .name("cramdown-accept".into())
            .spawn(move || http::serve(listener, shared, hub))
            .map_err(|e| Diagnostic::error("serve", e.to_string()))?;
    }
    if !address.ip().is_loopback() {
        eprintln!(
            "warning: serving on {} — anyone who can reach this machine can read the site",
            address.ip()
        );
    }
    let shown_root = if shown_root.is_empty() {
        ".".to_string()
    } else {
        shown_root
    };
    println!("serving {shown_root} at {url} (Ctrl-C to stop)");

    while let Some(batch) = watcher.next_batch() {
        let result = match state.as_mut() {
            Some(state) => state.apply(&batch.paths),
            None => State::new(build.clone()).map(|(s, warnings)| {
                state = Some(s);
                Some(rebuild::Outcome {
                    what: "the site".into(),
                    files: 0,
                    warnings,
                })
            }),
        };
        match result {
            Ok(None) => {}
            Ok(Some(outcome)) => {
                print_all(&outcome.warnings);
                if let Some(state) = &state {
                    publish(
                        &shared,
                        Snapshot {
                            files: state.served.files.clone(),
                            error: None,
                        },
                    );
                }
                let ms = batch.first_event.elapsed().as_secs_f64() * 1000.0;
                eprintln!(
                    "rebuilt {} ({} files changed) in {ms:.1} ms",
                    outcome.what, outcome.files
                );
                hub.broadcast(&Message::Reload);
            }
            Err(errors) => {
                eprint!("{errors}");
                let text = errors.to_string();
                let files = state
                    .as_ref()
                    .map(|s| s.served.files.clone())
                    .unwrap_or_default();
                publish(
                    &shared,
                    Snapshot {
                        files,
                        error: Some(text.clone()),
                    },
                );
                hub.broadcast(&Message::BuildError(text));
            }
        }
    }
    Ok(())
}

fn publish(shared: &Shared, snapshot: Snapshot) {
    if let Ok(mut current) = shared.write() {
        *current = Arc::new(snapshot);
    }
}

fn print_all(diagnostics: &[Diagnostic]) {
    for d in diagnostics {
        eprintln!("{d}");
    }
}

/// A background job of a non-interactive shell (an editor, a CI wrapper, `cmd &` in a script)
/// starts with SIGINT ignored. `serve` runs until stopped and writes nothing, so Ctrl-C (or
/// `kill -INT`) must stop it wherever it was started: restore the default action.
fn stop_on_ctrl_c() {
    // SAFETY: signal(2) with SIG_DFL installs no handler code; nothing else in the process
    // changes SIGINT's disposition.
    unsafe { libc::signal(libc::SIGINT, libc::SIG_DFL) };
}
