//! Watching the site's sources: `site.toml`, `content/`, `templates/`, `static/`. Events are
//! gathered into batches (editors that save by rename or write twice send several).

use std::path::{Path, PathBuf};
use std::sync::mpsc::{channel, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use notify::{EventKind, RecursiveMode, Watcher};

/// A batch is closed once no event came for this long...
const QUIET: Duration = Duration::from_millis(15);
/// ...or once it is this old.
const MAX_BATCH: Duration = Duration::from_millis(200);

/// The sources' watcher; dropping it stops watching.
pub struct SourceWatcher {
    watcher: notify::RecommendedWatcher,
    events: Receiver<notify::Result<notify::Event>>,
    root: PathBuf,
    watched: Vec<PathBuf>,
}

/// A batch of changed paths and when its first event arrived.
pub struct Batch {
    pub paths: Vec<PathBuf>,
    pub first_event: Instant,
}

impl SourceWatcher {
    pub fn new(root: &Path) -> notify::Result<Self> {
        let (tx, events) = channel();
        let watcher = notify::recommended_watcher(tx)?;
        let mut w = SourceWatcher {
            watcher,
            events,
            root: root.to_path_buf(),
            watched: Vec::new(),
        };
        w.watcher.watch(root, RecursiveMode::NonRecursive)?;
        w.watch_folders();
        Ok(w)
    }

    /// Starts watching source folders that exist and are not watched yet.
    fn watch_folders(&mut self) {
        let folders = crate::names::WATCHED
            .iter()
            .filter(|n| **n != crate::names::SITE_TOML);
        for name in folders {
            let dir = self.root.join(name);
            if dir.is_dir()
                && !self.watched.contains(&dir)
                && self.watcher.watch(&dir, RecursiveMode::Recursive).is_ok()
            {
                self.watched.push(dir);
            }
        }
    }

    /// Waits for the next batch of source changes.
    pub fn next_batch(&mut self) -> Option<Batch> {
        loop {
            let first = self.events.recv().ok()?;
            let first_event = Instant::now();
            let mut paths = Vec::new();
            self.collect(first, &mut paths);
            loop {
                if first_event.elapsed() >= MAX_BATCH {
                    break;
                }
                match self.events.recv_timeout(QUIET) {
                    Ok(event) => self.collect(event, &mut paths),
                    Err(RecvTimeoutError::Timeout) => break,
                    Err(RecvTimeoutError::Disconnected) => return None,
                }
            }
            self.watch_folders();
            paths.sort();
            paths.dedup();
            if !paths.is_empty() {
                return Some(Batch { paths, first_event });
            }
        }
    }

    fn collect(&self, event: notify::Result<notify::Event>, paths: &mut Vec<PathBuf>) {
        let Ok(event) = event else { return };
        if matches!(event.kind, EventKind::Access(_)) {
            return;
        }
        for path in event.paths {
            if self.is_source(&path) {
                paths.push(path);
            }
        }
    }

    /// Sources only: not editor backups or swap files, not the output or `target/`.
    fn is_source(&self, path: &Path) -> bool {
        let Ok(rel) = path.strip_prefix(&self.root) else {
            return false;
        };
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if name.starts_with('.')
            || name.starts_with('#')
            || name.ends_with('~')
            || name.ends_with(".swp")
            || name == "4913"
        {
            return false;
        }
        let top = rel
            .components()
            .next()
            .map(|c| c.as_os_str().to_string_lossy().into_owned());
        top.is_some_and(|top| crate::names::WATCHED.contains(&top.as_str()))
    }
}
