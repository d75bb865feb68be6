//! The site plan: every file of the output, where it comes from and what it is made from,
//! worked out from the model before anything renders. `build` renders it into a staging
//! folder, `serve` into memory and `check` into nothing; collisions are checked on it, once;
//! and `serve` re-renders exactly the entries that read what an edit changed. A new kind of
//! page is a new `Kind`, a line in `Plan::new` and one in `reads`: nothing else learns it.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::diagnostic::Diagnostic;
use crate::model::Site;
use crate::names;
use crate::output::OutputFile;
use crate::render::Templates;

/// What an output entry is, and so how it renders.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// The page of `site.questions[i]`.
    Question(usize),
    /// One of `names::SITE_PAGES` (index into it).
    SitePage(usize),
    /// Page `number` (from 1) of `site.topics[topic]`.
    TopicPage {
        topic: usize,
        number: usize,
    },
    /// The redirect page of alias `alias` of question `question`.
    Redirect {
        question: usize,
        alias: usize,
    },
    /// The search index: `names::SEARCH_INDEX` and the files of `names::SEARCH_DIR`, whose
    /// names depend on the words of the bank (the folder is the index's alone).
    SearchIndex,
    ExamData,
    Syntax,
    AliasScript,
    NoJekyll,
    Sitemap,
    Robots,
    Feed,
    Cname,
    Manifest,
    /// A file copied as it is: a static file, a built-in icon or a content asset
    /// (index into `Plan::files`).
    File(usize),
    /// The service worker: last, over every other file.
    Worker,
}

/// One file (or, for the search index, one group of files) of the output.
#[derive(Debug, Clone)]
pub struct Entry {
    /// Path under the output folder, `/`-separated.
    pub path: String,
    /// The source it comes from, for messages (`(generated) <path>` for generated files).
    pub origin: PathBuf,
    pub kind: Kind,
}

/// Something an entry is made from that can change without changing the plan. Everything
/// else (site.toml, the set, order, topics, URLs and aliases of questions, introductions,
/// content assets) changes the plan itself: the site is planned again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// A question's Markdown body: prompt, answer, choices, search text.
    Body(usize),
    /// What lists and neighbours show of a question: title, difficulty.
    Summary(usize),
    /// When a question was last updated (lists, neighbours, the sitemap and the feed show it).
    Date(usize),
    /// A template, by name.
    Template(String),
    /// A file of `static/`, by output path.
    Static(String),
}

pub struct Plan {
    pub entries: Vec<Entry>,
    /// The files copied as they are (`Kind::File`).
    pub files: Vec<OutputFile>,
    /// For each template a page renders with, the templates it reaches (extends, includes,
    /// imports), itself first.
    reach: HashMap<String, Vec<String>>,
    /// Questions per topic page.
    per_page: usize,
}

impl Plan {
    /// The plan of `site`: pages, generated files, static files (with the built-in icons when
    /// the site works offline) and content assets, in the order they render.
    pub fn new(site: &Site, templates: &Templates, static_files: &[OutputFile]) -> Plan {
        let mut entries = Vec::with_capacity(site.questions.len() + 64);
        let generated = |path: &str, kind: Kind| Entry {
            path: path.to_string(),
            origin: PathBuf::from(format!("(generated) {path}")),
            kind,
        };
        for (i, q) in site.questions.iter().enumerate() {
            entries.push(Entry {
                path: q.url.clone(),
                origin: q.path.clone(),
                kind: Kind::Question(i),
            });
        }
        for (k, (path, _)) in names::SITE_PAGES.iter().enumerate() {
            entries.push(generated(path, Kind::SitePage(k)));
        }
        let per_page = site.config.paginate.max(1);
        for (t, topic) in site.topics.iter().enumerate() {
            for number in 1..=topic.page_count(per_page) {
                let kind = Kind::TopicPage { topic: t, number };
                entries.push(generated(&topic.page_url(number), kind));
            }
        }
        for (question, q) in site.questions.iter().enumerate() {
            for (alias, name) in q.front.aliases.iter().enumerate() {
                entries.push(Entry {
                    path: format!("{}.html", crate::aliases::alias_id(name)),
                    origin: q.path.clone(),
                    kind: Kind::Redirect { question, alias },
                });
            }
        }
        entries.push(generated(names::SEARCH_INDEX, Kind::SearchIndex));
        entries.push(generated(names::EXAM_DATA, Kind::ExamData));
        entries.push(generated(names::SYNTAX_CSS, Kind::Syntax));
        entries.push(generated(names::ALIASES_SCRIPT, Kind::AliasScript));
        entries.push(generated(names::NOJEKYLL, Kind::NoJekyll));
        if site.config.base_url.is_some() {
            entries.push(generated(names::SITEMAP, Kind::Sitemap));
            entries.push(generated(names::ROBOTS, Kind::Robots));
            entries.push(generated(names::FEED, Kind::Feed));
        }
        if site.config.cname.is_some() {
            entries.push(generated(names::CNAME, Kind::Cname));
        }
        let offline = crate::offline::enabled(site);
        if offline {
            entries.push(generated(names::MANIFEST, Kind::Manifest));
        }
        let mut files = static_files.to_vec();
        if offline {
            files.extend(crate::offline::icon_files(static_files));
        }
        for asset in &site.assets {
            files.push(OutputFile::new(
                asset.rel.clone(),
                crate::output::Contents::Copy(asset.path.clone()),
                &asset.path,
            ));
        }
        for (k, f) in files.iter().enumerate() {
            entries.push(Entry {
                path: f.path.clone(),
                origin: f.origin.clone(),
                kind: Kind::File(k),
            });
        }
        if offline {
            entries.push(generated(names::WORKER, Kind::Worker));
        }
        let page_templates = names::SITE_PAGES
            .iter()
            .map(|(_, t)| *t)
            .chain([names::QUESTION_TEMPLATE, names::TOPIC_TEMPLATE]);
        let reach = page_templates
            .map(|t| (t.to_string(), templates.reach(t)))
            .collect();
        Plan {
            entries,
            files,
            reach,
            per_page,
        }
    }

    /// Two entries writing one path (also when only case or Unicode normalisation tells them
    /// apart), a file where another needs a folder, or a file inside the search index's
    /// folder: errors naming both sources.
    pub fn collisions(&self) -> Vec<Diagnostic> {
        let search = self.search_paths();
        let mut all: Vec<(&str, &Path)> = Vec::with_capacity(self.entries.len() + search.len());
        let mut errors = Vec::new();
        let folder = format!("{}/", names::SEARCH_DIR);
        for e in &self.entries {
            if e.kind == Kind::SearchIndex {
                continue;
            }
            if e.path.starts_with(&folder) && !search.contains(&e.path) {
                errors.push(Diagnostic::error(
                    &e.origin,
                    format!(
                        "writes {}, inside {folder}, the folder the search index writes",
                        e.path
                    ),
                ));
            }
            all.push((e.path.as_str(), e.origin.as_path()));
        }
        let origins: Vec<PathBuf> = search
            .iter()
            .map(|p| PathBuf::from(format!("(generated) {p}")))
            .collect();
        for (p, o) in search.iter().zip(&origins) {
            all.push((p.as_str(), o.as_path()));
        }
        // Generated files first: an author's file that meets one is the one reported.
        all.sort_by_key(|(_, origin)| !origin.to_string_lossy().starts_with("(generated)"));
        errors.extend(crate::output::check_collisions(all.iter().copied()));
        errors
    }

    /// The search index's files known before its words are: all but its term shards.
    pub fn search_paths(&self) -> Vec<String> {
        let docs = self
            .entries
            .iter()
            .filter(|e| matches!(e.kind, Kind::Question(_)))
            .count();
        crate::search::fixed_paths(docs)
    }

    /// Every path known before rendering (the folders a build makes first).
    pub fn paths(&self) -> impl Iterator<Item = String> + '_ {
        let entries = self.entries.iter().map(|e| e.path.clone());
        entries.chain(self.search_paths())
    }

    /// Whether `entry` is made from `input` (the plan being the same). The worker is made from
    /// every other file: see `affected`.
    pub fn reads(&self, site: &Site, entry: &Entry, input: &Input) -> bool {
        let template_of = |name: &str| match input {
            Input::Template(t) => self.reach.get(name).is_some_and(|r| r.contains(t)),
            _ => false,
        };
        match (entry.kind, input) {
            (Kind::Question(i), Input::Body(b)) => i == *b,
            (Kind::Question(i), Input::Summary(s) | Input::Date(s)) => i.abs_diff(*s) <= 1,
            (Kind::Question(_), Input::Template(_)) => template_of(names::QUESTION_TEMPLATE),
            (Kind::SitePage(k), Input::Template(_)) => template_of(names::SITE_PAGES[k].1),
            (Kind::TopicPage { topic, number }, Input::Summary(s) | Input::Date(s)) => {
                let list = &site.topics[topic].questions;
                let on_page = list.iter().skip((number - 1) * self.per_page);
                on_page.take(self.per_page).any(|q| q == s)
            }
            (Kind::TopicPage { .. }, Input::Template(_)) => template_of(names::TOPIC_TEMPLATE),
            (Kind::Redirect { question, .. }, Input::Summary(s)) => question == *s,
            (Kind::SearchIndex | Kind::ExamData, Input::Body(_) | Input::Summary(_)) => true,
            (Kind::Sitemap | Kind::Feed, Input::Date(_)) => true,
            // The feed lists dated questions only.
            (Kind::Feed, Input::Summary(s)) => site.questions[*s].front.updated.is_some(),
            (Kind::Manifest, Input::Static(_)) => true,
            (Kind::File(k), Input::Static(path)) => self.files[k].path == *path,
            _ => false,
        }
    }

    /// The entries made from any of `changed`, in plan order; the worker, made from every
    /// file, when any other is.
    pub fn affected(&self, site: &Site, changed: &[Input]) -> Vec<usize> {
        let reads = |k: &usize| {
            changed
                .iter()
                .any(|i| self.reads(site, &self.entries[*k], i))
        };
        let mut affected: Vec<usize> = (0..self.entries.len())
            .filter(|&k| self.entries[k].kind != Kind::Worker)
            .filter(reads)
            .collect();
        if !affected.is_empty() {
            let worker = self.entries.iter().position(|e| e.kind == Kind::Worker);
            affected.extend(worker);
        }
        affected
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::{Kind as Source, SourceFile};

    fn site() -> Site {
        let toml = "title = \"T\"\nbase_url = \"https://example.com/\"\npaginate = 2\n[topics.a]\ntitle = \"A\"\n[topics.b]\ntitle = \"B\"\n";
        let config = crate::config::parse(Path::new("site.toml"), toml).expect("site.toml");
        let question = |rel: &str, front: &str| SourceFile {
            kind: Source::Question,
            rel: rel.to_string(),
            path: PathBuf::from(format!("content/{rel}")),
            text: format!("+++\n{front}\n+++\n\n## Answer\n\nYes.\n"),
        };
        let sources = vec![
            question("a/one.md", "title = \"One\"\ntopics = [\"a\"]\nweight = 1"),
            question(
                "a/two.md",
                "title = \"Two\"\ntopics = [\"a\"]\nweight = 2\naliases = [\"a/old-two.md\"]",
            ),
            question(
                "a/three.md",
                "title = \"Three\"\ntopics = [\"a\"]\nweight = 3\nupdated = 2026-11-01",
            ),
            question(
                "b/four.md",
                "title = \"Four\"\ntopics = [\"b\"]\nweight = 4",
            ),
        ];
        crate::model::build(config, sources, Default::default()).expect("model")
    }

    /// The paths of the entries `changed` reaches.
    fn affected<'a>(plan: &'a Plan, site: &Site, changed: Input) -> Vec<&'a str> {
        let mut paths: Vec<&str> = plan
            .affected(site, &[changed])
            .into_iter()
            .map(|k| plan.entries[k].path.as_str())
            .collect();
        paths.sort_unstable();
        paths
    }

    #[test]
    fn every_file_is_planned_once_and_nothing_collides() {
        let site = site();
        let templates =
            crate::render::load_templates(Path::new("/nonexistent")).expect("templates");
        let plan = Plan::new(&site, &templates, &[]);
        assert!(plan.collisions().is_empty());
        let paths: Vec<&str> = plan.entries.iter().map(|e| e.path.as_str()).collect();
        for want in [
            "a/one.html",
            "a/old-two.html",
            "index.html",
            "topics/a.html",
            "topics/a/2.html",
            "topics/b.html",
            "search-index.js",
            "feed.xml",
            "icon-192.png",
            "sw.js",
        ] {
            assert_eq!(paths.iter().filter(|p| **p == want).count(), 1, "{want}");
        }
        assert_eq!(paths.last(), Some(&"sw.js"), "the worker comes last");
    }

    #[test]
    fn an_edit_reaches_exactly_what_reads_it() {
        let site = site();
        let templates =
            crate::render::load_templates(Path::new("/nonexistent")).expect("templates");
        let plan = Plan::new(&site, &templates, &[]);
        let two = site.questions.iter().position(|q| q.rel == "a/two.md");
        let two = two.expect("a/two.md");
        // An answer: its page and what is made from every body.
        assert_eq!(
            affected(&plan, &site, Input::Body(two)),
            ["a/two.html", "exam-data.js", "search-index.js", "sw.js"]
        );
        // A title: also its neighbours, its topic page, its redirect; not the feed, which
        // lists dated questions only, nor the sitemap, which shows no title.
        assert_eq!(
            affected(&plan, &site, Input::Summary(two)),
            [
                "a/old-two.html",
                "a/one.html",
                "a/three.html",
                "a/two.html",
                "exam-data.js",
                "search-index.js",
                "sw.js",
                "topics/a.html",
            ]
        );
        // A date: its page, its neighbours, its topic page, the sitemap and the feed.
        assert_eq!(
            affected(&plan, &site, Input::Date(two)),
            [
                "a/one.html",
                "a/three.html",
                "a/two.html",
                "feed.xml",
                "sitemap.xml",
                "sw.js",
                "topics/a.html",
            ]
        );
        // The third question of topic a is listed on its second page only; it is dated, so
        // its title is in the feed.
        let three = site.questions.iter().position(|q| q.rel == "a/three.md");
        let listed = affected(&plan, &site, Input::Summary(three.expect("three")));
        assert!(listed.contains(&"topics/a/2.html") && !listed.contains(&"topics/a.html"));
        assert!(listed.contains(&"feed.xml") && !listed.contains(&"sitemap.xml"));
        // A template: the pages that render with it or reach it, and the worker.
        assert_eq!(
            affected(&plan, &site, Input::Template("interview.html".into())),
            ["interview.html", "sw.js"]
        );
        let base = affected(&plan, &site, Input::Template("base.html".into()));
        assert!(base.contains(&"a/one.html") && base.contains(&"topics/a/2.html"));
        assert!(base.contains(&"404.html") && !base.contains(&"a/old-two.html"));
        assert!(!base.contains(&"search-index.js"));
        // Nothing reads a template no page reaches.
        assert!(affected(&plan, &site, Input::Template("unused.html".into())).is_empty());
    }
}
