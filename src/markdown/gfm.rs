//! Tables and task lists written by us rather than by pulldown-cmark's HTML writer, which puts
//! column alignment in `style` attributes (refused by a strict Content-Security-Policy), writes
//! an empty header cell as an unnamed `<th>`, and leaves task-list checkboxes without a label.

use pulldown_cmark::{Alignment, CowStr, Event, Tag, TagEnd};

/// Where a table's events stand, from `Start(Table)` to `End(Table)`.
#[derive(Default)]
pub struct Tables {
    alignments: Vec<Alignment>,
    in_head: bool,
    cell: usize,
    /// The open cell's element: `th`, or `td` in the body and for an empty header cell.
    open: &'static str,
}

impl Tables {
    /// The HTML for a table event, or `None` for any other event. `next` is the event after
    /// this one: a header cell that ends at once is an empty corner, written as a `<td>`.
    pub fn render(&mut self, event: &Event, next: Option<&Event>) -> Option<Event<'static>> {
        let html = match event {
            Event::Start(Tag::Table(alignments)) => {
                self.alignments = alignments.clone();
                "<table>".to_string()
            }
            Event::End(TagEnd::Table) => "</tbody></table>\n".to_string(),
            Event::Start(Tag::TableHead) => {
                self.in_head = true;
                self.cell = 0;
                "<thead><tr>".to_string()
            }
            Event::End(TagEnd::TableHead) => {
                self.in_head = false;
                "</tr></thead><tbody>\n".to_string()
            }
            Event::Start(Tag::TableRow) => {
                self.cell = 0;
                "<tr>".to_string()
            }
            Event::End(TagEnd::TableRow) => "</tr>\n".to_string(),
            Event::Start(Tag::TableCell) => {
                let empty = matches!(next, Some(Event::End(TagEnd::TableCell)));
                self.open = if self.in_head && !empty { "th" } else { "td" };
                format!("<{}{}>", self.open, self.align_class())
            }
            Event::End(TagEnd::TableCell) => {
                self.cell += 1;
                format!("</{}>", self.open)
            }
            Event::TaskListMarker(done) => {
                let (checked, label) = match done {
                    true => (" checked=\"\"", "Done"),
                    false => ("", "Not done"),
                };
                format!("<input type=\"checkbox\" disabled=\"\"{checked} aria-label=\"{label}\"> ")
            }
            _ => return None,
        };
        Some(Event::Html(CowStr::from(html)))
    }

    fn align_class(&self) -> &'static str {
        match self.alignments.get(self.cell) {
            Some(Alignment::Left) => " class=\"align-left\"",
            Some(Alignment::Center) => " class=\"align-center\"",
            Some(Alignment::Right) => " class=\"align-right\"",
            Some(Alignment::None) | None => "",
        }
    }
}
