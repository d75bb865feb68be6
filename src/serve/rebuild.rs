//! Incremental rebuilds for `serve`: a change is mapped to the inputs it touched (a question's
//! body or summary, a template, a static file), and the site plan says which entries read them;
//! only those render again. A change that alters the plan itself (site.toml, a new, deleted or
//! renamed file, a change of order, topics, URL, aliases or draft state, an introduction)
//! plans and renders the site again. Either way the result is a cold build's, byte for byte
//! (tests/serve_equals_build.rs holds it to that).

use std::borrow::Cow;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use super::files::{count_changes, Memory, Served};
use crate::config::SitePaths;
use crate::content::{self, Kind, SourceFile};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::markdown::Rendered;
use crate::model::{self, Site};
use crate::names;
use crate::plan::{Input, Plan};
use crate::render::{self, Bodies, Renderer};
use crate::search::{Delta, LiveIndex};
use crate::{prepare, BuildOptions, Prepared};

/// The dev server's view of the site: what it was built from, its plan, and the files it serves.
pub struct State {
    options: BuildOptions,
    paths: SitePaths,
    prepared: Prepared,
    plan: Plan,
    search: LiveIndex,
    /// What is served; its files are shared with the published snapshot.
    pub served: Served,
}

/// What a rebuild did.
pub struct Outcome {
    pub what: String,
    pub files: usize,
    pub warnings: Vec<Diagnostic>,
}

/// How a changed path affects the site.
#[derive(Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Change {
    Question(String),
    Static,
    Templates,
    /// Anything that changes the plan.
    Site,
}

impl State {
    /// A full build, in memory.
    pub fn new(options: BuildOptions) -> Result<(State, Vec<Diagnostic>), Diagnostics> {
        let paths = SitePaths::new(&options.root);
        let (prepared, plan, search, served) = build_all(&options)?;
        let warnings = prepared.warnings.clone();
        let state = State {
            options,
            paths,
            prepared,
            plan,
            search,
            served,
        };
        Ok((state, warnings))
    }

    /// Applies a batch of changed paths. On error the state is unchanged.
    pub fn apply(&mut self, changed: &[PathBuf]) -> Result<Option<Outcome>, Diagnostics> {
        let mut changes: Vec<Change> = changed.iter().filter_map(|p| self.classify(p)).collect();
        changes.sort();
        changes.dedup();
        let outcome = match changes.as_slice() {
            [] => return Ok(None),
            [Change::Question(rel)] => match self.question_changed(rel)? {
                Some(outcome) => outcome,
                None => self.rebuild_all()?,
            },
            [Change::Templates] => self.templates_changed()?,
            [Change::Static] => match self.static_changed()? {
                Some(outcome) => outcome,
                None => self.rebuild_all()?,
            },
            _ => self.rebuild_all()?,
        };
        Ok(Some(outcome))
    }

    fn classify(&self, path: &Path) -> Option<Change> {
        let rel = path.strip_prefix(&self.paths.root).unwrap_or(path);
        let mut parts = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned());
        let first = parts.next()?;
        let rest: Vec<String> = parts.collect();
        if first == names::SITE_TOML {
            return Some(Change::Site);
        }
        if rest.iter().any(|p| p.starts_with('.')) {
            return None;
        }
        match first.as_str() {
            names::TEMPLATES => Some(Change::Templates),
            names::STATIC => Some(Change::Static),
            names::CONTENT => {
                let name = rest.last()?;
                let under = rest.join("/");
                // A file that came and went within the batch (an editor's or `sed -i`'s
                // temporary file, saved over the question) is no change to the site.
                if !path.exists() && !self.prepared.site.read_from(&under) {
                    return None;
                }
                if name.ends_with(".md") && name != "_index.md" {
                    Some(Change::Question(under))
                } else {
                    Some(Change::Site)
                }
            }
            _ => None,
        }
    }

    fn rebuild_all(&mut self) -> Result<Outcome, Diagnostics> {
        let (prepared, plan, search, served) = build_all(&self.options)?;
        let count = count_changes(&self.served.files, &served.files);
        self.served = served;
        let warnings = prepared.warnings.clone();
        self.prepared = prepared;
        self.plan = plan;
        self.search = search;
        Ok(Outcome {
            what: "the site".into(),
            files: count,
            warnings,
        })
    }

    /// Renders the entries that read any of `changed` into the served files.
    fn render_affected(&mut self, changed: &[Input]) -> Result<usize, Diagnostics> {
        let affected = self.plan.affected(&self.prepared.site, changed);
        let memory = Memory::of(&self.served);
        let input = self.prepared.render_input();
        let renderer = Renderer::new(&input);
        let bodies = Kept {
            rendered: &self.prepared.rendered,
            search: &self.search,
            whole: false,
            asked: AtomicBool::new(false),
        };
        render::render(&renderer, &self.plan, Some(&affected), &bodies, &memory)
            .map_err(Diagnostics)?;
        if bodies.asked.into_inner() {
            self.search.mark_written();
        }
        let (served, changed) = memory.into_parts();
        self.served = served;
        Ok(changed)
    }

    fn templates_changed(&mut self) -> Result<Outcome, Diagnostics> {
        let templates = render::load_templates(&self.paths.templates)?;
        let names = templates.changed_since(&self.prepared.templates);
        let what = names
            .iter()
            .map(|n| format!("{}/{n}", names::TEMPLATES))
            .collect::<Vec<_>>()
            .join(", ");
        let changed: Vec<Input> = names.into_iter().map(Input::Template).collect();
        // Which template reaches which is part of the plan: plan again with the new ones.
        let prepared = &self.prepared;
        let plan = Plan::new(&prepared.site, &templates, &prepared.static_files);
        let old_plan = std::mem::replace(&mut self.plan, plan);
        let old = std::mem::replace(&mut self.prepared.templates, templates);
        let what = if what.is_empty() {
            names::TEMPLATES.into()
        } else {
            what
        };
        self.render_or_undo(&changed, what, Vec::new(), move |state| {
            state.prepared.templates = old;
            state.plan = old_plan;
        })
    }

    /// Static files changed in place re-render the entries that read them. `Ok(None)`: a file
    /// came or went, which changes the plan.
    fn static_changed(&mut self) -> Result<Option<Outcome>, Diagnostics> {
        let fresh = crate::assets::static_files(&self.paths.root, &self.paths.static_dir)
            .map_err(Diagnostics)?;
        let old = &self.prepared.static_files;
        let same_set =
            fresh.len() == old.len() && fresh.iter().zip(old).all(|(a, b)| a.path == b.path);
        if !same_set {
            return Ok(None);
        }
        // Compared with what is served: a copied file's old bytes are gone from the disk.
        let mut changed = Vec::new();
        for file in &fresh {
            let bytes = file
                .bytes()
                .map_err(|e| Diagnostic::error(&file.origin, format!("cannot read: {e}")))?;
            if self.served.files.get(&file.path).map(|b| &b[..]) != Some(&bytes[..]) {
                changed.push(Input::Static(file.path.clone()));
            }
        }
        let prepared = &self.prepared;
        let plan = Plan::new(&prepared.site, &prepared.templates, &fresh);
        let old_static = std::mem::replace(&mut self.prepared.static_files, fresh);
        let old_plan = std::mem::replace(&mut self.plan, plan);
        let what = "static files".into();
        let outcome = self.render_or_undo(&changed, what, Vec::new(), move |state| {
            state.prepared.static_files = old_static;
            state.plan = old_plan;
        });
        outcome.map(Some)
    }

    /// One edited question. `Ok(None)`: the edit changes the plan (new, deleted or renamed
    /// file, a change of order, topics, URL, aliases or draft state).
    fn question_changed(&mut self, rel: &str) -> Result<Option<Outcome>, Diagnostics> {
        let site = &self.prepared.site;
        let Some(index) = site.questions.iter().position(|q| q.rel == rel) else {
            return Ok(None);
        };
        let path = self.paths.content.join(rel);
        let Ok(bytes) = std::fs::read(&path) else {
            return Ok(None);
        };
        let text = content::decode(&path, bytes)?;
        let source = SourceFile {
            kind: Kind::Question,
            rel: rel.to_string(),
            path,
            text,
        };
        let question = model::read_question(source)?;
        let old = &site.questions[index];
        if question.url != old.url
            || question.front.draft
            || question.front.weight != old.front.weight
            || question.front.topics != old.front.topics
            || question.front.aliases != old.front.aliases
        {
            return Ok(None);
        }
        let mut changed = vec![Input::Body(index)];
        if question.front.title != old.front.title
            || question.front.difficulty != old.front.difficulty
        {
            changed.push(Input::Summary(index));
        }
        if question.front.updated != old.front.updated {
            changed.push(Input::Date(index));
        }
        let mut diagnostics = Vec::new();
        let rendered = crate::render_question(site, &question, &mut diagnostics);
        if diagnostics.iter().any(Diagnostic::is_error) {
            return Err(Diagnostics(diagnostics));
        }
        // The new question in place, and back again if its page does not render.
        let old_question = std::mem::replace(&mut self.prepared.site.questions[index], question);
        let old_rendered = std::mem::replace(&mut self.prepared.rendered[index], rendered);
        self.search.update(
            &self.prepared.site,
            index,
            &self.prepared.rendered[index].text,
        );
        let what = format!("{}/{rel}", names::CONTENT);
        let outcome = self.render_or_undo(&changed, what, diagnostics, move |state| {
            state.prepared.site.questions[index] = old_question;
            state.prepared.rendered[index] = old_rendered;
            let text = &state.prepared.rendered[index].text;
            state.search.update(&state.prepared.site, index, text);
        });
        outcome.map(Some)
    }

    /// Renders what `changed` reaches into the served files; on an error, `undo` puts back what
    /// the caller changed, so the state is as before.
    fn render_or_undo(
        &mut self,
        changed: &[Input],
        what: String,
        warnings: Vec<Diagnostic>,
        undo: impl FnOnce(&mut State),
    ) -> Result<Outcome, Diagnostics> {
        match self.render_affected(changed) {
            Ok(files) => Ok(Outcome {
                what,
                files,
                warnings,
            }),
            Err(e) => {
                undo(self);
                Err(e)
            }
        }
    }
}

/// Load, model, Markdown, plan, and every entry rendered into memory.
fn build_all(options: &BuildOptions) -> Result<(Prepared, Plan, LiveIndex, Served), Diagnostics> {
    let prepared = prepare(options)?;
    let site = &prepared.site;
    let plan = crate::plan(site, &prepared.templates, &prepared.static_files)?;
    let texts: Vec<&str> = prepared.rendered.iter().map(|r| r.text.as_str()).collect();
    let search = LiveIndex::new(site, &texts);
    let memory = Memory::default();
    {
        let input = prepared.render_input();
        let renderer = Renderer::new(&input);
        let bodies = Kept {
            rendered: &prepared.rendered,
            search: &search,
            whole: true,
            asked: AtomicBool::new(false),
        };
        render::render(&renderer, &plan, None, &bodies, &memory).map_err(Diagnostics)?;
    }
    Ok((prepared, plan, search, memory.into_parts().0))
}

/// The bodies `serve` keeps, with its live search index: written whole, or what changed
/// (`asked` says whether the render wrote it).
struct Kept<'a> {
    rendered: &'a [Rendered],
    search: &'a LiveIndex,
    whole: bool,
    asked: AtomicBool,
}

impl Bodies for Kept<'_> {
    fn body(&self, _site: &Site, i: usize) -> (Cow<'_, Rendered>, Vec<Diagnostic>) {
        (Cow::Borrowed(&self.rendered[i]), Vec::new())
    }

    fn search_files(&self, site: &Site) -> Delta {
        self.asked.store(true, Ordering::Relaxed);
        if self.whole {
            Delta::whole(self.search.files(site))
        } else {
            self.search.changes(site)
        }
    }

    fn exam_script(&self, site: &Site) -> String {
        crate::exam::script_from_rendered(site, self.rendered)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(root: &Path, rel: &str, text: &str) {
        let path = root.join(rel);
        std::fs::create_dir_all(path.parent().expect("a folder")).expect("mkdir");
        std::fs::write(path, text).expect("write");
    }

    /// Editors and `sed -i` save through a temporary file beside the question and rename it
    /// over the question: both paths arrive in one batch, the temporary one already gone.
    #[test]
    fn a_temporary_file_gone_by_the_batch_is_no_change() {
        let dir = tempfile::tempdir().expect("tempdir");
        let root = dir.path().canonicalize().expect("root");
        write(
            &root,
            "site.toml",
            "title = \"T\"\n[topics.s3]\ntitle = \"S3\"\n",
        );
        let question = |answer: &str| {
            format!("+++\ntitle = \"Q\"\ntopics = [\"s3\"]\n+++\n\nWhy?\n\n## Answer\n\n{answer}\n")
        };
        write(&root, "content/s3/q.md", &question("First."));
        let (mut state, _) = State::new(BuildOptions::new(&root)).expect("first build");
        write(&root, "content/s3/q.md", &question("Second."));
        let batch = [
            root.join("content/s3/sedX1y2Z3"),
            root.join("content/s3/q.md"),
        ];
        let outcome = state.apply(&batch).expect("rebuild").expect("a change");
        assert_eq!(outcome.what, "content/s3/q.md");
        // A question deleted is a change, though its path is gone too.
        std::fs::remove_file(root.join("content/s3/q.md")).expect("rm");
        write(&root, "content/s3/other.md", &question("Other."));
        let batch = [root.join("content/s3/q.md")];
        let outcome = state.apply(&batch).expect("rebuild").expect("a change");
        assert_eq!(outcome.what, "the site");
    }
}
