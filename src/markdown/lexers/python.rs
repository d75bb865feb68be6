//! Python: keywords, definitions, decorators, strings with prefixes and triple quotes, numbers.

use crate::markdown::highlight::{Class, Writer};

use super::{is_ident, next_char, string_end, word_end};

const PYTHON_KEYWORDS: &[&str] = &[
    "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del", "elif",
    "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda",
    "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with", "yield", "match",
    "case",
];

pub(super) fn lex(code: &str, w: &mut Writer) {
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
