//! JSON: keys, strings, numbers, `true`/`false`/`null`.

use crate::markdown::highlight::{Class, Writer};

use super::{next_char, string_end, word_end};

pub(super) fn lex(code: &str, w: &mut Writer) {
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
