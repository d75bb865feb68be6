//! Walking one of the site's folders (`content/`, `static/`, `templates/`) the same way for all
//! three: every regular file in name order, hidden files and folders skipped, symbolic links
//! followed while they stay inside the site; each problem reported with its path.

use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::diagnostic::Diagnostic;

/// A file found: its path, and its path under the folder with `/` separators.
pub struct Found {
    pub path: PathBuf,
    pub rel: String,
}

/// The files under `dir` (a folder of the site at `site_root`, named `folder` in messages), and
/// the problems met: links out of the site or in a loop, pipes and devices, unreadable entries.
pub fn files(site_root: &Path, dir: &Path, folder: &str) -> (Vec<Found>, Vec<Diagnostic>) {
    let root_real = site_root
        .canonicalize()
        .unwrap_or_else(|_| site_root.to_path_buf());
    let mut found = Vec::new();
    let mut problems = Vec::new();
    let walker = WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                let path = e.path().unwrap_or(dir).to_path_buf();
                let message = if e.loop_ancestor().is_some() {
                    "symbolic link loop: this folder links back to one of its parents".to_string()
                } else {
                    format!("cannot read: {}", io_message(&e.to_string()))
                };
                problems.push(Diagnostic::error(path, message));
                continue;
            }
        };
        if entry.path_is_symlink() && !inside(&root_real, entry.path()) {
            problems.push(Diagnostic::error(
                entry.path(),
                format!(
                    "symbolic link points outside the site; copy the file into {folder}/ instead"
                ),
            ));
            continue;
        }
        if entry.file_type().is_dir() {
            continue;
        }
        if !entry.file_type().is_file() {
            // Reading a pipe would wait forever; a device is never part of a site.
            problems.push(Diagnostic::error(
                entry.path(),
                format!("not a regular file (a pipe, socket or device); remove it from {folder}/"),
            ));
            continue;
        }
        let path = entry.into_path();
        let rel = relative(dir, &path);
        found.push(Found { path, rel });
    }
    (found, problems)
}

/// `path` under `dir`, with `/` separators.
fn relative(dir: &Path, path: &Path) -> String {
    path.strip_prefix(dir)
        .unwrap_or(path)
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// True when `path` (a symbolic link) resolves to somewhere under `root_real`.
fn inside(root_real: &Path, path: &Path) -> bool {
    path.canonicalize()
        .map(|real| real.starts_with(root_real))
        .unwrap_or(false)
}

/// The operating system's words of an I/O error, without walkdir's prefix.
fn io_message(s: &str) -> String {
    s.split(": ").last().unwrap_or(s).to_string()
}
