//! `cramdown build` on real sites in temporary folders: the pages it writes.

mod common;

use common::TestSite;

#[test]
fn writes_a_page_per_question_and_the_site_files() {
    let site = TestSite::basic();
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    for file in [
        "index.html",
        "s3/consistency.html",
        "s3/versioning.html",
        "iam/policy.html",
        "topics/index.html",
        "topics/s3.html",
        "topics/iam.html",
        "study.html",
        "404.html",
        ".nojekyll",
        "syntax.css",
        "search-index.js",
        "cramdown.css",
        "cramdown.js",
    ] {
        assert!(site.path("public").join(file).is_file(), "missing {file}");
    }
    assert!(
        !site.path("public/sitemap.xml").exists(),
        "no sitemap without base_url"
    );
    assert!(
        run.stdout.contains("built 3 questions in 2 topics in ") && run.stdout.contains("public"),
        "summary line: {}",
        run.stdout
    );
}

#[test]
fn question_page_has_prompt_answer_topics_and_edit_link() {
    let site = TestSite::basic();
    assert_eq!(site.build().code, 0);
    let page = site.read("public/s3/consistency.html");
    assert!(page.contains("Is S3 strongly consistent?"));
    let prompt_at = page.find("Explain the consistency model.").expect("prompt");
    let answer_at = page.find("Yes, since 2020.").expect("answer");
    assert!(prompt_at < answer_at);
    assert!(
        !page.contains("id=\"answer\">Answer"),
        "the ## Answer heading itself is not shown"
    );
    assert!(page.contains("href=\"../topics/s3.html\""), "topic linked");
    assert!(page.contains("Beginner") || page.contains("beginner"));
    assert!(page.contains("href=\"https://example.com/edit/content/s3/consistency.md\""));
    // Heading anchors.
    assert!(page.contains("<h3 id=\"details\">"), "{page}");
    assert!(page.contains("href=\"#details\""));
}

#[test]
fn links_between_questions_become_relative_page_urls() {
    let site = TestSite::basic();
    assert_eq!(site.build().code, 0);
    let page = site.read("public/s3/consistency.html");
    assert!(
        page.contains("href=\"../iam/policy.html#statements\""),
        "{page}"
    );
    assert!(page.contains("href=\"../s3/versioning.html\""));
    let policy = site.read("public/iam/policy.html");
    assert!(policy.contains("id=\"statements\""));
}

#[test]
fn code_is_highlighted_with_classes() {
    let site = TestSite::basic();
    assert_eq!(site.build().code, 0);
    let page = site.read("public/s3/consistency.html");
    assert!(
        page.contains(
            "<pre class=\"code hl-code\" data-lang=\"yaml\" tabindex=\"0\" role=\"group\" aria-label=\"Code: yaml\">"
        ),
        "{page}"
    );
    assert!(page.contains("<span class=\"hl-"), "spans with classes");
    assert!(!page.contains("style=\"color"), "no inline styles");
    let css = site.read("public/syntax.css");
    assert!(
        css.contains("@media (prefers-color-scheme: dark)")
            && css.contains("html[data-theme=\"dark\"] .hl-")
    );
}

#[test]
fn previous_and_next_follow_weight_then_path() {
    let site = TestSite::basic();
    assert_eq!(site.build().code, 0);
    let first = site.read("public/s3/consistency.html");
    let middle = site.read("public/s3/versioning.html");
    let last = site.read("public/iam/policy.html");
    assert!(!first.contains("rel=\"prev\""));
    assert!(
        first.contains("rel=\"next\" href=\"../s3/versioning.html\""),
        "{first}"
    );
    assert!(middle.contains("rel=\"prev\" href=\"../s3/consistency.html\""));
    assert!(middle.contains("rel=\"next\" href=\"../iam/policy.html\""));
    assert!(last.contains("rel=\"prev\" href=\"../s3/versioning.html\""));
    assert!(!last.contains("rel=\"next\""));
}

#[test]
fn topic_pages_list_their_questions_in_order() {
    let site = TestSite::basic();
    assert_eq!(site.build().code, 0);
    let s3 = site.read("public/topics/s3.html");
    let a = s3.find("Is S3 strongly consistent?").expect("first");
    let b = s3.find("How does S3 versioning work?").expect("second");
    let c = s3
        .find("What does this policy allow?")
        .expect("third (two topics)");
    assert!(a < b && b < c);
    let iam = site.read("public/topics/iam.html");
    assert!(!iam.contains("Is S3 strongly consistent?"));
    let index = site.read("public/index.html");
    assert!(index.contains("Welcome to the <strong>test bank</strong>."));
    assert!(index.contains("Amazon S3"));
    assert!(site.read("public/topics/s3.html").contains("Advanced"));
}

#[test]
fn drafts_are_skipped_unless_asked_for() {
    let site = TestSite::basic();
    assert_eq!(site.build().code, 0);
    assert!(!site.path("public/iam/draft.html").exists());
    assert!(!site.read("public/topics/iam.html").contains("Unfinished"));
    let run = site.run(&["build", "--drafts"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(site.path("public/iam/draft.html").exists());
}

#[test]
fn yaml_and_toml_front_matter_both_work() {
    let site = TestSite::basic();
    assert_eq!(site.build().code, 0);
    let yaml_page = site.read("public/s3/versioning.html");
    assert!(yaml_page.contains("How does S3 versioning work?"));
    assert!(yaml_page.contains("Intermediate") || yaml_page.contains("intermediate"));
}

#[test]
fn every_relative_link_and_asset_resolves_to_a_written_file() {
    let site = TestSite::basic();
    assert_eq!(site.build().code, 0);
    let checked = common::assert_links_resolve_on_disk(&site.path("public"));
    assert!(checked > 50, "only {checked} links checked");
}

#[test]
fn base_url_adds_sitemap_robots_feed_and_canonical() {
    let site = TestSite::basic();
    site.write(
        "site.toml",
        &site
            .read("site.toml")
            .replace("repo_url", "cname = \"bank.example.com\"\nrepo_url"),
    );
    let run = site.run(&["build", "--base-url", "https://user.github.io/bank"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let sitemap = site.read("public/sitemap.xml");
    assert!(sitemap.contains(
        "<loc>https://user.github.io/bank/s3/consistency.html</loc><lastmod>2024-05-01</lastmod>"
    ));
    assert!(site
        .read("public/robots.txt")
        .contains("Sitemap: https://user.github.io/bank/sitemap.xml"));
    assert!(site
        .read("public/feed.xml")
        .contains("<updated>2024-05-01T00:00:00Z</updated>"));
    let page = site.read("public/s3/consistency.html");
    assert!(page.contains(
        "<link rel=\"canonical\" href=\"https://user.github.io/bank/s3/consistency.html\">"
    ));
    assert!(
        page.contains("<meta property=\"og:title\" content=\"Is S3 strongly consistent?\">"),
        "{page}"
    );
    assert!(page.contains(
        "<meta property=\"og:url\" content=\"https://user.github.io/bank/s3/consistency.html\">"
    ));
    assert!(page.contains("<meta name=\"twitter:card\" content=\"summary\">"));
    let topic = site.read("public/topics/s3.html");
    assert!(
        topic.contains("<meta property=\"og:title\" content=\"Amazon S3 · Test Bank\">"),
        "{topic}"
    );
    // Links stay relative even with a base URL.
    assert!(page.contains("href=\"../iam/policy.html#statements\""));
}

#[test]
fn a_site_template_overrides_the_default() {
    let site = TestSite::basic();
    site.write(
        "templates/question.html",
        "<!doctype html><title>{{ question.title }}</title><p class=custom>{{ site.extra.tagline }} {{ question.answer | safe }}</p>",
    );
    assert_eq!(site.build().code, 0);
    let page = site.read("public/s3/consistency.html");
    assert!(page.starts_with(
        "<!doctype html><title>Is S3 strongly consistent?</title><p class=custom>hello"
    ));
    // Question pages receive the site-wide `topics` when their template reads it.
    site.write(
        "templates/question.html",
        "<!doctype html><title>{{ question.title }}</title><p>{{ topics | length }} topics</p>",
    );
    assert_eq!(site.build().code, 0);
    assert!(site
        .read("public/s3/consistency.html")
        .contains("<p>2 topics</p>"));
    // Other templates keep their defaults.
    assert!(site.read("public/index.html").contains("Welcome to the"));
}

#[test]
fn static_files_are_copied_and_override_defaults() {
    let site = TestSite::basic();
    site.write("static/img/logo.svg", "<svg/>");
    site.write("static/cramdown.css", "body{}");
    site.write("content/s3/diagram.png", "PNG");
    assert_eq!(site.build().code, 0);
    assert_eq!(site.read("public/img/logo.svg"), "<svg/>");
    assert_eq!(site.read("public/cramdown.css"), "body{}");
    assert_eq!(site.read("public/s3/diagram.png"), "PNG");
}

#[test]
fn a_rebuild_drops_pages_of_deleted_questions() {
    let site = TestSite::basic();
    assert_eq!(site.build().code, 0);
    site.write(
        "content/s3/gone.md",
        "+++\ntitle = \"Soon gone\"\ntopics = [\"s3\"]\n+++\n",
    );
    assert_eq!(site.build().code, 0);
    assert!(site.path("public/s3/gone.html").exists());
    std::fs::remove_file(site.path("content/s3/gone.md")).unwrap();
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!site.path("public/s3/gone.html").exists());
    assert!(!site.read("public/topics/s3.html").contains("Soon gone"));
    // No staging folders are left beside the output.
    let leftovers: Vec<_> = std::fs::read_dir(site.root())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().contains("cramdown-"))
        .collect();
    assert!(leftovers.is_empty());
}

#[test]
fn unknown_code_language_is_a_warning_with_its_line() {
    let site = TestSite::basic();
    site.write(
        "content/s3/klingon.md",
        "+++\ntitle = \"Q\"\ntopics = [\"s3\"]\n+++\n\n## Answer\n\n```klingon\nQapla'\n```\n",
    );
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let expected = "content/s3/klingon.md:8:1: warning: unknown language `klingon` in code block: shown without highlighting";
    assert!(run.stderr.contains(expected), "{}", run.stderr);
    assert!(
        site.read("public/s3/klingon.html").contains("Qapla&#39;")
            || site.read("public/s3/klingon.html").contains("Qapla'")
    );
}

#[test]
fn builds_with_only_site_toml_and_content() {
    let site = TestSite::empty();
    site.write("site.toml", "title = \"Tiny\"\n");
    site.write(
        "content/q.md",
        "+++\ntitle = \"Only one?\"\ntopics = [\"misc\"]\n+++\nYes.\n",
    );
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = site.read("public/q.html");
    assert!(page.contains("Only one?") && page.contains("Yes."));
    assert!(site.path("public/topics/misc.html").is_file());
}

#[test]
fn github_flavoured_markdown_extensions_render() {
    let site = TestSite::basic();
    site.write(
        "content/s3/gfm.md",
        "+++\ntitle = \"GFM\"\ntopics = [\"s3\"]\n+++\n\n## Answer\n\n| Class | Retrieval |\n| --- | --- |\n| Standard | ms |\n\n~~eventual~~ strong[^1]\n\n- [x] done\n- [ ] todo\n\n> [!NOTE]\n> Since 2020.\n\n[^1]: Since December 2020.\n",
    );
    assert_eq!(site.build().code, 0);
    let page = site.read("public/s3/gfm.html");
    assert!(
        page.contains("<table>") && page.contains("<th>Class</th>"),
        "{page}"
    );
    assert!(page.contains("<del>eventual</del>"));
    assert!(page.contains("class=\"footnote-reference\""));
    assert!(page.contains(
        "<li><input type=\"checkbox\" disabled=\"\" checked=\"\" aria-label=\"Done\"> done</li>"
    ));
    assert!(page
        .contains("<li><input type=\"checkbox\" disabled=\"\" aria-label=\"Not done\"> todo</li>"));
    assert!(page.contains("markdown-alert-note"));
}

/// Column alignment is a class (a strict Content-Security-Policy refuses `style` attributes),
/// and an empty header cell is a `<td>`, not a `<th>` without a name.
#[test]
fn tables_align_with_classes_and_leave_an_empty_corner_unnamed() {
    let site = TestSite::basic();
    site.write(
        "content/s3/table.md",
        "+++\ntitle = \"Table\"\ntopics = [\"s3\"]\n+++\n\n## Answer\n\n| | Left | Mid | Right |\n| --- | :--- | :-: | --: |\n| Row | `a` | [b](consistency.md) | 3 |\n",
    );
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = site.read("public/s3/table.html");
    let table = "<table><thead><tr><td></td><th class=\"align-left\">Left</th>\
        <th class=\"align-center\">Mid</th><th class=\"align-right\">Right</th></tr></thead><tbody>\n\
        <tr><td>Row</td><td class=\"align-left\"><code>a</code></td>\
        <td class=\"align-center\"><a href=\"../s3/consistency.html\">b</a></td>\
        <td class=\"align-right\">3</td></tr>\n</tbody></table>\n";
    assert!(page.contains(table), "{page}");
    assert!(!page.contains("style="), "{page}");
}
