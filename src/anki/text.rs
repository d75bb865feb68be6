//! Anki's text format (2.1.54 and later), both ways: `#key:value` header lines, then one note
//! per record, fields separated by the separator and quoted CSV-style (`"a ""b"""`) when they
//! hold the separator, a quote or a line break.

use std::path::Path;

use crate::diagnostic::Diagnostic;
use crate::html::Token;

/// One note of a text file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Note {
    pub guid: Option<String>,
    /// The note's fields in order (Basic: front, back).
    pub fields: Vec<String>,
    pub tags: Vec<String>,
    /// The 1-based line the record starts on.
    pub line: usize,
}

/// A text file as read: whether fields are HTML, and its notes.
#[derive(Debug, Default)]
pub struct TextFile {
    pub html: bool,
    pub notes: Vec<Note>,
}

/// Writes notes of the Basic note type: guid, front, back and tags columns.
pub fn write(deck: &str, notes: &[Note]) -> String {
    let deck: String = deck
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let mut out = format!(
        "#separator:Tab\n#html:true\n#notetype:Basic\n#deck:{}\n#guid column:1\n#tags column:4\n",
        deck.trim()
    );
    for note in notes {
        let guid = note.guid.as_deref().unwrap_or("");
        let mut columns = vec![field(guid)];
        columns.extend(note.fields.iter().map(|f| field(f)));
        columns.push(field(&note.tags.join(" ")));
        out.push_str(&columns.join("\t"));
        out.push('\n');
    }
    out
}

/// A field, quoted when it holds a quote (fields never hold raw tabs or line breaks).
fn field(text: &str) -> String {
    let clean = text.replace(['\t', '\n', '\r'], " ");
    if clean.contains('"') {
        format!("\"{}\"", clean.replace('"', "\"\""))
    } else {
        clean
    }
}

/// Columns named by the header (1-based in the file, 0-based here).
#[derive(Default)]
struct Header {
    separator: Option<char>,
    /// `#html:`; without it, fields are HTML when any holds a tag (as Anki guesses).
    html: Option<bool>,
    guid: Option<usize>,
    tags: Option<usize>,
    /// Columns that are not fields: notetype and deck.
    other: Vec<usize>,
}

/// Reads a text file exported by Anki ("Notes in Plain Text") or written by cramdown.
pub fn read(path: &Path, text: &str) -> Result<TextFile, Diagnostic> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut header = Header::default();
    let mut offset = 0;
    let mut line = 1;
    for raw in text.split_inclusive('\n') {
        let Some(rest) = raw.trim_end().strip_prefix('#') else {
            break;
        };
        if let Some((key, value)) = rest.split_once(':') {
            header_line(&mut header, key.trim(), value.trim())
                .map_err(|m| Diagnostic::error(path, m).at(line, 1))?;
        }
        offset += raw.len();
        line += 1;
    }
    let separator = header.separator.unwrap_or('\t');
    let mut notes = Vec::new();
    for (record_line, columns) in records(&text[offset..], separator, line) {
        if columns.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let mut note = Note {
            line: record_line,
            ..Note::default()
        };
        for (i, value) in columns.into_iter().enumerate() {
            if Some(i) == header.guid {
                note.guid = Some(value).filter(|g| !g.is_empty());
            } else if Some(i) == header.tags {
                note.tags = value.split_whitespace().map(str::to_string).collect();
            } else if !header.other.contains(&i) {
                note.fields.push(value);
            }
        }
        notes.push(note);
    }
    let html = header.html.unwrap_or_else(|| {
        notes.iter().flat_map(|n| &n.fields).any(|f| {
            crate::html::tokens(f)
                .iter()
                .any(|t| matches!(t, Token::Start { .. } | Token::End { .. }))
        })
    });
    Ok(TextFile { html, notes })
}

fn header_line(header: &mut Header, key: &str, value: &str) -> Result<(), String> {
    let column = || -> Result<usize, String> {
        match value.parse::<usize>() {
            Ok(n) if n >= 1 => Ok(n - 1),
            _ => Err(format!(
                "`#{key}` needs a column number from 1, not `{value}`"
            )),
        }
    };
    match key.to_ascii_lowercase().as_str() {
        "separator" => {
            header.separator = Some(match value.to_ascii_lowercase().as_str() {
                "tab" => '\t',
                "comma" => ',',
                "semicolon" => ';',
                "space" => ' ',
                "pipe" => '|',
                "colon" => ':',
                _ if value.chars().count() == 1 => value.chars().next().unwrap_or('\t'),
                _ => return Err(format!("unknown separator `{value}`")),
            });
        }
        "html" => header.html = Some(value.eq_ignore_ascii_case("true")),
        "guid column" => header.guid = Some(column()?),
        "tags column" => header.tags = Some(column()?),
        "notetype column" | "deck column" => header.other.push(column()?),
        _ => {}
    }
    Ok(())
}

/// Splits text into records of columns, CSV-style: a column that starts with `"` runs to the
/// next lone `"` and may hold separators and line breaks; `""` inside it is one quote. Each
/// record comes with the line it starts on (`first_line` is the line of `text`'s start).
fn records(text: &str, separator: char, first_line: usize) -> Vec<(usize, Vec<String>)> {
    let mut records = Vec::new();
    let mut columns: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut line = first_line;
    let mut record_line = line;
    let mut chars = text.chars().peekable();
    let mut at_column_start = true;
    while let Some(c) = chars.next() {
        if at_column_start && c == '"' {
            at_column_start = false;
            while let Some(q) = chars.next() {
                match q {
                    '"' if chars.peek() == Some(&'"') => {
                        chars.next();
                        current.push('"');
                    }
                    '"' => break,
                    '\n' => {
                        line += 1;
                        current.push('\n');
                    }
                    other => current.push(other),
                }
            }
            continue;
        }
        at_column_start = false;
        match c {
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' => {
                columns.push(std::mem::take(&mut current));
                records.push((record_line, std::mem::take(&mut columns)));
                line += 1;
                record_line = line;
                at_column_start = true;
            }
            c if c == separator => {
                columns.push(std::mem::take(&mut current));
                at_column_start = true;
            }
            c => current.push(c),
        }
    }
    if !current.is_empty() || !columns.is_empty() {
        columns.push(current);
        records.push((record_line, columns));
    }
    records
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_what_anki_exports() {
        // As written by Anki 26's "Notes in Plain Text" export.
        let text = "#separator:tab\n#html:true\n#guid column:1\n#notetype column:2\n#deck column:3\n#tags column:6\nF:a/nfmSiZ\tBasic\tMy Deck\t\"What is\tX?<br>second\"\t\"Line1\nLine2 \"\"quoted\"\"\"\taws difficulty::advanced\nabc\tBasic\tMy Deck\tFront\tBack\t\n";
        let file = read(Path::new("x.txt"), text).expect("reads");
        assert!(file.html);
        assert_eq!(file.notes.len(), 2);
        let first = &file.notes[0];
        assert_eq!(first.guid.as_deref(), Some("F:a/nfmSiZ"));
        assert_eq!(
            first.fields,
            ["What is\tX?<br>second", "Line1\nLine2 \"quoted\""]
        );
        assert_eq!(first.tags, ["aws", "difficulty::advanced"]);
        assert_eq!(first.line, 7);
        assert_eq!(file.notes[1].line, 9);
        assert_eq!(file.notes[1].fields, ["Front", "Back"]);
    }

    #[test]
    fn writes_and_reads_back() {
        let note = Note {
            guid: Some("g1".into()),
            fields: vec!["<b class=\"x\">Q</b>".into(), "A\tB".into()],
            tags: vec!["s3".into(), "difficulty::beginner".into()],
            line: 0,
        };
        let text = write("Deck\none", std::slice::from_ref(&note));
        assert!(text.starts_with("#separator:Tab\n#html:true\n#notetype:Basic\n#deck:Deck one\n"));
        assert!(text.ends_with("g1\t\"<b class=\"\"x\"\">Q</b>\"\tA B\ts3 difficulty::beginner\n"));
        let back = read(Path::new("x.txt"), &text).expect("reads");
        assert_eq!(back.notes[0].fields[0], note.fields[0]);
        assert_eq!(back.notes[0].tags, note.tags);
    }

    #[test]
    fn without_an_html_header_html_is_guessed() {
        let plain = read(Path::new("x.txt"), "a < b\tc\n").expect("reads");
        assert!(!plain.html);
        let html = read(Path::new("x.txt"), "<b>a</b>\tc\n").expect("reads");
        assert!(html.html);
    }

    #[test]
    fn bad_header_names_its_line() {
        let e = read(Path::new("x.txt"), "#html:true\n#tags column:zero\n").unwrap_err();
        assert_eq!(
            e.to_string(),
            "x.txt:2:1: error: `#tags column` needs a column number from 1, not `zero`"
        );
    }
}
