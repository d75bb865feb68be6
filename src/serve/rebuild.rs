//! Incremental rebuilds for `serve`: a changed question re-renders its own Markdown and only the
//! pages that show it; templates re-render pages from the Markdown already rendered; anything
//! else (site.toml, new or deleted files, a changed order) rebuilds in full. The result is the
//! same as a cold build, byte for byte (a test holds it to that).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::config::SitePaths;
use crate::content::{self, Kind, SourceFile};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::model;
use crate::output::OutputFile;
use crate::render::{RenderInput, Renderer};
use crate::search::LiveIndex;
use crate::{assemble, prepare, BuildOptions, Prepared};

/// The dev server's view of the site: what it was built from and the files it serves.
pub struct State {
    options: BuildOptions,
    paths: SitePaths,
    prepared: Prepared,
    search: LiveIndex,
    /// The files served; shared with the published snapshot until the next change.
    pub files: Arc<HashMap<String, Arc<[u8]>>>,
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
    Everything,
}

impl State {
    /// A full build, in memory.
    pub fn new(options: BuildOptions) -> Result<(State, Vec<Diagnostic>), Diagnostics> {
        let paths = SitePaths::new(&options.root);
        let prepared = prepare(&options)?;
        let files = Arc::new(to_map(assemble(&prepared)?)?);
        let warnings = prepared.warnings.clone();
        let search = live_index(&prepared);
        Ok((
            State {
                options,
                paths,
                prepared,
                search,
                files,
            },
            warnings,
        ))
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
                None => self.rebuild_all("the site")?,
            },
            [Change::Templates] => self.templates_changed()?,
            [Change::Static] => match self.static_changed()? {
                Some(outcome) => outcome,
                None => self.rebuild_all("the site")?,
            },
            _ => self.rebuild_all("the site")?,
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
        let hidden = rest.iter().any(|p| p.starts_with('.'));
        match first.as_str() {
            "site.toml" => Some(Change::Everything),
            _ if hidden => None,
            "templates" => Some(Change::Templates),
            "static" => Some(Change::Static),
            "content" => {
                let rel = rest.join("/");
                let name = rest.last()?;
                if name.ends_with(".md") && name != "_index.md" {
                    Some(Change::Question(rel))
                } else {
                    Some(Change::Everything)
                }
            }
            _ => None,
        }
    }

    fn rebuild_all(&mut self, what: &str) -> Result<Outcome, Diagnostics> {
        let prepared = prepare(&self.options)?;
        let files = to_map(assemble(&prepared)?)?;
        let count = self.swap_files(files);
        let warnings = prepared.warnings.clone();
        self.search = live_index(&prepared);
        self.prepared = prepared;
        Ok(Outcome {
            what: what.to_string(),
            files: count,
            warnings,
        })
    }

    fn templates_changed(&mut self) -> Result<Outcome, Diagnostics> {
        let templates = crate::render::load_templates(&self.paths.templates)?;
        let old = std::mem::replace(&mut self.prepared.templates, templates);
        match assemble(&self.prepared).and_then(to_map) {
            Ok(files) => {
                let count = self.swap_files(files);
                Ok(Outcome {
                    what: "templates".into(),
                    files: count,
                    warnings: Vec::new(),
                })
            }
            Err(e) => {
                self.prepared.templates = old;
                Err(e)
            }
        }
    }

    /// Static files are copied as they are: re-read them and swap their entries. `Ok(None)`
    /// when a new one would collide with a page (a full rebuild reports it).
    fn static_changed(&mut self) -> Result<Option<Outcome>, Diagnostics> {
        let fresh = crate::assets::static_files(&self.paths.root, &self.paths.static_dir)
            .map_err(Diagnostics)?;
        let old: Vec<String> = self
            .prepared
            .static_files
            .iter()
            .map(|f| f.path.clone())
            .collect();
        // A new file where a generated one stands (a page, a built-in icon): rebuild in full.
        let collides = fresh
            .iter()
            .any(|f| !old.contains(&f.path) && self.files.contains_key(&f.path))
            || old
                .iter()
                .any(|p| crate::offline::ICONS.iter().any(|(name, _)| name == p));
        if collides {
            return Ok(None);
        }
        let fresh_map = to_map(fresh.clone())?;
        let files = Arc::make_mut(&mut self.files);
        let mut count = 0;
        for path in old.iter().filter(|p| !fresh_map.contains_key(*p)) {
            files.remove(path);
            count += 1;
        }
        for (path, bytes) in fresh_map {
            if files.get(&path) != Some(&bytes) {
                count += 1;
                files.insert(path, bytes);
            }
        }
        count += usize::from(crate::offline::refresh_worker(&self.prepared.site, files));
        self.prepared.static_files = fresh;
        Ok(Some(Outcome {
            what: "static files".into(),
            files: count,
            warnings: Vec::new(),
        }))
    }

    /// The fast path for one edited question. `Ok(None)`: it needs a full rebuild instead
    /// (new, deleted or renamed file, or a change of order, topics, URL or draft state).
    fn question_changed(&mut self, rel: &str) -> Result<Option<Outcome>, Diagnostics> {
        let Some(index) = self
            .prepared
            .site
            .questions
            .iter()
            .position(|q| q.rel == rel)
        else {
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
        let old = &self.prepared.site.questions[index];
        if question.url != old.url
            || question.front.draft
            || question.front.weight != old.front.weight
            || question.front.topics != old.front.topics
            || !question.front.aliases.is_empty()
            || !old.front.aliases.is_empty()
        {
            return Ok(None);
        }
        let same_summary = question.front.title == old.front.title
            && question.front.difficulty == old.front.difficulty
            && question.front.updated == old.front.updated;

        let mut diagnostics = Vec::new();
        let rendered = crate::render_question(&self.prepared.site, &question, &mut diagnostics);
        if diagnostics.iter().any(Diagnostic::is_error) {
            return Err(Diagnostics(diagnostics));
        }
        self.prepared.site.questions[index] = question;
        self.search
            .update(&self.prepared.site, index, &rendered.text);
        self.prepared.rendered[index] = rendered;

        let prepared = &self.prepared;
        let input = RenderInput {
            site: &prepared.site,
            templates: &prepared.templates,
            questions: &prepared.rendered,
            intros: &prepared.intros,
        };
        let renderer = Renderer::new(&input);
        let mut pages = vec![renderer.question(index)];
        if !same_summary {
            let neighbours = [index.checked_sub(1), Some(index + 1)];
            for i in neighbours
                .into_iter()
                .flatten()
                .filter(|&i| i < prepared.site.questions.len())
            {
                pages.push(renderer.question(i));
            }
            // The order and topics are unchanged here (else a full rebuild): the question is
            // listed on the same page of each of its topics as before. The home page lists no
            // question.
            let per_page = prepared.site.config.paginate.max(1);
            for (t, topic) in prepared.site.topics.iter().enumerate() {
                if let Some(at) = topic.questions.iter().position(|&q| q == index) {
                    pages.push(renderer.topic(t, at / per_page + 1));
                }
            }
        }
        let mut updates: Vec<(String, Vec<u8>)> = Vec::with_capacity(pages.len() + 4);
        for page in pages {
            let page = page.map_err(Diagnostics::from)?;
            updates.push((page.path, page.html.into_bytes()));
        }
        let search_files = self.search.files(&prepared.site);
        // A different set of index files (the shards moved) could meet a static file: let a
        // full rebuild check and write it.
        if !same_paths(&search_files, &self.files) {
            return Ok(None);
        }
        updates.extend(search_files.into_iter().map(|(p, t)| (p, t.into_bytes())));
        updates.push((
            crate::exam::DATA_SCRIPT.into(),
            crate::exam::script_from_rendered(&prepared.site, &prepared.rendered).into_bytes(),
        ));
        if let (false, Some(base)) = (same_summary, &prepared.site.config.base_url) {
            updates.push((
                "sitemap.xml".into(),
                crate::feeds::sitemap(&prepared.site, base).into_bytes(),
            ));
            updates.push((
                "feed.xml".into(),
                crate::feeds::atom(&prepared.site, base).into_bytes(),
            ));
        }
        let files = Arc::make_mut(&mut self.files);
        let mut count = 0;
        for (path, bytes) in updates {
            if files.get(&path).is_none_or(|old| **old != *bytes) {
                count += 1;
                files.insert(path, bytes.into());
            }
        }
        count += usize::from(crate::offline::refresh_worker(&prepared.site, files));
        Ok(Some(Outcome {
            what: format!("content/{rel}"),
            files: count,
            warnings: diagnostics,
        }))
    }

    /// Replaces the served files; returns how many differ from before.
    fn swap_files(&mut self, files: HashMap<String, Arc<[u8]>>) -> usize {
        let changed = files
            .iter()
            .filter(|(p, b)| self.files.get(*p) != Some(b))
            .count()
            + self
                .files
                .keys()
                .filter(|p| !files.contains_key(*p))
                .count();
        self.files = Arc::new(files);
        changed
    }
}

/// Whether the index files are the ones served now: no new file, none left over.
fn same_paths(search_files: &[(String, String)], served: &HashMap<String, Arc<[u8]>>) -> bool {
    let prefix = format!("{}/", crate::search::INDEX_DIR);
    let served_count = served.keys().filter(|p| p.starts_with(&prefix)).count();
    let new_count = search_files
        .iter()
        .filter(|(p, _)| p.starts_with(&prefix))
        .count();
    served_count == new_count && search_files.iter().all(|(p, _)| served.contains_key(p))
}

fn live_index(prepared: &Prepared) -> LiveIndex {
    let texts: Vec<&str> = prepared.rendered.iter().map(|r| r.text.as_str()).collect();
    LiveIndex::new(&prepared.site, &texts)
}

/// The output files as served: path -> bytes (copied files read into memory).
fn to_map(files: Vec<OutputFile>) -> Result<HashMap<String, Arc<[u8]>>, Diagnostics> {
    let mut map = HashMap::with_capacity(files.len());
    for f in files {
        let bytes = f
            .bytes()
            .map_err(|e| Diagnostic::error(&f.origin, format!("cannot read: {e}")))?;
        let bytes: Arc<[u8]> = bytes.into_owned().into();
        map.insert(f.path, bytes);
    }
    Ok(map)
}
