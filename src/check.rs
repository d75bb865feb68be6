//! `cramdown check`: every validation of a build without writing anything, plus what a build
//! lets pass: broken `#anchors`, shared slugs and titles, topics used but not described (and
//! described but not used), and, when asked, the external links.

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::process::Command;

use serde::Serialize;

use crate::content::front_matter::field_line;
use crate::diagnostic::{display_path, Diagnostic, Diagnostics, Level};
use crate::markdown::LinkTarget;
use crate::{prepare, BuildOptions, Prepared};

/// An external link and where it was found.
pub struct External {
    pub at: Diagnostic,
    pub url: String,
}

/// What to check beyond a build.
#[derive(Debug, Clone, Default)]
pub struct CheckOptions {
    /// Request every external link (HEAD, through curl).
    pub online: bool,
}

/// What `check` found: findings sorted by place, the external links, the question count.
pub struct Report {
    pub findings: Vec<Diagnostic>,
    pub external: Vec<External>,
    pub questions: usize,
}

impl Report {
    /// `{"findings": [...], "external": [...]}`, the `--format json` output.
    pub fn to_json(&self, with_external: bool) -> String {
        let report = JsonReport {
            findings: self.findings.iter().map(JsonFinding::from).collect(),
            external: if with_external {
                self.external.iter().map(JsonExternal::new).collect()
            } else {
                Vec::new()
            },
        };
        serde_json::to_string_pretty(&report).unwrap_or_default()
    }
}

/// What planning and rendering the site would report: collisions, template errors.
fn render_errors(prepared: &Prepared) -> Vec<Diagnostic> {
    let site = &prepared.site;
    match crate::plan(site, &prepared.templates, &prepared.static_files) {
        Err(collisions) => collisions.0,
        Ok(plan) => {
            let input = prepared.render_input();
            let renderer = crate::render::Renderer::new(&input);
            let sink = crate::output::Nothing;
            crate::render::render(&renderer, &plan, None, prepared, &sink)
                .err()
                .unwrap_or_default()
        }
    }
}

/// Runs every check of a build without writing anything, and the checks a build lets pass.
/// A site that does not build is reported as findings too.
pub fn run(build: &BuildOptions, options: &CheckOptions) -> Report {
    let (mut findings, external, questions) = match prepare(build) {
        Err(errors) => (errors.0, Vec::new(), 0),
        Ok(prepared) => {
            let mut findings = prepared.warnings.clone();
            findings.extend(render_errors(&prepared));
            findings.extend(site_findings(&prepared, &build.root));
            (
                findings,
                external_links(&prepared),
                prepared.site.questions.len(),
            )
        }
    };
    if options.online {
        findings.extend(check_online(&external));
    }
    let mut sorted = Diagnostics(findings);
    sorted.sort();
    Report {
        findings: sorted.0,
        external,
        questions,
    }
}

/// The checks a build does not make.
pub fn site_findings(prepared: &Prepared, root: &Path) -> Vec<Diagnostic> {
    let site = &prepared.site;
    let mut findings = Vec::new();
    let anchors: HashMap<&str, HashSet<&str>> = site
        .questions
        .iter()
        .zip(&prepared.rendered)
        .map(|(q, r)| {
            (
                q.url.as_str(),
                r.anchors.iter().map(String::as_str).collect(),
            )
        })
        .collect();
    for (q, r) in site.questions.iter().zip(&prepared.rendered) {
        for link in &r.links {
            let (page, fragment) = match &link.target {
                LinkTarget::Page {
                    url,
                    fragment: Some(f),
                } => (url.as_str(), f.as_str()),
                LinkTarget::SamePage(f) if !f.is_empty() => (q.url.as_str(), f.as_str()),
                _ => continue,
            };
            let Some(ids) = anchors.get(page) else {
                continue;
            };
            if !ids.contains(fragment) {
                findings.push(
                    Diagnostic::warning(
                        &q.path,
                        format!("link to `#{fragment}`: {page} has no heading with that id"),
                    )
                    .at_offset(&q.text, link.offset),
                );
            }
        }
    }
    let mut by_slug: HashMap<&str, &Path> = HashMap::new();
    let mut by_title: HashMap<String, &Path> = HashMap::new();
    for q in &site.questions {
        if let Some(first) = by_slug.insert(&q.slug, &q.path) {
            findings.push(
                Diagnostic::warning(
                    &q.path,
                    format!("slug `{}` is also used by {}", q.slug, display_path(first)),
                )
                .at(field_line(&q.text[..q.body_offset], "slug").unwrap_or(1), 1),
            );
        }
        let title = q.front.title.trim().to_lowercase();
        if let Some(first) = by_title.insert(title, &q.path) {
            findings.push(
                Diagnostic::warning(
                    &q.path,
                    format!("the same title is used by {}", display_path(first)),
                )
                .at(
                    field_line(&q.text[..q.body_offset], "title").unwrap_or(1),
                    1,
                ),
            );
        }
    }
    let config = root.join(crate::names::SITE_TOML);
    let mut config_text: Option<String> = None;
    for topic in &site.topics {
        if !topic.declared {
            for &i in &topic.questions {
                let q = &site.questions[i];
                findings.push(
                    Diagnostic::warning(
                        &q.path,
                        format!("topic `{}` is not described in site.toml", topic.slug),
                    )
                    .at(
                        field_line(&q.text[..q.body_offset], "topics").unwrap_or(1),
                        1,
                    ),
                );
            }
        } else if topic.questions.is_empty() {
            let text = config_text
                .get_or_insert_with(|| std::fs::read_to_string(&config).unwrap_or_default());
            let header = format!("[topics.{}]", topic.slug);
            let line = text
                .lines()
                .position(|l| l.trim() == header)
                .map_or(0, |i| i + 1);
            findings.push(
                Diagnostic::warning(
                    &config,
                    format!(
                        "topic `{}` is described but no question uses it",
                        topic.slug
                    ),
                )
                .at(line, 1),
            );
        }
    }
    findings
}

fn external_links(prepared: &Prepared) -> Vec<External> {
    let mut out = Vec::new();
    for (q, r) in prepared.site.questions.iter().zip(&prepared.rendered) {
        for link in &r.links {
            if let LinkTarget::External(url) = &link.target {
                out.push(External {
                    at: Diagnostic::warning(&q.path, String::new()).at_offset(&q.text, link.offset),
                    url: url.clone(),
                });
            }
        }
    }
    out
}

/// Requests each distinct external URL once (HEAD, then GET if HEAD is refused), 10 s each.
fn check_online(external: &[External]) -> Vec<Diagnostic> {
    let mut status: HashMap<&str, Result<u16, String>> = HashMap::new();
    let mut findings = Vec::new();
    for e in external {
        let result = status
            .entry(e.url.as_str())
            .or_insert_with(|| fetch_status(&e.url));
        let problem = match result {
            Ok(code) if *code < 400 => continue,
            Ok(code) => format!("external link {} answered HTTP {code}", e.url),
            Err(why) => format!("external link {} failed: {why}", e.url),
        };
        findings.push(Diagnostic {
            level: Level::Warning,
            message: problem,
            ..e.at.clone()
        });
    }
    findings
}

fn fetch_status(url: &str) -> Result<u16, String> {
    let head = curl_status(url, true)?;
    if head == 405 || head == 403 {
        return curl_status(url, false);
    }
    Ok(head)
}

fn curl_status(url: &str, head: bool) -> Result<u16, String> {
    let mut cmd = Command::new("curl");
    cmd.args([
        "-s",
        "-o",
        "/dev/null",
        "-w",
        "%{http_code}",
        "-L",
        "--max-time",
        "10",
    ]);
    if head {
        cmd.arg("-I");
    }
    let out = cmd
        .arg("--")
        .arg(url)
        .output()
        .map_err(|e| format!("cannot run curl: {e}"))?;
    let code: u16 = String::from_utf8_lossy(&out.stdout)
        .trim()
        .parse()
        .unwrap_or(0);
    if code == 0 {
        Err("no answer (timeout or connection refused)".into())
    } else {
        Ok(code)
    }
}

#[derive(Serialize)]
struct JsonReport<'a> {
    findings: Vec<JsonFinding<'a>>,
    external: Vec<JsonExternal<'a>>,
}

#[derive(Serialize)]
struct JsonFinding<'a> {
    path: String,
    line: usize,
    column: usize,
    level: &'static str,
    message: &'a str,
}

impl<'a> From<&'a Diagnostic> for JsonFinding<'a> {
    fn from(d: &'a Diagnostic) -> Self {
        JsonFinding {
            path: display_path(&d.path),
            line: d.line,
            column: d.col,
            level: if d.is_error() { "error" } else { "warning" },
            message: &d.message,
        }
    }
}

#[derive(Serialize)]
struct JsonExternal<'a> {
    path: String,
    line: usize,
    column: usize,
    url: &'a str,
}

impl<'a> JsonExternal<'a> {
    fn new(e: &'a External) -> Self {
        JsonExternal {
            path: display_path(&e.at.path),
            line: e.at.line,
            column: e.at.col,
            url: &e.url,
        }
    }
}
