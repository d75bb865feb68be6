//! Pages that stay small: topic pages split `paginate` questions at a time with previous/next
//! links, a home page that lists no question, the search index split into files; and `serve`
//! producing exactly these files as questions come and go.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::time::{Duration, Instant};

use common::server::Server;
use common::TestSite;

/// A site with `big` questions in topic "big" (file names in site order) and 3 in "small".
fn site_with(big: usize, paginate: Option<usize>) -> TestSite {
    let site = TestSite::empty();
    let paginate = paginate.map_or(String::new(), |n| format!("paginate = {n}\n"));
    site.write(
        "site.toml",
        &format!("title = \"Paged\"\n{paginate}\n[topics.big]\ntitle = \"Big topic\"\n\n[topics.small]\ntitle = \"Small topic\"\n"),
    );
    for i in 0..big {
        site.write(
            &format!("content/big/q{i:03}.md"),
            &question(&format!("Big question {i}"), "big", "An answer."),
        );
    }
    for i in 0..3 {
        site.write(
            &format!("content/small/s{i}.md"),
            &question(&format!("Small question {i}"), "small", "Short."),
        );
    }
    site
}

fn question(title: &str, topic: &str, answer: &str) -> String {
    format!("+++\ntitle = \"{title}\"\ntopics = [\"{topic}\"]\n+++\n\n## Answer\n\n{answer}\n")
}

/// The question links of a topic page, resolved against the site root (`big/q007.html`).
fn listed(page: &str, root: &str) -> Vec<String> {
    page.split("<a class=\"qtitle\" href=\"")
        .skip(1)
        .map(|rest| {
            let href = &rest[..rest.find('"').expect("closing quote")];
            href.strip_prefix(root)
                .expect("relative to the root")
                .to_string()
        })
        .collect()
}

/// The `href` of the link with `rel="<rel>"`, if any.
fn rel_link(page: &str, rel: &str) -> Option<String> {
    let at = page.find(&format!("rel=\"{rel}\" href=\""))?;
    let rest = &page[at + rel.len() + 13..];
    Some(rest[..rest.find('"')?].to_string())
}

#[test]
fn long_topics_are_split_into_pages_linked_in_order() {
    let site = site_with(230, Some(100));
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let out = site.path("public");
    assert!(
        !out.join("topics/big/1.html").exists(),
        "page 1 is topics/big.html"
    );
    assert!(!out.join("topics/big/4.html").exists());
    assert!(
        !out.join("topics/small").exists(),
        "a short topic has one page"
    );

    let pages = [
        ("topics/big.html", "../"),
        ("topics/big/2.html", "../../"),
        ("topics/big/3.html", "../../"),
    ];
    let texts: Vec<String> = pages
        .iter()
        .map(|(p, _)| site.read(&format!("public/{p}")))
        .collect();
    assert_eq!(rel_link(&texts[0], "prev"), None);
    assert_eq!(
        rel_link(&texts[0], "next").as_deref(),
        Some("../topics/big/2.html")
    );
    assert_eq!(
        rel_link(&texts[1], "prev").as_deref(),
        Some("../../topics/big.html")
    );
    assert_eq!(
        rel_link(&texts[1], "next").as_deref(),
        Some("../../topics/big/3.html")
    );
    assert_eq!(
        rel_link(&texts[2], "prev").as_deref(),
        Some("../../topics/big/2.html")
    );
    assert_eq!(rel_link(&texts[2], "next"), None);
    for text in &texts {
        assert!(
            text.contains("<nav class=\"pager\" aria-label=\"Pages of Big topic\">"),
            "{text}"
        );
        assert!(
            text.contains("230 questions"),
            "the whole topic's count on every page"
        );
        assert!(
            text.contains("data-total=\"230\" data-needs-index"),
            "known counts over the whole topic"
        );
    }
    assert!(texts[1].contains("<title>Big topic (page 2 of 3) · Paged</title>"));
    assert!(texts[1].contains("<span class=\"pager-dir\">← Previous page</span><span class=\"pager-title\">Page 1 of 3</span>"));
    assert!(texts[1].contains("Questions 101 to 200 of 230."));

    // Every question of the topic exactly once, in site order, 100 / 100 / 30.
    let lists: Vec<Vec<String>> = pages
        .iter()
        .zip(&texts)
        .map(|((_, root), t)| listed(t, root))
        .collect();
    assert_eq!(
        lists.iter().map(Vec::len).collect::<Vec<_>>(),
        [100, 100, 30]
    );
    let all: Vec<String> = lists.concat();
    let want: Vec<String> = (0..230).map(|i| format!("big/q{i:03}.html")).collect();
    assert_eq!(all, want);

    let small = site.read("public/topics/small.html");
    assert_eq!(listed(&small, "../").len(), 3);
    assert!(!small.contains("class=\"pager\""), "one page, no pager");
    assert!(
        !small.contains("data-needs-index"),
        "a page that lists the whole topic counts from its list"
    );

    // A question's topic links go to the topic's first page.
    let q = site.read("public/big/q150.html");
    assert!(
        q.contains("<li><a href=\"../topics/big.html\">Big topic</a></li>"),
        "breadcrumb"
    );
    assert!(q.contains("<a class=\"tag\" href=\"../topics/big.html\">Big topic</a>"));
    assert!(common::assert_links_resolve_on_disk(&out) > 230 * 4);
}

#[test]
fn the_home_page_lists_topics_and_ways_to_practise_but_no_question() {
    let site = site_with(230, None);
    assert_eq!(site.build().code, 0);
    let home = site.read("public/index.html");
    assert!(!home.contains("class=\"qtitle\""), "no question listed");
    assert!(!home.contains("Big question"), "no question title");
    assert!(
        home.contains("<section class=\"due-today js-only\""),
        "a place for what is due"
    );
    assert!(home.contains("<ul class=\"topic-cards\" data-needs-index>"));
    assert!(home.contains("<a href=\"topics/big.html\">Big topic</a>\n      <span class=\"tcount\">230 questions</span>"));
    assert!(home.contains("data-topic-known=\"big\" data-total=\"230\""));
    assert!(home.contains("<a href=\"study.html\">Study session</a>"));
    // paginate defaults to 100.
    assert!(site.path("public/topics/big/3.html").is_file());
    assert!(!site.path("public/topics/big/4.html").exists());
}

#[test]
fn paginate_zero_is_refused_at_its_line() {
    let site = site_with(3, Some(1));
    let stderr = site.fails_keeping_output(|s| {
        let text = s.read("site.toml");
        s.write("site.toml", &text.replace("paginate = 1", "paginate = 0"));
    });
    assert!(
        stderr.contains(
            "site.toml:2:1: error: paginate must be at least 1 (questions per topic page)"
        ),
        "{stderr}"
    );
}

#[test]
fn the_search_index_is_split_into_titles_shards_details_and_a_catalog() {
    let site = site_with(120, None);
    // One answer long enough in distinct words to need several term shards.
    let words: Vec<String> = (0..6000).map(|i| format!("word{i:05}x")).collect();
    site.write(
        "content/big/q000.md",
        &question("Big question 0", "big", &words.join(" ")),
    );
    assert_eq!(site.build().code, 0);
    let files: BTreeSet<String> = site.snapshot("public/search-index").into_keys().collect();
    let details: BTreeSet<String> = (0..3).map(|k| format!("docs-{k}.js")).collect();
    assert!(details.iter().all(|d| files.contains(d)), "{files:?}");
    assert!(!files.contains("docs-3.js"), "123 questions, 50 per chunk");
    assert!(files.contains("catalog.js"));
    let shards = files.iter().filter(|f| f.starts_with("terms-")).count();
    assert!(shards >= 2, "{files:?}");
    let head = site.read("public/search-index.js");
    assert!(
        head.starts_with("window.CRAMDOWN_SEARCH={\"v\":3,"),
        "{head}"
    );
    assert!(head.contains("\"chunk\":50,\"titles\":[\"Big question 0\",\"Big question 1\","));
    assert!(
        !head.contains("word00001x"),
        "the vocabulary is in the shards, not the first file"
    );
    let first = site.read("public/search-index/terms-0.js");
    assert!(first.starts_with("(window.CRAMDOWN_SEARCH_PARTS=window.CRAMDOWN_SEARCH_PARTS||{})[\"terms-0\"]={\"terms\":[\""));
}

/// A cold build of the sources as they are now (with the server's URL as base_url, as `serve`
/// builds), without its marker file.
fn cold_build(site: &TestSite, port: u16) -> BTreeMap<String, Vec<u8>> {
    let base_url = format!("http://127.0.0.1:{port}/");
    let run = site.run(&["build", "--output", "cold", "--base-url", &base_url]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let mut files = site.snapshot("cold");
    files.remove(".cramdown-output");
    files
}

/// Waits until `serve` answers every file of a cold build with its bytes, and every path of
/// `gone` with 404 (the deadline is only a safety net).
fn assert_serves(server: &Server, built: &BTreeMap<String, Vec<u8>>, gone: &[&str], step: &str) {
    let live_tag = "<script src=\"/__cramdown/live.js\"></script>";
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let mut problems = Vec::new();
        for (path, bytes) in built {
            let served = server.get(&format!("/{path}"));
            // Only pages carry the live-reload tag; other files (icons) may not be text.
            let body = if path.ends_with(".html") {
                String::from_utf8_lossy(&served.body)
                    .replacen(live_tag, "", 1)
                    .into_bytes()
            } else {
                served.body.clone()
            };
            if served.status != 200 || body != *bytes {
                problems.push(format!("{path}: served {} differs", served.status));
            }
        }
        for path in gone {
            let status = server.get(&format!("/{path}")).status;
            if status != 404 {
                problems.push(format!("{path}: served with {status}"));
            }
        }
        if problems.is_empty() {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "{step}:\n  {}",
            problems.join("\n  ")
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn serve_keeps_topic_pages_and_index_files_equal_to_a_build() {
    let site = site_with(5, Some(2));
    let server = Server::start(site.root(), 0);
    server.wait_log("built the site", Duration::from_secs(60));
    let check = |step: &str, gone: &[&str]| {
        let built = cold_build(&site, server.port);
        assert_serves(&server, &built, gone, step);
        built
    };
    let built = check("start", &[]);
    assert!(built.contains_key("topics/big/3.html") && !built.contains_key("topics/big/4.html"));

    let retitle = |from: &str, to: &str| {
        let text = site.read("content/big/q002.md");
        site.write("content/big/q002.md", &text.replacen(from, to, 1));
    };
    retitle("Big question 2", "Big question two");
    let built = check("retitle a question listed on page 2", &[]);
    assert!(String::from_utf8_lossy(&built["topics/big/2.html"]).contains("Big question two"));
    retitle("An answer.", "Another answer.");
    check("edit an answer", &[]);

    for i in 5..7 {
        site.write(
            &format!("content/big/q{i:03}.md"),
            &question(&format!("Big question {i}"), "big", "New."),
        );
    }
    let built = check("add two questions: a fourth page", &[]);
    assert!(built.contains_key("topics/big/4.html"));
    for i in 4..7 {
        std::fs::remove_file(site.path(&format!("content/big/q{i:03}.md"))).unwrap();
    }
    check(
        "delete three: two pages",
        &["topics/big/3.html", "topics/big/4.html"],
    );

    let words: Vec<String> = (0..6000).map(|i| format!("word{i:05}x")).collect();
    retitle("Another answer.", &words.join(" "));
    let built = check("an answer whose words need more term shards", &[]);
    assert!(built.contains_key("search-index/terms-1.js"));
    retitle(&words.join(" "), "Short again.");
    check("and fewer again", &["search-index/terms-1.js"]);

    let text = site.read("site.toml");
    site.write("site.toml", &text.replace("paginate = 2", "paginate = 1"));
    let built = check("paginate changed in site.toml", &[]);
    assert!(built.contains_key("topics/big/4.html"));
}
