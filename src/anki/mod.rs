//! `cramdown export --anki`: one Anki note per question, in Anki's text format, with HTML that
//! renders on a card without the site, and a GUID that stays the same across exports so that
//! importing again updates the notes in place (keeping their review history).

pub mod card;
pub mod text;

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::escape;
use crate::markdown::choices::Choice;
use crate::markdown::Rendered;
use crate::model::{Question, Site};
use crate::{prepare, BuildOptions};

use card::Origin;
pub use text::Note;

/// Prefix of the tag that carries a question's difficulty (`difficulty::beginner`).
pub const DIFFICULTY_TAG: &str = "difficulty::";

/// Prefix of the tag that carries a multiple-choice question's exam domain (`domain::secure`),
/// so that a bank exported and imported again still fills its blueprint.
pub const DOMAIN_TAG: &str = "domain::";

/// The GUID of a question's note: derived from its id, its path under `content/`
/// (`s3/versioning.md`), and nothing else, so editing a question keeps its note. A question
/// that moves keeps its note through its `aliases`: see [`note_guid`].
///
/// The GUID is `cd` followed by the 64-bit FNV-1a hash of the path's UTF-8 bytes in 16
/// lowercase hex digits: short, stable across versions and machines, and free of the tabs,
/// quotes and spaces a path may hold.
/// The GUID a question's note is exported with: that of its first alias (the path it had when
/// it was first exported, for a question renamed with `aliases = ["old/path.md"]`), else of its
/// own path. Re-importing after a rename then updates the note and keeps its Anki scheduling.
pub fn note_guid(q: &crate::model::Question) -> String {
    anki_guid(q.front.aliases.first().unwrap_or(&q.rel))
}

pub fn anki_guid(id: &str) -> String {
    format!("cd{:016x}", crate::hash::fnv1a(id.as_bytes()))
}

/// What an export produced.
pub struct Export {
    /// The text file's contents.
    pub text: String,
    pub notes: usize,
    pub warnings: Vec<Diagnostic>,
}

/// Builds the site's Markdown (as a build does: the same errors stop it) and writes every
/// question as a note of deck `deck` (the site's title when `None`).
pub fn export(options: &BuildOptions, deck: Option<&str>) -> Result<Export, Diagnostics> {
    let prepared = prepare(options)?;
    let site = &prepared.site;
    let notes: Vec<Note> = site
        .questions
        .iter()
        .zip(&prepared.rendered)
        .map(|(q, rendered)| note(site, q, rendered))
        .collect();
    let deck = deck.unwrap_or(&site.config.title);
    if deck.trim().is_empty() {
        return Err(Diagnostic::error("--deck", "the deck name is empty").into());
    }
    Ok(Export {
        text: text::write(deck, &notes),
        notes: notes.len(),
        warnings: prepared.warnings,
    })
}

/// One question's note: front = title and prompt, back = the choices marked (for a prompt with
/// task-list choices) and the answer; tags = topics and `difficulty::<level>`.
pub fn note(site: &Site, q: &Question, rendered: &Rendered) -> Note {
    let origin = Origin {
        base_url: site.config.base_url.as_deref(),
        page_url: &q.url,
    };
    let mut front = format!(
        "<div style=\"font-size:1.2em;font-weight:bold\">{}</div>",
        escape::text(q.front.title.trim())
    );
    if !rendered.prompt.trim().is_empty() {
        front.push_str(&left_aligned(&card::self_contained(
            &rendered.prompt,
            &origin,
        )));
    }
    let mut back = if rendered.choices.is_empty() {
        choices_html(&rendered.prompt, &origin)
    } else {
        front.push_str(&section_choices(&rendered.choices, &origin, false));
        section_choices(&rendered.choices, &origin, true)
    };
    back.push_str(&left_aligned(&card::self_contained(
        &rendered.answer,
        &origin,
    )));
    let mut tags = q.front.topics.clone();
    if let Some(d) = q.front.difficulty {
        tags.push(format!("{DIFFICULTY_TAG}{}", d.name()));
    }
    if let Some(domain) = &q.front.domain {
        tags.push(format!("{DOMAIN_TAG}{domain}"));
    }
    Note {
        guid: Some(note_guid(q)),
        fields: vec![front, back],
        tags,
        line: 0,
    }
}

/// A `## Choices` section: on the front, empty boxes (and "Choose N" when several are right);
/// on the back, each choice marked correct or wrong with its explanation.
fn section_choices(choices: &[Choice], origin: &Origin, marked: bool) -> String {
    let right = choices.iter().filter(|c| c.correct).count();
    let mut html = String::new();
    if !marked && right > 1 {
        html.push_str(&format!(
            "<p style=\"text-align:left\"><i>Choose {right}.</i></p>"
        ));
    }
    html.push_str("<ul style=\"list-style:none;padding-left:0;text-align:left\">");
    for choice in choices {
        let text = card::self_contained(choice.html.trim(), origin);
        if !marked {
            html.push_str(&format!("<li>\u{2610} {text}</li>"));
            continue;
        }
        let mark = if choice.correct {
            "\u{2705} <b>Correct:</b>"
        } else {
            "\u{274C} <b>Wrong:</b>"
        };
        html.push_str(&format!("<li>{mark} {text}"));
        if !choice.explanation.trim().is_empty() {
            html.push_str(&format!(
                "<div style=\"margin:0 0 .5em 1.6em\">{}</div>",
                card::self_contained(choice.explanation.trim(), origin)
            ));
        }
        html.push_str("</li>");
    }
    html.push_str("</ul>");
    html
}

/// The prompt's task-list items with the correct ones marked, or "" when it has none.
fn choices_html(prompt: &str, origin: &Origin) -> String {
    let choices = card::choices(prompt);
    if choices.is_empty() {
        return String::new();
    }
    let mut html = String::from("<ul style=\"list-style:none;padding-left:0;text-align:left\">");
    for choice in choices {
        let mark = if choice.correct {
            "\u{2705} <b>Correct:</b>"
        } else {
            "\u{274C} <b>Wrong:</b>"
        };
        html.push_str(&format!(
            "<li>{mark} {}</li>",
            card::self_contained(choice.html.trim(), origin)
        ));
    }
    html.push_str("</ul>");
    html
}

fn left_aligned(html: &str) -> String {
    format!("<div style=\"text-align:left\">{}</div>", html.trim())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guids_are_stable_and_distinct() {
        // Fixed values: a change here would make every learner's notes duplicate on re-import.
        assert_eq!(anki_guid("s3/versioning.md"), anki_guid("s3/versioning.md"));
        assert_eq!(anki_guid(""), "cdcbf29ce484222325");
        assert_eq!(anki_guid("a"), "cdaf63dc4c8601ec8c");
        assert_ne!(anki_guid("s3/a.md"), anki_guid("s3/b.md"));
    }
}
