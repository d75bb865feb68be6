//! Markdown to HTML: one pulldown-cmark parse per file, split into prompt and answer at the
//! `## Answer` heading, then small event passes for links, headings and code blocks. A
//! `## Choices` section of the prompt becomes data (`choices`).

pub mod choices;
mod code;
mod gfm;
mod headings;
pub mod highlight;
mod lexers;
mod links;
pub mod snippets;

use std::ops::Range;
use std::path::Path;

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use crate::diagnostic::Diagnostic;
use crate::model::Site;

/// A rendered Markdown file.
#[derive(Debug, Default, Clone)]
pub struct Rendered {
    /// HTML before the `## Answer` heading (empty without one).
    pub prompt: String,
    /// HTML after it (the whole body without one).
    pub answer: String,
    /// The choices of a multiple-choice question (its `## Choices` section), in written order;
    /// empty for an open question.
    pub choices: Vec<choices::Choice>,
    /// Plain text of prompt and answer, code blocks left out, for the search index.
    pub text: String,
    /// The `id`s of the headings, for anchor checks.
    pub anchors: Vec<String>,
    /// Every link of the body, for `cramdown check`.
    pub links: Vec<LinkRecord>,
}

/// A link found in a body, where it is, and what it points at.
#[derive(Debug, Clone)]
pub struct LinkRecord {
    /// Byte offset in the whole file (turned into a line and column only when reported: doing
    /// it for every link would be quadratic in long files).
    pub offset: usize,
    pub target: LinkTarget,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkTarget {
    /// A page of the site (URL from the root) and an optional `#fragment` (without `#`).
    Page {
        url: String,
        fragment: Option<String>,
    },
    /// `#fragment` on the same page.
    SamePage(String),
    /// `http(s)://...`
    External(String),
}

/// What a page's Markdown needs to know about where it stands.
pub struct PageContext<'a> {
    pub site: &'a Site,
    /// Source path under `content/` (links resolve from it).
    pub rel: &'a str,
    /// Output path of the page (links are made relative to it).
    pub page_url: &'a str,
    /// Path for diagnostics, the whole file text, and where the body starts in it.
    pub path: &'a Path,
    pub text: &'a str,
    pub body_offset: usize,
}

impl PageContext<'_> {
    /// A diagnostic at a byte offset of the body.
    fn error_at(&self, body_offset: usize, message: String) -> Diagnostic {
        Diagnostic::error(self.path, message).at_offset(self.text, self.body_offset + body_offset)
    }

    fn warning_at(&self, body_offset: usize, message: String) -> Diagnostic {
        Diagnostic::warning(self.path, message).at_offset(self.text, self.body_offset + body_offset)
    }
}

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_GFM
}

/// Renders a page's body. With `split_answer`, the part before `## Answer` becomes the prompt.
pub fn render(
    ctx: &PageContext,
    split_answer: bool,
    diagnostics: &mut Vec<Diagnostic>,
) -> Rendered {
    let body = &ctx.text[ctx.body_offset..];
    let events: Vec<(Event, Range<usize>)> = Parser::new_ext(body, options())
        .into_offset_iter()
        .collect();
    let heading = split_answer.then(|| find_answer_heading(&events)).flatten();
    let (prompt_events, answer_events) = match &heading {
        Some(heading) => (&events[..heading.start], &events[heading.end..]),
        None => (&events[..0], &events[..]),
    };
    if split_answer && answer_events.is_empty() {
        // A card with nothing to reveal: at its `## Answer` line, or where the body starts.
        let at = heading.map_or(0, |h| events[h.start].1.start);
        diagnostics.push(ctx.warning_at(
            at,
            "the answer is empty: write it after `## Answer`, or mark the question `draft = true`"
                .into(),
        ));
    }
    let mut pass = Pass {
        ctx,
        diagnostics,
        headings: headings::Ids::default(),
        text: String::new(),
        links: Vec::new(),
    };
    let section = if split_answer {
        choices::refuse_in_answer(ctx, answer_events, pass.diagnostics);
        choices::find(ctx, prompt_events, pass.diagnostics)
    } else {
        None
    };
    let (prompt, choices) = match section {
        Some(section) => {
            let mut prompt = pass.run(&prompt_events[..section.range.start]);
            let choices = section
                .items
                .iter()
                .map(|item| choices::Choice {
                    html: pass.run(&prompt_events[item.text.clone()]),
                    correct: item.correct,
                    explanation: pass.run(&prompt_events[item.explanation.clone()]),
                })
                .collect();
            prompt.push_str(&pass.run(&prompt_events[section.range.end..]));
            (prompt, choices)
        }
        None => (pass.run(prompt_events), Vec::new()),
    };
    let answer = pass.run(answer_events);
    Rendered {
        prompt,
        answer,
        choices,
        text: pass.text,
        anchors: pass.headings.into_ids(),
        links: pass.links,
    }
}

/// The events of the first `## Answer` heading.
fn find_answer_heading(events: &[(Event, Range<usize>)]) -> Option<Range<usize>> {
    events
        .windows(3)
        .position(is_answer_heading)
        .map(|i| i..i + 3)
}

fn is_answer_heading(window: &[(Event, Range<usize>)]) -> bool {
    matches!(
        window,
        [
            (Event::Start(Tag::Heading { level: HeadingLevel::H2, .. }), _),
            (Event::Text(text), _),
            (Event::End(TagEnd::Heading(HeadingLevel::H2)), _),
        ] if text.trim().eq_ignore_ascii_case("answer")
    )
}

/// The state of one page's passes, shared by its prompt and its answer.
struct Pass<'a, 'd> {
    ctx: &'a PageContext<'a>,
    diagnostics: &'d mut Vec<Diagnostic>,
    headings: headings::Ids,
    text: String,
    links: Vec<LinkRecord>,
}

impl Pass<'_, '_> {
    /// Turns a run of events into HTML, rewriting links, naming headings and highlighting code.
    fn run(&mut self, events: &[(Event, Range<usize>)]) -> String {
        let mut out: Vec<Event> = Vec::with_capacity(events.len());
        let mut i = 0;
        let mut dropping_link = false;
        let mut tables = gfm::Tables::default();
        while i < events.len() {
            let (event, range) = &events[i];
            let next = events.get(i + 1).map(|(e, _)| e);
            if let Some(html) = tables.render(event, next) {
                self.collect_text(event);
                out.push(html);
                i += 1;
                continue;
            }
            match event {
                Event::Start(Tag::CodeBlock(kind)) => {
                    let end = block_end(events, i);
                    let html = code::render_block(
                        self.ctx,
                        kind,
                        &events[i + 1..end],
                        range.start,
                        self.diagnostics,
                    );
                    out.push(Event::Html(CowStr::from(html)));
                    self.text.push(' ');
                    i = end + 1;
                    continue;
                }
                Event::Start(Tag::Heading { .. }) => {
                    let end = block_end(events, i);
                    for (e, _) in &events[i..=end] {
                        self.collect_text(e);
                    }
                    out.extend(self.headings.render(&events[i..=end]));
                    i = end + 1;
                    continue;
                }
                Event::Start(Tag::Link { dest_url, .. }) => {
                    match links::rewrite(self.ctx, event, range.start, self.diagnostics) {
                        Some(link) => {
                            self.record_link(dest_url, range.start);
                            out.push(link);
                        }
                        None => dropping_link = true,
                    }
                }
                Event::End(TagEnd::Link) if dropping_link => dropping_link = false,
                Event::Start(Tag::Image { .. }) => out.push(links::rewrite_image(event)),
                other => {
                    self.collect_text(other);
                    out.push(other.clone());
                }
            }
            i += 1;
        }
        let mut html = String::new();
        pulldown_cmark::html::push_html(&mut html, out.into_iter());
        html
    }

    fn record_link(&mut self, dest: &str, offset: usize) {
        if let Some(target) = links::target(self.ctx, dest) {
            self.links.push(LinkRecord {
                offset: self.ctx.body_offset + offset,
                target,
            });
        }
    }

    /// Adds an event's words to the page's plain text (for the search index).
    fn collect_text(&mut self, event: &Event) {
        match event {
            Event::Text(t) | Event::Code(t) => self.text.push_str(t),
            Event::End(_) | Event::SoftBreak | Event::HardBreak if !self.text.ends_with(' ') => {
                self.text.push(' ');
            }
            _ => {}
        }
    }
}

/// Index of the `End` event matching the `Start` at `start`.
fn block_end(events: &[(Event, Range<usize>)], start: usize) -> usize {
    let mut depth = 0usize;
    for (i, (event, _)) in events.iter().enumerate().skip(start) {
        match event {
            Event::Start(_) => depth += 1,
            Event::End(_) => {
                depth -= 1;
                if depth == 0 {
                    return i;
                }
            }
            _ => {}
        }
    }
    events.len() - 1
}
