//! Aliases: the earlier paths of renamed questions (`aliases = ["s3/old-name.md"]`). Each gets a
//! small redirect page at its old URL, and `aliases.js` tells the browser which progress ids moved
//! where, so a rename keeps the learner's history. An alias must not take a page's place.

use std::collections::HashMap;

use crate::content::front_matter;
use crate::diagnostic::Diagnostic;
use crate::escape;
use crate::model::{url, Question, Site, Topic};

/// The id (progress key) an alias stood for: its path without `.md`.
pub fn alias_id(alias: &str) -> &str {
    alias.strip_suffix(".md").unwrap_or(alias)
}

/// An alias whose URL is a page of the site, or another alias, is an error at its line.
pub fn check(questions: &[Question], topics: &[Topic]) -> Vec<Diagnostic> {
    let mut taken: HashMap<String, String> = crate::names::SITE_PAGES
        .iter()
        .map(|(p, _)| (p.to_string(), format!("the site's page {p}")))
        .collect();
    taken.extend(
        topics
            .iter()
            .map(|t| (t.url.clone(), format!("topic page {}", t.url))),
    );
    taken.extend(
        questions
            .iter()
            .map(|q| (q.url.clone(), format!("the page of content/{}", q.rel))),
    );
    let mut errors = Vec::new();
    for q in questions {
        for alias in &q.front.aliases {
            let page = format!("{}.html", alias_id(alias));
            match taken.get(&page) {
                Some(owner) => errors.push(at_alias(q, alias, format!(
                    "alias `{alias}` would replace {owner} ({page}): an alias must be a path no page uses any more"
                ))),
                None => {
                    taken.insert(page, format!("an alias of content/{}", q.rel));
                }
            }
        }
    }
    errors
}

fn at_alias(q: &Question, alias: &str, message: String) -> Diagnostic {
    let d = Diagnostic::error(&q.path, message);
    match front_matter::split(&q.path, &q.text) {
        Ok(split) => d.at_offset(
            &q.text,
            front_matter::value_offset(&split, "aliases", alias),
        ),
        Err(_) => d.at(1, 1),
    }
}

/// The redirect page of `alias` of question `q`: a relative meta refresh, which works from
/// `file://` and on any host, and a link for when it does not.
pub fn redirect_page(q: &Question, alias: &str) -> String {
    let page = format!("{}.html", alias_id(alias));
    let target = format!("{}{}", url::root_of(&page), url::encode_path(&q.url));
    redirect_html(&target, &q.front.title)
}

fn redirect_html(target: &str, title: &str) -> String {
    let target = escape::attr(target);
    let title = escape::text(title);
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Moved: {title}</title>\n\
         <meta name=\"robots\" content=\"noindex\">\n<meta http-equiv=\"refresh\" content=\"0; url={target}\">\n\
         <link rel=\"canonical\" href=\"{target}\">\n</head>\n<body>\n\
         <p>This question has moved: <a href=\"{target}\">{title}</a>.</p>\n</body>\n</html>\n"
    )
}

/// `aliases.js`: `window.CRAMDOWN_ALIASES = { "old/id": "new/id" }`, read by progress.js on
/// every page so stored progress follows its question.
pub fn script(site: &Site) -> String {
    let map: std::collections::BTreeMap<&str, &str> = site
        .questions
        .iter()
        .flat_map(|q| {
            q.front
                .aliases
                .iter()
                .map(move |a| (alias_id(a), q.id.as_str()))
        })
        .collect();
    let json = serde_json::to_string(&map).unwrap_or_else(|_| "{}".into());
    format!(
        "window.CRAMDOWN_ALIASES = {};\n",
        json.replace("</", "<\\/")
    )
}
