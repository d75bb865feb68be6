//! YAML, CloudFormation included: keys, tags (`!Ref`), anchors, quoted and plain scalars, block scalars, comments.

use crate::markdown::highlight::{Class, Writer};

use super::{is_number, next_char, string_end, word_end};

pub(super) fn lex(code: &str, w: &mut Writer) {
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
