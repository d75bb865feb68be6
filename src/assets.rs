//! Static files: the built-in defaults (compiled in), the site's `static/` folder (which wins by
//! name), and the files placed beside questions in `content/`.

use std::path::Path;

use walkdir::WalkDir;

use crate::diagnostic::Diagnostic;
use crate::output::{Contents, OutputFile};

/// The default static files, compiled into the binary.
pub const DEFAULT_STATIC: &[(&str, &[u8])] = &[
    ("cramdown.css", include_bytes!("../static/cramdown.css")),
    ("cramdown.js", include_bytes!("../static/cramdown.js")),
    ("theme.js", include_bytes!("../static/theme.js")),
    ("study.js", include_bytes!("../static/study.js")),
    ("search.js", include_bytes!("../static/search.js")),
    ("choices.js", include_bytes!("../static/choices.js")),
    ("exam.js", include_bytes!("../static/exam.js")),
    ("favicon.svg", include_bytes!("../static/favicon.svg")),
];

/// The static files of the output: defaults, replaced by files of `static_dir` of the same name.
pub fn static_files(
    site_root: &Path,
    static_dir: &Path,
) -> Result<Vec<OutputFile>, Vec<Diagnostic>> {
    let mut files: Vec<OutputFile> = DEFAULT_STATIC
        .iter()
        .map(|(name, bytes)| {
            OutputFile::new(
                *name,
                Contents::Static(bytes),
                format!("(built-in) static/{name}"),
            )
        })
        .collect();
    if !static_dir.is_dir() {
        return Ok(files);
    }
    let mut errors = Vec::new();
    let walker = WalkDir::new(static_dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    let root_real = site_root
        .canonicalize()
        .unwrap_or_else(|_| site_root.to_path_buf());
    for entry in walker {
        match entry {
            Ok(e) if e.path_is_symlink() && !crate::content::inside(&root_real, e.path()) => {
                errors.push(Diagnostic::error(
                    e.path(),
                    "symbolic link points outside the site; copy the file into static/ instead",
                ));
            }
            Ok(e) if e.file_type().is_file() => {
                let rel = e
                    .path()
                    .strip_prefix(static_dir)
                    .unwrap_or(e.path())
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy())
                    .collect::<Vec<_>>()
                    .join("/");
                files.retain(|f| f.path != rel);
                files.push(OutputFile::new(
                    rel,
                    Contents::Copy(e.path().to_path_buf()),
                    e.path(),
                ));
            }
            Ok(e) if !e.file_type().is_dir() => {
                errors.push(Diagnostic::error(
                    e.path(),
                    "not a regular file (a pipe, socket or device); remove it from static/",
                ));
            }
            Ok(_) => {}
            Err(e) => {
                let path = e.path().unwrap_or(static_dir).to_path_buf();
                errors.push(Diagnostic::error(path, format!("cannot read: {e}")));
            }
        }
    }
    if errors.is_empty() {
        Ok(files)
    } else {
        Err(errors)
    }
}
