//! Writing the site: every output file goes through here. A build is written into a staging
//! folder beside the output and swapped in at the end, so the output folder always holds a
//! complete site: the previous one or the new one, never a mix.

use std::collections::{HashMap, HashSet};
use std::hash::{DefaultHasher, Hasher};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use crate::config::SitePaths;
use crate::diagnostic::{Diagnostic, Diagnostics};

/// Name of the file that marks a folder as cramdown's output (safe to replace).
pub const MARKER: &str = ".cramdown-output";

/// What one output file holds.
#[derive(Debug, Clone)]
pub enum Contents {
    Bytes(Vec<u8>),
    Static(&'static [u8]),
    /// A file copied as it is (static files, content assets).
    Copy(PathBuf),
}

/// One file of the output, with the source it came from (for collision messages).
#[derive(Debug, Clone)]
pub struct OutputFile {
    /// Path under the output folder, `/`-separated.
    pub path: String,
    pub contents: Contents,
    pub origin: PathBuf,
}

impl OutputFile {
    pub fn new(path: impl Into<String>, contents: Contents, origin: impl Into<PathBuf>) -> Self {
        Self {
            path: path.into(),
            contents,
            origin: origin.into(),
        }
    }

    /// The bytes of this file (reading copied files from disk).
    pub fn bytes(&self) -> std::io::Result<std::borrow::Cow<'_, [u8]>> {
        Ok(match &self.contents {
            Contents::Bytes(b) => std::borrow::Cow::Borrowed(b.as_slice()),
            Contents::Static(b) => std::borrow::Cow::Borrowed(*b),
            Contents::Copy(p) => std::borrow::Cow::Owned(std::fs::read(p)?),
        })
    }
}

/// Where rendered files go: `build` writes them into its staging folder, `serve` keeps them
/// in memory, `check` drops them.
pub trait Sink: Sync {
    fn put(&self, file: OutputFile) -> Result<(), Diagnostic>;
    /// Forgets the files under `folder/`, which are about to be written again whole (the
    /// search index's parts, whose names depend on the words of the bank).
    fn clear_folder(&self, _folder: &str) {}
    /// Forgets one file put before (a search index part that an edit made unnecessary).
    fn remove(&self, path: &str);
    /// A fingerprint of every file of the output (the service worker's excepted), and
    /// `list(paths)` of their paths: what the service worker caches. A sink may keep the list
    /// it made last time while its set of paths stays the same.
    fn written(&self, list: FileList) -> (u64, Arc<str>);
}

/// Makes the service worker's list of files from the paths of the output.
pub type FileList = fn(&mut dyn Iterator<Item = &str>) -> String;

/// A folder being filled by a build (its staging folder). When `track` is set (the site has a
/// service worker) it also keeps what `written` reports.
pub struct Folder<'a> {
    dir: &'a Path,
    track: bool,
    fingerprint: Fingerprint,
    paths: Mutex<Vec<String>>,
}

impl<'a> Folder<'a> {
    pub fn new(dir: &'a Path, track: bool) -> Self {
        Self {
            dir,
            track,
            fingerprint: Fingerprint::default(),
            paths: Mutex::new(Vec::new()),
        }
    }
}

impl Sink for Folder<'_> {
    fn put(&self, file: OutputFile) -> Result<(), Diagnostic> {
        if self.track {
            let bytes = file
                .bytes()
                .map_err(|e| Diagnostic::error(&file.origin, format!("cannot read: {e}")))?;
            self.fingerprint.add(&file.path, &bytes);
            if let Ok(mut paths) = self.paths.lock() {
                paths.push(file.path.clone());
            }
        }
        write_file(self.dir, &file)
    }

    fn remove(&self, path: &str) {
        let file = self.dir.join(path);
        if self.track {
            if let Ok(bytes) = std::fs::read(&file) {
                self.fingerprint.subtract(path, &bytes);
            }
            if let Ok(mut paths) = self.paths.lock() {
                paths.retain(|p| p != path);
            }
        }
        // Gone already is what was asked for.
        let _ = std::fs::remove_file(file);
    }

    fn written(&self, list: FileList) -> (u64, Arc<str>) {
        let list = match self.paths.lock() {
            Ok(paths) => list(&mut paths.iter().map(String::as_str)),
            Err(_) => String::new(),
        };
        (self.fingerprint.value(), list.into())
    }
}

/// Rendering for its diagnostics only (`check`).
pub struct Nothing;

impl Sink for Nothing {
    fn put(&self, _file: OutputFile) -> Result<(), Diagnostic> {
        Ok(())
    }

    fn remove(&self, _path: &str) {}

    fn written(&self, _list: FileList) -> (u64, Arc<str>) {
        (0, Arc::from(""))
    }
}

/// An order-independent fingerprint of a set of files (their paths and bytes), added to from
/// several threads as files are written. The service worker is left out: it holds the value.
#[derive(Default)]
pub struct Fingerprint(AtomicU64);

impl Fingerprint {
    pub fn add(&self, path: &str, bytes: &[u8]) {
        self.0.fetch_add(Self::of(path, bytes), Ordering::Relaxed);
    }

    pub fn subtract(&self, path: &str, bytes: &[u8]) {
        self.0.fetch_sub(Self::of(path, bytes), Ordering::Relaxed);
    }

    /// What one file adds to the fingerprint (nothing for the service worker): a sum of these
    /// can be kept up to date file by file, as `serve` does.
    pub fn of(path: &str, bytes: &[u8]) -> u64 {
        if path == crate::names::WORKER {
            return 0;
        }
        let mut hasher = DefaultHasher::new();
        hasher.write(path.as_bytes());
        hasher.write_u8(0);
        hasher.write(bytes);
        hasher.finish()
    }

    pub fn value(&self) -> u64 {
        self.0.load(Ordering::Relaxed)
    }
}

/// Two sources writing one path, or a file where another needs a folder, are errors.
/// `entries` are output paths with the source each comes from.
pub fn check_collisions<'a>(
    entries: impl Iterator<Item = (&'a str, &'a Path)> + Clone,
) -> Vec<Diagnostic> {
    let mut by_path: HashMap<&str, &Path> = HashMap::new();
    // Paths as case-insensitive file systems (macOS, Windows) and NFC-normalising ones see them.
    let mut by_folded: HashMap<String, (&str, &Path)> = HashMap::new();
    let mut errors = Vec::new();
    for (path, origin) in entries.clone() {
        if let Some(first) = by_path.insert(path, origin) {
            errors.push(Diagnostic::error(
                origin,
                format!(
                    "writes {path}, which {} also writes",
                    crate::diagnostic::display_path(first)
                ),
            ));
            continue;
        }
        if let Some((other, first)) = by_folded.insert(folded(path), (path, origin)) {
            errors.push(Diagnostic::error(
                origin,
                format!(
                    "writes {path}, which is the same file as {other} (written by {}) on file systems that ignore case or Unicode normalisation",
                    crate::diagnostic::display_path(first)
                ),
            ));
        }
    }
    let mut folders: HashSet<&str> = HashSet::new();
    for (path, _) in entries.clone() {
        let mut p = path;
        while let Some((parent, _)) = p.rsplit_once('/') {
            if !folders.insert(parent) {
                break;
            }
            p = parent;
        }
    }
    for (path, origin) in entries {
        if folders.contains(path) {
            errors.push(Diagnostic::error(
                origin,
                format!("writes the file {path}, but other pages need a folder of that name"),
            ));
        }
    }
    errors
}

/// An output path as a case-insensitive, normalising file system compares it.
fn folded(path: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    path.nfc().collect::<String>().to_lowercase()
}

/// Refuses output folders that would put the author's files at risk.
pub fn check_output_dir(paths: &SitePaths, output: &Path) -> Result<(), Diagnostic> {
    let out = absolute(output);
    let root = absolute(&paths.root);
    let refuse = |why: &str| {
        Err(Diagnostic::error(
            output,
            format!("refusing to use this as the output folder: {why}; choose another --output"),
        ))
    };
    if out == root {
        return refuse("it is the site root");
    }
    if root.starts_with(&out) {
        return refuse("it holds the site");
    }
    for (dir, name) in [
        (&paths.content, "content/"),
        (&paths.templates, "templates/"),
        (&paths.static_dir, "static/"),
    ] {
        let dir = absolute(dir);
        if out.starts_with(&dir) {
            return refuse(&format!("it is inside {name}"));
        }
        if dir.starts_with(&out) {
            return refuse(&format!("it holds {name}"));
        }
    }
    if out.is_file() {
        return refuse("it is a file");
    }
    if out.is_dir() && !out.join(MARKER).is_file() {
        let empty = std::fs::read_dir(&out)
            .map(|mut d| d.next().is_none())
            .unwrap_or(false);
        if !empty {
            return refuse("it is not empty and was not made by cramdown");
        }
    }
    Ok(())
}

/// An absolute, symlink-free version of `path`, even when it does not exist yet.
fn absolute(path: &Path) -> PathBuf {
    if let Ok(real) = path.canonicalize() {
        return real;
    }
    let base = std::env::current_dir().unwrap_or_default().join(path);
    let mut existing = base.as_path();
    let mut rest = Vec::new();
    while let Some(parent) = existing.parent() {
        if let Some(name) = existing.file_name() {
            rest.push(name.to_os_string());
        }
        existing = parent;
        if let Ok(real) = existing.canonicalize() {
            let mut out = real;
            for part in rest.iter().rev() {
                if part == ".." {
                    out.pop();
                } else if part != "." {
                    out.push(part);
                }
            }
            return out;
        }
    }
    base
}

/// Staging and leftover folders live beside the output: `.<name>.cramdown-<pid>`.
fn staging_prefix(output: &Path) -> (PathBuf, String) {
    let parent = match output.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = output
        .file_name()
        .map_or("public".into(), |n| n.to_string_lossy().into_owned());
    (parent, format!(".{name}.cramdown-"))
}

/// Removes staging folders that an interrupted build left behind: named
/// `.<output>.cramdown-<pid>` (or `-<pid>-old`, the two-rename swap's) beside the output, of a process that is gone. (The name is the
/// mark: a build killed while deleting the previous site may have deleted the marker file.)
fn remove_leftovers(output: &Path) {
    let (parent, prefix) = staging_prefix(output);
    let Ok(entries) = std::fs::read_dir(&parent) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(suffix) = name.strip_prefix(&prefix) else {
            continue;
        };
        let pid = suffix.strip_suffix("-old").unwrap_or(suffix);
        let ours = !pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit());
        let running =
            Path::new("/proc").join(pid).exists() && pid != std::process::id().to_string();
        if ours && !running && entry.file_type().is_ok_and(|t| t.is_dir()) {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

/// Fills a fresh staging folder with `fill`, then swaps it with `output`. On any error the
/// staging folder is removed and `output` is left as it was.
pub fn write_site(
    output: &Path,
    fill: impl FnOnce(&Path) -> Result<(), Diagnostics>,
) -> Result<(), Diagnostics> {
    // An output that is a symbolic link keeps its link: the site replaces the link's target.
    let target = follow_link(output)?;
    let output = target.as_path();
    remove_leftovers(output);
    let (parent, prefix) = staging_prefix(output);
    std::fs::create_dir_all(&parent).map_err(|e| {
        Diagnostic::error(
            &parent,
            format!("cannot create the output's parent folder: {e}"),
        )
    })?;
    let staging = parent.join(format!("{prefix}{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&staging);
    let result = mark(&staging)
        .map_err(Diagnostics::from)
        .and_then(|()| fill(&staging))
        .and_then(|()| swap_in(&staging, output).map_err(Diagnostics::from));
    if result.is_err() {
        let _ = std::fs::remove_dir_all(&staging);
    }
    result
}

/// `output` itself, or the folder it links to. A link to nothing is refused: replacing the link
/// with a folder would surprise whoever made it.
fn follow_link(output: &Path) -> Result<PathBuf, Diagnostic> {
    let is_link = std::fs::symlink_metadata(output).is_ok_and(|m| m.file_type().is_symlink());
    if !is_link {
        return Ok(output.to_path_buf());
    }
    output.canonicalize().map_err(|e| {
        Diagnostic::error(
            output,
            format!("the output folder is a symbolic link to nothing usable ({e}); point it at a folder or remove it"),
        )
    })
}

/// Creates `dir` and marks it as cramdown's.
fn mark(dir: &Path) -> Result<(), Diagnostic> {
    std::fs::create_dir_all(dir)
        .map_err(|e| Diagnostic::error(dir, format!("cannot create folder: {e}")))?;
    std::fs::write(
        dir.join(MARKER),
        b"This folder is written by cramdown; it is replaced on every build.\n",
    )
    .map_err(|e| Diagnostic::error(dir, format!("cannot write: {e}")))
}

/// Creates the folders that `paths` (output paths) need under `dir`.
pub fn make_folders<'a>(
    dir: &Path,
    paths: impl Iterator<Item = &'a str>,
) -> Result<(), Diagnostic> {
    let mut folders: Vec<&str> = paths
        .filter_map(|p| p.rsplit_once('/').map(|(d, _)| d))
        .collect();
    folders.sort_unstable();
    folders.dedup();
    for folder in folders {
        let path = dir.join(folder);
        std::fs::create_dir_all(&path)
            .map_err(|e| Diagnostic::error(&path, format!("cannot create folder: {e}")))?;
    }
    Ok(())
}

/// Writes one file under `dir`.
pub fn write_file(dir: &Path, f: &OutputFile) -> Result<(), Diagnostic> {
    let target = dir.join(&f.path);
    let result = match &f.contents {
        Contents::Bytes(b) => std::fs::write(&target, b),
        Contents::Static(b) => std::fs::write(&target, b),
        Contents::Copy(source) => std::fs::copy(source, &target).map(drop),
    };
    result.map_err(|e| {
        Diagnostic::error(&f.origin, format!("cannot write {}: {e}", target.display()))
    })
}

/// Puts the staging folder in the output's place; the old output goes and is removed.
fn swap_in(staging: &Path, output: &Path) -> Result<(), Diagnostic> {
    let fail = |e: std::io::Error| {
        Diagnostic::error(output, format!("cannot replace the output folder: {e}"))
    };
    if !output.exists() {
        return std::fs::rename(staging, output).map_err(fail);
    }
    match exchange(staging, output) {
        // Some file systems (network and FUSE mounts) do not offer the atomic exchange.
        Err(e) if unsupported(&e) => swap_by_renames(staging, output).map_err(fail)?,
        result => result.map_err(fail)?,
    }
    // `staging` now holds the previous site.
    let _ = std::fs::remove_dir_all(staging);
    Ok(())
}

/// Errors that mean "this file system cannot exchange", not "this exchange failed".
fn unsupported(e: &std::io::Error) -> bool {
    matches!(
        e.raw_os_error(),
        Some(libc::EINVAL | libc::ENOSYS | libc::EOPNOTSUPP)
    )
}

/// The exchange in two renames, for file systems without `RENAME_EXCHANGE`: the previous
/// output moves aside, the staging folder takes its name, and the previous output ends in the
/// staging folder's place. A crash between the renames leaves no output folder but both sites
/// beside it (the next build starts afresh).
fn swap_by_renames(staging: &Path, output: &Path) -> std::io::Result<()> {
    let mut aside = staging.as_os_str().to_owned();
    aside.push("-old");
    let aside = PathBuf::from(aside);
    std::fs::rename(output, &aside)?;
    if let Err(e) = std::fs::rename(staging, output) {
        // Put the previous site back: the output is left as it was.
        let _ = std::fs::rename(&aside, output);
        return Err(e);
    }
    std::fs::rename(&aside, staging)
}

/// Atomically exchanges two folders (Linux `renameat2(RENAME_EXCHANGE)`).
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let a = CString::new(a.as_os_str().as_bytes())?;
    let b = CString::new(b.as_os_str().as_bytes())?;
    // SAFETY: both paths are valid NUL-terminated strings that outlive the call.
    let rc = unsafe {
        libc::renameat2(
            libc::AT_FDCWD,
            a.as_ptr(),
            libc::AT_FDCWD,
            b.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if rc == 0 {
        Ok(())
    } else {
        Err(std::io::Error::last_os_error())
    }
}

/// Elsewhere there is no atomic exchange: the two-rename path.
#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> std::io::Result<()> {
    Err(std::io::Error::from_raw_os_error(libc::ENOSYS))
}
