//! Rendering pages with Tera: the borrowed views each template receives, and one method per
//! kind of page.

mod entries;
mod templates;

pub use entries::{render, Bodies};
pub use templates::{load_templates, tera_message, Templates, DEFAULT_TEMPLATES};

use std::sync::OnceLock;

use serde::Serialize;
use tera::Context;

use crate::content::front_matter::Difficulty;
use crate::diagnostic::Diagnostic;
use crate::markdown::choices::Choice;
use crate::markdown::Rendered;
use crate::model::{url, Question, Site};
use crate::names;
use crate::output::OutputFile;

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

/// Everything the templates need besides the model and the question bodies.
pub struct RenderInput<'a> {
    pub site: &'a Site,
    pub templates: &'a Templates,
    /// Rendered intros by folder (`""`: home).
    pub intros: &'a [(String, String)],
    /// The site's static files (the manifest lists its icons).
    pub static_files: &'a [OutputFile],
}

/// Renders pages one by one; built once per build (or per rebuild in `serve`).
pub struct Renderer<'a> {
    input: &'a RenderInput<'a>,
    /// Each question as lists and neighbours show it, made when first needed (`serve` renders a
    /// few pages per edit and needs a few of them).
    summaries: Vec<OnceLock<Summary<'a>>>,
    base: Context,
    /// The base context for question pages: without `topics` when their template never reads it.
    question_base: Context,
}

impl<'a> Renderer<'a> {
    pub fn new(input: &'a RenderInput<'a>) -> Self {
        let site = input.site;
        Self {
            input,
            summaries: site.questions.iter().map(|_| OnceLock::new()).collect(),
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

    fn summary(&self, i: usize) -> &Summary<'a> {
        let site = self.input.site;
        self.summaries[i].get_or_init(|| summary(site, &site.questions[i]))
    }

    /// The page of question `i` from its rendered Markdown (when the input holds none).
    pub fn question_with(&self, i: usize, rendered: &Rendered) -> Result<Page, Diagnostic> {
        let site = self.input.site;
        let q = &site.questions[i];
        let mut ctx = page_context(&self.question_base, site, &q.url);
        let view = question_view(site, q, rendered, self.summary(i).clone());
        ctx.insert("question", &view);
        ctx.insert("prev", &i.checked_sub(1).map(|p| self.summary(p)));
        let next = (i + 1 < site.questions.len()).then(|| self.summary(i + 1));
        ctx.insert("next", &next);
        render_one(self.input.templates, names::QUESTION_TEMPLATE, &ctx, &q.url)
    }

    /// Site page `k` of `names::SITE_PAGES`.
    pub fn site_page(&self, k: usize) -> Result<Page, Diagnostic> {
        let (path, template) = names::SITE_PAGES[k];
        let site = self.input.site;
        let mut ctx = page_context(&self.base, site, path);
        match template {
            "index.html" => ctx.insert("intro", intro_html(self.input, "")),
            "exam.html" | "study.html" => {
                ctx.insert("exam", &site.config.exam);
                ctx.insert("blueprint", &blueprint_view(&site.config.exam));
            }
            // Served at any depth: its links start from the site's base path.
            "404.html" => {
                ctx.insert("root", &site.config.base_path().unwrap_or_default());
                ctx.insert("canonical", &None::<String>);
            }
            _ => {}
        }
        render_one(self.input.templates, template, &ctx, path)
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
        let list: Vec<&Summary> = on_page.map(|&i| self.summary(i)).collect();
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
        render_one(self.input.templates, names::TOPIC_TEMPLATE, &ctx, &path)
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
    format!("{:08x}", crate::hash::fnv1a_32(key.as_bytes()))
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
        difficulty: q.front.difficulty.map(Difficulty::name),
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

/// A domain of the exam blueprint as templates see it: with its share of a default exam.
#[derive(serde::Serialize)]
struct DomainView<'a> {
    id: &'a str,
    name: &'a str,
    weight: u32,
    share: u32,
}

fn blueprint_view(exam: &crate::config::ExamConfig) -> Vec<DomainView<'_>> {
    exam.domains
        .iter()
        .zip(exam.shares(exam.questions))
        .map(|(d, share)| DomainView {
            id: d.id.get_ref(),
            name: &d.name,
            weight: *d.weight.get_ref(),
            share,
        })
        .collect()
}
