//! The mock exam's data: `exam-data.js`, a classic script (so the exam works from `file://`)
//! that sets `window.CRAMDOWN_EXAM` to every multiple-choice question with its prompt, choices,
//! explanations and answer. Open questions are left out: an exam is scored automatically.

use serde::Serialize;

use crate::markdown::choices::Choice;
use crate::markdown::Rendered;
use crate::model::Site;

/// What the exam needs of one multiple-choice question, taken from its rendered Markdown.
pub struct Entry {
    /// Index into `site.questions`.
    pub question: usize,
    pub prompt: String,
    pub answer: String,
    pub choices: Vec<Choice>,
}

impl Entry {
    /// The entry of question `question`, or `None` for an open question.
    pub fn of(question: usize, rendered: &Rendered) -> Option<Entry> {
        (!rendered.choices.is_empty()).then(|| Entry {
            question,
            prompt: rendered.prompt.clone(),
            answer: rendered.answer.clone(),
            choices: rendered.choices.clone(),
        })
    }
}

#[derive(Serialize)]
struct Data<'a> {
    v: u32,
    /// `[slug, title]` of each topic that has a multiple-choice question, in site order.
    topics: Vec<[&'a str; 2]>,
    /// The blueprint (`[[exam.domains]]`), in site.toml order; empty without one.
    domains: Vec<DomainData<'a>>,
    questions: Vec<QuestionData<'a>>,
}

#[derive(Serialize)]
struct DomainData<'a> {
    id: &'a str,
    name: &'a str,
    weight: u32,
}

#[derive(Serialize)]
struct QuestionData<'a> {
    id: &'a str,
    title: &'a str,
    /// Indexes into `topics`.
    topics: Vec<usize>,
    /// Index into `domains`, when the question names one.
    #[serde(skip_serializing_if = "Option::is_none")]
    domain: Option<usize>,
    prompt: &'a str,
    choices: &'a [Choice],
    shuffle: bool,
    answer: &'a str,
}

/// `exam-data.js` for the entries of a site (in site order).
pub fn script(site: &Site, entries: &[&Entry]) -> String {
    let used: Vec<&crate::model::Topic> = site
        .topics
        .iter()
        .filter(|t| entries.iter().any(|e| t.questions.contains(&e.question)))
        .collect();
    let questions = entries
        .iter()
        .map(|e| {
            let q = &site.questions[e.question];
            QuestionData {
                id: &q.id,
                title: &q.front.title,
                topics: q
                    .front
                    .topics
                    .iter()
                    .filter_map(|slug| used.iter().position(|t| t.slug == *slug))
                    .collect(),
                domain: q
                    .front
                    .domain
                    .as_deref()
                    .and_then(|id| site.config.exam.domain_position(id)),
                prompt: &e.prompt,
                choices: &e.choices,
                shuffle: q.front.shuffle.unwrap_or(true),
                answer: &e.answer,
            }
        })
        .collect();
    let data = Data {
        v: 1,
        topics: used
            .iter()
            .map(|t| [t.slug.as_str(), t.title.as_str()])
            .collect(),
        domains: site
            .config
            .exam
            .domains
            .iter()
            .map(|d| DomainData {
                id: d.id.get_ref(),
                name: &d.name,
                weight: *d.weight.get_ref(),
            })
            .collect(),
        questions,
    };
    // Serialising plain strings and numbers cannot fail; an empty object keeps the page working.
    let json = serde_json::to_string(&data).unwrap_or_else(|_| "{}".into());
    format!("window.CRAMDOWN_EXAM = {json};\n")
}

/// `exam-data.js` from every question's rendered Markdown (in `site.questions` order).
pub fn script_from_rendered(site: &Site, rendered: &[Rendered]) -> String {
    let entries: Vec<Entry> = rendered
        .iter()
        .enumerate()
        .filter_map(|(i, r)| Entry::of(i, r))
        .collect();
    script(site, &entries.iter().collect::<Vec<_>>())
}
