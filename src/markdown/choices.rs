//! Multiple-choice questions: the `## Choices` section of a prompt, a task list whose `- [x]`
//! items are correct and `- [ ]` items wrong, each with an optional indented explanation. It is
//! taken out of the prompt's HTML and kept as data, so templates, the mock exam and exports can
//! lay the choices out as they need.

use std::ops::Range;

use pulldown_cmark::{Event, HeadingLevel, Tag, TagEnd};
use serde::Serialize;

use super::{block_end, PageContext};
use crate::diagnostic::Diagnostic;

/// One choice of a multiple-choice question.
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub struct Choice {
    /// The choice itself, inline HTML (no surrounding `<p>`).
    pub html: String,
    pub correct: bool,
    /// The indented blocks under the choice, HTML (empty when there are none).
    pub explanation: String,
}

/// Where a `## Choices` section is in a run of events, and the items of its list.
pub(super) struct Section {
    /// The events of the whole section, heading included (left out of the prompt's HTML).
    pub range: Range<usize>,
    pub items: Vec<Item>,
}

/// The events of one choice: its text, and the blocks that explain it.
pub(super) struct Item {
    pub correct: bool,
    pub text: Range<usize>,
    pub explanation: Range<usize>,
}

type Events<'e> = [(Event<'e>, Range<usize>)];

/// Whether the heading starting at `i` is `## Choices`.
fn is_choices_heading(events: &Events, i: usize) -> bool {
    matches!(
        events.get(i..i + 3),
        Some([
            (Event::Start(Tag::Heading { level: HeadingLevel::H2, .. }), _),
            (Event::Text(text), _),
            (Event::End(TagEnd::Heading(HeadingLevel::H2)), _),
        ]) if text.trim().eq_ignore_ascii_case("choices")
    )
}

/// Finds the `## Choices` section of a prompt and checks it. Problems are pushed to
/// `diagnostics`; `None` when there is no usable section.
pub(super) fn find(
    ctx: &PageContext,
    events: &Events,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Section> {
    let start = (0..events.len()).find(|&i| is_choices_heading(events, i))?;
    let heading_at = events[start].1.start;
    let end = (start + 3..events.len())
        .find(|&i| {
            matches!(
                events[i].0,
                Event::Start(Tag::Heading {
                    level: HeadingLevel::H1 | HeadingLevel::H2,
                    ..
                })
            )
        })
        .unwrap_or(events.len());
    if let Some(again) = (end..events.len()).find(|&i| is_choices_heading(events, i)) {
        diagnostics.push(ctx.error_at(
            events[again].1.start,
            "a second `## Choices` section: a question has one list of choices".into(),
        ));
    }
    let mut items = Vec::new();
    let mut i = start + 3;
    while i < end {
        match &events[i].0 {
            Event::Start(Tag::List(_)) if items.is_empty() => {
                let list_end = block_end(events, i);
                items = list_items(ctx, events, i + 1..list_end, diagnostics)?;
                i = list_end + 1;
            }
            _ => {
                diagnostics.push(ctx.error_at(
                    events[i].1.start,
                    "only a task list may follow `## Choices` (put an explanation indented under its choice, and the rest in the prompt above or the answer)".into(),
                ));
                return None;
            }
        }
    }
    let message = if items.is_empty() {
        Some("`## Choices` holds no choices: write them as a task list, `- [x]` for a correct choice and `- [ ]` for a wrong one".to_string())
    } else if items.len() < 2 {
        Some("`## Choices` needs at least two choices".to_string())
    } else if !items.iter().any(|item| item.correct) {
        Some("`## Choices` has no correct choice: mark the right one `- [x]`".to_string())
    } else if items.iter().all(|item| item.correct) {
        Some("every choice of `## Choices` is marked correct, so there is nothing to choose: mark the wrong ones `- [ ]`".to_string())
    } else {
        None
    };
    if let Some(message) = message {
        diagnostics.push(ctx.error_at(heading_at, message));
        return None;
    }
    Some(Section {
        range: start..end,
        items,
    })
}

/// The items of the list whose inner events are `inner`; an item that is not a task item is
/// reported and gives `None`.
fn list_items(
    ctx: &PageContext,
    events: &Events,
    inner: Range<usize>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Vec<Item>> {
    let mut items = Vec::new();
    let mut i = inner.start;
    while i < inner.end {
        let item_end = block_end(events, i);
        match item(events, i + 1..item_end) {
            Some(item) => items.push(item),
            None => {
                diagnostics.push(ctx.error_at(
                    events[i].1.start,
                    "a choice must be a task item: `- [x]` for a correct choice, `- [ ]` for a wrong one".into(),
                ));
                return None;
            }
        }
        i = item_end + 1;
    }
    Some(items)
}

/// One item's parts. A loose item holds `<p>[marker] text</p>` then its explanation blocks; a
/// tight one the marker and text directly.
fn item(events: &Events, inner: Range<usize>) -> Option<Item> {
    let first = inner.start;
    let in_paragraph = matches!(events.get(first)?.0, Event::Start(Tag::Paragraph));
    let marker = if in_paragraph { first + 1 } else { first };
    let Some((Event::TaskListMarker(correct), _)) =
        events.get(marker).filter(|_| marker < inner.end)
    else {
        return None;
    };
    let text_end = if in_paragraph {
        block_end(events, first)
    } else {
        (marker + 1..inner.end)
            .find(|&i| matches!(events[i].0, Event::Start(ref tag) if is_block(tag)))
            .unwrap_or(inner.end)
    };
    let explanation_start = if in_paragraph { text_end + 1 } else { text_end };
    Some(Item {
        correct: *correct,
        text: marker + 1..text_end,
        explanation: explanation_start..inner.end,
    })
}

fn is_block(tag: &Tag) -> bool {
    matches!(
        tag,
        Tag::Paragraph
            | Tag::Heading { .. }
            | Tag::BlockQuote(_)
            | Tag::CodeBlock(_)
            | Tag::List(_)
            | Tag::Table(_)
            | Tag::HtmlBlock
            | Tag::FootnoteDefinition(_)
            | Tag::DefinitionList
    )
}

/// Reports a `## Choices` heading in the answer: choices belong to the prompt.
pub(super) fn refuse_in_answer(
    ctx: &PageContext,
    events: &Events,
    diagnostics: &mut Vec<Diagnostic>,
) {
    if let Some(i) = (0..events.len()).find(|&i| is_choices_heading(events, i)) {
        diagnostics.push(ctx.error_at(
            events[i].1.start,
            "`## Choices` belongs in the prompt, before `## Answer`".into(),
        ));
    }
}
