//! `cramdown import`: question files written into a site's `content/` from a README of
//! `<details>` blocks or an Anki text file. Every file is planned before any is written: one
//! that exists already stops the import (unless `--force`), and no other file is ever touched.

pub mod markdown;
pub mod readme;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::anki::{self, DIFFICULTY_TAG, DOMAIN_TAG};
use crate::content::front_matter::Difficulty;
use crate::diagnostic::{display_path, Diagnostic, Diagnostics};
use crate::model::slug::{is_slug, slugify};
use crate::scaffold::{create_new, front_matter};

/// A question read from another format, before it becomes a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Imported {
    pub title: String,
    /// Topic names as the source writes them (a heading, a tag); slugified when written.
    pub topics: Vec<String>,
    pub difficulty: Option<Difficulty>,
    /// Markdown (HTML kept where the source had it).
    pub prompt: String,
    pub answer: String,
    /// Where the question starts in the source.
    pub line: usize,
}

/// The formats `cramdown import` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Readme,
    Anki,
}

/// What an import asks for.
pub struct ImportOptions<'a> {
    pub root: &'a Path,
    pub format: Format,
    pub file: &'a Path,
    /// Topic slug for every question, replacing the source's.
    pub topic: Option<&'a str>,
    /// Replace question files that exist.
    pub force: bool,
}

/// What an import wrote.
pub struct Report {
    pub written: Vec<PathBuf>,
    pub warnings: Vec<Diagnostic>,
    /// Topics of the imported questions that site.toml does not describe yet: slug and the
    /// name the source gives it.
    pub undescribed: Vec<(String, String)>,
}

/// A file to write.
struct Planned {
    path: PathBuf,
    text: String,
}

/// Reads `options.file`, plans one file per question, and writes them all, or none.
pub fn run(options: &ImportOptions) -> Result<Report, Diagnostics> {
    let config = crate::config::load(options.root)?;
    if let Some(topic) = options.topic.filter(|t| !is_slug(t)) {
        return Err(Diagnostic::error(
            "--topic",
            format!(
                "topic `{topic}` is not a valid slug (use lowercase letters, digits and hyphens)"
            ),
        )
        .into());
    }
    let path = options.file;
    let bytes =
        std::fs::read(path).map_err(|e| Diagnostic::error(path, format!("cannot read: {e}")))?;
    let text =
        String::from_utf8(bytes).map_err(|_| Diagnostic::error(path, "is not UTF-8 text"))?;
    let (questions, mut warnings) = match options.format {
        Format::Readme => readme::read(path, &text),
        Format::Anki => (from_anki(path, &text)?, Vec::new()),
    };
    let plan = plan(options, &questions, &mut warnings)?;
    let existing: Vec<Diagnostic> = plan
        .iter()
        .filter(|p| p.path.exists() && (!options.force || !p.path.is_file()))
        .map(|p| {
            Diagnostic::error(
                &p.path,
                "already exists; not overwritten (pass --force to replace question files)",
            )
        })
        .collect();
    if !existing.is_empty() {
        return Err(Diagnostics(existing));
    }
    let mut written = Vec::with_capacity(plan.len());
    for file in plan {
        if let Some(folder) = file.path.parent() {
            std::fs::create_dir_all(folder)
                .map_err(|e| Diagnostic::error(folder, format!("cannot create folder: {e}")))?;
        }
        if options.force && file.path.is_file() {
            std::fs::write(&file.path, &file.text)
                .map_err(|e| Diagnostic::error(&file.path, format!("cannot write: {e}")))?;
        } else {
            create_new(&file.path, file.text.as_bytes())?;
        }
        written.push(file.path);
    }
    let mut undescribed: Vec<(String, String)> = questions_topics(options, &questions)
        .into_iter()
        .filter(|(slug, _)| !config.topics.contains_key(slug))
        .collect();
    undescribed.sort();
    undescribed.dedup_by(|a, b| a.0 == b.0);
    Ok(Report {
        written,
        warnings,
        undescribed,
    })
}

/// One file per question: `content/<topic>/<slug>.md`, slugs numbered when titles repeat
/// (`-2`, `-3`), across topics too (`check` warns about one slug in two folders).
fn plan(
    options: &ImportOptions,
    questions: &[Imported],
    warnings: &mut Vec<Diagnostic>,
) -> Result<Vec<Planned>, Diagnostics> {
    let mut used: HashMap<String, usize> = HashMap::new();
    let mut plan = Vec::with_capacity(questions.len());
    let mut errors = Vec::new();
    for q in questions {
        let topics = topics_of(options, q);
        let Some(folder) = topics.first().cloned() else {
            errors.push(
                Diagnostic::error(
                    options.file,
                    format!(
                        "no topic for \"{}\" (no `##` heading above it, no tag): pass --topic",
                        q.title
                    ),
                )
                .at(q.line, 1),
            );
            continue;
        };
        let base = Some(file_slug(&q.title))
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| "question".into());
        let count = used.entry(base.clone()).or_insert(0);
        *count += 1;
        let slug = if *count == 1 {
            base
        } else {
            format!("{base}-{count}")
        };
        let path = options
            .root
            .join("content")
            .join(&folder)
            .join(format!("{slug}.md"));
        let draft = q.answer.trim().is_empty();
        if draft {
            warnings.push(
                Diagnostic::warning(
                    options.file,
                    format!(
                        "\"{}\" has no answer: written as a draft ({})",
                        q.title,
                        display_path(&path)
                    ),
                )
                .at(q.line, 1),
            );
        }
        plan.push(Planned {
            text: question_file(q, &topics, draft),
            path,
        });
    }
    if errors.is_empty() {
        Ok(plan)
    } else {
        Err(Diagnostics(errors))
    }
}

/// Longest slug a file name gets from a title, in bytes (file names stop at 255).
const MAX_SLUG: usize = 80;

/// A title's slug, cut at a hyphen to at most `MAX_SLUG` bytes.
fn file_slug(title: &str) -> String {
    let slug = slugify(title);
    if slug.len() <= MAX_SLUG {
        return slug;
    }
    let mut end = MAX_SLUG;
    while !slug.is_char_boundary(end) {
        end -= 1;
    }
    let cut = &slug[..end];
    let cut = match cut.rfind('-') {
        Some(hyphen) if hyphen > MAX_SLUG / 2 => &cut[..hyphen],
        _ => cut.trim_end_matches('-'),
    };
    cut.to_string()
}

/// The topic slugs of a question: `--topic`, or the source's names slugified.
fn topics_of(options: &ImportOptions, q: &Imported) -> Vec<String> {
    if let Some(topic) = options.topic {
        return vec![topic.to_string()];
    }
    let mut topics: Vec<String> = Vec::new();
    for slug in q
        .topics
        .iter()
        .map(|t| slugify(t))
        .filter(|s| !s.is_empty())
    {
        if !topics.contains(&slug) {
            topics.push(slug);
        }
    }
    topics
}

/// Every topic slug the questions use, with the source's name for it.
fn questions_topics(options: &ImportOptions, questions: &[Imported]) -> Vec<(String, String)> {
    if let Some(topic) = options.topic {
        return vec![(topic.to_string(), topic.to_string())];
    }
    questions
        .iter()
        .flat_map(|q| q.topics.iter())
        .map(|name| (slugify(name), name.trim().to_string()))
        .filter(|(slug, _)| !slug.is_empty())
        .collect()
}

/// The file of one question, in `cramdown new`'s style.
fn question_file(q: &Imported, topics: &[String], draft: bool) -> String {
    let mut text = front_matter(q.title.trim(), topics, q.difficulty);
    if draft {
        text.push_str("draft = true\n");
    }
    text.push_str("+++\n\n");
    if !q.prompt.trim().is_empty() {
        text.push_str(q.prompt.trim());
        text.push_str("\n\n");
    }
    text.push_str("## Answer\n\n");
    if !q.answer.trim().is_empty() {
        text.push_str(q.answer.trim());
        text.push('\n');
    }
    text
}

/// Questions from an Anki text file: the front's first block is the title and the rest the
/// prompt, the back the answer; tags are topics, `difficulty::<level>` the difficulty.
fn from_anki(path: &Path, text: &str) -> Result<Vec<Imported>, Diagnostic> {
    let file = anki::text::read(path, text)?;
    let mut questions = Vec::with_capacity(file.notes.len());
    for note in file.notes {
        let field = |i: usize| {
            let value = note.fields.get(i).map_or("", String::as_str);
            if file.html {
                value.to_string()
            } else {
                crate::escape::text(value).replace('\n', "<br>")
            }
        };
        let (title, prompt) = markdown::split_title(&field(0));
        if title.is_empty() {
            return Err(Diagnostic::error(path, "the note's front is empty").at(note.line, 1));
        }
        let mut difficulty = None;
        let mut topics = Vec::new();
        for tag in &note.tags {
            let rated = tag
                .strip_prefix(DIFFICULTY_TAG)
                .and_then(Difficulty::from_name);
            match rated {
                Some(rated) => difficulty = Some(rated),
                // The text format brings choices back as text, not a `## Choices` section, so an
                // imported question is open and takes no exam domain.
                _ if tag.starts_with(DOMAIN_TAG) => {}
                _ if matches!(tag.to_ascii_lowercase().as_str(), "leech" | "marked") => {}
                _ => topics.push(tag.clone()),
            }
        }
        questions.push(Imported {
            title,
            topics,
            difficulty,
            prompt,
            answer: markdown::from_html(&field(1)),
            line: note.line,
        });
    }
    Ok(questions)
}

#[cfg(test)]
mod tests {
    use super::file_slug;

    #[test]
    fn long_titles_make_short_file_names() {
        let slug = file_slug("Launch templates vs launch configurations: what changed, and how do you mix Spot and On-Demand in one group?");
        assert_eq!(
            slug,
            "launch-templates-vs-launch-configurations-what-changed-and-how-do-you-mix-spot"
        );
        assert!(file_slug(&"整合性".repeat(40)).len() <= 80);
        assert_eq!(file_slug("What is S3?"), "what-is-s3");
    }
}
