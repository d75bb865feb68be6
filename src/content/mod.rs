//! Loading the author's files: finding every Markdown file under `content/` and reading it.

pub mod dates;
pub mod front_matter;

use std::path::{Path, PathBuf};

use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;

use crate::diagnostic::Diagnostic;

/// What a file under `content/` is to the site.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `*.md`: one question.
    Question,
    /// `_index.md`: the introduction of its folder (`content/_index.md`: the home page).
    Intro,
    /// Any other file: copied beside the pages as it is (images, downloads).
    Asset,
}

/// One file of `content/`, read into memory.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub kind: Kind,
    /// Path under `content/` with `/` separators: `iam/ec2-credentials.md`.
    pub rel: String,
    /// Path as shown in diagnostics: `content/iam/ec2-credentials.md` under the site root.
    pub path: PathBuf,
    /// The text, without a byte-order mark and with `\r\n` and `\r` turned into `\n` (empty for assets).
    pub text: String,
}

/// What `load` keeps of a question file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Keep {
    /// The whole text (`serve`, `check` and the exports render from it).
    Whole,
    /// Whole files while their texts add up to at most this many bytes, then only the front
    /// matter: a build reads those files again when it renders their pages, so a large bank is
    /// never held whole, and a small one is read once. A file whose front matter does not split
    /// is kept whole (its error is reported from it).
    Within(usize),
}

/// Finds and reads every file under `content_dir`, skipping hidden files and folders.
/// All problems are returned together.
pub fn load(
    site_root: &Path,
    content_dir: &Path,
    keep: Keep,
) -> Result<Vec<SourceFile>, Vec<Diagnostic>> {
    if !content_dir.is_dir() {
        return Err(vec![Diagnostic::error(
            content_dir,
            "no content/ folder: questions go in content/<topic>/<question>.md",
        )]);
    }
    let (found, mut errors) = crate::walk::files(site_root, content_dir, "content");
    let kept = AtomicUsize::new(0);
    let read: Vec<Result<SourceFile, Diagnostic>> = found
        .par_iter()
        .map(|file| read_source(file, keep, &kept))
        .collect();
    let mut files = Vec::with_capacity(read.len());
    for r in read {
        match r {
            Ok(f) => files.push(f),
            Err(d) => errors.push(d),
        }
    }
    if errors.is_empty() {
        Ok(files)
    } else {
        Err(errors)
    }
}

/// Reads one file; `kept` counts the bytes of question files kept whole under `Keep::Within`.
fn read_source(
    file: &crate::walk::Found,
    keep: Keep,
    kept: &AtomicUsize,
) -> Result<SourceFile, Diagnostic> {
    let path = file.path.as_path();
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let kind = if name == "_index.md" {
        Kind::Intro
    } else if name.ends_with(".md") {
        Kind::Question
    } else {
        Kind::Asset
    };
    let text = match kind {
        Kind::Asset => String::new(),
        Kind::Question => {
            let mut text = read_text(path)?;
            let whole = match keep {
                Keep::Whole => true,
                Keep::Within(budget) => {
                    kept.fetch_add(text.len(), Ordering::Relaxed) + text.len() <= budget
                }
            };
            if !whole {
                if let Ok(split) = front_matter::split(path, &text) {
                    text.truncate(split.body_offset);
                    text.shrink_to_fit();
                }
            }
            text
        }
        Kind::Intro => read_text(path)?,
    };
    Ok(SourceFile {
        kind,
        rel: file.rel.clone(),
        path: path.to_path_buf(),
        text,
    })
}

/// The text of a Markdown file, decoded as `decode` does.
pub fn read_text(path: &Path) -> Result<String, Diagnostic> {
    let bytes =
        std::fs::read(path).map_err(|e| Diagnostic::error(path, format!("cannot read: {e}")))?;
    decode(path, bytes)
}

/// UTF-8 text without a byte-order mark, with `\r\n` and `\r` line ends made `\n` (lines keep
/// their numbers).
pub fn decode(path: &Path, bytes: Vec<u8>) -> Result<String, Diagnostic> {
    let mut text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let bytes = e.as_bytes();
            let valid = e.utf8_error().valid_up_to();
            // The valid prefix is real text, so its line and column are exact.
            let prefix = std::str::from_utf8(&bytes[..valid]).unwrap_or_default();
            return Err(Diagnostic::error(
                path,
                format!(
                    "not valid UTF-8 (byte 0x{:02x}); save the file as UTF-8",
                    bytes[valid]
                ),
            )
            .at_offset(prefix, valid));
        }
    };
    if text.starts_with('\u{feff}') {
        text.drain(..3);
    }
    if text.contains('\r') {
        // Windows (`\r\n`) and old Mac (`\r`) line ends both become `\n`: one line each.
        text = text.replace("\r\n", "\n").replace('\r', "\n");
    }
    Ok(text)
}
