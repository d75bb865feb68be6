//! Loading templates: the built-in defaults (compiled in) overridden by the site's
//! `templates/`, Tera's errors turned into `path:line:col` diagnostics, and include loops and
//! self-calling macros refused before they could recurse without end.

use std::path::{Path, PathBuf};

use tera::Tera;

use crate::diagnostic::Diagnostic;

/// The default templates, compiled into the binary.
pub const DEFAULT_TEMPLATES: &[(&str, &str)] = &[
    ("base.html", include_str!("../../templates/base.html")),
    ("index.html", include_str!("../../templates/index.html")),
    (
        "question.html",
        include_str!("../../templates/question.html"),
    ),
    ("topic.html", include_str!("../../templates/topic.html")),
    ("topics.html", include_str!("../../templates/topics.html")),
    ("study.html", include_str!("../../templates/study.html")),
    ("stats.html", include_str!("../../templates/stats.html")),
    (
        "interview.html",
        include_str!("../../templates/interview.html"),
    ),
    ("exam.html", include_str!("../../templates/exam.html")),
    ("404.html", include_str!("../../templates/404.html")),
];

/// The loaded templates, and what the question template reads of the context.
pub struct Templates {
    pub tera: Tera,
    /// Whether `question.html` (or a template it extends, includes or imports) reads the
    /// site-wide `topics` list: thousands of question pages skip copying it when not.
    pub question_reads_topics: bool,
    /// Each template's name and text, to place render errors (Tera gives them no line).
    texts: Vec<(String, String)>,
}

impl Templates {
    /// `name` and every template it reaches through extends, include or import, itself first.
    pub fn reach(&self, name: &str) -> Vec<String> {
        reach(&self.texts, name)
    }

    /// The names of the templates whose text differs between `self` and `other` (added and
    /// removed ones included).
    pub fn changed_since(&self, other: &Templates) -> Vec<String> {
        let mut names: Vec<String> = Vec::new();
        for (name, text) in &self.texts {
            if other.texts.iter().find(|(n, _)| n == name).map(|(_, t)| t) != Some(text) {
                names.push(name.clone());
            }
        }
        for (name, _) in &other.texts {
            if !self.texts.iter().any(|(n, _)| n == name) {
                names.push(name.clone());
            }
        }
        names
    }

    /// A render error of `template` while writing `page`. A missing variable is placed at its
    /// first use in that template when it is there (one from an included or parent template
    /// names the file only).
    pub fn render_error(&self, template: &str, page: &str, e: &tera::Error) -> Diagnostic {
        let message = tera_message(e);
        let diagnostic = Diagnostic::error(
            PathBuf::from(format!("templates/{template}")),
            format!("while rendering {page}: {message}"),
        );
        let variable = message
            .split_once("Variable `")
            .and_then(|(_, rest)| rest.split_once('`'))
            .map(|(name, _)| name);
        let text = self.texts.iter().find(|(n, _)| n == template);
        let offset = variable
            .zip(text)
            .and_then(|(v, (_, t))| Some((t, t.find(v)?)));
        match offset {
            Some((text, at)) => {
                let (line, col) = crate::diagnostic::line_col(text, at);
                diagnostic.at(line, col)
            }
            None => diagnostic,
        }
    }
}

/// Loads the templates: defaults first, then every file of `dir` (which wins by name).
pub fn load_templates(dir: &Path) -> Result<Templates, Diagnostic> {
    let mut sources: Vec<(String, String, PathBuf)> = DEFAULT_TEMPLATES
        .iter()
        .map(|(name, text)| (name.to_string(), text.to_string(), builtin_path(name)))
        .collect();
    if dir.is_dir() {
        // The site is the folder that holds `templates/`: links may point anywhere inside it.
        let site_root = dir.parent().unwrap_or(dir);
        let (found, problems) = crate::walk::files(site_root, dir, "templates");
        if let Some(problem) = problems.into_iter().next() {
            return Err(problem);
        }
        for file in found {
            let (path, name) = (file.path.as_path(), file.rel);
            let bytes = std::fs::read(path)
                .map_err(|e| Diagnostic::error(path, format!("cannot read: {e}")))?;
            let text = crate::content::decode(path, bytes)?;
            sources.retain(|(n, _, _)| *n != name);
            sources.push((name, text, path.to_path_buf()));
        }
    }
    check_loops(&sources)?;
    let mut tera = Tera::default();
    tera.autoescape_on(vec![".html", ".xml"]);
    // Tera's default also escapes `/`, which makes every relative URL unreadable.
    tera.set_escape_fn(escape_html);
    let raw: Vec<(&str, &str)> = sources
        .iter()
        .map(|(n, t, _)| (n.as_str(), t.as_str()))
        .collect();
    tera.add_raw_templates(raw).map_err(|e| {
        let (name, line, col) = locate_tera_error(&e);
        let path = sources
            .iter()
            .find(|(n, _, _)| Some(n.as_str()) == name.as_deref())
            .map_or_else(|| dir.to_path_buf(), |(_, _, p)| p.clone());
        Diagnostic::error(path, tera_message(&e)).at(line, col)
    })?;
    let texts: Vec<(String, String)> = sources.into_iter().map(|(n, t, _)| (n, t)).collect();
    let question_reads_topics = reads_variable(&texts, crate::names::QUESTION_TEMPLATE, "topics");
    Ok(Templates {
        tera,
        question_reads_topics,
        texts,
    })
}

/// `template` and every template it reaches through extends, include or import, itself first.
fn reach(sources: &[(String, String)], template: &str) -> Vec<String> {
    let mut pending = vec![template.to_string()];
    let mut seen: Vec<String> = Vec::new();
    while let Some(name) = pending.pop() {
        if seen.contains(&name) {
            continue;
        }
        if let Some((_, text)) = sources.iter().find(|(n, _)| *n == name) {
            for (keyword, args, _) in tags(text) {
                if matches!(keyword, "include" | "import" | "extends") {
                    pending.extend(args.iter().map(|a| a.to_string()));
                }
            }
        }
        seen.push(name);
    }
    seen
}

/// Whether `template`, or any template it reaches, names `variable` inside a Tera tag as a
/// top-level name (not as `something.variable`).
fn reads_variable(sources: &[(String, String)], template: &str, variable: &str) -> bool {
    reach(sources, template).iter().any(|name| {
        sources
            .iter()
            .find(|(n, _)| n == name)
            .is_some_and(|(_, text)| tag_regions(text).any(|code| names_variable(code, variable)))
    })
}

/// The code inside every `{{ ... }}` and `{% ... %}` of a template.
fn tag_regions(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || loop {
        let start = rest.find('{')?;
        let after = &rest[start + 1..];
        let close = match after.chars().next() {
            Some('{') => "}}",
            Some('%') => "%}",
            _ => {
                rest = after;
                continue;
            }
        };
        let end = after.find(close).unwrap_or(after.len());
        let code = &after[1..end.max(1)];
        rest = &after[(end + close.len()).min(after.len())..];
        return Some(code);
    })
}

fn names_variable(code: &str, variable: &str) -> bool {
    let ident = |c: char| c.is_alphanumeric() || c == '_';
    code.match_indices(variable).any(|(at, _)| {
        let before = code[..at].chars().next_back();
        let after = code[at + variable.len()..].chars().next();
        !before.is_some_and(|c| ident(c) || c == '.') && !after.is_some_and(ident)
    })
}

fn escape_html(s: &str) -> String {
    crate::escape::attr(s)
}

fn builtin_path(name: &str) -> PathBuf {
    PathBuf::from(format!("(built-in) templates/{name}"))
}

/// The whole chain of a Tera error, on one line per cause, without Tera's source excerpt.
pub fn tera_message(e: &tera::Error) -> String {
    let mut parts = vec![e.to_string()];
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        parts.push(s.to_string());
        source = s.source();
    }
    parts
        .iter()
        .map(|p| {
            p.lines()
                .filter(|l| {
                    let t = l.trim_start();
                    !(t.starts_with("-->")
                        || t.starts_with('|')
                        || t.starts_with('=')
                        || t.is_empty()
                        || t.chars().next().is_some_and(|c| c.is_ascii_digit())
                            && t.contains(" | "))
                })
                .map(str::trim)
                .collect::<Vec<_>>()
                .join(" ")
        })
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(": ")
}

/// Template name and `--> line:col` from a Tera parse error.
fn locate_tera_error(e: &tera::Error) -> (Option<String>, usize, usize) {
    let mut text = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        text.push('\n');
        text.push_str(&s.to_string());
        source = s.source();
    }
    let name = text.split('\'').nth(1).map(str::to_string);
    let position = text.lines().find_map(|l| {
        let rest = l.trim_start().strip_prefix("-->")?.trim();
        let (line, col) = rest.split_once(':')?;
        Some((line.trim().parse().ok()?, col.trim().parse().ok()?))
    });
    let (line, col) = position.unwrap_or((0, 0));
    (name, line, col)
}

/// Every `{% tag ... %}` of a template: its keyword, its quoted arguments, and its byte offset.
fn tags(text: &str) -> Vec<(&str, Vec<&str>, usize)> {
    let mut out = Vec::new();
    let mut rest = text;
    let mut offset = 0;
    while let Some(start) = rest.find("{%") {
        let Some(len) = rest[start..].find("%}") else {
            break;
        };
        let inner =
            rest[start + 2..start + len].trim_matches(|c: char| c == '-' || c.is_whitespace());
        let keyword = inner.split_whitespace().next().unwrap_or("");
        let quoted: Vec<&str> = inner.split(['"', '\'']).skip(1).step_by(2).collect();
        out.push((keyword, quoted, offset + start));
        offset += start + len + 2;
        rest = &rest[start + len + 2..];
    }
    out
}

/// Refuses templates that would recurse without end when rendered: an `include` (or `import`)
/// loop, or a macro that calls itself.
fn check_loops(sources: &[(String, String, PathBuf)]) -> Result<(), Diagnostic> {
    let find = |name: &str| sources.iter().find(|(n, _, _)| n == name);
    for (name, text, path) in sources {
        for (keyword, _, at) in tags(text) {
            if keyword == "macro" {
                let macro_name = text[at..].split(['(', ' ']).nth(2).unwrap_or("").trim();
                let body_end = text[at..].find("endmacro").map_or(text.len(), |e| at + e);
                if !macro_name.is_empty()
                    && text[at..body_end].contains(&format!("::{macro_name}("))
                {
                    return Err(Diagnostic::error(
                        path,
                        format!(
                            "macro `{macro_name}` calls itself; recursive macros are not supported"
                        ),
                    )
                    .at_offset(text, at));
                }
            }
        }
        // Depth-first through includes and imports, looking for the way back to `name`.
        let mut stack: Vec<(String, Vec<String>)> = vec![(name.clone(), vec![name.clone()])];
        let mut seen: Vec<String> = Vec::new();
        while let Some((current, chain)) = stack.pop() {
            let Some((_, current_text, _)) = find(&current) else {
                continue;
            };
            for (keyword, args, _) in tags(current_text) {
                if !matches!(keyword, "include" | "import" | "extends") {
                    continue;
                }
                for target in args {
                    if target == name {
                        let at = tags(text)
                            .into_iter()
                            .find(|(k, a, _)| {
                                matches!(*k, "include" | "import" | "extends")
                                    && a.contains(
                                        &chain.get(1).map_or(name.as_str(), String::as_str),
                                    )
                            })
                            .map_or(0, |(_, _, at)| at);
                        let chain = chain
                            .iter()
                            .map(String::as_str)
                            .chain([target])
                            .collect::<Vec<_>>()
                            .join(" -> ");
                        return Err(Diagnostic::error(
                            path,
                            format!("template loops on itself: {chain}"),
                        )
                        .at_offset(text, at));
                    }
                    if !seen.iter().any(|s| s == target) {
                        seen.push(target.to_string());
                        let mut next = chain.clone();
                        next.push(target.to_string());
                        stack.push((target.to_string(), next));
                    }
                }
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sources(list: &[(&str, &str)]) -> Vec<(String, String, PathBuf)> {
        list.iter()
            .map(|(n, t)| {
                (
                    n.to_string(),
                    t.to_string(),
                    PathBuf::from(format!("templates/{n}")),
                )
            })
            .collect()
    }

    #[test]
    fn include_loops_are_found() {
        let err = check_loops(&sources(&[
            ("a.html", "x\n{% include \"b.html\" %}"),
            ("b.html", "{%- include 'a.html' -%}"),
        ]))
        .unwrap_err();
        assert_eq!(
            err.message,
            "template loops on itself: a.html -> b.html -> a.html"
        );
        assert_eq!((err.line, err.col), (2, 1));
        let err = check_loops(&sources(&[("q.html", "{% include \"q.html\" %}")])).unwrap_err();
        assert_eq!(err.message, "template loops on itself: q.html -> q.html");
        assert!(check_loops(&sources(&[
            ("a.html", "{% include \"b.html\" %}"),
            ("b.html", "leaf")
        ]))
        .is_ok());
    }

    #[test]
    fn variable_reads_are_found_through_extends_and_includes() {
        let set = sources(&[
            (
                "question.html",
                "{% extends \"base.html\" %}{{ question.topics | length }}",
            ),
            (
                "base.html",
                "<a href=\"{{ root }}topics/index.html\">Topics</a>{% include \"nav.html\" %}",
            ),
            ("nav.html", "{% for t in topics %}{{ t.title }}{% endfor %}"),
        ]);
        let texts = names_and_texts(&set);
        assert!(reads_variable(&texts, "question.html", "topics"));
        assert_eq!(
            reach(&texts, "question.html"),
            ["question.html", "base.html", "nav.html"]
        );
        let set = sources(&[
            (
                "question.html",
                "{% extends \"base.html\" %}{{ question.topics | length }}",
            ),
            (
                "base.html",
                "<a href=\"{{ root }}topics/index.html\">Topics</a>",
            ),
        ]);
        assert!(!reads_variable(
            &names_and_texts(&set),
            "question.html",
            "topics"
        ));
    }

    fn names_and_texts(set: &[(String, String, PathBuf)]) -> Vec<(String, String)> {
        set.iter().map(|(n, t, _)| (n.clone(), t.clone())).collect()
    }

    #[test]
    fn self_calling_macros_are_refused() {
        let err = check_loops(&sources(&[(
            "m.html",
            "{% macro tree(n) %}{{ self::tree(n=n) }}{% endmacro tree %}",
        )]))
        .unwrap_err();
        assert!(
            err.message.contains("macro `tree` calls itself"),
            "{}",
            err.message
        );
    }
}
