//! Native lexers for the languages a cloud question bank is made of (JSON and YAML policies and
//! templates, TOML, shell, Python): the same short highlight classes as the syntect path, at a
//! fraction of its cost. Other languages go through syntect.

use super::highlight::{Class, Writer};

/// A language with a native lexer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lexer {
    Json,
    Yaml,
    Toml,
    Shell,
    Python,
}

impl Lexer {
    pub fn for_token(token: &str) -> Option<Lexer> {
        Some(match token {
            "json" | "jsonc" | "json5" => Lexer::Json,
            "yaml" | "yml" => Lexer::Yaml,
            "toml" => Lexer::Toml,
            "bash" | "sh" | "shell" | "console" | "zsh" | "shell-session" => Lexer::Shell,
            "python" | "py" | "python3" => Lexer::Python,
            _ => return None,
        })
    }

    pub fn run(self, code: &str, w: &mut Writer) {
        match self {
            Lexer::Json => json(code, w),
            Lexer::Yaml => yaml(code, w),
            Lexer::Toml => toml(code, w),
            Lexer::Shell => shell(code, w),
            Lexer::Python => python(code, w),
        }
    }
}

/// End of a quoted string starting at `start` (which holds the quote); backslash escapes when
/// `escapes`. Stops at the end of the line when unterminated.
fn string_end(s: &str, start: usize, quote: u8, escapes: bool) -> usize {
    let b = s.as_bytes();
    let mut i = start + 1;
    while i < b.len() {
        match b[i] {
            b'\\' if escapes => i += 2,
            b'\n' => return i,
            c if c == quote => return i + 1,
            _ => i += 1,
        }
    }
    b.len()
}

fn word_end(s: &str, start: usize, part: impl Fn(char) -> bool) -> usize {
    s[start..]
        .char_indices()
        .find(|&(_, c)| !part(c))
        .map_or(s.len(), |(i, _)| start + i)
}

fn is_ident(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

fn is_number(word: &str) -> bool {
    let w = word.strip_prefix(['-', '+']).unwrap_or(word);
    w.starts_with(|c: char| c.is_ascii_digit())
        && w.chars().all(|c| {
            c.is_ascii_hexdigit()
                || matches!(
                    c,
                    '.' | '_' | 'x' | 'o' | 'e' | 'E' | '+' | '-' | ':' | 'T' | 'Z'
                )
        })
}

fn next_char(s: &str, i: usize) -> usize {
    i + s[i..].chars().next().map_or(1, char::len_utf8)
}

fn json(code: &str, w: &mut Writer) {
    let b = code.as_bytes();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'"' => {
                let end = string_end(code, i, b'"', true);
                let rest = code[end..].trim_start();
                let class = if rest.starts_with(':') {
                    Class::Attr
                } else {
                    Class::String
                };
                w.push(Some(class), &code[i..end]);
                i = end;
            }
            c if c.is_ascii_digit() || c == b'-' => {
                let end = word_end(code, i + 1, |c| {
                    c.is_ascii_alphanumeric() || matches!(c, '.' | '+' | '-')
                });
                w.push(Some(Class::Number), &code[i..end]);
                i = end;
            }
            c if c.is_ascii_alphabetic() => {
                let end = word_end(code, i, |c| c.is_ascii_alphabetic());
                let word = &code[i..end];
                let class = matches!(word, "true" | "false" | "null").then_some(Class::Literal);
                w.push(class, word);
                i = end;
            }
            _ => {
                let end = next_char(code, i);
                w.push(None, &code[i..end]);
                i = end;
            }
        }
    }
}

fn yaml(code: &str, w: &mut Writer) {
    // Indentation of the key that opened a block scalar (`|` or `>`), while inside one.
    let mut block: Option<usize> = None;
    for line in code.split_inclusive('\n') {
        let indent = line.len() - line.trim_start_matches(' ').len();
        let content = line.trim_end_matches(['\n', '\r']);
        if let Some(key_indent) = block {
            if content.trim().is_empty() || indent > key_indent {
                w.push(Some(Class::String), content);
                w.push(None, &line[content.len()..]);
                continue;
            }
            block = None;
        }
        w.push(None, &line[..indent.min(content.len())]);
        let mut i = indent.min(content.len());
        let rest = &content[i..];
        if rest.starts_with('#') {
            w.push(Some(Class::Comment), rest);
        } else if rest == "---" || rest == "..." || rest.starts_with("--- ") {
            w.push(Some(Class::Keyword), rest);
        } else {
            while content[i..].starts_with("- ") || &content[i..] == "-" {
                let step = (i + 2).min(content.len());
                w.push(None, &content[i..step]);
                i = step;
            }
            if let Some(colon) = yaml_key_end(&content[i..]) {
                w.push(Some(Class::Attr), &content[i..i + colon]);
                w.push(None, ":");
                i += colon + 1;
            }
            if yaml_value(content, i, w) {
                block = Some(indent);
            }
        }
        w.push(None, &line[content.len()..]);
    }
}

/// Length of a `key` before `: ` (or `:` at the end), if the line starts with one.
fn yaml_key_end(s: &str) -> Option<usize> {
    let first = s.chars().next()?;
    if matches!(
        first,
        '[' | '{' | '!' | '&' | '*' | '#' | '|' | '>' | '%' | '@' | '`'
    ) {
        return None;
    }
    let scan_from = if first == '"' || first == '\'' {
        string_end(s, 0, first as u8, first == '"')
    } else {
        0
    };
    let b = s.as_bytes();
    let mut i = scan_from;
    while i < b.len() {
        if b[i] == b':' && (i + 1 == b.len() || b[i + 1] == b' ') {
            return Some(i);
        }
        if b[i] == b' ' && b.get(i + 1) == Some(&b'#') {
            return None;
        }
        i += 1;
    }
    None
}

/// Highlights the value part of a YAML line from `i`. Returns true when it opens a block scalar.
fn yaml_value(line: &str, mut i: usize, w: &mut Writer) -> bool {
    let b = line.as_bytes();
    let mut depth = 0usize;
    let mut at_value_start = true;
    while i < b.len() {
        let c = b[i];
        match c {
            b' ' | b'\t' => {
                let end = word_end(line, i, |c| c == ' ' || c == '\t');
                w.push(None, &line[i..end]);
                i = end;
                continue;
            }
            b'#' if i == 0 || b[i - 1] == b' ' => {
                w.push(Some(Class::Comment), &line[i..]);
                return false;
            }
            b'|' | b'>' if at_value_start && depth == 0 => {
                let rest = line[i + 1..].trim_start_matches([
                    '-', '+', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9',
                ]);
                if rest.trim().is_empty() || rest.trim_start().starts_with('#') {
                    w.push(Some(Class::Keyword), &line[i..line.len() - rest.len()]);
                    i = line.len() - rest.len();
                    yaml_value(line, i, w);
                    return true;
                }
            }
            b'!' => {
                let end = word_end(line, i, |c| {
                    !c.is_whitespace() && !matches!(c, ',' | '[' | ']' | '{' | '}')
                });
                w.push(Some(Class::Keyword), &line[i..end]);
                i = end;
                continue;
            }
            b'&' | b'*' => {
                let end = word_end(line, i + 1, |c| {
                    !c.is_whitespace() && !matches!(c, ',' | ']' | '}')
                });
                w.push(Some(Class::Variable), &line[i..end]);
                i = end;
                at_value_start = false;
                continue;
            }
            b'"' | b'\'' => {
                let end = string_end(line, i, c, c == b'"');
                w.push(Some(Class::String), &line[i..end]);
                i = end;
                at_value_start = false;
                continue;
            }
            b'[' | b'{' => depth += 1,
            b']' | b'}' => depth = depth.saturating_sub(1),
            b',' if depth > 0 => {}
            _ => {
                let end = yaml_scalar_end(line, i, depth > 0);
                let word = &line[i..end];
                let trimmed = word.trim_end();
                if depth > 0 && trimmed.ends_with(':') {
                    w.push(Some(Class::Attr), &word[..trimmed.len() - 1]);
                    w.push(None, &word[trimmed.len() - 1..]);
                } else {
                    w.push(Some(yaml_scalar_class(trimmed)), trimmed);
                    w.push(None, &word[trimmed.len()..]);
                }
                i = end;
                at_value_start = false;
                continue;
            }
        }
        let end = next_char(line, i);
        w.push(None, &line[i..end]);
        i = end;
    }
    false
}

fn yaml_scalar_end(line: &str, start: usize, in_flow: bool) -> usize {
    let b = line.as_bytes();
    let mut i = start;
    while i < b.len() {
        match b[i] {
            b' ' if b.get(i + 1) == Some(&b'#') => return i,
            b',' | b']' | b'}' | b'[' | b'{' if in_flow => return i,
            b':' if in_flow && b.get(i + 1) == Some(&b' ') => return i + 1,
            _ => i += 1,
        }
    }
    b.len()
}

fn yaml_scalar_class(word: &str) -> Class {
    match word {
        "true" | "false" | "True" | "False" | "TRUE" | "FALSE" | "null" | "Null" | "NULL" | "~"
        | "yes" | "no" | "on" | "off" => Class::Literal,
        w if is_number(w) && !w.contains(' ') => Class::Number,
        _ => Class::String,
    }
}

fn toml(code: &str, w: &mut Writer) {
    let mut multiline: Option<&str> = None;
    for line in code.split_inclusive('\n') {
        let mut i = 0;
        if let Some(delim) = multiline {
            match line.find(delim) {
                Some(end) => {
                    w.push(Some(Class::String), &line[..end + 3]);
                    i = end + 3;
                }
                None => {
                    w.push(Some(Class::String), line);
                    continue;
                }
            }
        }
        let trimmed = line[i..].trim_start();
        if i == 0 && trimmed.starts_with('[') {
            let start = line.len() - trimmed.len();
            let end = line[start..].find(']').map_or(line.trim_end().len(), |e| {
                start
                    + e
                    + if line[start + e..].starts_with("]]") {
                        2
                    } else {
                        1
                    }
            });
            w.push(None, &line[..start]);
            w.push(Some(Class::Type), &line[start..end]);
            i = end;
        }
        multiline = toml_values(line, i, w);
    }
}

/// Highlights keys and values of a TOML line from `i`; returns the delimiter of a multi-line
/// string left open.
fn toml_values<'a>(line: &'a str, mut i: usize, w: &mut Writer) -> Option<&'a str> {
    let b = line.as_bytes();
    while i < b.len() {
        let c = b[i];
        match c {
            b'#' => {
                let end = line.trim_end_matches(['\n', '\r']).len().max(i);
                w.push(Some(Class::Comment), &line[i..end]);
                i = end;
                continue;
            }
            b'"' | b'\'' => {
                let delim = if c == b'"' { "\"\"\"" } else { "'''" };
                if line[i..].starts_with(delim) {
                    match line[i + 3..].find(delim) {
                        Some(e) => {
                            w.push(Some(Class::String), &line[i..i + 3 + e + 3]);
                            i += e + 6;
                            continue;
                        }
                        None => {
                            w.push(Some(Class::String), &line[i..]);
                            return Some(delim);
                        }
                    }
                }
                let end = string_end(line, i, c, c == b'"');
                let class = if line[end..].trim_start().starts_with('=') {
                    Class::Attr
                } else {
                    Class::String
                };
                w.push(Some(class), &line[i..end]);
                i = end;
                continue;
            }
            c if c.is_ascii_alphanumeric() || c == b'_' || c == b'-' || c == b'+' => {
                let end = word_end(line, i, |c| {
                    c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | ':' | '+')
                });
                let word = &line[i..end];
                let class = if line[end..].trim_start().starts_with('=') {
                    Some(Class::Attr)
                } else if matches!(word, "true" | "false" | "inf" | "nan") {
                    Some(Class::Literal)
                } else if is_number(word) {
                    Some(Class::Number)
                } else {
                    None
                };
                w.push(class, word);
                i = end;
                continue;
            }
            _ => {}
        }
        let end = next_char(line, i);
        w.push(None, &line[i..end]);
        i = end;
    }
    None
}

const SHELL_KEYWORDS: &[&str] = &[
    "if", "then", "else", "elif", "fi", "for", "while", "until", "do", "done", "case", "esac",
    "in", "function", "return", "export", "local", "readonly", "set", "unset", "source",
];

fn shell(code: &str, w: &mut Writer) {
    let mut continued = false;
    for line in code.split_inclusive('\n') {
        let b = line.as_bytes();
        let mut i = 0;
        let mut command_position = !continued;
        while i < b.len() {
            let c = b[i];
            match c {
                b' ' | b'\t' | b'\n' | b'\r' => {
                    let end = word_end(line, i, char::is_whitespace);
                    w.push(None, &line[i..end]);
                    i = end;
                    continue;
                }
                b'#' if i == 0 || b[i - 1].is_ascii_whitespace() => {
                    let end = line.trim_end_matches(['\n', '\r']).len();
                    w.push(Some(Class::Comment), &line[i..end]);
                    i = end;
                    continue;
                }
                b'"' | b'\'' => {
                    let end = string_end(line, i, c, c == b'"');
                    w.push(Some(Class::String), &line[i..end]);
                    i = end;
                    command_position = false;
                    continue;
                }
                b'$' => {
                    let end = if line[i + 1..].starts_with('{') {
                        line[i..].find('}').map_or(line.len(), |e| i + e + 1)
                    } else if line[i + 1..].starts_with('(') {
                        w.push(None, "$(");
                        i += 2;
                        command_position = true;
                        continue;
                    } else {
                        word_end(line, i + 1, |c| {
                            is_ident(c) || matches!(c, '@' | '?' | '#' | '*' | '!')
                        })
                    };
                    w.push(Some(Class::Variable), &line[i..end.max(i + 1)]);
                    i = end.max(i + 1);
                    continue;
                }
                b';' | b'|' | b'&' | b'(' | b'`' => {
                    w.push(None, &line[i..i + 1]);
                    i += 1;
                    command_position = true;
                    continue;
                }
                _ => {}
            }
            let end = word_end(line, i, |c| {
                !c.is_whitespace()
                    && !matches!(c, ';' | '|' | '&' | '(' | ')' | '"' | '\'' | '`' | '$')
            });
            if end == i {
                let next = next_char(line, i);
                w.push(None, &line[i..next]);
                i = next;
                continue;
            }
            let word = &line[i..end];
            let class = if SHELL_KEYWORDS.contains(&word) {
                Some(Class::Keyword)
            } else if command_position && word.contains('=') {
                let eq = word.find('=').unwrap_or(0);
                w.push(Some(Class::Variable), &word[..eq]);
                w.push(None, "=");
                i += eq + 1;
                continue;
            } else if command_position && word != "\\" {
                Some(Class::Function)
            } else if word.starts_with('-') && word.len() > 1 {
                Some(Class::Attr)
            } else if is_number(word) {
                Some(Class::Number)
            } else {
                None
            };
            let keeps_position = matches!(
                word,
                "then" | "do" | "else" | "elif" | "if" | "while" | "until" | "sudo" | "time" | "!"
            );
            w.push(class, word);
            command_position = keeps_position;
            i = end;
        }
        continued = line.trim_end().ends_with('\\');
    }
}

const PYTHON_KEYWORDS: &[&str] = &[
    "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del", "elif",
    "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda",
    "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with", "yield", "match",
    "case",
];

fn python(code: &str, w: &mut Writer) {
    let b = code.as_bytes();
    let mut i = 0;
    let mut previous = "";
    while i < b.len() {
        let c = b[i];
        match c {
            b'#' => {
                let end = code[i..].find('\n').map_or(code.len(), |e| i + e);
                w.push(Some(Class::Comment), &code[i..end]);
                i = end;
                continue;
            }
            b'"' | b'\'' => {
                let end = python_string_end(code, i);
                w.push(Some(Class::String), &code[i..end]);
                i = end;
                continue;
            }
            b'@' if previous.is_empty() || previous == "\n" => {
                let end = word_end(code, i + 1, |c| is_ident(c) || c == '.');
                w.push(Some(Class::Function), &code[i..end]);
                i = end;
                continue;
            }
            c if c.is_ascii_digit() => {
                let end = word_end(code, i, |c| {
                    c.is_ascii_alphanumeric() || matches!(c, '.' | '_')
                });
                w.push(Some(Class::Number), &code[i..end]);
                i = end;
                continue;
            }
            _ => {}
        }
        let first = code[i..].chars().next().unwrap_or(' ');
        if is_ident(first) {
            let end = word_end(code, i, is_ident);
            let word = &code[i..end];
            // String prefixes: r"", b'', f"", rb"" ...
            if word.len() <= 2
                && word.chars().all(|c| "rRbBfFuU".contains(c))
                && matches!(b.get(end), Some(b'"' | b'\''))
            {
                let str_end = python_string_end(code, end);
                w.push(Some(Class::String), &code[i..str_end]);
                i = str_end;
                continue;
            }
            let class = match word {
                "True" | "False" | "None" => Some(Class::Literal),
                "self" | "cls" => Some(Class::Variable),
                _ if previous == "def" => Some(Class::Function),
                _ if previous == "class" => Some(Class::Type),
                _ if PYTHON_KEYWORDS.contains(&word) => Some(Class::Keyword),
                _ => None,
            };
            w.push(class, word);
            previous = word;
            i = end;
            continue;
        }
        let end = next_char(code, i);
        w.push(None, &code[i..end]);
        if !first.is_whitespace() || first == '\n' {
            previous = if first == '\n' { "\n" } else { "" };
        }
        i = end;
    }
}

fn python_string_end(code: &str, start: usize) -> usize {
    let quote = code.as_bytes()[start];
    let triple = if quote == b'"' { "\"\"\"" } else { "'''" };
    if code[start..].starts_with(triple) {
        return code[start + 3..]
            .find(triple)
            .map_or(code.len(), |e| start + 3 + e + 3);
    }
    string_end(code, start, quote, true)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn classes(lexer: Lexer, code: &str) -> String {
        let mut w = Writer::default();
        lexer.run(code, &mut w);
        let html = w.finish();
        // Plain text must survive exactly, escaped.
        let text: String = strip_tags(&html);
        assert_eq!(
            text,
            code.replace('&', "&amp;")
                .replace('<', "&lt;")
                .replace('>', "&gt;"),
            "{html}"
        );
        html
    }

    fn strip_tags(html: &str) -> String {
        let mut out = String::new();
        let mut in_tag = false;
        for c in html.chars() {
            match c {
                '<' => in_tag = true,
                '>' if in_tag => in_tag = false,
                c if !in_tag => out.push(c),
                _ => {}
            }
        }
        out
    }

    #[test]
    fn json_keys_strings_numbers_literals() {
        let html = classes(
            Lexer::Json,
            "{\"Effect\": \"Allow\", \"n\": -1.5e3, \"ok\": true}\n",
        );
        assert!(
            html.contains("<span class=\"hl-a\">\"Effect\"</span>"),
            "{html}"
        );
        assert!(html.contains("<span class=\"hl-s\">\"Allow\"</span>"));
        assert!(html.contains("<span class=\"hl-n\">-1.5e3</span>"));
        assert!(html.contains("<span class=\"hl-l\">true</span>"));
    }

    #[test]
    fn yaml_cloudformation() {
        let code = "# template\nResources:\n  Bucket:\n    Type: AWS::S3::Bucket # here\n    Properties:\n      Name: !Sub \"${AWS::StackName}-x\"\n      Map: !FindInMap [RegionMap, !Ref \"AWS::Region\", HVM64]\n      Count: 3\n      Script: |\n        echo hi: there\n      - item\nEnabled: true\n";
        let html = classes(Lexer::Yaml, code);
        assert!(
            html.contains("<span class=\"hl-c\"># template</span>"),
            "{html}"
        );
        assert!(html.contains("<span class=\"hl-a\">Resources</span>"));
        assert!(
            html.contains(
                "<span class=\"hl-s\">AWS::S3::Bucket</span> <span class=\"hl-c\"># here</span>"
            ),
            "{html}"
        );
        assert!(html.contains("<span class=\"hl-k\">!Sub</span>"));
        assert!(
            html.contains(
                "<span class=\"hl-k\">!FindInMap</span> [<span class=\"hl-s\">RegionMap</span>"
            ),
            "{html}"
        );
        assert!(html.contains("<span class=\"hl-n\">3</span>"));
        assert!(
            html.contains("<span class=\"hl-s\">        echo hi: there</span>"),
            "block scalar: {html}"
        );
        assert!(html.contains("<span class=\"hl-l\">true</span>"));
    }

    #[test]
    fn toml_tables_keys_values() {
        let html = classes(
            Lexer::Toml,
            "[topics.s3]\ntitle = \"S3\" # c\nweight = 10\ndraft = false\ns = '''\nmulti\n'''\n",
        );
        assert!(
            html.contains("<span class=\"hl-t\">[topics.s3]</span>"),
            "{html}"
        );
        assert!(html.contains("<span class=\"hl-a\">title</span>"));
        assert!(html.contains("<span class=\"hl-n\">10</span>"));
        assert!(html.contains("<span class=\"hl-l\">false</span>"));
        assert!(
            html.contains("<span class=\"hl-s\">'''\nmulti\n'''</span>"),
            "{html}"
        );
    }

    #[test]
    fn shell_commands_flags_variables() {
        let html = classes(Lexer::Shell, "# list\naws s3 ls --recursive \"$BUCKET\" | grep x\nTOKEN=$(curl -X PUT \\\n  -H 'a')\n");
        assert!(html.contains("<span class=\"hl-f\">aws</span>"), "{html}");
        assert!(html.contains("<span class=\"hl-a\">--recursive</span>"));
        assert!(html.contains("<span class=\"hl-f\">grep</span>"));
        assert!(
            html.contains("<span class=\"hl-v\">TOKEN</span>=$(<span class=\"hl-f\">curl</span>"),
            "{html}"
        );
        assert!(
            html.contains("<span class=\"hl-a\">-H</span>"),
            "continued line is not a command: {html}"
        );
    }

    #[test]
    fn python_functions_strings_keywords() {
        let html = classes(Lexer::Python, "import boto3\n@cache\ndef handler(event, context):\n    \"\"\"Doc.\"\"\"\n    return {\"ok\": True}  # done\n");
        assert!(
            html.contains("<span class=\"hl-k\">import</span>"),
            "{html}"
        );
        assert!(html.contains("<span class=\"hl-f\">@cache</span>"));
        assert!(html.contains("<span class=\"hl-f\">handler</span>"));
        assert!(html.contains("<span class=\"hl-s\">\"\"\"Doc.\"\"\"</span>"));
        assert!(html.contains("<span class=\"hl-l\">True</span>"));
        assert!(html.contains("<span class=\"hl-c\"># done</span>"));
    }
}
