//! Heading anchors: every heading gets a unique `id` (its slug) and a `#` link to itself.

use std::collections::{HashMap, HashSet};
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
    /// The next suffix to try for each wanted id, so many equal headings stay linear.
    next: HashMap<String, usize>,
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
        let mut n = self.next.get(&wanted).copied().unwrap_or(0);
        let mut candidate = if n == 0 {
            wanted.clone()
        } else {
            format!("{wanted}-{n}")
        };
        while RESERVED.contains(&candidate.as_str()) || self.used.contains(&candidate) {
            n += 1;
            candidate = format!("{wanted}-{n}");
        }
        self.next.insert(wanted, n + 1);
        self.used.insert(candidate.clone());
        self.order.push(candidate.clone());
        candidate
    }

    pub fn into_ids(self) -> Vec<String> {
        self.order
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_headings_get_numbered_ids() {
        let mut ids = Ids::default();
        let got: Vec<String> = ["a", "a", "a-1", "a", "answer"]
            .iter()
            .map(|w| ids.claim(w.to_string()))
            .collect();
        assert_eq!(got, ["a", "a-1", "a-1-1", "a-2", "answer-1"]);
    }
}
