//! A question's rendered HTML made self-contained for an Anki card: highlighting and code
//! blocks styled inline (no site CSS there), no scripts or event handlers, links made absolute
//! with `base_url` or reduced to their text, task-list checkboxes turned into marks, and no raw
//! tab or newline (Anki's text format is one note per line).

use crate::escape;
use crate::html::{tokens, Token, VOID};
use crate::markdown::highlight::inline_style;
use crate::model::url;

/// Styles of a code block, in place of the site's `.hl-code` rule.
const PRE_STYLE: &str = "background:#f6f8fa;color:#1f2328;padding:8px 12px;border-radius:6px;\
     overflow-x:auto;text-align:left;font-family:ui-monospace,Menlo,Consolas,monospace;\
     font-size:0.9em;line-height:1.45";

/// Elements dropped with everything inside them.
const DROPPED: &[&str] = &[
    "script", "style", "iframe", "object", "embed", "template", "noscript",
];

/// Where the HTML comes from: links are resolved from `page_url` against `base_url`.
pub struct Origin<'a> {
    pub base_url: Option<&'a str>,
    pub page_url: &'a str,
}

/// One task-list item of a prompt: a choice of a multiple-choice question.
pub struct Choice {
    pub correct: bool,
    /// The item's HTML without its checkbox.
    pub html: String,
}

/// Rewrites `html` for a card. Task-list checkboxes all show empty (`☐`): the front of a card
/// must not give the answer away; [`choices`] gives the back its marked list.
pub fn self_contained(html: &str, origin: &Origin) -> String {
    let mut out = String::with_capacity(html.len() + html.len() / 2);
    let mut skip: Option<(String, usize)> = None;
    let mut links: Vec<bool> = Vec::new();
    let mut in_pre = 0usize;
    // After a checkbox, the item's text starts after exactly one space.
    let mut after_checkbox = false;
    for token in tokens(html) {
        if after_checkbox {
            if let Token::Text(text) = &token {
                out.push_str(&text.trim_start().replace(['\n', '\t', '\r'], " "));
                after_checkbox = false;
                continue;
            }
            after_checkbox = false;
        }
        if let Some((name, depth)) = &mut skip {
            if token.is_start(name) {
                *depth += 1;
            } else if token.is_end(name) {
                *depth -= 1;
                if *depth == 0 {
                    skip = None;
                }
            }
            continue;
        }
        match &token {
            Token::Text(text) if in_pre > 0 => {
                out.push_str(&text.replace('\n', "<br>").replace('\t', "&#9;"));
            }
            Token::Text(text) => out.push_str(&text.replace(['\n', '\t', '\r'], " ")),
            Token::Other(_) => {}
            Token::Start { name, .. } if DROPPED.contains(&name.as_str()) => {
                skip = Some((name.clone(), 1));
            }
            Token::Start { name, .. } if name == "a" && token.attr("class") == Some("anchor") => {
                skip = Some(("a".into(), 1));
            }
            Token::Start { name, .. } if name == "a" => {
                let href = token.attr("href").and_then(|h| absolute(h, origin));
                links.push(href.is_some());
                if let Some(href) = href {
                    out.push_str(&format!("<a href=\"{}\">", escape::attr(&href)));
                }
            }
            Token::End { name, .. } if name == "a" => {
                if links.pop().unwrap_or(false) {
                    out.push_str("</a>");
                }
            }
            Token::Start { name, .. } if name == "img" => image(&token, origin, &mut out),
            Token::Start { name, .. } if name == "input" => {
                if token.attr("type") == Some("checkbox") {
                    out.push_str("\u{2610} ");
                    after_checkbox = true;
                }
            }
            Token::Start { name, attrs, .. } => {
                if name == "pre" {
                    in_pre += 1;
                }
                start_tag(name, attrs, &mut out);
            }
            Token::End { name, .. } => {
                if name == "pre" {
                    in_pre = in_pre.saturating_sub(1);
                }
                if !VOID.contains(&name.as_str()) {
                    out.push_str(&format!("</{name}>"));
                }
            }
        }
    }
    out
}

/// A start tag written again: inline styles for highlighting and code blocks, no event
/// handlers, no `javascript:` URLs, no classes (they mean nothing without the site's CSS).
fn start_tag(name: &str, attrs: &[(String, String)], out: &mut String) {
    out.push('<');
    out.push_str(name);
    let class = attrs
        .iter()
        .find(|(n, _)| n == "class")
        .map_or("", |(_, v)| v.as_str());
    let style = match name {
        "span" => class
            .split(' ')
            .find_map(inline_style)
            .map(|s| format!("color:{s}")),
        "pre" => Some(PRE_STYLE.to_string()),
        "table" => Some("border-collapse:collapse;text-align:left".into()),
        "th" | "td" => Some("border:1px solid #d1d9e0;padding:4px 8px".into()),
        _ => None,
    };
    for (attr, value) in attrs {
        let unsafe_url = matches!(attr.as_str(), "href" | "src" | "action" | "formaction")
            && url::scheme(value)
                .is_some_and(|s| matches!(s.as_str(), "javascript" | "vbscript" | "data"));
        let dropped = attr.starts_with("on") || attr == "class" || unsafe_url;
        if dropped || (attr == "style" && style.is_some()) {
            continue;
        }
        out.push_str(&format!(" {attr}=\"{}\"", attribute(value)));
    }
    if let Some(style) = style {
        out.push_str(&format!(" style=\"{}\"", attribute(&style)));
    }
    out.push('>');
}

/// An attribute value escaped, tabs and newlines as references (a field holds neither raw).
fn attribute(value: &str) -> String {
    escape::attr(value)
        .replace('\n', "&#10;")
        .replace('\t', "&#9;")
        .replace('\r', "&#13;")
}

fn image(token: &Token, origin: &Origin, out: &mut String) {
    let alt = token.attr("alt").unwrap_or("");
    match token.attr("src").and_then(|s| absolute(s, origin)) {
        Some(src) => out.push_str(&format!(
            "<img src=\"{}\" alt=\"{}\" style=\"max-width:100%\">",
            attribute(&src),
            attribute(alt)
        )),
        None => out.push_str(&escape::text(alt)),
    }
}

/// The URL a link keeps on a card: external `http(s)`/`mailto` links as they are, the site's
/// own pages and files under `base_url`; `None` (text only) for the rest: same-page anchors,
/// relative links without a `base_url`, and schemes that run code.
fn absolute(href: &str, origin: &Origin) -> Option<String> {
    if let Some(scheme) = url::scheme(href) {
        return matches!(scheme.as_str(), "http" | "https" | "mailto").then(|| href.to_string());
    }
    if href.starts_with("//") {
        return Some(format!("https:{href}"));
    }
    if href.is_empty() || href.starts_with('#') {
        return None;
    }
    let base = origin.base_url?;
    let resolved = url::resolve(origin.page_url, href)?;
    Some(format!("{base}{resolved}"))
}

/// The task-list items of a prompt (a multiple-choice question's choices), in order.
pub fn choices(html: &str) -> Vec<Choice> {
    let tokens = tokens(html);
    let mut open: Vec<(usize, Option<(bool, usize)>)> = Vec::new();
    let mut found = Vec::new();
    for (i, token) in tokens.iter().enumerate() {
        if token.is_start("li") {
            open.push((i, None));
        } else if token.is_start("input") && token.attr("type") == Some("checkbox") {
            if let Some((_, state @ None)) = open.last_mut() {
                *state = Some((token.attr("checked").is_some(), i));
            }
        } else if token.is_end("li") {
            if let Some((start, Some((correct, input)))) = open.pop() {
                let html: String = tokens[start + 1..i]
                    .iter()
                    .enumerate()
                    .filter(|(j, _)| start + 1 + j != input)
                    .map(|(_, t)| t.raw())
                    .collect();
                found.push((start, Choice { correct, html }));
            }
        }
    }
    found.sort_by_key(|(start, _)| *start);
    found.into_iter().map(|(_, c)| c).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const ORIGIN: Origin = Origin {
        base_url: Some("https://x.test/bank/"),
        page_url: "s3/versioning.html",
    };

    #[test]
    fn code_is_styled_inline_and_keeps_its_lines() {
        let html = "<pre class=\"code hl-code\" data-lang=\"yaml\"><code class=\"language-yaml\"><span class=\"hl-a\">a</span>: <span class=\"hl-n\">1</span>\n\tb: 2\n</code></pre>\n<p>x</p>";
        let card = self_contained(html, &ORIGIN);
        assert!(
            card.starts_with("<pre data-lang=\"yaml\" style=\"background:#f6f8fa"),
            "{card}"
        );
        assert!(card.contains("<span style=\"color:#116329\">a</span>: <span style=\"color:#0550ae\">1</span><br>&#9;b: 2<br></code></pre> <p>x</p>"), "{card}");
        assert!(!card.contains('\n') && !card.contains('\t') && !card.contains("class="));
    }

    #[test]
    fn links_scripts_and_handlers() {
        let html = "<h2 id=\"h\">H<a class=\"anchor\" href=\"#h\">#</a></h2><p><a href=\"../iam/a.html#x\">a</a> <a href=\"#h\">b</a> <a href=\"https://aws.test/\">c</a> <a href=\"javascript:alert(1)\">d</a></p><script>alert(1)</script><div onclick=\"x()\">e</div><img src=\"../s3/d.png\" alt=\"diagram\">";
        let card = self_contained(html, &ORIGIN);
        assert_eq!(card, "<h2 id=\"h\">H</h2><p><a href=\"https://x.test/bank/iam/a.html#x\">a</a> b <a href=\"https://aws.test/\">c</a> d</p><div>e</div><img src=\"https://x.test/bank/s3/d.png\" alt=\"diagram\" style=\"max-width:100%\">");
        let offline = Origin {
            base_url: None,
            page_url: "s3/versioning.html",
        };
        let card = self_contained(html, &offline);
        assert!(
            card.contains("<p>a b <a href=\"https://aws.test/\">c</a> d</p>"),
            "{card}"
        );
        assert!(card.ends_with("<div>e</div>diagram"), "{card}");
    }

    #[test]
    fn task_items_are_choices() {
        let html = "<ul>\n<li><input disabled=\"\" type=\"checkbox\" checked=\"\"/>\nRight</li>\n<li><input disabled=\"\" type=\"checkbox\"/>\nWrong</li>\n</ul>";
        let front = self_contained(html, &ORIGIN);
        assert!(
            front.contains("<li>\u{2610} Right</li> <li>\u{2610} Wrong</li>"),
            "{front}"
        );
        let found = choices(html);
        assert_eq!(found.len(), 2);
        assert!(found[0].correct && !found[1].correct);
        assert_eq!(found[0].html.trim(), "Right");
    }
}
