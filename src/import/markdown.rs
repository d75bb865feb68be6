//! HTML of flashcard fields back to Markdown: paragraphs, emphasis, code, code blocks (with
//! their language), lists, headings, links and images become Markdown; anything Markdown cannot
//! say (tables, underline, superscript, ...) stays as HTML, which cramdown passes through.

use crate::html::{raw_html, text_of, tree, Node};

const BLOCKS: &[&str] = &[
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "pre",
    "blockquote",
    "hr",
    "table",
    "section",
    "article",
    "details",
    "figure",
    "dl",
    "li",
];

/// Elements whose content is dropped.
const DROPPED: &[&str] = &["script", "style", "template", "head", "title"];

/// Converts an HTML fragment to Markdown.
pub fn from_html(html: &str) -> String {
    blocks(&tree(html)).join("\n\n")
}

/// The plain text of the first block of `html` and the Markdown of the rest: a card's front is
/// its title, then its prompt.
pub fn split_title(html: &str) -> (String, String) {
    let nodes = tree(html);
    let first_block = nodes
        .iter()
        .position(|n| is_block(n) || is_element(n, "br"));
    let (title_nodes, rest) = match first_block {
        Some(0) if !is_element(&nodes[0], "br") => nodes.split_at(1),
        Some(i) => nodes.split_at(i),
        None => nodes.split_at(nodes.len()),
    };
    let title = text_of(title_nodes)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    (title, blocks(rest).join("\n\n"))
}

fn is_element(node: &Node, tag: &str) -> bool {
    matches!(node, Node::Element { name, .. } if name == tag)
}

fn is_block(node: &Node) -> bool {
    matches!(node, Node::Element { name, .. } if BLOCKS.contains(&name.as_str()))
}

/// Block context: runs of inline nodes become paragraphs.
fn blocks(nodes: &[Node]) -> Vec<String> {
    let mut out = Vec::new();
    let mut run: Vec<&Node> = Vec::new();
    for node in nodes {
        if is_block(node) {
            paragraph(&run, &mut out);
            run.clear();
            out.extend(block(node));
        } else {
            run.push(node);
        }
    }
    paragraph(&run, &mut out);
    out
}

fn paragraph(run: &[&Node], out: &mut Vec<String>) {
    let text: String = run.iter().map(|n| inline(n)).collect();
    let lines: Vec<String> = text
        .trim_matches(|c: char| c.is_whitespace() || c == '\\')
        .lines()
        .map(|l| escape_line_start(l.trim()))
        .collect();
    let text = lines.join("\n");
    if !text.trim().is_empty() {
        out.push(text);
    }
}

fn block(node: &Node) -> Vec<String> {
    let Node::Element { name, children, .. } = node else {
        return Vec::new();
    };
    match name.as_str() {
        "p" | "div" | "section" | "article" | "li" | "figure" => blocks(children),
        h if h.len() == 2 && h.starts_with('h') => {
            let level = h[1..].parse::<usize>().unwrap_or(2);
            let text: String = children.iter().map(inline).collect();
            vec![format!("{} {}", "#".repeat(level), one_line(&text))]
        }
        "ul" | "ol" => vec![list(name == "ol", children)],
        "pre" => vec![code_block(node)],
        "hr" => vec!["---".into()],
        "blockquote" => {
            let inner = blocks(children).join("\n\n");
            vec![inner
                .lines()
                .map(|l| {
                    if l.is_empty() {
                        ">".into()
                    } else {
                        format!("> {l}")
                    }
                })
                .collect::<Vec<_>>()
                .join("\n")]
        }
        _ => {
            let raw = raw_html(node);
            let mut lines = raw.lines().filter(|l| !l.trim().is_empty());
            vec![lines.by_ref().collect::<Vec<_>>().join("\n")]
        }
    }
}

fn list(ordered: bool, items: &[Node]) -> String {
    let mut rendered = Vec::new();
    let mut loose = false;
    for item in items.iter().filter(|n| is_element(n, "li")) {
        let Node::Element { children, .. } = item else {
            continue;
        };
        let parts = blocks(children);
        // A nested list stays tight under its item; a second paragraph makes the list loose.
        let is_list = |p: &str| {
            p.starts_with("- ")
                || p.split_once(". ")
                    .is_some_and(|(n, _)| n.parse::<u32>().is_ok())
        };
        loose |= parts.iter().skip(1).any(|p| !is_list(p));
        let mut body = String::new();
        for (i, part) in parts.iter().enumerate() {
            if i > 0 {
                body.push_str(if is_list(part) { "\n" } else { "\n\n" });
            }
            body.push_str(part);
        }
        let marker = if ordered {
            format!("{}. ", rendered.len() + 1)
        } else {
            "- ".to_string()
        };
        let indent = " ".repeat(marker.len());
        let mut text = String::new();
        for (i, line) in body.lines().enumerate() {
            if i == 0 {
                text.push_str(&marker);
            } else {
                text.push('\n');
                if !line.is_empty() {
                    text.push_str(&indent);
                }
            }
            text.push_str(line);
        }
        if body.is_empty() {
            text.push_str(marker.trim_end());
        }
        rendered.push(text);
    }
    rendered.join(if loose { "\n\n" } else { "\n" })
}

fn code_block(pre: &Node) -> String {
    let Node::Element {
        attrs, children, ..
    } = pre
    else {
        return String::new();
    };
    let class_lang = |attrs: &[(String, String)]| {
        attrs.iter().find_map(|(n, v)| {
            (n == "class").then(|| {
                v.split(' ')
                    .find_map(|c| c.strip_prefix("language-"))
                    .map(str::to_string)
            })?
        })
    };
    let mut lang = attrs
        .iter()
        .find(|(n, _)| n == "data-lang")
        .map(|(_, v)| v.clone())
        .or_else(|| class_lang(attrs));
    if let [Node::Element { name, attrs, .. }] = children.as_slice() {
        if name == "code" && lang.is_none() {
            lang = class_lang(attrs);
        }
    }
    let code = code_text(children);
    let code = code.trim_end_matches('\n');
    let mut fence = "```".to_string();
    while code.contains(&fence) {
        fence.push('`');
    }
    let lang = lang.filter(|l| {
        l.chars()
            .all(|c| c.is_ascii_alphanumeric() || "+-_.".contains(c))
    });
    format!("{fence}{}\n{code}\n{fence}", lang.unwrap_or_default())
}

/// Text of a code block: `<br>` and block ends are line breaks.
fn code_text(nodes: &[Node]) -> String {
    let mut out = String::new();
    for node in nodes {
        match node {
            Node::Text(t) => out.push_str(t),
            Node::Element { name, .. } if name == "br" => out.push('\n'),
            Node::Element { name, children, .. } => {
                out.push_str(&code_text(children));
                if name == "div" || name == "p" {
                    out.push('\n');
                }
            }
        }
    }
    out
}

fn inline(node: &Node) -> String {
    let (name, attrs, children) = match node {
        Node::Text(t) => return escape(&t.replace(['\n', '\r', '\t'], " ")),
        Node::Element {
            name,
            attrs,
            children,
            ..
        } => (name.as_str(), attrs, children),
    };
    let attr = |key: &str| {
        attrs
            .iter()
            .find(|(n, _)| n == key)
            .map(|(_, v)| v.as_str())
    };
    let inner = || children.iter().map(inline).collect::<String>();
    match name {
        "br" => "\\\n".into(),
        "b" | "strong" => wrap("**", &inner()),
        "i" | "em" => wrap("*", &inner()),
        "s" | "del" | "strike" => wrap("~~", &inner()),
        "code" | "kbd" | "tt" => {
            let text = text_of(children);
            let mut ticks = "`".to_string();
            while text.contains(&ticks) {
                ticks.push('`');
            }
            let pad = if text.starts_with('`') || text.ends_with('`') {
                " "
            } else {
                ""
            };
            format!("{ticks}{pad}{text}{pad}{ticks}")
        }
        "a" => match attr("href") {
            Some(href) if !href.is_empty() => format!("[{}]({})", inner(), destination(href)),
            _ => inner(),
        },
        "img" => format!(
            "![{}]({})",
            escape(attr("alt").unwrap_or("")),
            destination(attr("src").unwrap_or(""))
        ),
        "span" | "font" => inner(),
        _ if DROPPED.contains(&name) => String::new(),
        _ if is_block(node) => format!(" {} ", blocks(std::slice::from_ref(node)).join(" ")),
        _ => match node {
            Node::Element { start, .. } => format!("{start}{}</{name}>", inner()),
            Node::Text(_) => String::new(),
        },
    }
}

/// Emphasis markers around text, with its outer spaces moved outside (`** x**` is not bold).
fn wrap(marker: &str, text: &str) -> String {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return text.to_string();
    }
    let lead = &text[..text.len() - text.trim_start().len()];
    let trail = &text[text.trim_end().len()..];
    format!("{lead}{marker}{trimmed}{marker}{trail}")
}

fn destination(url: &str) -> String {
    if url.contains([' ', '(', ')', '<', '>']) {
        format!("<{}>", url.replace('<', "%3C").replace('>', "%3E"))
    } else {
        url.to_string()
    }
}

fn one_line(text: &str) -> String {
    text.replace("\\\n", " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Backslash-escapes the characters that would otherwise start Markdown syntax.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '#' | '|' | '~' | '&'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A line that would start a list, a heading underline or a thematic break, escaped.
fn escape_line_start(line: &str) -> String {
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    if line.starts_with(['-', '+', '=']) {
        format!("\\{line}")
    } else if digits > 0 && line[digits..].starts_with(['.', ')']) {
        format!("{}\\{}", &line[..digits], &line[digits..])
    } else {
        line.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anki_style_fields() {
        assert_eq!(
            from_html("<div>Line <b>one</b></div><div>Line<br>two &amp; 2 * 3</div>"),
            "Line **one**\n\nLine\\\ntwo \\& 2 \\* 3"
        );
        assert_eq!(
            from_html("- not a list<br>1. nor this"),
            "\\- not a list\\\n1\\. nor this"
        );
    }

    #[test]
    fn code_lists_links_and_kept_html() {
        let html = "<pre data-lang=\"yaml\" style=\"x\"><code><span style=\"color:red\">a</span>: 1<br>b: &lt;2&gt;<br></code></pre><ul><li>one <code>x</code></li><li>two<ul><li>deep</li></ul></li></ul><p><a href=\"https://a.test/x y\">link</a> <u>under</u></p><table><tr><td>1</td></tr></table>";
        assert_eq!(
            from_html(html),
            "```yaml\na: 1\nb: <2>\n```\n\n- one `x`\n- two\n  - deep\n\n[link](<https://a.test/x y>) <u>under</u>\n\n<table><tr><td>1</td></tr></table>"
        );
    }

    #[test]
    fn titles_come_off_the_front() {
        let (title, prompt) = split_title("<div style=\"font-weight:bold\">What is <i>S3</i>?</div><div style=\"text-align:left\"><p>Explain.</p></div>");
        assert_eq!(title, "What is S3?");
        assert_eq!(prompt, "Explain.");
        let (title, prompt) = split_title("What is X?<br>Think about <b>Y</b>.");
        assert_eq!(
            (title.as_str(), prompt.as_str()),
            ("What is X?", "Think about **Y**.")
        );
    }
}
