//! The whole Markdown-to-page pipeline, in memory: a fuzzed question file beside one fixed,
//! valid question it can link to (`../ref/target.md#anchor`), modelled with `model::build`,
//! rendered with `render_markdown` (link rewriting, heading ids, snippet checks, highlighting)
//! and then through the built-in templates. The same bytes are also tried as a folder intro.
//! Any diagnostic is fine; a panic, hang or memory blow-up is a bug.
#![no_main]

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use cramdown::config::{self, Config};
use cramdown::content::{decode, Kind, SourceFile};
use cramdown::model::{self, Site};
use cramdown::render::{load_templates, RenderInput, Renderer, Templates};
use libfuzzer_sys::fuzz_target;

const SITE_TOML: &str = r#"
title = "Fuzz <site>"
description = "A site for fuzzing"
base_url = "https://example.com/docs/"
repo_url = "https://example.com/repo/edit/main/content/"

[topics.guide]
title = "Guide"
description = "Questions & answers"

[topics.ref]
title = "Reference"
"#;

/// The fixed question the fuzzed one can link to: headings with plain, custom and repeated ids.
const TARGET: &str = r#"+++
title = "Where do links point?"
topics = ["ref", "guide"]
difficulty = "beginner"
weight = 1
updated = 2024-05-01
+++

What does [the fuzzed page](../guide/fuzzed.md#answer) say?

## Answer

### Details {#custom-id}

Text with `code`, a [same-page link](#details) and an [external one](https://example.com/).

### Details

```json
{"ok": true}
```

```yaml
Resources:
  Bucket:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: !Sub "${AWS::StackName}-b"
```
"#;

const HOME_INTRO: &str = "Welcome. Start with [the target](ref/target.md#details).\n";

fn config() -> &'static Config {
    static CONFIG: OnceLock<Config> = OnceLock::new();
    CONFIG.get_or_init(|| {
        config::parse(Path::new("site.toml"), SITE_TOML).expect("fixed site.toml parses")
    })
}

fn tera() -> &'static Templates {
    static TERA: OnceLock<Templates> = OnceLock::new();
    TERA.get_or_init(|| load_templates(Path::new("/nonexistent")).expect("built-in templates"))
}

fn source(kind: Kind, rel: &str, text: &str) -> SourceFile {
    SourceFile {
        kind,
        rel: rel.to_string(),
        path: PathBuf::from(format!("content/{rel}")),
        text: text.to_string(),
    }
}

fn fixed() -> Vec<SourceFile> {
    vec![
        source(Kind::Intro, "_index.md", HOME_INTRO),
        source(Kind::Question, "ref/target.md", TARGET),
        source(Kind::Asset, "guide/diagram.png", ""),
    ]
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = decode(Path::new("content/guide/fuzzed.md"), data.to_vec()) else {
        return;
    };

    // 1. As a question in its own folder, beside the fixed one.
    let mut sources = fixed();
    sources.push(source(Kind::Question, "guide/fuzzed.md", &text));
    if let Ok(site) = model::build(config().clone(), sources, Default::default()) {
        let (rendered, intros, _diagnostics) = cramdown::render_markdown(&site);
        assert_eq!(rendered.len(), site.questions.len());
        check_links(&site, &rendered);
        let input = RenderInput {
            site: &site,
            templates: tera(),
            intros: &intros,
            static_files: &[],
        };
        let renderer = Renderer::new(&input);
        for (i, q) in site.questions.iter().enumerate() {
            if q.rel != "guide/fuzzed.md" {
                continue;
            }
            if let Ok(page) = renderer.question_with(i, &rendered[i]) {
                check_title_escaped(q, &page.html);
            }
        }
        let _ = renderer.site_page(0);
        if let Some(t) = site.topics.iter().position(|t| t.slug == "guide") {
            let _ = renderer.topic(t, 1);
        }
    }

    // 2. As the intro of the `guide` topic (front matter optional, no `## Answer` split).
    let mut sources = fixed();
    sources.push(source(Kind::Intro, "guide/_index.md", &text));
    if let Ok(site) = model::build(config().clone(), sources, Default::default()) {
        let (_rendered, intros, _diagnostics) = cramdown::render_markdown(&site);
        let input = RenderInput {
            site: &site,
            templates: tera(),
            intros: &intros,
            static_files: &[],
        };
        let renderer = Renderer::new(&input);
        if let Some(t) = site.topics.iter().position(|t| t.slug == "guide") {
            let _ = renderer.topic(t, 1);
        }
    }
});

/// `javascript:`, `vbscript:` and `data:` Markdown links are never emitted as live links.
/// Raw HTML passes through as the author wrote it, so pages holding any are skipped.
fn check_links(site: &Site, rendered: &[cramdown::markdown::Rendered]) {
    use pulldown_cmark::{Event, Options, Parser};
    for (q, r) in site.questions.iter().zip(rendered) {
        let body = &q.text[q.body_offset..];
        let opts = Options::ENABLE_TABLES
            | Options::ENABLE_FOOTNOTES
            | Options::ENABLE_STRIKETHROUGH
            | Options::ENABLE_TASKLISTS
            | Options::ENABLE_HEADING_ATTRIBUTES
            | Options::ENABLE_GFM;
        let raw_html = Parser::new_ext(body, opts)
            .any(|e| matches!(e, Event::Html(_) | Event::InlineHtml(_)));
        if raw_html {
            continue;
        }
        for html in [&r.prompt, &r.answer] {
            let lower = html.to_ascii_lowercase();
            for bad in ["href=\"javascript:", "href=\"vbscript:", "href=\"data:"] {
                assert!(
                    !lower.contains(bad),
                    "{}: live unsafe link `{bad}` in rendered HTML",
                    q.rel
                );
            }
        }
    }
}

/// Front matter is data: a title holding markup must come out escaped on its page. The
/// marker tag `<fuzz` (seeded and in the dictionary) never occurs in the templates, so if the
/// title holds it, it may appear in the page only where the body itself holds it (the author's
/// raw HTML passes through).
fn check_title_escaped(q: &model::Question, html: &str) {
    const MARK: &str = "<fuzz";
    if !q.front.title.contains(MARK) || q.text[q.body_offset..].contains(MARK) {
        return;
    }
    assert!(
        !html.contains(MARK),
        "{}: title {:?} appears unescaped in its page",
        q.rel,
        q.front.title
    );
}
