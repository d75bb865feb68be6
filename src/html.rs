//! A small, forgiving HTML tokenizer and entity decoder: enough to rewrite the HTML cramdown
//! renders (for the Anki export) and to read the simple HTML of flashcard fields (for the
//! import). It never fails: anything that is not a well-formed tag is text.

/// One piece of an HTML string, borrowing from it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Token<'a> {
    /// Text as written (entities not decoded).
    Text(&'a str),
    /// `<name attr="value">` or `<name/>`; `name` lowercased.
    Start {
        name: String,
        attrs: Vec<(String, String)>,
        raw: &'a str,
    },
    /// `</name>`
    End { name: String, raw: &'a str },
    /// Comments, doctypes, processing instructions: kept as written.
    Other(&'a str),
}

impl Token<'_> {
    /// The token as it was written.
    pub fn raw(&self) -> &str {
        match self {
            Token::Text(s) | Token::Other(s) => s,
            Token::Start { raw, .. } | Token::End { raw, .. } => raw,
        }
    }

    /// The value of an attribute of a start tag (entities decoded).
    pub fn attr(&self, name: &str) -> Option<&str> {
        match self {
            Token::Start { attrs, .. } => attrs
                .iter()
                .find(|(n, _)| n == name)
                .map(|(_, v)| v.as_str()),
            _ => None,
        }
    }

    pub fn is_start(&self, tag: &str) -> bool {
        matches!(self, Token::Start { name, .. } if name == tag)
    }

    pub fn is_end(&self, tag: &str) -> bool {
        matches!(self, Token::End { name, .. } if name == tag)
    }
}

/// Elements that never have an end tag.
pub const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr",
];

/// Splits `html` into tokens.
pub fn tokens(html: &str) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    let mut text_start = 0;
    let mut pos = 0;
    while let Some(found) = html[pos..].find('<') {
        let lt = pos + found;
        match tag_at(html, lt) {
            Some((token, end)) => {
                if text_start < lt {
                    out.push(Token::Text(&html[text_start..lt]));
                }
                out.push(token);
                pos = end;
                text_start = end;
            }
            None => pos = lt + 1,
        }
    }
    if text_start < html.len() {
        out.push(Token::Text(&html[text_start..]));
    }
    out
}

/// The tag starting at `lt` (a `<`) and the offset after it, or `None` when it is text.
fn tag_at(html: &str, lt: usize) -> Option<(Token<'_>, usize)> {
    let rest = &html[lt + 1..];
    if let Some(comment) = rest.strip_prefix("!--") {
        let end = lt + 4 + comment.find("-->")? + 3;
        return Some((Token::Other(&html[lt..end]), end));
    }
    if rest.starts_with(['!', '?']) {
        let end = lt + 1 + rest.find('>')? + 1;
        return Some((Token::Other(&html[lt..end]), end));
    }
    let (closing, name_start) = match rest.strip_prefix('/') {
        Some(r) => (true, r),
        None => (false, rest),
    };
    if !name_start.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return None;
    }
    let name_len = name_start
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
        .unwrap_or(name_start.len());
    let name = name_start[..name_len].to_ascii_lowercase();
    let after_name = lt + 1 + usize::from(closing) + name_len;
    let (attrs, end) = attributes(html, after_name)?;
    let raw = &html[lt..end];
    let token = if closing {
        Token::End { name, raw }
    } else {
        Token::Start { name, attrs, raw }
    };
    Some((token, end))
}

/// Reads attributes from `pos` up to the closing `>`; returns them and the offset after `>`.
fn attributes(html: &str, mut pos: usize) -> Option<(Vec<(String, String)>, usize)> {
    let bytes = html.as_bytes();
    let mut attrs = Vec::new();
    loop {
        while pos < bytes.len() && (bytes[pos].is_ascii_whitespace() || bytes[pos] == b'/') {
            pos += 1;
        }
        match bytes.get(pos)? {
            b'>' => return Some((attrs, pos + 1)),
            b'<' => return None,
            _ => {}
        }
        let name_end = html[pos..]
            .find(|c: char| c.is_ascii_whitespace() || matches!(c, '=' | '>' | '/'))
            .map_or(html.len(), |i| pos + i);
        let name = html[pos..name_end].to_ascii_lowercase();
        pos = name_end;
        while pos < bytes.len() && bytes[pos].is_ascii_whitespace() {
            pos += 1;
        }
        if bytes.get(pos) != Some(&b'=') {
            attrs.push((name, String::new()));
            continue;
        }
        pos += 1;
        while pos < bytes.len() && bytes[pos].is_ascii_whitespace() {
            pos += 1;
        }
        let (value, next) = match bytes.get(pos)? {
            quote @ (b'"' | b'\'') => {
                let close = html[pos + 1..].find(*quote as char)? + pos + 1;
                (&html[pos + 1..close], close + 1)
            }
            _ => {
                let end = html[pos..]
                    .find(|c: char| c.is_ascii_whitespace() || c == '>')
                    .map_or(html.len(), |i| pos + i);
                (&html[pos..end], end)
            }
        };
        attrs.push((name, decode_entities(value)));
        pos = next;
    }
}

/// Decodes character references: the common named ones and every numeric one. Unknown
/// references stay as written.
pub fn decode_entities(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let reference = rest[1..]
            .find(';')
            .filter(|&i| i > 0 && i < 32)
            .map(|i| &rest[1..=i]);
        match reference.and_then(entity) {
            Some(c) => {
                out.push(c);
                rest = &rest[reference.map_or(0, str::len) + 2..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn entity(name: &str) -> Option<char> {
    if let Some(number) = name.strip_prefix('#') {
        let code = match number.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => number.parse().ok()?,
        };
        return char::from_u32(code);
    }
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{a0}',
        "ndash" => '–',
        "mdash" => '—',
        "hellip" => '…',
        "laquo" => '«',
        "raquo" => '»',
        "lsquo" => '‘',
        "rsquo" => '’',
        "ldquo" => '“',
        "rdquo" => '”',
        "rarr" => '→',
        "larr" => '←',
        "times" => '×',
        "copy" => '©',
        "reg" => '®',
        "trade" => '™',
        "deg" => '°',
        "middot" => '·',
        "bull" => '•',
        _ => return None,
    })
}

/// The text of an HTML fragment: tags removed, entities decoded, whitespace collapsed.
pub fn plain_text(html: &str) -> String {
    let mut text = String::new();
    for token in tokens(html) {
        match token {
            Token::Text(t) => text.push_str(&decode_entities(t)),
            Token::Start { name, .. } | Token::End { name, .. } if name != "span" => {
                text.push(' ');
            }
            _ => {}
        }
    }
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// HTML as a tree, for the import's conversion to Markdown: unclosed elements close with their
/// parent, stray end tags are ignored.
/// A node of a forgiving HTML tree.
pub enum Node {
    /// Decoded text.
    Text(String),
    Element {
        name: String,
        attrs: Vec<(String, String)>,
        /// The start tag as written, for elements kept as HTML.
        start: String,
        children: Vec<Node>,
    },
}

/// Parses an HTML fragment into its top-level nodes.
pub fn tree(html: &str) -> Vec<Node> {
    let mut stack: Vec<Node> = vec![element("", &[], "")];
    for token in tokens(html) {
        match token {
            Token::Text(t) => push(&mut stack, Node::Text(decode_entities(t))),
            Token::Other(_) => {}
            Token::Start { name, attrs, raw } => {
                let node = element(&name, &attrs, raw);
                if VOID.contains(&name.as_str()) {
                    push(&mut stack, node);
                } else {
                    stack.push(node);
                }
            }
            Token::End { name, .. } => {
                let open = stack
                    .iter()
                    .rposition(|n| matches!(n, Node::Element { name: n, .. } if *n == name));
                if let Some(at) = open.filter(|&at| at > 0) {
                    while stack.len() > at {
                        close(&mut stack);
                    }
                }
            }
        }
    }
    while stack.len() > 1 {
        close(&mut stack);
    }
    match stack.pop() {
        Some(Node::Element { children, .. }) => children,
        _ => Vec::new(),
    }
}

fn element(name: &str, attrs: &[(String, String)], start: &str) -> Node {
    Node::Element {
        name: name.to_string(),
        attrs: attrs.to_vec(),
        start: start.to_string(),
        children: Vec::new(),
    }
}

fn push(stack: &mut [Node], node: Node) {
    if let Some(Node::Element { children, .. }) = stack.last_mut() {
        children.push(node);
    }
}

fn close(stack: &mut Vec<Node>) {
    if let Some(node) = stack.pop() {
        push(stack, node);
    }
}

/// The element written back as HTML (for what Markdown cannot say).
pub fn raw_html(node: &Node) -> String {
    match node {
        Node::Text(t) => crate::escape::text(t),
        Node::Element {
            name,
            start,
            children,
            ..
        } => {
            let inner: String = children.iter().map(raw_html).collect();
            if VOID.contains(&name.as_str()) {
                start.clone()
            } else {
                format!("{start}{inner}</{name}>")
            }
        }
    }
}

pub fn text_of(nodes: &[Node]) -> String {
    nodes
        .iter()
        .map(|n| match n {
            Node::Text(t) => t.clone(),
            Node::Element { name, .. } if name == "br" => " ".into(),
            Node::Element { children, .. } => text_of(children),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_attributes_and_text() {
        let t = tokens(r#"a <b class="x" data-y='1 2' hidden>b&amp;c</b> 1 < 2 <br/><!-- c -->"#);
        assert_eq!(t[0], Token::Text("a "));
        assert!(t[1].is_start("b"));
        assert_eq!(t[1].attr("class"), Some("x"));
        assert_eq!(t[1].attr("data-y"), Some("1 2"));
        assert_eq!(t[1].attr("hidden"), Some(""));
        assert_eq!(t[2], Token::Text("b&amp;c"));
        assert!(t[3].is_end("b"));
        assert_eq!(t[4], Token::Text(" 1 < 2 "));
        assert!(t[5].is_start("br"));
        assert_eq!(t[6], Token::Other("<!-- c -->"));
        let joined: String = t.iter().map(Token::raw).collect();
        assert!(joined.ends_with("<br/><!-- c -->"));
    }

    #[test]
    fn unfinished_tags_are_text() {
        assert_eq!(tokens("x <b"), vec![Token::Text("x <b")]);
        assert_eq!(tokens("<b title=\"x>"), vec![Token::Text("<b title=\"x>")]);
    }

    #[test]
    fn entities() {
        assert_eq!(
            decode_entities("a &lt;b&gt; &#65;&#x42; &bogus; &"),
            "a <b> AB &bogus; &"
        );
        assert_eq!(
            plain_text("<p>One&nbsp;<b>two</b></p><p>three</p>"),
            "One two three"
        );
    }
}
