//! Front matter: splitting it from the body (`+++` TOML or `---` YAML) and reading its fields.

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::diagnostic::Diagnostic;
use crate::model::slug::is_slug;

/// How hard a question is, as the author rates it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Difficulty {
    Beginner,
    Intermediate,
    Advanced,
}

impl Difficulty {
    /// Every difficulty, easiest first: its position plus one is its code in the search catalog.
    pub const ALL: [Difficulty; 3] = [
        Difficulty::Beginner,
        Difficulty::Intermediate,
        Difficulty::Advanced,
    ];

    /// The name authors write, templates print and tags carry.
    pub fn name(self) -> &'static str {
        match self {
            Difficulty::Beginner => "beginner",
            Difficulty::Intermediate => "intermediate",
            Difficulty::Advanced => "advanced",
        }
    }

    pub fn from_name(name: &str) -> Option<Difficulty> {
        Difficulty::ALL.into_iter().find(|d| d.name() == name)
    }

    /// 1, 2 or 3 (0 in the search catalog is "not rated").
    pub fn code(self) -> u8 {
        self as u8 + 1
    }
}

/// The fields of a question's front matter, the same in TOML and YAML.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    pub title: String,
    pub topics: Vec<String>,
    pub difficulty: Option<Difficulty>,
    pub weight: Option<i64>,
    pub slug: Option<String>,
    #[serde(default)]
    pub draft: bool,
    /// `false` keeps the choices of a multiple-choice question in their written order (for
    /// "all of the above"); they are shuffled per attempt otherwise.
    pub shuffle: Option<bool>,
    /// The exam domain of a multiple-choice question (an `id` of `[[exam.domains]]`).
    pub domain: Option<String>,
    /// A date (`2024-05-01`) or moment, in its normal form once checked (`content::dates`).
    #[serde(default, deserialize_with = "any_value")]
    pub updated: Option<toml::Value>,
    /// Earlier paths of this question under `content/` (`s3/old-name.md`): each gets a redirect
    /// page, and progress stored under its id moves to this question's.
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub extra: Option<serde_json::Value>,
}

fn any_value<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<toml::Value>, D::Error> {
    toml::Value::deserialize(d).map(Some)
}

/// A file split into its front matter and its body.
#[derive(Debug, Clone, Copy)]
pub struct Split<'a> {
    pub yaml: bool,
    /// The front matter text and its byte offset in the file.
    pub front: &'a str,
    pub front_offset: usize,
    /// The body and its byte offset in the file.
    pub body: &'a str,
    pub body_offset: usize,
}

/// Splits `text` at its front matter fences. `path` is only used in diagnostics.
pub fn split<'a>(path: &Path, text: &'a str) -> Result<Split<'a>, Diagnostic> {
    let first_line = text.lines().next().unwrap_or("");
    let fence = match first_line.trim_end() {
        "+++" => "+++",
        "---" => "---",
        _ => {
            let what = if text.trim().is_empty() {
                "empty file"
            } else {
                "no front matter"
            };
            return Err(Diagnostic::error(
                path,
                format!("{what}: a question starts with `+++` (TOML) or `---` (YAML) front matter holding `title` and `topics`"),
            )
            .at(1, 1));
        }
    };
    let front_offset = (first_line.len() + 1).min(text.len());
    let mut pos = front_offset;
    while pos < text.len() {
        let end = text[pos..].find('\n').map_or(text.len(), |i| pos + i);
        if text[pos..end].trim_end() == fence {
            let body_offset = (end + 1).min(text.len());
            return Ok(Split {
                yaml: fence == "---",
                front: &text[front_offset..pos],
                front_offset,
                body: &text[body_offset..],
                body_offset,
            });
        }
        pos = end + 1;
    }
    Err(Diagnostic::error(
        path,
        format!("front matter opened here with `{fence}` is never closed: add a `{fence}` line after it"),
    )
    .at(1, 1))
}

/// Reads and checks the front matter of a split file. `text` is the whole file.
pub fn parse(path: &Path, text: &str, split: &Split) -> Result<FrontMatter, Diagnostic> {
    let front: FrontMatter = if split.yaml {
        yaml_serde::from_str(split.front).map_err(|e| {
            let d = Diagnostic::error(path, clean_yaml_message(&e.to_string()));
            match e.location() {
                Some(loc) => {
                    let (line0, _) = crate::diagnostic::line_col(text, split.front_offset);
                    d.at(line0 + loc.line() - 1, loc.column())
                }
                None => d.at_offset(text, split.front_offset),
            }
        })?
    } else {
        toml::from_str(split.front).map_err(|e| {
            let d = Diagnostic::error(path, e.message().trim_end().to_string());
            let offset = e.span().map_or(0, |s| s.start);
            d.at_offset(text, split.front_offset + offset)
        })?
    };
    check(path, text, split, front)
}

/// yaml_serde appends " at line L column C" to its messages; the diagnostic already says where.
fn clean_yaml_message(message: &str) -> String {
    match message.find(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message.to_string(),
    }
}

fn check(
    path: &Path,
    text: &str,
    split: &Split,
    mut front: FrontMatter,
) -> Result<FrontMatter, Diagnostic> {
    let at_field = |field: &str, message: String| {
        let d = Diagnostic::error(path, message);
        let (line0, _) = crate::diagnostic::line_col(text, split.front_offset);
        match field_line(split.front, field) {
            Some(line) => d.at(line0 + line - 1, 1),
            None => d.at(1, 1),
        }
    };
    if front.title.trim().is_empty() {
        return Err(at_field(
            "title",
            "`title` is empty: it is the question the learner sees".into(),
        ));
    }
    if front.topics.is_empty() {
        return Err(at_field(
            "topics",
            "`topics` is empty: list at least one topic slug".into(),
        ));
    }
    if let Some(bad) = front.topics.iter().find(|t| !is_slug(t)) {
        return Err(at_field(
            "topics",
            format!(
                "topic `{bad}` is not a valid slug (use lowercase letters, digits and hyphens)"
            ),
        ));
    }
    if let Some(slug) = &front.slug {
        if !is_slug(slug) {
            return Err(at_field(
                "slug",
                format!("slug `{slug}` is not valid (use lowercase letters, digits and hyphens)"),
            ));
        }
    }
    if let Some(value) = front.updated.take() {
        let written = match &value {
            toml::Value::Datetime(d) => d.to_string(),
            toml::Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        let normal = super::dates::normalize(&written).map_err(|message| {
            let d = Diagnostic::error(path, message);
            let (line0, _) = crate::diagnostic::line_col(text, split.front_offset);
            match field_line(split.front, "updated") {
                Some(line) => {
                    let column = split.front.lines().nth(line - 1).map_or(1, value_column);
                    d.at(line0 + line - 1, column)
                }
                None => d.at(1, 1),
            }
        })?;
        front.updated = Some(toml::Value::String(normal));
    }
    for alias in &front.aliases {
        if let Err(message) = check_alias(alias) {
            let offset = value_offset(split, "aliases", alias);
            return Err(Diagnostic::error(path, message).at_offset(text, offset));
        }
    }
    Ok(front)
}

/// An alias is a path under `content/` to a Markdown file: `folder/old-name.md`.
fn check_alias(alias: &str) -> Result<(), String> {
    let stem = alias.strip_suffix(".md").unwrap_or("");
    let bad_part = |p: &str| p.is_empty() || p == "." || p == ".." || p.starts_with('.');
    if stem.is_empty() || alias.contains(['\\', '?', '#']) || stem.split('/').any(bad_part) {
        return Err(format!(
            "alias `{alias}` is not a path under content/ to a Markdown file, like `s3/old-name.md`"
        ));
    }
    Ok(())
}

/// Byte offset in the file where `value` is written in `field` (its quoted text, or the bare
/// text in YAML), else where `field` is set: where a diagnostic about that value points.
pub fn value_offset(split: &Split, field: &str, value: &str) -> usize {
    let front = split.front;
    let from: usize = field_line(front, field).map_or(0, |line| {
        front
            .split_inclusive('\n')
            .take(line - 1)
            .map(str::len)
            .sum()
    });
    let rest = &front[from..];
    let found = rest
        .find(&format!("\"{value}\""))
        .or_else(|| rest.find(&format!("'{value}'")))
        .or_else(|| rest.find(value));
    split.front_offset + from + found.unwrap_or(0)
}

/// 1-based line of `text` where `field` is set (`field = ...` or `field: ...`).
pub fn field_line(text: &str, field: &str) -> Option<usize> {
    text.lines()
        .position(|l| {
            l.trim_start()
                .strip_prefix(field)
                .is_some_and(|r| r.trim_start().starts_with(['=', ':']))
        })
        .map(|i| i + 1)
}

/// 1-based line and column of the value of `field` in `text` (a file starting with its front
/// matter), for a diagnostic about that value.
pub fn field_position(text: &str, field: &str) -> Option<(usize, usize)> {
    let line = field_line(text, field)?;
    let column = text.lines().nth(line - 1).map_or(1, value_column);
    Some((line, column))
}

/// 1-based column of the value in a `field = value` or `field: value` line.
fn value_column(line: &str) -> usize {
    let Some(sep) = line.find(['=', ':']) else {
        return 1;
    };
    let after = &line[sep + 1..];
    let value = sep + 1 + (after.len() - after.trim_start().len());
    line[..value].chars().count() + 1
}

impl FrontMatter {
    /// The checked `updated` value in its normal form (`2024-05-01`, `2024-05-01T10:00:00Z`).
    pub fn updated_str(&self) -> Option<&str> {
        self.updated.as_ref().and_then(|v| v.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn difficulty_names_are_the_written_ones() {
        for (k, d) in Difficulty::ALL.into_iter().enumerate() {
            let written: Difficulty = toml::Value::String(d.name().into()).try_into().unwrap();
            assert_eq!(written, d);
            assert_eq!(Difficulty::from_name(d.name()), Some(d));
            assert_eq!(usize::from(d.code()), k + 1);
        }
        assert_eq!(Difficulty::from_name("expert"), None);
    }

    fn parse_text(text: &str) -> Result<FrontMatter, Diagnostic> {
        let p = Path::new("q.md");
        let s = split(p, text)?;
        parse(p, text, &s)
    }

    #[test]
    fn toml_and_yaml_give_the_same_fields() {
        let t = parse_text("+++\ntitle = \"Q\"\ntopics = [\"s3\"]\ndifficulty = \"beginner\"\nupdated = 2024-05-01\n+++\nbody").unwrap();
        let y = parse_text(
            "---\ntitle: Q\ntopics: [s3]\ndifficulty: beginner\nupdated: 2024-05-01\n---\nbody",
        )
        .unwrap();
        assert_eq!(t.title, y.title);
        assert_eq!(t.topics, y.topics);
        assert_eq!(t.difficulty, y.difficulty);
        assert_eq!(t.updated_str(), Some("2024-05-01"));
        assert_eq!(y.updated_str(), Some("2024-05-01"));
    }

    #[test]
    fn unknown_field_is_named_with_its_line() {
        let e = parse_text("+++\ntitle = \"Q\"\ntopics = [\"s3\"]\nauthor = \"me\"\n+++\n")
            .unwrap_err();
        assert_eq!((e.line, e.col), (4, 1));
        assert!(
            e.message.contains("unknown field `author`"),
            "{}",
            e.message
        );
    }

    #[test]
    fn wrong_type_points_at_the_value() {
        let e = parse_text("+++\ntitle = \"Q\"\ntopics = \"s3\"\n+++\n").unwrap_err();
        assert_eq!((e.line, e.col), (3, 10));
        assert!(e.message.contains("expected a sequence"), "{}", e.message);
    }

    #[test]
    fn yaml_errors_are_lines_of_the_file() {
        let e = parse_text("---\ntitle: Q\ntopics: [s3]\ncolour: red\n---\n").unwrap_err();
        assert_eq!(e.line, 4, "{e}");
        assert!(
            e.message.contains("unknown field `colour`"),
            "{}",
            e.message
        );
    }

    #[test]
    fn unclosed_front_matter_is_reported() {
        let e = parse_text("+++\ntitle = \"Q\"\n").unwrap_err();
        assert!(e.message.contains("never closed"));
    }

    #[test]
    fn aliases_are_paths_to_markdown_files_checked_at_their_line() {
        let f = parse_text(
            "+++\ntitle = \"Q\"\ntopics = [\"s3\"]\naliases = [\"s3/old.md\", \"old.md\"]\n+++\n",
        )
        .unwrap();
        assert_eq!(f.aliases, ["s3/old.md", "old.md"]);
        let e = parse_text("+++\ntitle = \"Q\"\ntopics = [\"s3\"]\naliases = [\n  \"s3/old.md\",\n  \"../up.md\",\n]\n+++\n")
            .unwrap_err();
        assert_eq!((e.line, e.col), (6, 3), "{e}");
        assert!(e.message.contains("alias `../up.md`"), "{}", e.message);
        let e =
            parse_text("---\ntitle: Q\ntopics: [s3]\naliases: [s3/old.html]\n---\n").unwrap_err();
        assert_eq!((e.line, e.col), (4, 11), "{e}");
    }

    #[test]
    fn bad_dates_are_refused() {
        let e = parse_text("+++\ntitle = \"Q\"\ntopics = [\"s3\"]\nupdated = \"yesterday\"\n+++\n")
            .unwrap_err();
        assert_eq!(e.line, 4);
    }
}
