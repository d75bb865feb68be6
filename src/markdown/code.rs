//! Fenced code: the language label, the snippet check, and highlighting (or plain text with a
//! warning for a language nobody knows).

use std::ops::Range;

use pulldown_cmark::{CodeBlockKind, Event};

use super::highlight::{self, Language};
use super::snippets;
use super::PageContext;
use crate::diagnostic::{line_col, Diagnostic};
use crate::escape;

/// Renders one code block. `events` are the block's contents; `start` is the fence's offset in the body.
pub fn render_block(
    ctx: &PageContext,
    kind: &CodeBlockKind,
    events: &[(Event, Range<usize>)],
    start: usize,
    diagnostics: &mut Vec<Diagnostic>,
) -> String {
    let code: String = events
        .iter()
        .filter_map(|(e, _)| match e {
            Event::Text(t) => Some(t.as_ref()),
            _ => None,
        })
        .collect();
    let info = match kind {
        CodeBlockKind::Fenced(info) => info.as_ref(),
        CodeBlockKind::Indented => "",
    };
    let mut words = info
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty());
    let lang = words.next().unwrap_or("").to_ascii_lowercase();
    let nocheck = words.any(|w| w == "nocheck");

    if !nocheck {
        if let Err(e) = snippets::check(&lang, &code) {
            diagnostics.push(snippet_error(ctx, events, start, e));
        }
    }
    let language = highlight::language(&lang);
    if matches!(language, Language::Unknown) {
        diagnostics.push(ctx.warning_at(
            start,
            format!("unknown language `{lang}` in code block: shown without highlighting"),
        ));
    }
    let highlighted = highlight::highlight(&language, &code);
    let body = highlighted.unwrap_or_else(|| escape::text(&code));
    // A long line scrolls the block sideways: keyboard users reach it with Tab (then arrows
    // scroll it), and a screen reader names it by its language.
    const FOCUSABLE: &str = "tabindex=\"0\" role=\"group\"";
    if lang.is_empty() {
        format!("<pre class=\"code hl-code\" {FOCUSABLE} aria-label=\"Code\"><code>{body}</code></pre>\n")
    } else {
        let lang = escape::attr(&lang);
        format!("<pre class=\"code hl-code\" data-lang=\"{lang}\" {FOCUSABLE} aria-label=\"Code: {lang}\"><code class=\"language-{lang}\">{body}</code></pre>\n")
    }
}

/// Places a snippet's own line and column in the Markdown file.
fn snippet_error(
    ctx: &PageContext,
    events: &[(Event, Range<usize>)],
    fence_start: usize,
    e: snippets::SnippetError,
) -> Diagnostic {
    let text_start = events.first().map_or(fence_start, |(_, r)| r.start);
    let (first_line, first_col) = line_col(ctx.text, ctx.body_offset + text_start);
    let indent = first_col - 1;
    Diagnostic::error(ctx.path, e.message).at(first_line + e.line - 1, e.col + indent)
}
