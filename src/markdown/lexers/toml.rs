//! TOML: table headers, keys, strings (multi-line too), numbers and dates, booleans, comments.

use crate::markdown::highlight::{Class, Writer};

use super::{is_number, next_char, string_end, word_end};

pub(super) fn lex(code: &str, w: &mut Writer) {
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
