//! `## Key points`: the rubric of an answer. Its list is rendered with `class="key-points"` so the
//! grading script can turn it into a checklist; a section that is empty or outside the answer is
//! reported, since the learner would then grade without it.

use std::ops::Range;

use pulldown_cmark::{CowStr, Event, HeadingLevel, Tag, TagEnd};

/// Whether a heading's events (`Start` to `End`) are a `## Key points` heading.
pub(super) fn is_heading(events: &[(Event, Range<usize>)]) -> bool {
    let [(
        Event::Start(Tag::Heading {
            level: HeadingLevel::H2,
            ..
        }),
        _,
    ), inner @ .., (Event::End(TagEnd::Heading(HeadingLevel::H2)), _)] = events
    else {
        return false;
    };
    let text: String = inner
        .iter()
        .filter_map(|(e, _)| match e {
            Event::Text(t) => Some(t.as_ref()),
            _ => None,
        })
        .collect();
    text.trim().eq_ignore_ascii_case("key points")
}

/// What to say about a key points heading, or `None` when its list follows it in the answer.
pub(super) fn problem(in_answer: bool, next: Option<&Event>) -> Option<&'static str> {
    if !in_answer {
        return Some("`## Key points` is outside the answer: move it after `## Answer`, where the learner grades with it");
    }
    match next {
        Some(Event::Start(Tag::List(_))) => None,
        _ => Some(
            "`## Key points` is empty: follow it with a list of the points a good answer makes",
        ),
    }
}

/// The opening tag of the key points list, with the class the grading script looks for.
pub(super) fn list_start(start: Option<u64>) -> Event<'static> {
    Event::Html(CowStr::from(match start {
        None => "<ul class=\"key-points\">\n".to_string(),
        Some(1) => "<ol class=\"key-points\">\n".to_string(),
        Some(n) => format!("<ol class=\"key-points\" start=\"{n}\">\n"),
    }))
}
