//! Names the site is laid out by, each said once: the folders of a site (which `serve`
//! watches), the pages every site has, and the generated files beside them.

/// The site's configuration file, at its root.
pub const SITE_TOML: &str = "site.toml";
/// The site's folders: the author's Markdown, template overrides, files copied as they are.
pub const CONTENT: &str = "content";
pub const TEMPLATES: &str = "templates";
pub const STATIC: &str = "static";
/// What `serve` watches at the site's root.
pub const WATCHED: &[&str] = &[SITE_TOML, CONTENT, TEMPLATES, STATIC];

/// The pages every site has besides questions and topics: output path and template.
pub const SITE_PAGES: &[(&str, &str)] = &[
    ("index.html", "index.html"),
    ("study.html", "study.html"),
    ("exam.html", "exam.html"),
    ("stats.html", "stats.html"),
    ("interview.html", "interview.html"),
    ("topics/index.html", "topics.html"),
    ("404.html", "404.html"),
];
/// The template of every question page and of every topic page.
pub const QUESTION_TEMPLATE: &str = "question.html";
pub const TOPIC_TEMPLATE: &str = "topic.html";

/// Generated files that are not pages.
pub const SYNTAX_CSS: &str = "syntax.css";
pub const ALIASES_SCRIPT: &str = "aliases.js";
pub const EXAM_DATA: &str = "exam-data.js";
pub const NOJEKYLL: &str = ".nojekyll";
pub const SITEMAP: &str = "sitemap.xml";
pub const ROBOTS: &str = "robots.txt";
pub const FEED: &str = "feed.xml";
pub const CNAME: &str = "CNAME";
/// The search index: its entry script, and the folder of its parts.
pub const SEARCH_INDEX: &str = "search-index.js";
pub const SEARCH_DIR: &str = "search-index";
/// The web app manifest and the service worker (at the root, so its scope is the whole site).
pub const MANIFEST: &str = "manifest.webmanifest";
pub const WORKER: &str = "sw.js";
