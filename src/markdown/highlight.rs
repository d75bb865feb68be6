//! Build-time syntax highlighting into nine short CSS classes, with one stylesheet holding an
//! accessible light and dark palette. JSON, YAML, TOML, shell and Python use native lexers
//! (`lexers.rs`); every other language goes through syntect's grammars, whose scopes are mapped
//! onto the same classes.

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::LazyLock;

use syntect::parsing::{ParseState, Scope, ScopeStack, SyntaxReference, SyntaxSet};
use syntect::util::LinesWithEndings;

use super::lexers::Lexer;

/// Loaded once, shared by every thread (syntect compiles each grammar lazily on first use).
static SYNTAXES: LazyLock<SyntaxSet> = LazyLock::new(two_face::syntax::extra_newlines);

/// Languages written without highlighting and without a warning.
const PLAIN: &[&str] = &["", "text", "plain", "plaintext", "txt", "output", "none"];

/// What a token is, as far as colour goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    Comment,
    String,
    Number,
    Keyword,
    Literal,
    Function,
    Type,
    Attr,
    Variable,
}

impl Class {
    fn css(self) -> &'static str {
        match self {
            Class::Comment => "hl-c",
            Class::String => "hl-s",
            Class::Number => "hl-n",
            Class::Keyword => "hl-k",
            Class::Literal => "hl-l",
            Class::Function => "hl-f",
            Class::Type => "hl-t",
            Class::Attr => "hl-a",
            Class::Variable => "hl-v",
        }
    }
}

/// Escaped HTML with adjacent tokens of one class merged into one span (whitespace between
/// them included).
#[derive(Default)]
pub struct Writer {
    out: String,
    open: Option<Class>,
    /// Whitespace after an open span, written inside it if the next token has its class.
    pending: String,
}

impl Writer {
    pub fn push(&mut self, class: Option<Class>, text: &str) {
        if text.is_empty() {
            return;
        }
        if self.open.is_some() && text.trim().is_empty() {
            self.pending.push_str(text);
            return;
        }
        if class != self.open {
            if self.open.is_some() {
                self.out.push_str("</span>");
            }
            self.out.push_str(&self.pending);
            self.pending.clear();
            if let Some(c) = class {
                self.out.push_str("<span class=\"");
                self.out.push_str(c.css());
                self.out.push_str("\">");
            }
            self.open = class;
        } else {
            self.out.push_str(&self.pending);
            self.pending.clear();
        }
        escape_into(&mut self.out, text);
    }

    pub fn finish(mut self) -> String {
        if self.open.is_some() {
            self.out.push_str("</span>");
        }
        self.out.push_str(&self.pending);
        self.out
    }
}

fn escape_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
}

/// What a fence's language names.
pub enum Language {
    Plain,
    Native(Lexer),
    Grammar(&'static SyntaxReference),
    Unknown,
}

/// Finds how to highlight a fence's language (`yaml`, `sh`, `terraform`, ...).
pub fn language(lang: &str) -> Language {
    let lang = lang.to_ascii_lowercase();
    if PLAIN.contains(&lang.as_str()) {
        return Language::Plain;
    }
    if let Some(lexer) = Lexer::for_token(&lang) {
        return Language::Native(lexer);
    }
    let token = match lang.as_str() {
        "js" | "node" => "javascript",
        "ts" => "typescript",
        "terraform" | "tf" => "hcl",
        "docker" => "dockerfile",
        other => other,
    };
    let set: &'static SyntaxSet = &SYNTAXES;
    match set.find_syntax_by_token(token) {
        Some(syntax) => Language::Grammar(syntax),
        None => Language::Unknown,
    }
}

/// Highlighted HTML for `code` (escaped, spans with `hl-` classes); `None` for plain text.
pub fn highlight(language: &Language, code: &str) -> Option<String> {
    let mut w = Writer::default();
    match language {
        Language::Native(lexer) => lexer.run(code, &mut w),
        Language::Grammar(syntax) => grammar(syntax, code, &mut w)?,
        Language::Plain | Language::Unknown => return None,
    }
    Some(w.finish())
}

fn grammar(syntax: &SyntaxReference, code: &str, w: &mut Writer) -> Option<()> {
    let mut state = ParseState::new(syntax);
    let mut stack = ScopeStack::new();
    for line in LinesWithEndings::from(code) {
        let ops = state.parse_line(line, &SYNTAXES).ok()?;
        let mut pos = 0;
        for (at, op) in ops {
            let at = at.min(line.len());
            if at > pos {
                w.push(classify(&stack), &line[pos..at]);
                pos = at;
            }
            stack.apply(&op).ok()?;
        }
        w.push(classify(&stack), &line[pos..]);
    }
    Some(())
}

thread_local! {
    /// Scope -> class, filled as scopes are met (building a scope's name is the slow part).
    static SCOPE_CLASSES: RefCell<HashMap<Scope, Option<Class>>> = RefCell::new(HashMap::new());
}

/// The class of the innermost scope that has one.
fn classify(stack: &ScopeStack) -> Option<Class> {
    SCOPE_CLASSES.with(|cache| {
        let mut cache = cache.borrow_mut();
        stack.as_slice().iter().rev().find_map(|scope| {
            *cache
                .entry(*scope)
                .or_insert_with(|| class_of_scope(&scope.build_string()))
        })
    })
}

fn class_of_scope(name: &str) -> Option<Class> {
    const RULES: &[(&str, Class)] = &[
        ("comment", Class::Comment),
        ("string", Class::String),
        ("constant.numeric", Class::Number),
        ("constant.language", Class::Literal),
        ("constant.character", Class::Literal),
        ("constant.other", Class::Literal),
        ("keyword", Class::Keyword),
        ("storage", Class::Keyword),
        ("entity.name.function", Class::Function),
        ("support.function", Class::Function),
        ("variable.function", Class::Function),
        ("support.type.property-name", Class::Attr),
        ("entity.name.tag", Class::Attr),
        ("entity.other.attribute-name", Class::Attr),
        ("entity.name.type", Class::Type),
        ("entity.name.class", Class::Type),
        ("entity.other.inherited-class", Class::Type),
        ("support.type", Class::Type),
        ("support.class", Class::Type),
        ("variable", Class::Variable),
    ];
    RULES
        .iter()
        .find(|(prefix, _)| name.starts_with(prefix))
        .map(|(_, c)| *c)
}

/// Light palette (GitHub Primer's, AA on the code background) and its dark counterpart.
const PALETTE: &[(&str, &str, &str)] = &[
    (
        "hl-c",
        "#59636e;font-style:italic",
        "#9198a1;font-style:italic",
    ),
    ("hl-s", "#0a3069", "#a5d6ff"),
    ("hl-n", "#0550ae", "#79c0ff"),
    ("hl-l", "#0550ae", "#79c0ff"),
    ("hl-k", "#cf222e", "#ff7b72"),
    ("hl-f", "#6639ba", "#d2a8ff"),
    ("hl-t", "#953800", "#ffa657"),
    ("hl-v", "#953800", "#ffa657"),
    ("hl-a", "#116329", "#7ee787"),
];

/// The light palette's declarations for a class (`hl-k`), to inline where no stylesheet is
/// loaded (Anki cards).
pub fn inline_style(class: &str) -> Option<&'static str> {
    PALETTE
        .iter()
        .find(|(name, _, _)| *name == class)
        .map(|(_, light, _)| *light)
}

/// The stylesheet for highlighted code: light by default; dark when `<html data-theme="dark">`,
/// or when the system prefers dark and the page does not say `light`.
pub fn stylesheet() -> String {
    let mut css = String::from("/* Code highlighting, written by cramdown. */\n");
    for (class, light, _) in PALETTE {
        css.push_str(&format!(".{class}{{color:{light}}}\n"));
    }
    for (class, _, dark) in PALETTE {
        css.push_str(&format!(
            "html[data-theme=\"dark\"] .{class}{{color:{dark}}}\n"
        ));
    }
    css.push_str("@media (prefers-color-scheme: dark) {\n");
    for (class, _, dark) in PALETTE {
        css.push_str(&format!(
            "html:not([data-theme=\"light\"]) .{class}{{color:{dark}}}\n"
        ));
    }
    css.push_str("}\n");
    css
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn required_languages_are_known() {
        for lang in [
            "yaml", "yml", "json", "toml", "bash", "sh", "shell", "python",
        ] {
            assert!(
                matches!(language(lang), Language::Native(_)),
                "{lang} not native"
            );
        }
        for lang in [
            "javascript",
            "typescript",
            "dockerfile",
            "hcl",
            "terraform",
            "sql",
            "go",
            "rust",
        ] {
            assert!(
                matches!(language(lang), Language::Grammar(_)),
                "{lang} not found"
            );
        }
        assert!(matches!(language("text"), Language::Plain));
        assert!(matches!(language("klingon"), Language::Unknown));
    }

    #[test]
    fn grammars_map_onto_the_short_classes() {
        let html = highlight(&language("typescript"), "// note\nconst n: number = 42;\n").unwrap();
        assert!(html.contains("<span class=\"hl-c\">// note"), "{html}");
        assert!(html.contains("<span class=\"hl-n\">42</span>"), "{html}");
        assert!(!html.contains("hl-source"), "{html}");
        let sql = highlight(&language("sql"), "SELECT * FROM t WHERE a = 'x';\n").unwrap();
        assert!(sql.contains("<span class=\"hl-k\">SELECT</span>"), "{sql}");
        assert!(
            sql.contains("<span class=\"hl-s\">'x'</span>") || sql.contains("hl-s\">&#39;x"),
            "{sql}"
        );
    }

    #[test]
    fn stylesheet_is_small_and_has_both_schemes() {
        let css = stylesheet();
        assert!(css.len() < 2_000, "{}", css.len());
        assert!(css.contains("html[data-theme=\"dark\"] .hl-k{color:#ff7b72}"));
        assert!(css.contains("@media (prefers-color-scheme: dark)"));
    }
}
