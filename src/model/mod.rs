//! The site model: questions with their URLs and order, topics, folder introductions, and the
//! map from source paths to page URLs that cross-links need. Built before any Markdown renders.

pub mod blueprint;
pub mod slug;
pub mod url;

use std::collections::HashMap;
use std::path::PathBuf;

use rayon::prelude::*;

use crate::config::Config;
use crate::content::front_matter::{self, FrontMatter};
use crate::content::{Kind, SourceFile};
use crate::diagnostic::Diagnostic;

/// One question, ready to render.
#[derive(Debug, Clone)]
pub struct Question {
    /// URL without `.html`: unique, the key of browser-side progress.
    pub id: String,
    /// Page path from the site root: `iam/ec2-credentials.html`.
    pub url: String,
    pub slug: String,
    /// Source path under `content/`: `iam/ec2-credentials.md`.
    pub rel: String,
    /// Source path for diagnostics.
    pub path: PathBuf,
    pub front: FrontMatter,
    /// The whole file, and where its Markdown body starts.
    pub text: String,
    pub body_offset: usize,
}

impl Question {
    pub fn body(&self) -> &str {
        &self.text[self.body_offset..]
    }
}

/// A topic: from `[topics.<slug>]` in site.toml, or only used by questions.
#[derive(Debug, Clone)]
pub struct Topic {
    pub slug: String,
    pub title: String,
    pub description: String,
    /// Described in site.toml.
    pub declared: bool,
    pub url: String,
    /// Indexes into `Site::questions`, in site order.
    pub questions: Vec<usize>,
}

impl Topic {
    /// How many pages list this topic's questions, `per_page` at a time (always at least one).
    pub fn page_count(&self, per_page: usize) -> usize {
        self.questions.len().div_ceil(per_page.max(1)).max(1)
    }

    /// The path of page `number` (1-based): `topics/<slug>.html`, then `topics/<slug>/2.html`, ...
    pub fn page_url(&self, number: usize) -> String {
        if number <= 1 {
            self.url.clone()
        } else {
            format!("topics/{}/{number}.html", self.slug)
        }
    }
}

/// An `_index.md`: the home page's or a folder's introduction.
#[derive(Debug, Clone)]
pub struct Intro {
    /// Folder under `content/` (`""` for the home page).
    pub folder: String,
    pub path: PathBuf,
    pub rel: String,
    pub text: String,
    /// Where the body starts (after front matter, if any).
    pub body_offset: usize,
}

/// Everything a render needs, as plain data.
#[derive(Debug)]
pub struct Site {
    pub config: Config,
    /// In site order: weight (unweighted last), then source path.
    pub questions: Vec<Question>,
    pub topics: Vec<Topic>,
    /// Topic slug -> index in `topics`.
    topic_index: HashMap<String, usize>,
    pub intros: Vec<Intro>,
    /// Files of `content/` that are neither questions nor intros, copied as they are.
    pub assets: Vec<SourceFile>,
    /// Source path under `content/` of every page a link may point at -> its URL.
    pub pages_by_source: HashMap<String, String>,
    /// Questions left out because they are drafts, for clearer link errors.
    pub drafts: Vec<String>,
}

/// Options that change which pages exist.
#[derive(Debug, Clone, Copy, Default)]
pub struct ModelOptions {
    pub drafts: bool,
}

/// Builds the model from the loaded files. All front matter problems are returned together.
pub fn build(
    config: Config,
    sources: Vec<SourceFile>,
    options: ModelOptions,
) -> Result<Site, Vec<Diagnostic>> {
    let mut question_files = Vec::new();
    let mut intros = Vec::new();
    let mut assets = Vec::new();
    let mut errors = Vec::new();
    for source in sources {
        match source.kind {
            Kind::Question => question_files.push(source),
            Kind::Asset => assets.push(source),
            Kind::Intro => match read_intro(source) {
                Ok(intro) => intros.push(intro),
                Err(d) => errors.push(d),
            },
        }
    }
    let parsed: Vec<Result<Question, Diagnostic>> =
        question_files.into_par_iter().map(read_question).collect();
    let mut questions = Vec::with_capacity(parsed.len());
    let mut drafts = Vec::new();
    for q in parsed {
        match q {
            Ok(q) if q.front.draft && !options.drafts => drafts.push(q.rel),
            Ok(q) => questions.push(q),
            Err(d) => errors.push(d),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    questions.sort_by(|a, b| {
        let key = |q: &Question| (q.front.weight.is_none(), q.front.weight.unwrap_or(0));
        key(a).cmp(&key(b)).then_with(|| a.rel.cmp(&b.rel))
    });
    let blueprint_errors = blueprint::check(&config, &questions);
    if !blueprint_errors.is_empty() {
        return Err(blueprint_errors);
    }
    let topics = collect_topics(&config, &questions);
    let alias_errors = crate::aliases::check(&questions, &topics);
    if !alias_errors.is_empty() {
        return Err(alias_errors);
    }
    let mut pages_by_source: HashMap<String, String> = questions
        .iter()
        .map(|q| (q.rel.clone(), q.url.clone()))
        .collect();
    for intro in &intros {
        let target = if intro.folder.is_empty() {
            Some("index.html".to_string())
        } else {
            topics
                .iter()
                .find(|t| t.slug == intro.folder)
                .map(|t| t.url.clone())
        };
        if let Some(target) = target {
            pages_by_source.insert(intro.rel.clone(), target);
        }
    }
    let topic_index = topics
        .iter()
        .enumerate()
        .map(|(i, t)| (t.slug.clone(), i))
        .collect();
    Ok(Site {
        config,
        questions,
        topics,
        topic_index,
        intros,
        assets,
        pages_by_source,
        drafts,
    })
}

pub fn read_question(source: SourceFile) -> Result<Question, Diagnostic> {
    let split = front_matter::split(&source.path, &source.text)?;
    let front = front_matter::parse(&source.path, &source.text, &split)?;
    let body_offset = split.body_offset;
    let (folder, stem) = match source.rel.rsplit_once('/') {
        Some((folder, file)) => (folder, file),
        None => ("", source.rel.as_str()),
    };
    let stem = stem.strip_suffix(".md").unwrap_or(stem);
    let slug = front.slug.clone().unwrap_or_else(|| stem.to_string());
    let id = if folder.is_empty() {
        slug.clone()
    } else {
        format!("{folder}/{slug}")
    };
    Ok(Question {
        url: format!("{id}.html"),
        id,
        slug,
        rel: source.rel,
        path: source.path,
        front,
        text: source.text,
        body_offset,
    })
}

/// Intros may have front matter (ignored but allowed) or none.
fn read_intro(source: SourceFile) -> Result<Intro, Diagnostic> {
    let body_offset = if source.text.starts_with("+++") || source.text.starts_with("---") {
        front_matter::split(&source.path, &source.text)?.body_offset
    } else {
        0
    };
    let folder = source
        .rel
        .rsplit_once('/')
        .map_or(String::new(), |(folder, _)| folder.to_string());
    Ok(Intro {
        folder,
        path: source.path,
        rel: source.rel,
        text: source.text,
        body_offset,
    })
}

fn collect_topics(config: &Config, questions: &[Question]) -> Vec<Topic> {
    let mut topics: Vec<Topic> = config
        .topics
        .iter()
        .map(|(slug, t)| Topic {
            slug: slug.clone(),
            title: t.title.clone(),
            description: t.description.clone(),
            declared: true,
            url: format!("topics/{slug}.html"),
            questions: Vec::new(),
        })
        .collect();
    let mut index: HashMap<String, usize> = topics
        .iter()
        .enumerate()
        .map(|(i, t)| (t.slug.clone(), i))
        .collect();
    let mut undeclared: Vec<&str> = questions
        .iter()
        .flat_map(|q| q.front.topics.iter().map(String::as_str))
        .filter(|t| !index.contains_key(*t))
        .collect();
    undeclared.sort_unstable();
    undeclared.dedup();
    for slug in undeclared {
        index.insert(slug.to_string(), topics.len());
        topics.push(Topic {
            slug: slug.to_string(),
            title: slug.to_string(),
            description: String::new(),
            declared: false,
            url: format!("topics/{slug}.html"),
            questions: Vec::new(),
        });
    }
    for (qi, q) in questions.iter().enumerate() {
        for t in &q.front.topics {
            if let Some(&ti) = index.get(t) {
                if topics[ti].questions.last() != Some(&qi) {
                    topics[ti].questions.push(qi);
                }
            }
        }
    }
    topics
}

impl Site {
    /// True when the last load read `rel` (a path under `content/`): a question, a draft, an
    /// introduction or a copied file.
    pub fn read_from(&self, rel: &str) -> bool {
        self.questions.iter().any(|q| q.rel == rel)
            || self.drafts.iter().any(|d| d == rel)
            || self.intros.iter().any(|i| i.rel == rel)
            || self.assets.iter().any(|a| a.rel == rel)
    }

    /// The position of a topic in `topics`.
    pub fn topic_position(&self, slug: &str) -> Option<usize> {
        self.topic_index.get(slug).copied()
    }

    pub fn topic(&self, slug: &str) -> Option<&Topic> {
        self.topic_index.get(slug).map(|&i| &self.topics[i])
    }
}
