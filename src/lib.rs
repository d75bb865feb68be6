//! cramdown: a static site generator for question-and-answer study sites.
//!
//! A build is a pipeline of plain stages, each in its own module:
//! **load** (`config`, `content`) → **model** (`model`: front matter, URLs, order, topics) →
//! **plan** (`plan`: every output file, where it comes from, what it is made from) →
//! **render** (`markdown`, then `render` with Tera; `search`, `exam`, `feeds`, `aliases` and
//! `offline` for the other files) into a **sink** (`output`: a staging folder swapped in whole;
//! `serve`: files in memory; `check`: nothing). See docs/ARCHITECTURE.md.

pub mod aliases;
pub mod anki;
pub mod assets;
pub mod check;
pub mod cli;
pub mod config;
pub mod content;
pub mod diagnostic;
pub mod escape;
pub mod exam;
pub mod feeds;
pub mod hash;
pub mod html;
pub mod import;
pub mod markdown;
pub mod model;
pub mod names;
pub mod offline;
pub mod output;
pub mod plan;
pub mod render;
pub mod scaffold;
pub mod search;
pub mod serve;
pub mod walk;

use std::borrow::Cow;
use std::path::PathBuf;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::config::SitePaths;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::markdown::{PageContext, Rendered};
use crate::output::OutputFile;

/// What to build and where.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The site root: holds `site.toml` and `content/`.
    pub root: PathBuf,
    /// Output folder; `<root>/public` when not given.
    pub output: Option<PathBuf>,
    /// Include questions marked `draft = true`.
    pub drafts: bool,
    /// Overrides `base_url` of site.toml.
    pub base_url: Option<String>,
}

impl BuildOptions {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        Self {
            root: root.into(),
            output: None,
            drafts: false,
            base_url: None,
        }
    }

    pub fn output_dir(&self) -> PathBuf {
        self.output
            .clone()
            .unwrap_or_else(|| self.root.join("public"))
    }
}

/// What a successful build reports.
pub struct BuildReport {
    pub questions: usize,
    pub topics: usize,
    pub warnings: Vec<Diagnostic>,
    /// How long each stage took, in pipeline order.
    pub timings: Vec<(&'static str, Duration)>,
    pub output: PathBuf,
    pub elapsed: Duration,
}

/// Builds the site and writes it. On any error nothing is written and the previous output
/// stays as it was.
///
/// Markdown, templates and writing run in one parallel pass over the questions: each question's
/// page is written as soon as it is rendered, and only its search text is kept, so memory
/// stays small however large the bank.
pub fn build(options: &BuildOptions) -> Result<BuildReport, Diagnostics> {
    let start = Instant::now();
    let output = options.output_dir();
    output::check_output_dir(&SitePaths::new(&options.root), &output)?;
    let Loaded {
        site,
        templates,
        static_files,
        mut timings,
    } = load_model(options, content::Keep::Within(KEEP_WHOLE))?;

    let t = Instant::now();
    let mut warnings = Vec::new();
    let intros = render_intros(&site, &mut warnings);
    if warnings.iter().any(Diagnostic::is_error) {
        return Err(sorted(warnings));
    }
    let plan = plan(&site, &templates, &static_files)?;
    timings.push(("plan", t.elapsed()));

    let t = Instant::now();
    let bodies = StreamedBodies::new(&site);
    let input = render::RenderInput {
        site: &site,
        templates: &templates,
        intros: &intros,
        static_files: &static_files,
    };
    let renderer = render::Renderer::new(&input);
    output::write_site(&output, |dir| {
        let folder = output::Folder::new(dir, offline::enabled(&site));
        let paths: Vec<String> = plan.paths().collect();
        output::make_folders(dir, paths.iter().map(String::as_str))?;
        let found = render::render(&renderer, &plan, None, &bodies, &folder).map_err(sorted)?;
        warnings.extend(found);
        Ok(())
    })?;
    timings.push(("render+write", t.elapsed()));
    warnings.sort_by(|a, b| (&a.path, a.line).cmp(&(&b.path, b.line)));
    Ok(BuildReport {
        questions: site.questions.len(),
        topics: site.topics.len(),
        warnings,
        timings,
        output,
        elapsed: start.elapsed(),
    })
}

/// The plan of a site, checked for collisions.
pub fn plan(
    site: &model::Site,
    templates: &render::Templates,
    static_files: &[OutputFile],
) -> Result<plan::Plan, Diagnostics> {
    let plan = plan::Plan::new(site, templates, static_files);
    let collisions = plan.collisions();
    if collisions.is_empty() {
        Ok(plan)
    } else {
        Err(sorted(collisions))
    }
}

/// How many bytes of question files a build keeps from the load to the render: a bank of
/// 10,000 questions is read once; past this, files are read again as their pages render, so
/// memory stays bounded however large the bank.
const KEEP_WHOLE: usize = 48 << 20;

/// Question bodies as `build` renders them: each when its page is, adding its words to the
/// search index and keeping, for a multiple-choice question, what the exam data needs.
struct StreamedBodies {
    search: search::Builder,
    exam: Vec<OnceLock<Option<exam::Entry>>>,
}

impl StreamedBodies {
    fn new(site: &model::Site) -> Self {
        Self {
            search: search::Builder::new(site),
            exam: site.questions.iter().map(|_| OnceLock::new()).collect(),
        }
    }
}

impl render::Bodies for StreamedBodies {
    fn body(&self, site: &model::Site, i: usize) -> (Cow<'_, Rendered>, Vec<Diagnostic>) {
        let q = &site.questions[i];
        let mut diagnostics = Vec::new();
        let rendered = if q.text.len() > q.body_offset {
            // Kept whole by the load (`content::Keep::Within`).
            render_question(site, q, &mut diagnostics)
        } else {
            // The model holds the front matter only: read the file again.
            let read = content::read_text(&q.path).and_then(|text| {
                let offset = content::front_matter::split(&q.path, &text)?.body_offset;
                Ok(render_question_text(
                    site,
                    q,
                    &text,
                    offset,
                    &mut diagnostics,
                ))
            });
            read.unwrap_or_else(|e| {
                diagnostics.push(e);
                Rendered::default()
            })
        };
        self.search.add(site, i, &rendered.text);
        let _ = self.exam[i].set(exam::Entry::of(i, &rendered));
        (Cow::Owned(rendered), diagnostics)
    }

    fn search_files(&self, site: &model::Site) -> search::Delta {
        search::Delta::whole(self.search.files(site))
    }

    fn exam_script(&self, site: &model::Site) -> String {
        let entries: Vec<&exam::Entry> = self
            .exam
            .iter()
            .filter_map(|k| k.get().and_then(Option::as_ref))
            .collect();
        exam::script(site, &entries)
    }
}

/// The products of the load, model and Markdown stages: what templates are rendered from.
/// `serve` keeps one and updates it piece by piece.
pub struct Prepared {
    pub site: model::Site,
    pub templates: render::Templates,
    /// Rendered Markdown of each question, in `site.questions` order.
    pub rendered: Vec<Rendered>,
    /// Rendered intros by folder (`""`: home).
    pub intros: Vec<(String, String)>,
    pub static_files: Vec<OutputFile>,
    pub warnings: Vec<Diagnostic>,
    pub timings: Vec<(&'static str, Duration)>,
}

/// The products of the load and model stages.
pub struct Loaded {
    pub site: model::Site,
    pub templates: render::Templates,
    pub static_files: Vec<OutputFile>,
    pub timings: Vec<(&'static str, Duration)>,
}

/// Load and model: site.toml, content, templates and static files, read and checked; front
/// matter parsed; URLs, order and topics computed. Nothing is rendered yet.
pub fn load(options: &BuildOptions) -> Result<Loaded, Diagnostics> {
    load_model(options, content::Keep::Whole)
}

/// `load`, keeping of each question file what `keep` says.
fn load_model(options: &BuildOptions, keep: content::Keep) -> Result<Loaded, Diagnostics> {
    let paths = SitePaths::new(&options.root);
    let mut timings = Vec::new();

    let t = Instant::now();
    let mut config = config::load(&paths.root)?;
    if let Some(url) = &options.base_url {
        config.base_url =
            Some(config::normalize_base_url(url).map_err(|m| Diagnostic::error("--base-url", m))?);
    }
    let sources = content::load(&paths.root, &paths.content, keep).map_err(sorted)?;
    let templates = render::load_templates(&paths.templates)?;
    let static_files = assets::static_files(&paths.root, &paths.static_dir).map_err(sorted)?;
    timings.push(("load", t.elapsed()));

    let t = Instant::now();
    let model_options = model::ModelOptions {
        drafts: options.drafts,
    };
    let site = model::build(config, sources, model_options).map_err(sorted)?;
    timings.push(("model", t.elapsed()));
    Ok(Loaded {
        site,
        templates,
        static_files,
        timings,
    })
}

/// Load, model, and every question's Markdown rendered (what `serve` and `check` keep).
pub fn prepare(options: &BuildOptions) -> Result<Prepared, Diagnostics> {
    let Loaded {
        site,
        templates,
        static_files,
        mut timings,
    } = load(options)?;
    let t = Instant::now();
    let (rendered, intros, mut warnings) = render_markdown(&site);
    timings.push(("markdown", t.elapsed()));
    if warnings.iter().any(Diagnostic::is_error) {
        return Err(sorted(warnings));
    }
    warnings.sort_by(|a, b| (&a.path, a.line).cmp(&(&b.path, b.line)));
    Ok(Prepared {
        site,
        templates,
        rendered,
        intros,
        static_files,
        warnings,
        timings,
    })
}

impl render::Bodies for Prepared {
    fn body(&self, _site: &model::Site, i: usize) -> (Cow<'_, Rendered>, Vec<Diagnostic>) {
        (Cow::Borrowed(&self.rendered[i]), Vec::new())
    }

    fn search_files(&self, site: &model::Site) -> search::Delta {
        let texts: Vec<&str> = self.rendered.iter().map(|r| r.text.as_str()).collect();
        search::Delta::whole(search::index_files(site, &texts))
    }

    fn exam_script(&self, site: &model::Site) -> String {
        exam::script_from_rendered(site, &self.rendered)
    }
}

impl Prepared {
    /// What the templates read besides the model and the bodies.
    pub fn render_input(&self) -> render::RenderInput<'_> {
        render::RenderInput {
            site: &self.site,
            templates: &self.templates,
            intros: &self.intros,
            static_files: &self.static_files,
        }
    }
}

/// Renders every question and intro (in parallel). Returns their HTML and all diagnostics.
pub fn render_markdown(
    site: &model::Site,
) -> (Vec<Rendered>, Vec<(String, String)>, Vec<Diagnostic>) {
    let results: Vec<(Rendered, Vec<Diagnostic>)> = site
        .questions
        .par_iter()
        .map(|q| {
            let mut diagnostics = Vec::new();
            let rendered = render_question(site, q, &mut diagnostics);
            (rendered, diagnostics)
        })
        .collect();
    let mut diagnostics = Vec::new();
    let mut rendered = Vec::with_capacity(results.len());
    for (r, d) in results {
        rendered.push(r);
        diagnostics.extend(d);
    }
    let intros = render_intros(site, &mut diagnostics);
    (rendered, intros, diagnostics)
}

/// One question's Markdown: prompt, answer, search text, anchors and links.
pub fn render_question(
    site: &model::Site,
    q: &model::Question,
    diagnostics: &mut Vec<Diagnostic>,
) -> Rendered {
    render_question_text(site, q, &q.text, q.body_offset, diagnostics)
}

/// `render_question` with the question's file text, and where its body starts, given apart (a
/// build reads the file again when it renders the page).
fn render_question_text(
    site: &model::Site,
    q: &model::Question,
    text: &str,
    body_offset: usize,
    diagnostics: &mut Vec<Diagnostic>,
) -> Rendered {
    let ctx = PageContext {
        site,
        rel: &q.rel,
        page_url: &q.url,
        path: &q.path,
        text,
        body_offset,
    };
    let rendered = markdown::render(&ctx, true, diagnostics);
    let front = text.get(..body_offset).unwrap_or_default();
    diagnostics.extend(choice_fields(site, q, front, !rendered.choices.is_empty()));
    rendered
}

/// What the front matter fields that only multiple-choice questions use say about a question:
/// `shuffle` or `domain` on an open question, and no `domain` when the site has a blueprint.
fn choice_fields(
    site: &model::Site,
    q: &model::Question,
    front: &str,
    has_choices: bool,
) -> Vec<Diagnostic> {
    let at = |field: &str| content::front_matter::field_position(front, field).unwrap_or((1, 1));
    let mut found = Vec::new();
    if q.front.shuffle.is_some() && !has_choices {
        let (line, col) = at("shuffle");
        found.push(
            Diagnostic::warning(
                &q.path,
                "`shuffle` applies only to a question with a `## Choices` section",
            )
            .at(line, col),
        );
    }
    if q.front.domain.is_some() && !has_choices {
        let (line, col) = at("domain");
        found.push(
            Diagnostic::error(
                &q.path,
                "`domain` applies only to a question with a `## Choices` section (exams draw multiple-choice questions)",
            )
            .at(line, col),
        );
    }
    let blueprint = &site.config.exam.domains;
    if q.front.domain.is_none() && has_choices && !blueprint.is_empty() {
        let ids: Vec<&str> = blueprint.iter().map(|d| d.id.get_ref().as_str()).collect();
        found.push(
            Diagnostic::warning(
                &q.path,
                format!(
                    "multiple-choice question without a `domain`: exams never draw it (site.toml's blueprint has {})",
                    ids.join(", ")
                ),
            )
            .at(1, 1),
        );
    }
    found
}

/// The `_index.md` introductions, by folder (`""`: the home page).
fn render_intros(site: &model::Site, diagnostics: &mut Vec<Diagnostic>) -> Vec<(String, String)> {
    let mut intros = Vec::new();
    for intro in &site.intros {
        let Some(page_url) = site.pages_by_source.get(&intro.rel) else {
            continue;
        };
        let ctx = PageContext {
            site,
            rel: &intro.rel,
            page_url,
            path: &intro.path,
            text: &intro.text,
            body_offset: intro.body_offset,
        };
        let r = markdown::render(&ctx, false, diagnostics);
        intros.push((intro.folder.clone(), r.answer));
    }
    intros
}

fn sorted(list: Vec<Diagnostic>) -> Diagnostics {
    let mut d = Diagnostics(list);
    d.sort();
    d
}
