//! Questions from a README of `<details><summary>` blocks, the way large interview banks on
//! GitHub are written: the summary's first line is the title, the rest of the summary the
//! prompt, the body the answer, and the nearest `##` heading above the block the topic.

use std::ops::Range;
use std::path::Path;

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use super::Imported;
use crate::diagnostic::{line_col, Diagnostic};
use crate::html::{plain_text, tokens, Token};

/// A `<details>` or `<summary>` tag found in the README's HTML, with its byte range.
struct TagAt {
    name: &'static str,
    start: bool,
    range: Range<usize>,
}

/// A top-level `<details>` block being read.
struct Block {
    /// Offset of `<details>`.
    at: usize,
    /// Offset after `<summary>`.
    summary_start: Option<usize>,
    /// The summary's text, and the offset after `</summary>` where the answer starts.
    summary: Option<(Range<usize>, usize)>,
}

/// The questions of a README, in order, and warnings for blocks that are not questions.
pub fn read(path: &Path, text: &str) -> (Vec<Imported>, Vec<Diagnostic>) {
    let (tags, headings) = scan(text);
    let mut questions = Vec::new();
    let mut warnings = Vec::new();
    let mut depth = 0usize;
    let mut open: Option<Block> = None;
    for tag in tags {
        match (tag.name, tag.start, depth, &mut open) {
            ("details", true, _, _) => {
                depth += 1;
                if depth == 1 {
                    open = Some(Block {
                        at: tag.range.start,
                        summary_start: None,
                        summary: None,
                    });
                }
            }
            ("summary", true, 1, Some(block)) if block.summary_start.is_none() => {
                block.summary_start = Some(tag.range.end);
            }
            ("summary", false, 1, Some(block)) if block.summary.is_none() => {
                if let Some(start) = block.summary_start {
                    block.summary = Some((start..tag.range.start, tag.range.end));
                }
            }
            ("details", false, 1.., _) => {
                depth -= 1;
                if let Some(block) = open.take_if(|_| depth == 0) {
                    let end = tag.range.start;
                    warnings.extend(relative_links(path, text, block.at..end));
                    match question(text, &headings, block, end) {
                        Ok(q) => questions.push(q),
                        Err((line, message)) => {
                            warnings.push(Diagnostic::warning(path, message).at(line, 1));
                        }
                    }
                }
            }
            _ => {}
        }
    }
    if let Some(block) = open {
        let (line, col) = line_col(text, block.at);
        warnings
            .push(Diagnostic::warning(path, "`<details>` is never closed: skipped").at(line, col));
    }
    (questions, warnings)
}

/// Warnings for links to `.md` files relative to the README: they point at files the import
/// does not bring along, and a build reports them as errors until fixed.
fn relative_links(path: &Path, text: &str, block: Range<usize>) -> Vec<Diagnostic> {
    let mut warnings = Vec::new();
    for (event, range) in Parser::new(&text[block.clone()]).into_offset_iter() {
        let Event::Start(Tag::Link { dest_url, .. }) = event else {
            continue;
        };
        let file = dest_url.split(['#', '?']).next().unwrap_or("");
        if file.ends_with(".md") && !crate::model::url::is_external(&dest_url) {
            let (line, col) = line_col(text, block.start + range.start);
            warnings.push(
                Diagnostic::warning(
                    path,
                    format!("link `{dest_url}` is relative to this file: it will not resolve in content/ until fixed by hand"),
                )
                .at(line, col),
            );
        }
    }
    warnings
}

/// The question of a closed block (`end`: offset of its `</details>`), or the line and the
/// reason it is skipped.
fn question(
    text: &str,
    headings: &[(usize, String)],
    block: Block,
    end: usize,
) -> Result<Imported, (usize, &'static str)> {
    let (line, _) = line_col(text, block.at);
    let Some((summary, body_start)) = block.summary else {
        return Err((line, "`<details>` without a `<summary>`: skipped"));
    };
    let (title, prompt) = summary_parts(&text[summary]);
    if title.is_empty() {
        return Err((line, "`<summary>` is empty: skipped"));
    }
    let topic = headings
        .iter()
        .rev()
        .find(|(offset, _)| *offset < block.at)
        .map(|(_, heading)| heading.clone());
    Ok(Imported {
        title,
        topics: topic.into_iter().collect(),
        difficulty: None,
        prompt,
        answer: answer(&text[body_start..end]),
        line,
    })
}

/// The `<details>`/`<summary>` tags of the README's HTML (not those inside code) and its `##`
/// headings with their offsets.
fn scan(text: &str) -> (Vec<TagAt>, Vec<(usize, String)>) {
    let options =
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS;
    let mut tags = Vec::new();
    let mut headings = Vec::new();
    let mut heading: Option<(usize, String)> = None;
    for (event, range) in Parser::new_ext(text, options).into_offset_iter() {
        match event {
            Event::Html(_) | Event::InlineHtml(_) => {
                let mut offset = range.start;
                for token in tokens(&text[range.clone()]) {
                    let len = token.raw().len();
                    let found = match &token {
                        Token::Start { name, .. } => known(name).map(|n| (n, true)),
                        Token::End { name, .. } => known(name).map(|n| (n, false)),
                        _ => None,
                    };
                    if let Some((name, start)) = found {
                        tags.push(TagAt {
                            name,
                            start,
                            range: offset..offset + len,
                        });
                    }
                    offset += len;
                }
            }
            Event::Start(Tag::Heading {
                level: HeadingLevel::H2,
                ..
            }) => heading = Some((range.start, String::new())),
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, h)) = &mut heading {
                    h.push_str(&t);
                }
            }
            Event::End(TagEnd::Heading(HeadingLevel::H2)) => headings.extend(heading.take()),
            _ => {}
        }
    }
    (tags, headings)
}

fn known(name: &str) -> Option<&'static str> {
    match name {
        "details" => Some("details"),
        "summary" => Some("summary"),
        _ => None,
    }
}

/// The title (plain text of the summary's first line) and the prompt (the rest, as written).
fn summary_parts(summary: &str) -> (String, String) {
    let summary = summary.trim();
    let lower = summary.to_ascii_lowercase();
    let br = ["<br>", "<br/>", "<br />"]
        .iter()
        .filter_map(|b| lower.find(b).map(|i| (i, b.len())))
        .min();
    let newline = summary.find('\n').map(|i| (i, 1));
    let (first, rest) = match [br, newline].into_iter().flatten().min() {
        Some((i, len)) => (&summary[..i], &summary[i + len..]),
        None => (summary, ""),
    };
    (title_text(first), dedent(rest).trim().to_string())
}

/// A line of Markdown and HTML as plain text: `What does `ls` do?` -> `What does ls do?`.
fn title_text(line: &str) -> String {
    let mut text = String::new();
    for event in Parser::new(line) {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            _ => {}
        }
    }
    plain_text(&crate::escape::text(&text))
}

/// The answer's Markdown: the `<br><b>` ... `</b>` wrapper many banks put around answers
/// removed, and the block's common indentation.
fn answer(body: &str) -> String {
    let dedented = dedent(body);
    let mut text = dedented.trim();
    loop {
        let lower = text.to_ascii_lowercase();
        let stripped = ["<br>", "<br/>", "<br />"]
            .iter()
            .find(|b| lower.starts_with(**b))
            .map(|b| text[b.len()..].trim_start());
        match stripped {
            Some(rest) => text = rest,
            None => break,
        }
    }
    let lower = text.to_ascii_lowercase();
    if lower.starts_with("<b>") && lower.ends_with("</b>") && lower.matches("<b>").count() == 1 {
        text = text[3..text.len() - 4].trim();
    }
    dedent(text).trim().to_string()
}

/// Removes the indentation every non-blank line shares.
fn dedent(text: &str) -> String {
    let indent = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start().len())
        .min()
        .unwrap_or(0);
    text.lines()
        .map(|l| l.get(indent..).unwrap_or(l.trim_start()))
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_become_questions() {
        let text = "# Bank\n\n## Linux\n\n<details>\n<summary>What does `ls` do?\nAnswer briefly.</summary><br><b>\n\nIt lists files.\n\n</b></details>\n\n```html\n<details><summary>Not a question</summary></details>\n```\n\n## Git\n\n<details>\n  <summary>What is a commit?</summary>\n\n  A snapshot.\n\n  <details><summary>More</summary>Nested stays.</details>\n</details>\n";
        let (found, warnings) = read(Path::new("README.md"), text);
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].title, "What does ls do?");
        assert_eq!(found[0].prompt, "Answer briefly.");
        assert_eq!(found[0].answer, "It lists files.");
        assert_eq!(found[0].topics, ["Linux"]);
        assert_eq!(found[0].line, 5);
        assert_eq!(found[1].title, "What is a commit?");
        assert_eq!(found[1].topics, ["Git"]);
        assert_eq!(
            found[1].answer,
            "A snapshot.\n\n<details><summary>More</summary>Nested stays.</details>"
        );
    }
}
