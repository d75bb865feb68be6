//! `cramdown new` and `cramdown init`: files an author starts from. Neither overwrites anything.

use std::fs::OpenOptions;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::assets::DEFAULT_STATIC;
use crate::content::front_matter::Difficulty;
use crate::diagnostic::Diagnostic;
use crate::model::slug::{is_slug, slugify};
use crate::render::DEFAULT_TEMPLATES;

/// The GitHub Pages workflow, the same one this repository publishes with.
pub const PAGES_WORKFLOW: &str = include_str!("../.github/workflows/pages.yml");

/// Writes `content/<topic>/<slug>.md` with its front matter filled. Returns its path.
pub fn new_question(
    root: &Path,
    title: &str,
    topics: &[String],
    difficulty: Option<Difficulty>,
) -> Result<PathBuf, Diagnostic> {
    if let Some(bad) = topics.iter().find(|t| !is_slug(t)) {
        return Err(Diagnostic::error(
            "--topic",
            format!(
                "topic `{bad}` is not a valid slug (use lowercase letters, digits and hyphens)"
            ),
        ));
    }
    let title = title.trim();
    let slug = slugify(title);
    if slug.is_empty() {
        return Err(Diagnostic::error(
            "title",
            "the title needs at least one letter or digit to make a file name",
        ));
    }
    let folder = root.join("content").join(&topics[0]);
    let path = folder.join(format!("{slug}.md"));
    let mut front = front_matter(title, topics, difficulty);
    front.push_str(&format!(
        "updated = {}\n+++\n\n## Answer\n\n",
        crate::content::dates::local_today()
    ));
    std::fs::create_dir_all(&folder)
        .map_err(|e| Diagnostic::error(&folder, format!("cannot create folder: {e}")))?;
    create_new(&path, front.as_bytes())?;
    Ok(path)
}

/// The front matter lines every new question starts with (`title`, `topics`, `difficulty`),
/// after the opening `+++`; the caller adds its own fields and the closing `+++`.
pub(crate) fn front_matter(
    title: &str,
    topics: &[String],
    difficulty: Option<Difficulty>,
) -> String {
    let mut front = format!(
        "+++\ntitle = {}\ntopics = [{}]\n",
        toml::Value::String(title.to_string()),
        topics
            .iter()
            .map(|t| format!("\"{t}\""))
            .collect::<Vec<_>>()
            .join(", ")
    );
    if let Some(d) = difficulty {
        front.push_str(&format!("difficulty = \"{}\"\n", d.name()));
    }
    front
}

/// Creates a new site in `dir`: site.toml, an introduction, a sample question, the Pages
/// workflow, and with `templates` the default templates and static files to customise.
pub fn init(dir: &Path, templates: bool) -> Result<(), Diagnostic> {
    let name = dir
        .canonicalize()
        .ok()
        .and_then(|d| d.file_name().map(|n| n.to_string_lossy().into_owned()))
        .or_else(|| dir.file_name().map(|n| n.to_string_lossy().into_owned()))
        .unwrap_or_else(|| "Study notes".into());
    let mut files: Vec<(String, Vec<u8>)> = vec![
        (
            crate::names::SITE_TOML.into(),
            site_toml(&name).into_bytes(),
        ),
        ("content/_index.md".into(), INTRO.as_bytes().to_vec()),
        (
            "content/basics/what-is-spaced-repetition.md".into(),
            SAMPLE.as_bytes().to_vec(),
        ),
        (
            ".github/workflows/pages.yml".into(),
            PAGES_WORKFLOW.as_bytes().to_vec(),
        ),
        (".gitignore".into(), b"/public\n".to_vec()),
    ];
    if templates {
        files.extend(
            DEFAULT_TEMPLATES
                .iter()
                .map(|(n, t)| (format!("templates/{n}"), t.as_bytes().to_vec())),
        );
        files.extend(
            DEFAULT_STATIC
                .iter()
                .map(|(n, b)| (format!("static/{n}"), b.to_vec())),
        );
    }
    // Check everything first, so nothing is half-created.
    if let Some((existing, _)) = files.iter().find(|(rel, _)| dir.join(rel).exists()) {
        return Err(Diagnostic::error(
            dir.join(existing),
            "already exists; `cramdown init` never overwrites files (choose an empty folder)",
        ));
    }
    for (rel, bytes) in &files {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| Diagnostic::error(parent, format!("cannot create folder: {e}")))?;
        }
        create_new(&path, bytes)?;
    }
    Ok(())
}

pub(crate) fn create_new(path: &Path, bytes: &[u8]) -> Result<(), Diagnostic> {
    let mut file = OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|e| {
            if e.kind() == std::io::ErrorKind::AlreadyExists {
                Diagnostic::error(path, "already exists; not overwritten")
            } else {
                Diagnostic::error(path, format!("cannot create: {e}"))
            }
        })?;
    file.write_all(bytes)
        .map_err(|e| Diagnostic::error(path, format!("cannot write: {e}")))
}

fn site_toml(name: &str) -> String {
    format!(
        "title = {}\ndescription = \"Questions and answers to rehearse.\"\n# base_url = \"https://<user>.github.io/<repo>/\"   # set by the Pages workflow\n# repo_url = \"https://github.com/<user>/<repo>/edit/main/content/\"\n\n[topics.basics]\ntitle = \"Basics\"\ndescription = \"How this study site works.\"\n",
        toml::Value::String(name.to_string())
    )
}

const INTRO: &str = "Rehearse each question out loud, reveal the answer, and grade yourself.\n\nAdd questions with `cramdown new \"Your question?\" --topic basics`.\n";

const SAMPLE: &str = r#"+++
title = "What is spaced repetition, and why does it work?"
topics = ["basics"]
difficulty = "beginner"
+++

Explain it as you would to a colleague who has never used flashcards.

## Answer

Spaced repetition shows a card again just before you would forget it. Each time you recall it,
the next review moves further out: this site uses boxes of 1, 3, 7, 14 and 30 days.

- **Knew it** moves the card up a box.
- **Review again** sends it back to the first box, and it comes back in the same session.

Recalling (rather than re-reading) is what makes memories last.
"#;
