//! cramdown: a static site generator for question-and-answer study sites.
//!
//! A build is a pipeline of plain stages, each in its own module:
//! **load** (`config`, `content`) → **parse and model** (`model`: front matter, URLs, order,
//! topics) → **render** (`markdown`, then `render` with Tera; `search`, `exam`, `feeds` and `files` for the rest) → **write**
//! (`output`: a staging folder swapped in whole).

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
pub mod files;
pub mod html;
pub mod import;
pub mod markdown;
pub mod model;
pub mod offline;
pub mod output;
pub mod render;
pub mod scaffold;
pub mod search;
pub mod serve;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::config::SitePaths;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::markdown::{PageContext, Rendered};
use crate::output::{Contents, OutputFile};

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
    let paths = SitePaths::new(&options.root);
    let output = options.output_dir();
    output::check_output_dir(&paths, &output)?;
    let Loaded {
        site,
        templates,
        static_files,
        mut timings,
    } = load(options)?;

    let t = Instant::now();
    let mut warnings = Vec::new();
    let intros = render_intros(&site, &mut warnings);
    let input = render::RenderInput {
        site: &site,
        templates: &templates,
        questions: &[],
        intros: &intros,
    };
    let renderer = render::Renderer::new(&input);
    let assets = files::asset_files(&site, &static_files);
    let pages = renderer.page_paths();
    let generated_names = files::generated_paths(&site);
    let plan = pages
        .iter()
        .map(|(p, o)| (p.as_str(), o.as_path()))
        .chain(
            generated_names
                .iter()
                .map(|(p, o)| (p.as_str(), o.as_path())),
        )
        .chain(assets.iter().map(|f| (f.path.as_str(), f.origin.as_path())));
    let collisions = output::check_collisions(plan.clone());
    if !collisions.is_empty() {
        return Err(sorted(collisions));
    }
    output::write_site(&output, |dir| {
        output::make_folders(dir, plan.clone().map(|(p, _)| p))?;
        let fingerprint = offline::Fingerprint::default();
        let offline = offline::enabled(&site);
        let write_page = |page: render::Page| {
            if offline {
                fingerprint.add(&page.path, page.html.as_bytes());
            }
            let file = OutputFile::new(
                page.path,
                Contents::Bytes(page.html.into_bytes()),
                "(generated)",
            );
            output::write_file(dir, &file)
        };
        // Every question: Markdown, page, write; keep its search text and diagnostics. The
        // other pages (index, topics) need only the model: they render at the same time.
        let (results, singles) = rayon::join(
            || {
                (0..site.questions.len())
                    .into_par_iter()
                    .map(|i| {
                        let mut diagnostics = Vec::new();
                        let rendered = render_question(&site, &site.questions[i], &mut diagnostics);
                        let page = if diagnostics.iter().any(Diagnostic::is_error) {
                            Ok(())
                        } else {
                            renderer.question_with(i, &rendered).and_then(write_page)
                        };
                        let entry = exam::Entry::of(i, &rendered);
                        (rendered.text, entry, diagnostics, page.err())
                    })
                    .collect::<Vec<_>>()
            },
            || renderer.each_single(write_page),
        );
        let mut texts = Vec::with_capacity(results.len());
        let mut entries = Vec::new();
        let mut errors = singles.err().unwrap_or_default();
        for (text, entry, diagnostics, template_error) in results {
            texts.push(text);
            entries.extend(entry);
            for d in diagnostics {
                if d.is_error() {
                    errors.push(d);
                } else {
                    warnings.push(d);
                }
            }
            // A template error repeats for every page: keep it once.
            if let Some(e) = template_error.filter(|e| !errors.iter().any(|x| x.path == e.path)) {
                errors.push(e);
            }
        }
        if !errors.is_empty() {
            errors.append(&mut warnings);
            return Err(sorted(errors));
        }
        let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
        let mut files = files::site_files(
            &site,
            &static_files,
            search::index_files(&site, &texts),
            exam::script(&site, &entries),
        );
        // The search index's term shards are known only now: check them against the plan.
        let shards: Vec<(String, PathBuf)> = files
            .iter()
            .filter(|f| !generated_names.iter().any(|(p, _)| *p == f.path))
            .map(|f| (f.path.clone(), f.origin.clone()))
            .collect();
        // Shards first: a content file that meets one is the one reported.
        let mut all: Vec<(&str, &Path)> = shards
            .iter()
            .map(|(p, o)| (p.as_str(), o.as_path()))
            .collect();
        for (path, origin) in plan.clone() {
            all.push((path, origin));
        }
        let collisions = output::check_collisions(all.iter().copied());
        if !collisions.is_empty() {
            return Err(sorted(collisions));
        }
        files.extend(assets.iter().cloned());
        files
            .par_iter()
            .try_for_each(|f| {
                if offline {
                    let bytes = f
                        .bytes()
                        .map_err(|e| Diagnostic::error(&f.origin, format!("cannot read: {e}")))?;
                    fingerprint.add(&f.path, &bytes);
                }
                output::write_file(dir, f)
            })
            .map_err(Diagnostics::from)?;
        if offline {
            // Every output file, the search index's term shards included.
            let paths = plan.clone().map(|(p, _)| p);
            let paths = paths.chain(shards.iter().map(|(p, _)| p.as_str()));
            let worker = offline::worker(&site, paths, fingerprint.value());
            output::write_file(dir, &worker)?;
        }
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
    let paths = SitePaths::new(&options.root);
    let mut timings = Vec::new();

    let t = Instant::now();
    let mut config = config::load(&paths.root)?;
    if let Some(url) = &options.base_url {
        config.base_url =
            Some(config::normalize_base_url(url).map_err(|m| Diagnostic::error("--base-url", m))?);
    }
    let sources = content::load(&paths.root, &paths.content).map_err(sorted)?;
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

/// Templates and the files around them: every file of the output, in memory, checked for
/// collisions (what `serve` holds).
pub fn assemble(prepared: &Prepared) -> Result<Vec<OutputFile>, Diagnostics> {
    let site = &prepared.site;
    let input = render::RenderInput {
        site,
        templates: &prepared.templates,
        questions: &prepared.rendered,
        intros: &prepared.intros,
    };
    let renderer = render::Renderer::new(&input);
    let (pages, others) = rayon::join(|| renderer.all(), || files::other_files(prepared));
    let pages = pages.map_err(sorted)?;
    let sources: HashMap<&str, &Path> = site
        .questions
        .iter()
        .map(|q| (q.url.as_str(), q.path.as_path()))
        .collect();
    let mut files: Vec<OutputFile> = pages
        .into_iter()
        .map(|p| {
            let origin = sources.get(p.path.as_str()).map_or_else(
                || PathBuf::from(format!("(generated) {}", p.path)),
                |s| s.to_path_buf(),
            );
            OutputFile::new(p.path, Contents::Bytes(p.html.into_bytes()), origin)
        })
        .collect();
    files.extend(others);
    if offline::enabled(site) {
        offline::add_worker(site, &mut files)
            .map_err(|e| Diagnostic::error("(generated) sw.js", format!("cannot read: {e}")))?;
    }
    let collisions =
        output::check_collisions(files.iter().map(|f| (f.path.as_str(), f.origin.as_path())));
    if !collisions.is_empty() {
        return Err(sorted(collisions));
    }
    Ok(files)
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
    let ctx = PageContext {
        site,
        rel: &q.rel,
        page_url: &q.url,
        path: &q.path,
        text: &q.text,
        body_offset: q.body_offset,
    };
    let rendered = markdown::render(&ctx, true, diagnostics);
    if q.front.shuffle.is_some() && rendered.choices.is_empty() {
        let front = &q.text[..q.body_offset];
        let line = content::front_matter::field_line(front, "shuffle").unwrap_or(1);
        diagnostics.push(
            Diagnostic::warning(
                &q.path,
                "`shuffle` applies only to a question with a `## Choices` section",
            )
            .at(line, 1),
        );
    }
    rendered
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
