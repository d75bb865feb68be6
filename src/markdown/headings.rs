//! Heading anchors: every heading gets a unique `id` (its slug) and a `#` link to itself.

use std::collections::HashSet;
use std::ops::Range;

use pulldown_cmark::{CowStr, Event, Tag};

use crate::model::slug::slugify;

/// Ids the default templates use for their own elements; headings never take them.
const RESERVED: &[&str] = &[
    "answer", "prompt", "main", "search", "content", "top", "help", "grade",
];

/// The heading ids of one page.
#[derive(Debug, Default)]
pub struct Ids {
    used: HashSet<String>,
    order: Vec<String>,
}

impl Ids {
    /// Renders a heading (its events, `Start` to `End`) with an id and an anchor link.
    pub fn render<'a>(&mut self, events: &[(Event<'a>, Range<usize>)]) -> Vec<Event<'a>> {
        let Some((
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }),
            _,
        )) = events.first()
        else {
            return events.iter().map(|(e, _)| e.clone()).collect();
        };
        let text: String = events
            .iter()
            .filter_map(|(e, _)| match e {
                Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
                _ => None,
            })
            .collect();
        let wanted = match id {
            Some(id) => id.to_string(),
            None => slugify(&text),
        };
        let unique = self.claim(if wanted.is_empty() {
            "section".into()
        } else {
            wanted
        });
        let anchor = format!(
            "<a class=\"anchor\" href=\"#{}\" aria-label=\"Link to this section\">#</a>",
            crate::escape::attr(&unique)
        );
        let mut out = Vec::with_capacity(events.len() + 1);
        out.push(Event::Start(Tag::Heading {
            level: *level,
            id: Some(CowStr::from(unique)),
            classes: classes.clone(),
            attrs: attrs.clone(),
        }));
        out.extend(events[1..events.len() - 1].iter().map(|(e, _)| e.clone()));
        out.push(Event::Html(CowStr::from(anchor)));
        out.push(events[events.len() - 1].0.clone());
        out
    }

    fn claim(&mut self, wanted: String) -> String {
        let mut candidate = wanted.clone();
        let mut n = 1;
        while RESERVED.contains(&candidate.as_str()) || self.used.contains(&candidate) {
            candidate = format!("{wanted}-{n}");
            n += 1;
        }
        self.used.insert(candidate.clone());
        self.order.push(candidate.clone());
        candidate
    }

    pub fn into_ids(self) -> Vec<String> {
        self.order
    }
}
