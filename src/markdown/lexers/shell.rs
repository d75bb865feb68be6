//! Shell: commands, flags, variables, strings, keywords, comments, continued lines.

use crate::markdown::highlight::{Class, Writer};

use super::{is_ident, is_number, next_char, string_end, word_end};

const SHELL_KEYWORDS: &[&str] = &[
    "if", "then", "else", "elif", "fi", "for", "while", "until", "do", "done", "case", "esac",
    "in", "function", "return", "export", "local", "readonly", "set", "unset", "source",
];

pub(super) fn lex(code: &str, w: &mut Writer) {
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
