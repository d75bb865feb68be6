//! Static files: the built-in defaults (compiled in), the site's `static/` folder (which wins by
//! name), and the files placed beside questions in `content/`.

use std::path::Path;

use crate::diagnostic::Diagnostic;
use crate::output::{Contents, OutputFile};

/// The default static files, compiled into the binary.
pub const DEFAULT_STATIC: &[(&str, &[u8])] = &[
    ("cramdown.css", include_bytes!("../static/cramdown.css")),
    ("cramdown.js", include_bytes!("../static/cramdown.js")),
    ("theme.js", include_bytes!("../static/theme.js")),
    ("study.js", include_bytes!("../static/study.js")),
    ("progress.js", include_bytes!("../static/progress.js")),
    ("grading.js", include_bytes!("../static/grading.js")),
    ("transfer.js", include_bytes!("../static/transfer.js")),
    ("search.js", include_bytes!("../static/search.js")),
    ("stats.js", include_bytes!("../static/stats.js")),
    ("interview.js", include_bytes!("../static/interview.js")),
    (
        "vendor/ts-fsrs.min.js",
        include_bytes!("../static/vendor/ts-fsrs.min.js"),
    ),
    (
        "vendor/ts-fsrs.LICENSE",
        include_bytes!("../static/vendor/ts-fsrs.LICENSE"),
    ),
    (
        "vendor/ts-fsrs.VERSION",
        include_bytes!("../static/vendor/ts-fsrs.VERSION"),
    ),
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
    let (found, errors) = crate::walk::files(site_root, static_dir, "static");
    for file in found {
        files.retain(|f| f.path != file.rel);
        let origin = file.path.clone();
        files.push(OutputFile::new(file.rel, Contents::Copy(file.path), origin));
    }
    if errors.is_empty() {
        Ok(files)
    } else {
        Err(errors)
    }
}
