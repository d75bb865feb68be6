//! Rendering pages with Tera: the borrowed views each template receives, and one method per
//! kind of page.

mod templates;

pub use templates::{load_templates, tera_message, Templates, DEFAULT_TEMPLATES};

use std::path::PathBuf;

use rayon::prelude::*;
use serde::Serialize;
use tera::Context;

use crate::content::front_matter::Difficulty;
use crate::diagnostic::Diagnostic;
use crate::markdown::choices::Choice;
use crate::markdown::Rendered;
use crate::model::{url, Question, Site};

pub fn difficulty_name(d: Difficulty) -> &'static str {
    match d {
        Difficulty::Beginner => "beginner",
        Difficulty::Intermediate => "intermediate",
        Difficulty::Advanced => "advanced",
    }
}

#[derive(Serialize)]
struct SiteView<'a> {
    title: &'a str,
    description: &'a str,
    base_url: Option<&'a str>,
    repo_url: Option<&'a str>,
    study: &'a crate::config::StudyConfig,
    extra: &'a toml::Table,
}

#[derive(Serialize, Clone)]
struct TopicRef<'a> {
    slug: &'a str,
    title: &'a str,
    url: &'a str,
}

#[derive(Serialize)]
struct TopicView<'a> {
    slug: &'a str,
    title: &'a str,
    description: &'a str,
    url: &'a str,
    count: usize,
}

#[derive(Serialize, Clone)]
struct Summary<'a> {
    id: &'a str,
    slug: &'a str,
    title: &'a str,
    url: String,
    difficulty: Option<&'static str>,
    topics: Vec<TopicRef<'a>>,
    updated: Option<&'a str>,
}

#[derive(Serialize)]
struct QuestionView<'a> {
    #[serde(flatten)]
    summary: Summary<'a>,
    prompt: &'a str,
    answer: &'a str,
    source: &'a str,
    edit_url: Option<String>,
    extra: &'a Option<serde_json::Value>,
    weight: Option<i64>,
    /// A multiple-choice question's choices (empty for an open question).
    choices: &'a [Choice],
    /// How many choices are correct: one gives radio buttons, more checkboxes.
    correct_count: usize,
    /// Whether the page script shuffles the choices (front matter `shuffle`, default true).
    shuffle: bool,
}

/// Where a topic page sits among the pages of its topic (`pager` in topic.html).
#[derive(Serialize)]
struct PagerView {
    /// This page, from 1.
    number: usize,
    /// How many pages the topic has.
    count: usize,
    /// Position of the first and last question listed here, from 1, in the whole topic.
    first: usize,
    last: usize,
    /// Paths of the neighbouring pages (relative to the root, like every `url`).
    prev: Option<String>,
    next: Option<String>,
}

/// One rendered file of the site, as a path under the output and its bytes.
pub struct Page {
    pub path: String,
    pub html: String,
}

/// Everything the templates need besides the model.
pub struct RenderInput<'a> {
    pub site: &'a Site,
    pub templates: &'a Templates,
    /// Rendered Markdown of each question, in `site.questions` order.
    pub questions: &'a [Rendered],
    /// Rendered intros by folder (`""`: home).
    pub intros: &'a [(String, String)],
}

/// Renders pages one by one or all at once; built once per build (or per rebuild in `serve`).
pub struct Renderer<'a> {
    input: &'a RenderInput<'a>,
    summaries: Vec<Summary<'a>>,
    base: Context,
    /// The base context for question pages: without `topics` when their template never reads it.
    question_base: Context,
}

impl<'a> Renderer<'a> {
    pub fn new(input: &'a RenderInput<'a>) -> Self {
        let site = input.site;
        Self {
            input,
            summaries: site.questions.iter().map(|q| summary(site, q)).collect(),
            base: base_context(site),
            question_base: {
                let mut base = base_context(site);
                if !input.templates.question_reads_topics {
                    base.remove("topics");
                }
                base
            },
        }
    }

    /// Every page of the site, rendered in parallel. Template errors are collected, one per template.
    pub fn all(&self) -> Result<Vec<Page>, Vec<Diagnostic>> {
        let pages = std::sync::Mutex::new(Vec::with_capacity(self.input.site.questions.len() + 8));
        self.each(|page| {
            if let Ok(mut pages) = pages.lock() {
                pages.push(page);
            }
            Ok(())
        })?;
        Ok(pages.into_inner().unwrap_or_default())
    }

    /// Renders every page in parallel and hands each to `take` (which writes it, say) as soon
    /// as it is ready, so pages need not all be held at once.
    pub fn each(
        &self,
        take: impl Fn(Page) -> Result<(), Diagnostic> + Sync,
    ) -> Result<(), Vec<Diagnostic>> {
        let questions = (0..self.input.site.questions.len())
            .into_par_iter()
            .map(|i| self.question(i).and_then(&take).err());
        let errors: Vec<Diagnostic> = self
            .singles(&take)
            .into_par_iter()
            .chain(questions)
            .flatten()
            .collect();
        once_per_template(errors)
    }

    /// Renders the pages that are not questions (index, topics, study, stats, interview, 404), in parallel.
    pub fn each_single(
        &self,
        take: impl Fn(Page) -> Result<(), Diagnostic> + Sync,
    ) -> Result<(), Vec<Diagnostic>> {
        let errors: Vec<Diagnostic> = self.singles(&take).into_iter().flatten().collect();
        once_per_template(errors)
    }

    fn singles(
        &self,
        take: &(impl Fn(Page) -> Result<(), Diagnostic> + Sync),
    ) -> Vec<Option<Diagnostic>> {
        let mut singles: Vec<Box<dyn Fn() -> Result<Page, Diagnostic> + Sync + '_>> = vec![
            Box::new(|| self.index()),
            Box::new(|| self.study()),
            Box::new(|| self.single("stats.html")),
            Box::new(|| self.single("interview.html")),
            Box::new(|| self.exam()),
            Box::new(|| self.topics_index()),
            Box::new(|| self.not_found()),
        ];
        let per_page = self.input.site.config.paginate;
        for (t, topic) in self.input.site.topics.iter().enumerate() {
            for number in 1..=topic.page_count(per_page) {
                singles.push(Box::new(move || self.topic(t, number)));
            }
        }
        singles
            .par_iter()
            .map(|render| render().and_then(take).err())
            .collect()
    }

    /// The path of every page `each` renders, with the source it comes from.
    pub fn page_paths(&self) -> Vec<(String, PathBuf)> {
        let site = self.input.site;
        let generated = |p: &str| (p.to_string(), PathBuf::from(format!("(generated) {p}")));
        let mut paths: Vec<(String, PathBuf)> = crate::aliases::SITE_PAGES
            .iter()
            .copied()
            .map(generated)
            .collect();
        for topic in &site.topics {
            let pages = topic.page_count(site.config.paginate);
            paths.extend((1..=pages).map(|n| generated(&topic.page_url(n))));
        }
        paths.extend(
            site.questions
                .iter()
                .map(|q| (q.url.clone(), q.path.clone())),
        );
        paths
    }

    /// The page of question `i`, with its neighbours in site order.
    pub fn question(&self, i: usize) -> Result<Page, Diagnostic> {
        let q = &self.input.site.questions[i];
        let rendered = self.input.questions.get(i).ok_or_else(|| {
            Diagnostic::error(
                &q.path,
                "internal error: the page was rendered before its Markdown",
            )
        })?;
        self.question_with(i, rendered)
    }

    /// The page of question `i` from its rendered Markdown (when the input holds none).
    pub fn question_with(&self, i: usize, rendered: &Rendered) -> Result<Page, Diagnostic> {
        let site = self.input.site;
        let q = &site.questions[i];
        let mut ctx = page_context(&self.question_base, site, &q.url);
        let view = question_view(site, q, rendered, self.summaries[i].clone());
        ctx.insert("question", &view);
        ctx.insert("prev", &i.checked_sub(1).map(|p| &self.summaries[p]));
        ctx.insert("next", &self.summaries.get(i + 1));
        render_one(self.input.templates, "question.html", &ctx, &q.url)
    }

    pub fn index(&self) -> Result<Page, Diagnostic> {
        let mut ctx = page_context(&self.base, self.input.site, "index.html");
        ctx.insert("intro", intro_html(self.input, ""));
        render_one(self.input.templates, "index.html", &ctx, "index.html")
    }

    /// The study page: its cards are the question pages themselves (see docs/TEMPLATES.md).
    pub fn study(&self) -> Result<Page, Diagnostic> {
        let ctx = page_context(&self.base, self.input.site, "study.html");
        render_one(self.input.templates, "study.html", &ctx, "study.html")
    }

    /// The mock exam page: its questions come from `exam-data.js` (see docs/TEMPLATES.md).
    pub fn exam(&self) -> Result<Page, Diagnostic> {
        let mut ctx = page_context(&self.base, self.input.site, "exam.html");
        ctx.insert("exam", &self.input.site.config.exam);
        render_one(self.input.templates, "exam.html", &ctx, "exam.html")
    }

    /// A page whose template needs only the base context (`stats.html`, `interview.html`): its
    /// script reads the progress store and the search index in the browser.
    pub fn single(&self, name: &str) -> Result<Page, Diagnostic> {
        let ctx = page_context(&self.base, self.input.site, name);
        render_one(self.input.templates, name, &ctx, name)
    }

    pub fn topics_index(&self) -> Result<Page, Diagnostic> {
        let ctx = page_context(&self.base, self.input.site, "topics/index.html");
        render_one(
            self.input.templates,
            "topics.html",
            &ctx,
            "topics/index.html",
        )
    }

    /// Page `number` (1-based) of topic `t` (an index into `site.topics`): the questions
    /// `paginate` at a time, with links to the previous and next page.
    pub fn topic(&self, t: usize, number: usize) -> Result<Page, Diagnostic> {
        let site = self.input.site;
        let topic = &site.topics[t];
        let per_page = site.config.paginate.max(1);
        let count = topic.page_count(per_page);
        let first = (number - 1) * per_page;
        let on_page = topic.questions.iter().skip(first).take(per_page);
        let list: Vec<&Summary> = on_page.map(|&i| &self.summaries[i]).collect();
        let path = topic.page_url(number);
        let mut ctx = page_context(&self.base, site, &path);
        ctx.insert("topic", &topic_view(topic));
        ctx.insert(
            "pager",
            &PagerView {
                number,
                count,
                first: first + 1,
                last: first + list.len(),
                prev: (number > 1).then(|| topic.page_url(number - 1)),
                next: (number < count).then(|| topic.page_url(number + 1)),
            },
        );
        ctx.insert("questions", &list);
        ctx.insert("intro", intro_html(self.input, &topic.slug));
        render_one(self.input.templates, "topic.html", &ctx, &path)
    }

    /// `404.html` is served at any depth, so its links start from the site's base path.
    pub fn not_found(&self) -> Result<Page, Diagnostic> {
        let mut ctx = self.base.clone();
        ctx.insert(
            "root",
            &self.input.site.config.base_path().unwrap_or_default(),
        );
        ctx.insert("page_url", "404.html");
        ctx.insert("canonical", &None::<String>);
        render_one(self.input.templates, "404.html", &ctx, "404.html")
    }
}

/// The same template error would repeat for every page: report it once.
fn once_per_template(errors: Vec<Diagnostic>) -> Result<(), Vec<Diagnostic>> {
    let mut unique: Vec<Diagnostic> = Vec::new();
    for d in errors {
        if !unique.iter().any(|e| e.path == d.path) {
            unique.push(d);
        }
    }
    if unique.is_empty() {
        Ok(())
    } else {
        Err(unique)
    }
}

fn render_one(
    templates: &Templates,
    template: &str,
    ctx: &Context,
    path: &str,
) -> Result<Page, Diagnostic> {
    templates
        .tera
        .render(template, ctx)
        .map(|html| Page {
            path: path.to_string(),
            html,
        })
        .map_err(|e| templates.render_error(template, path, &e))
}

fn base_context(site: &Site) -> Context {
    let c = &site.config;
    let mut ctx = Context::new();
    ctx.insert(
        "site",
        &SiteView {
            title: &c.title,
            description: &c.description,
            base_url: c.base_url.as_deref(),
            repo_url: c.repo_url.as_deref(),
            study: &c.study,
            extra: &c.extra,
        },
    );
    let topics: Vec<TopicView> = site.topics.iter().map(topic_view).collect();
    ctx.insert("topics", &topics);
    ctx.insert("site_id", &site_id(site));
    ctx.insert("generator", concat!("cramdown ", env!("CARGO_PKG_VERSION")));
    ctx
}

fn page_context(base: &Context, site: &Site, page_url: &str) -> Context {
    let mut ctx = base.clone();
    ctx.insert("root", &url::root_of(page_url));
    ctx.insert("page_url", page_url);
    let canonical = site
        .config
        .base_url
        .as_ref()
        .map(|b| format!("{b}{}", url::encode_path(page_url)));
    ctx.insert("canonical", &canonical);
    ctx
}

/// A short stable name for browser storage: sites on one origin (GitHub Pages) keep apart.
pub fn site_id(site: &Site) -> String {
    let key = site
        .config
        .base_url
        .as_deref()
        .unwrap_or(&site.config.title);
    let mut hash: u32 = 0x811c_9dc5;
    for b in key.bytes() {
        hash ^= u32::from(b);
        hash = hash.wrapping_mul(0x0100_0193);
    }
    format!("{hash:08x}")
}

fn topic_view(t: &crate::model::Topic) -> TopicView<'_> {
    TopicView {
        slug: &t.slug,
        title: &t.title,
        description: &t.description,
        url: &t.url,
        count: t.questions.len(),
    }
}

fn summary<'a>(site: &'a Site, q: &'a Question) -> Summary<'a> {
    Summary {
        id: &q.id,
        slug: &q.slug,
        title: &q.front.title,
        url: url::encode_path(&q.url),
        difficulty: q.front.difficulty.map(difficulty_name),
        topics: q
            .front
            .topics
            .iter()
            .filter_map(|slug| site.topic(slug))
            .map(|t| TopicRef {
                slug: &t.slug,
                title: &t.title,
                url: &t.url,
            })
            .collect(),
        updated: q.front.updated_str(),
    }
}

fn question_view<'a>(
    site: &'a Site,
    q: &'a Question,
    r: &'a Rendered,
    summary: Summary<'a>,
) -> QuestionView<'a> {
    QuestionView {
        summary,
        prompt: &r.prompt,
        answer: &r.answer,
        source: &q.rel,
        edit_url: site.config.repo_url.as_ref().map(|base| {
            let sep = if base.ends_with('/') { "" } else { "/" };
            format!("{base}{sep}{}", url::encode_path(&q.rel))
        }),
        extra: &q.front.extra,
        weight: q.front.weight,
        choices: &r.choices,
        correct_count: r.choices.iter().filter(|c| c.correct).count(),
        shuffle: q.front.shuffle.unwrap_or(true),
    }
}

fn intro_html<'a>(input: &'a RenderInput, folder: &str) -> &'a str {
    input
        .intros
        .iter()
        .find(|(f, _)| f == folder)
        .map_or("", |(_, html)| html.as_str())
}
