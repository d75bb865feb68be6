//! Rendering a site plan, or some of its entries, into a sink: a staging folder (`build`),
//! the files `serve` holds, or nothing (`check`). The one place where each kind of entry meets
//! the code that makes it.

use std::borrow::Cow;
use std::sync::Mutex;

use rayon::prelude::*;

use super::Renderer;
use crate::diagnostic::Diagnostic;
use crate::markdown::Rendered;
use crate::model::Site;
use crate::output::{Contents, OutputFile, Sink};
use crate::plan::{Entry, Kind, Plan};
use crate::{aliases, feeds, markdown, names, offline, search};

/// Where question bodies come from: rendered as their pages are (`build`, which keeps only
/// what the search index and the exam data need), or kept from before (`serve`, `check`).
pub trait Bodies: Sync {
    /// Question `i`'s rendered Markdown, and the diagnostics rendering it raised.
    fn body(&self, site: &Site, i: usize) -> (Cow<'_, Rendered>, Vec<Diagnostic>);
    /// The files of the search index to write: all, or those changed since the last render.
    fn search_files(&self, site: &Site) -> search::Delta;
    /// The multiple-choice questions for mock exams (`exam-data.js`).
    fn exam_script(&self, site: &Site) -> String;
}

/// Renders `only` the given entries of `plan` (all when `None`) into `sink`. Returns the
/// warnings; on errors (each template error once), what was put into the sink is incomplete.
pub fn render(
    renderer: &Renderer,
    plan: &Plan,
    only: Option<&[usize]>,
    bodies: &dyn Bodies,
    sink: &dyn Sink,
) -> Result<Vec<Diagnostic>, Vec<Diagnostic>> {
    let site = renderer.input.site;
    let selected: Vec<&Entry> = match only {
        Some(list) => list.iter().map(|&k| &plan.entries[k]).collect(),
        None => plan.entries.iter().collect(),
    };
    let last = |e: &&Entry| matches!(e.kind, Kind::SearchIndex | Kind::ExamData | Kind::Worker);
    let (later, first): (Vec<&Entry>, Vec<&Entry>) = selected.into_iter().partition(last);
    let diagnostics = Mutex::new(Vec::new());
    let report = |d: Vec<Diagnostic>| {
        if !d.is_empty() {
            if let Ok(mut all) = diagnostics.lock() {
                all.extend(d);
            }
        }
    };
    // Pages and files that need no other entry: in parallel, each put as soon as it is made.
    first.par_iter().for_each(|entry| {
        let result = match entry.kind {
            Kind::Question(i) => {
                let (rendered, found) = bodies.body(site, i);
                let failed = found.iter().any(Diagnostic::is_error);
                report(found);
                if failed {
                    return;
                }
                renderer
                    .question_with(i, &rendered)
                    .map(|page| generated_file(entry, page.html))
            }
            _ => make(renderer, plan, entry),
        };
        let put = result.and_then(|file| sink.put(file));
        if let Err(e) = put {
            report(vec![e]);
        }
    });
    let mut diagnostics = diagnostics.into_inner().unwrap_or_default();
    let (mut errors, warnings): (Vec<Diagnostic>, Vec<Diagnostic>) =
        diagnostics.drain(..).partition(Diagnostic::is_error);
    if !errors.is_empty() {
        errors = once_per_template(errors);
        errors.extend(warnings);
        return Err(errors);
    }
    // What is made from every question, then the worker, made from every file.
    for entry in later {
        let put = match entry.kind {
            Kind::SearchIndex => {
                let delta = bodies.search_files(site);
                if delta.whole {
                    sink.clear_folder(names::SEARCH_DIR);
                }
                for path in &delta.remove {
                    sink.remove(path);
                }
                delta.put.into_par_iter().try_for_each(|(path, text)| {
                    let origin = format!("(generated) {path}");
                    sink.put(OutputFile::new(path, text_contents(text), origin))
                })
            }
            Kind::ExamData => sink.put(generated_file(entry, bodies.exam_script(site))),
            _ => {
                let (fingerprint, list) = sink.written(offline::file_list);
                let worker = offline::worker(site, &list, fingerprint);
                sink.put(worker)
            }
        };
        put.map_err(|e| vec![e])?;
    }
    Ok(warnings)
}

/// An entry that needs no question body: a site or topic page, a redirect, a generated file,
/// a copied file.
fn make(renderer: &Renderer, plan: &Plan, entry: &Entry) -> Result<OutputFile, Diagnostic> {
    let site = renderer.input.site;
    let base = || site.config.base_url.as_deref().unwrap_or_default();
    let text = match entry.kind {
        Kind::File(k) => return Ok(plan.files[k].clone()),
        Kind::SitePage(k) => renderer.site_page(k)?.html,
        Kind::TopicPage { topic, number } => renderer.topic(topic, number)?.html,
        Kind::Redirect { question, alias } => {
            let q = &site.questions[question];
            aliases::redirect_page(q, &q.front.aliases[alias])
        }
        Kind::Syntax => markdown::highlight::stylesheet(),
        Kind::AliasScript => aliases::script(site),
        Kind::NoJekyll => String::new(),
        Kind::Sitemap => feeds::sitemap(site, base()),
        Kind::Robots => feeds::robots(base()),
        Kind::Feed => feeds::atom(site, base()),
        Kind::Cname => format!("{}\n", site.config.cname.as_deref().unwrap_or("").trim()),
        Kind::Manifest => offline::manifest(site, renderer.input.static_files),
        Kind::Question(_) | Kind::SearchIndex | Kind::ExamData | Kind::Worker => {
            return Err(Diagnostic::error(
                &entry.origin,
                format!("internal error: {:?} rendered out of turn", entry.kind),
            ))
        }
    };
    Ok(generated_file(entry, text))
}

fn text_contents(text: String) -> Contents {
    Contents::Bytes(text.into_bytes())
}

/// The file of `entry` holding `text`.
fn generated_file(entry: &Entry, text: String) -> OutputFile {
    OutputFile::new(
        entry.path.clone(),
        text_contents(text),
        entry.origin.clone(),
    )
}

/// The same template error would repeat for every page: report it once.
fn once_per_template(errors: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let mut unique: Vec<Diagnostic> = Vec::new();
    for d in errors {
        let template = d.path.starts_with("templates") || d.path.starts_with("(built-in)");
        if !template || !unique.iter().any(|e| e.path == d.path) {
            unique.push(d);
        }
    }
    unique
}
