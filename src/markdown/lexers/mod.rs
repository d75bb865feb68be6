//! Native lexers for the languages a cloud question bank is made of (JSON and YAML policies and
//! templates, TOML, shell, Python): the same short highlight classes as the syntect path, at a
//! fraction of its cost. Other languages go through syntect. One file per language; the
//! scanning helpers they share are here.

mod json;
mod python;
mod shell;
mod toml;
mod yaml;

use super::highlight::Writer;

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
            Lexer::Json => json::lex(code, w),
            Lexer::Yaml => yaml::lex(code, w),
            Lexer::Toml => toml::lex(code, w),
            Lexer::Shell => shell::lex(code, w),
            Lexer::Python => python::lex(code, w),
        }
    }
}

/// End of a quoted string starting at `start` (which holds the quote); backslash escapes when
/// `escapes`. Stops at the end of the line when unterminated.
pub(crate) fn string_end(s: &str, start: usize, quote: u8, escapes: bool) -> usize {
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

pub(crate) fn word_end(s: &str, start: usize, part: impl Fn(char) -> bool) -> usize {
    s[start..]
        .char_indices()
        .find(|&(_, c)| !part(c))
        .map_or(s.len(), |(i, _)| start + i)
}

pub(crate) fn is_ident(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

pub(crate) fn is_number(word: &str) -> bool {
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

pub(crate) fn next_char(s: &str, i: usize) -> usize {
    i + s[i..].chars().next().map_or(1, char::len_utf8)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::highlight::Writer;

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
