//! `site.toml`: the site's title, description, URLs and topics, read strictly.

use std::path::{Path, PathBuf};

use indexmap::IndexMap;
use serde::Deserialize;
use toml::Spanned;

use crate::diagnostic::Diagnostic;

/// The site configuration, as written in `site.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    pub title: String,
    #[serde(default)]
    pub description: String,
    /// Absolute URL of the published site, always ending with `/`.
    pub base_url: Option<String>,
    /// Prefix of "edit this page" links; the question's path under `content/` is appended.
    pub repo_url: Option<String>,
    /// Domain for a GitHub Pages `CNAME` file.
    pub cname: Option<String>,
    /// Most questions listed on one topic page; longer topics continue on `topics/<slug>/2.html`, ...
    #[serde(default = "default_paginate")]
    pub paginate: usize,
    /// Topic descriptions, in the order they are written.
    #[serde(default)]
    pub topics: IndexMap<String, TopicConfig>,
    /// `[study]`: how the browser schedules reviews.
    #[serde(default)]
    pub study: StudyConfig,
    /// Mock exam defaults (`[exam]`).
    #[serde(default)]
    pub exam: ExamConfig,
    /// Free-form table handed to templates as `site.extra`.
    #[serde(default)]
    pub extra: toml::Table,
    /// Where the file was read from, and its text: later stages point their diagnostics into it.
    #[serde(skip)]
    pub source: ConfigSource,
}

/// The path and text of `site.toml`.
#[derive(Debug, Clone, Default)]
pub struct ConfigSource {
    pub path: PathBuf,
    pub text: String,
}

impl ConfigSource {
    /// An error at byte `offset` of site.toml.
    pub fn error_at(&self, offset: usize, message: impl Into<String>) -> Diagnostic {
        Diagnostic::error(&self.path, message).at_offset(&self.text, offset)
    }
}

/// `[study]`: the FSRS scheduler's settings, handed to the browser through `<html data-*>`.
#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct StudyConfig {
    /// The share of reviews the learner should recall (0.7 to 0.99; FSRS's default 0.9).
    #[serde(default = "default_retention")]
    pub desired_retention: f64,
    /// The longest interval between two reviews, in days.
    #[serde(default = "default_maximum_interval")]
    pub maximum_interval: u32,
    /// The time a mock interview gives each question, in seconds.
    #[serde(default = "default_interview_seconds")]
    pub interview_seconds: u32,
}

fn default_retention() -> f64 {
    0.9
}
fn default_maximum_interval() -> u32 {
    36500
}
fn default_interview_seconds() -> u32 {
    180
}

impl Default for StudyConfig {
    fn default() -> Self {
        Self {
            desired_retention: default_retention(),
            maximum_interval: default_maximum_interval(),
            interview_seconds: default_interview_seconds(),
        }
    }
}

/// `[topics.<slug>]`: how a topic is presented.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TopicConfig {
    pub title: String,
    #[serde(default)]
    pub description: String,
}

fn default_paginate() -> usize {
    100
}

/// `[exam]`: what the mock exam page offers before the learner changes it.
#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct ExamConfig {
    /// Number of questions (65 as in AWS associate exams).
    pub questions: u32,
    /// Time allowed, in minutes.
    pub minutes: u32,
    /// Percentage of right answers needed to pass.
    pub pass_mark: u32,
    /// The blueprint (`[[exam.domains]]`): each exam takes each domain's share of `questions`.
    /// Empty: exams draw from every multiple-choice question.
    pub domains: Vec<DomainConfig>,
    /// `[lowest, highest]` of the certification's scaled score (`[100, 1000]`), for an estimate.
    pub score_scale: Option<[u32; 2]>,
    /// The scaled score that passes (720), with `score_scale`.
    pub pass_score: Option<u32>,
}

/// `[[exam.domains]]`: one weighted domain of the exam blueprint.
#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct DomainConfig {
    /// What questions write in `domain = "..."`.
    pub id: Spanned<String>,
    pub name: String,
    /// Percent of an exam; the weights sum to 100.
    pub weight: Spanned<u32>,
}

impl Default for ExamConfig {
    fn default() -> Self {
        Self {
            questions: 65,
            minutes: 130,
            pass_mark: 72,
            domains: Vec::new(),
            score_scale: None,
            pass_score: None,
        }
    }
}

impl ExamConfig {
    /// Each domain's number of questions in an exam of `total`: its weight's share, rounded by
    /// largest remainder (ties to the earlier domain) so that the shares sum to `total`. The
    /// exam page (exam.js) rounds the same way.
    pub fn shares(&self, total: u32) -> Vec<u32> {
        let weights: Vec<u64> = self
            .domains
            .iter()
            .map(|d| u64::from(*d.weight.get_ref()))
            .collect();
        let sum: u64 = weights.iter().sum();
        if sum == 0 {
            return vec![0; weights.len()];
        }
        let total = u64::from(total);
        let mut shares: Vec<u64> = weights.iter().map(|w| total * w / sum).collect();
        let mut by_remainder: Vec<usize> = (0..weights.len()).collect();
        by_remainder.sort_by_key(|&k| std::cmp::Reverse(total * weights[k] % sum));
        let left = total - shares.iter().sum::<u64>();
        for &k in by_remainder.iter().take(left as usize) {
            shares[k] += 1;
        }
        shares.into_iter().map(|s| s as u32).collect()
    }

    /// The position of the domain `id` in the blueprint.
    pub fn domain_position(&self, id: &str) -> Option<usize> {
        self.domains.iter().position(|d| d.id.get_ref() == id)
    }
}

/// Reads and checks `site.toml` in the site root.
pub fn load(root: &Path) -> Result<Config, Diagnostic> {
    let path = root.join(crate::names::SITE_TOML);
    let text = std::fs::read_to_string(&path).map_err(|e| {
        let hint = if e.kind() == std::io::ErrorKind::NotFound {
            " (is this a cramdown site? `cramdown init` creates one)"
        } else {
            ""
        };
        Diagnostic::error(&path, format!("cannot read site.toml: {e}{hint}"))
    })?;
    parse(&path, &text)
}

/// Parses the text of a `site.toml`; `path` is only used in diagnostics.
pub fn parse(path: &Path, text: &str) -> Result<Config, Diagnostic> {
    let mut config: Config = toml::from_str(text).map_err(|e| {
        let d = Diagnostic::error(path, e.message().trim_end().to_string());
        match e.span() {
            Some(span) => d.at_offset(text, span.start),
            None => d,
        }
    })?;
    let at_key = |key: &str, message: String| {
        let d = Diagnostic::error(path, message);
        match find_key_line(text, key) {
            Some(line) => d.at(line, 1),
            None => d,
        }
    };
    if let Some(url) = config.base_url.take() {
        config.base_url = Some(normalize_base_url(&url).map_err(|m| at_key("base_url", m))?);
    }
    check_study(&config.study).map_err(|(key, m)| at_key(key, m))?;
    if config.paginate == 0 {
        return Err(at_key(
            "paginate",
            "paginate must be at least 1 (questions per topic page)".into(),
        ));
    }
    let exam = &config.exam;
    for (key, value, range) in [
        ("questions", exam.questions, 1..=10_000),
        ("minutes", exam.minutes, 1..=1_440),
        ("pass_mark", exam.pass_mark, 0..=100),
    ] {
        if !range.contains(&value) {
            return Err(at_key(
                key,
                format!(
                    "`[exam]` `{key}` is {value}: it must be between {} and {}",
                    range.start(),
                    range.end()
                ),
            ));
        }
    }
    check_blueprint(exam, text)
        .map_err(|(offset, m)| Diagnostic::error(path, m).at_offset(text, offset))?;
    for slug in config.topics.keys() {
        if !crate::model::slug::is_slug(slug) {
            return Err(at_key(
                &format!("[topics.{slug}]"),
                format!("topic `{slug}` is not a valid slug (use lowercase letters, digits and hyphens)"),
            ));
        }
    }
    config.source = ConfigSource {
        path: path.to_path_buf(),
        text: text.to_string(),
    };
    Ok(config)
}

/// Domains a blueprint may have: the search catalog gives each one base-36 digit.
pub const MAX_DOMAINS: usize = 35;

/// The blueprint's own rules (ids, weights, the scaled score); the error's byte offset in
/// site.toml. Whether the questions fill each domain's share is the model's check.
fn check_blueprint(exam: &ExamConfig, text: &str) -> Result<(), (usize, String)> {
    let at_scale = text
        .find("score_scale")
        .or_else(|| text.find("pass_score"))
        .unwrap_or(0);
    if let Some(extra) = exam.domains.get(MAX_DOMAINS) {
        return Err((
            extra.id.span().start,
            format!("a blueprint has at most {MAX_DOMAINS} domains"),
        ));
    }
    for (k, domain) in exam.domains.iter().enumerate() {
        let id = domain.id.get_ref();
        if !crate::model::slug::is_slug(id) {
            return Err((
                domain.id.span().start,
                format!("domain id `{id}` is not a valid slug (use lowercase letters, digits and hyphens)"),
            ));
        }
        if exam.domains[..k].iter().any(|d| d.id.get_ref() == id) {
            return Err((
                domain.id.span().start,
                format!("domain `{id}` is declared twice"),
            ));
        }
        if *domain.weight.get_ref() == 0 {
            return Err((
                domain.weight.span().start,
                format!("domain `{id}` has weight 0: give it a percent of the exam, or remove it"),
            ));
        }
    }
    if let Some(first) = exam.domains.first() {
        let sum: u32 = exam.domains.iter().map(|d| *d.weight.get_ref()).sum();
        if sum != 100 {
            let weights: Vec<String> = exam
                .domains
                .iter()
                .map(|d| d.weight.get_ref().to_string())
                .collect();
            return Err((
                first.weight.span().start,
                format!(
                    "the domain weights sum to {sum} ({}), not 100",
                    weights.join(" + ")
                ),
            ));
        }
    }
    match (exam.score_scale, exam.pass_score) {
        (None, None) => Ok(()),
        (Some([low, high]), Some(pass)) if low < high && (low..=high).contains(&pass) => Ok(()),
        (Some([low, high]), Some(pass)) => Err((
            at_scale,
            format!("`[exam]` `pass_score` {pass} must lie within `score_scale` [{low}, {high}] (lowest first)"),
        )),
        _ => Err((
            at_scale,
            "`[exam]` `score_scale` and `pass_score` go together: give both or neither".into(),
        )),
    }
}

/// The `[study]` values FSRS can work with; the error names the key.
fn check_study(study: &StudyConfig) -> Result<(), (&'static str, String)> {
    let retention = study.desired_retention;
    if !(0.7..=0.99).contains(&retention) {
        return Err((
            "desired_retention",
            format!("desired_retention {retention} is out of range: use 0.7 to 0.99 (0.9 is FSRS's default)"),
        ));
    }
    if study.maximum_interval == 0 {
        return Err((
            "maximum_interval",
            "maximum_interval must be at least 1 (days)".into(),
        ));
    }
    if study.interview_seconds < 10 {
        return Err((
            "interview_seconds",
            "interview_seconds must be at least 10".into(),
        ));
    }
    Ok(())
}

/// Checks that a base URL is absolute http(s) and makes it end with `/`.
pub fn normalize_base_url(url: &str) -> Result<String, String> {
    let url = url.trim();
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .ok_or_else(|| format!("base_url `{url}` must be an absolute http:// or https:// URL"))?;
    if rest.is_empty() || rest.starts_with('/') || url.contains(char::is_whitespace) {
        return Err(format!("base_url `{url}` has no host"));
    }
    Ok(if url.ends_with('/') {
        url.to_string()
    } else {
        format!("{url}/")
    })
}

/// The 1-based line where `key` is set (or a `[table]` header starts), for diagnostics.
fn find_key_line(text: &str, key: &str) -> Option<usize> {
    text.lines()
        .position(|l| {
            let l = l.trim_start();
            l.starts_with(key)
                && (key.starts_with('[') || l[key.len()..].trim_start().starts_with('='))
        })
        .map(|i| i + 1)
}

impl Config {
    /// The path part of `base_url` (`/repo/` for `https://user.github.io/repo/`).
    pub fn base_path(&self) -> Option<String> {
        let url = self.base_url.as_deref()?;
        let after_scheme = url.split_once("://").map_or(url, |(_, r)| r);
        let path = after_scheme.find('/').map_or("/", |i| &after_scheme[i..]);
        Some(path.to_string())
    }
}

/// Where the site's files are, relative to its root.
#[derive(Debug, Clone)]
pub struct SitePaths {
    pub root: PathBuf,
    pub content: PathBuf,
    pub templates: PathBuf,
    pub static_dir: PathBuf,
}

impl SitePaths {
    pub fn new(root: &Path) -> Self {
        Self {
            root: root.to_path_buf(),
            content: root.join(crate::names::CONTENT),
            templates: root.join(crate::names::TEMPLATES),
            static_dir: root.join(crate::names::STATIC),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_key_names_key_and_line() {
        let err = parse(
            Path::new("site.toml"),
            "title = \"t\"\n\ncolour = \"red\"\n",
        )
        .unwrap_err();
        assert_eq!(err.line, 3);
        assert!(err.message.contains("colour"), "{}", err.message);
    }

    #[test]
    fn base_url_gets_trailing_slash_and_path() {
        let c = parse(
            Path::new("s"),
            "title = \"t\"\nbase_url = \"https://u.github.io/repo\"\n",
        )
        .unwrap();
        assert_eq!(c.base_url.as_deref(), Some("https://u.github.io/repo/"));
        assert_eq!(c.base_path().as_deref(), Some("/repo/"));
    }

    #[test]
    fn relative_base_url_is_refused_at_its_line() {
        let err = parse(Path::new("s"), "title = \"t\"\nbase_url = \"/repo/\"\n").unwrap_err();
        assert_eq!(err.line, 2);
    }

    #[test]
    fn study_defaults_and_bounds() {
        let c = parse(Path::new("s"), "title = \"t\"\n").unwrap();
        assert_eq!(c.study.desired_retention, 0.9);
        assert_eq!(c.study.maximum_interval, 36500);
        let c = parse(
            Path::new("s"),
            "title = \"t\"\n[study]\ndesired_retention = 0.85\nmaximum_interval = 365\n",
        )
        .unwrap();
        assert_eq!(
            (c.study.desired_retention, c.study.maximum_interval),
            (0.85, 365)
        );
        let err = parse(
            Path::new("s"),
            "title = \"t\"\n[study]\n\ndesired_retention = 1.5\n",
        )
        .unwrap_err();
        assert_eq!((err.line, err.col), (4, 1));
        assert!(err.message.contains("0.7 to 0.99"), "{}", err.message);
        let err = parse(Path::new("s"), "title = \"t\"\n[study]\nretention = 0.8\n").unwrap_err();
        assert_eq!(err.line, 3);
        assert!(err.message.contains("retention"), "{}", err.message);
    }

    #[test]
    fn paginate_defaults_to_100_and_refuses_zero_at_its_line() {
        let c = parse(Path::new("s"), "title = \"t\"\n").unwrap();
        assert_eq!(c.paginate, 100);
        let err = parse(Path::new("s"), "title = \"t\"\npaginate = 0\n").unwrap_err();
        assert_eq!(err.line, 2);
        assert_eq!(
            err.message,
            "paginate must be at least 1 (questions per topic page)"
        );
    }

    #[test]
    fn topics_keep_their_order() {
        let c = parse(
            Path::new("s"),
            "title = \"t\"\n[topics.zeta]\ntitle = \"Z\"\n[topics.alpha]\ntitle = \"A\"\n",
        )
        .unwrap();
        let keys: Vec<_> = c.topics.keys().cloned().collect();
        assert_eq!(keys, ["zeta", "alpha"]);
    }
}
