//! What the build does for the study features: `## Key points` rendered for the grading script
//! and checked, aliases (redirect pages, `aliases.js`, collisions at their line), `[study]`.

mod common;

use common::TestSite;

const KEY_POINTS: &str = "+++\ntitle = \"What does S3 replicate?\"\ntopics = [\"s3\"]\n+++\n\nName the options.\n\n## Answer\n\nCross-region and same-region replication.\n\n## Key points\n\n- Cross-region replication\n- Same-region replication\n- Versioning must be on\n\n## Further reading\n\nThe S3 guide.\n";

#[test]
fn key_points_become_a_classed_list_inside_the_answer() {
    let site = TestSite::basic();
    site.write("content/s3/replication.md", KEY_POINTS);
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stderr, "", "no warning for a good key points section");
    let html = site.read("public/s3/replication.html");
    let answer = &html[html.find("id=\"cd-answer-body\"").expect("answer")..];
    let list = answer
        .find("<ul class=\"key-points\">")
        .expect("classed list in the answer");
    let item = answer[list..]
        .find("<li>Versioning must be on</li>")
        .expect("points");
    assert!(
        answer[..list].contains("id=\"key-points\""),
        "the heading stays, with its id"
    );
    assert!(answer[list + item..].contains("id=\"further-reading\""));
    // Ordered lists keep their start.
    site.write(
        "content/s3/replication.md",
        &KEY_POINTS
            .replace("- Cross", "3. Cross")
            .replace("- Same", "4. Same")
            .replace("- Vers", "5. Vers"),
    );
    assert_eq!(site.build().code, 0);
    assert!(site
        .read("public/s3/replication.html")
        .contains("<ol class=\"key-points\" start=\"3\">"));
}

#[test]
fn check_warns_about_empty_key_points_and_key_points_outside_the_answer() {
    let site = TestSite::basic();
    site.write(
        "content/s3/empty.md",
        "+++\ntitle = \"Empty\"\ntopics = [\"s3\"]\n+++\n\n## Answer\n\nText.\n\n## Key points\n\n## Further reading\n",
    );
    site.write(
        "content/s3/outside.md",
        "+++\ntitle = \"Outside\"\ntopics = [\"s3\"]\n+++\n\nPrompt.\n\n## Key points\n\n- One\n\n## Answer\n\nText.\n",
    );
    site.write(
        "content/s3/last.md",
        "+++\ntitle = \"Last\"\ntopics = [\"s3\"]\n+++\n\n## Answer\n\nText.\n\n## Key Points\n",
    );
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    for expected in [
        "content/s3/empty.md:10:1: warning: `## Key points` is empty: follow it with a list of the points a good answer makes",
        "content/s3/last.md:10:1: warning: `## Key points` is empty: follow it with a list of the points a good answer makes",
        "content/s3/outside.md:8:1: warning: `## Key points` is outside the answer: move it after `## Answer`, where the learner grades with it",
    ] {
        assert!(run.stdout.contains(expected), "missing {expected:?} in\n{}", run.stdout);
    }
    // A build reports them too, and still builds.
    let build = site.build();
    assert_eq!(build.code, 0, "{}", build.stderr);
    assert!(
        build
            .stderr
            .contains("content/s3/outside.md:8:1: warning: `## Key points` is outside the answer"),
        "{}",
        build.stderr
    );
}

#[test]
fn aliases_write_relative_redirect_pages_and_the_alias_map() {
    let site = TestSite::basic();
    let text = site.read("content/s3/versioning.md").replace(
        "weight: 2\n",
        "weight: 2\naliases: [\"s3/old-versioning.md\", \"archive/2024/versions.md\"]\n",
    );
    site.write("content/s3/versioning.md", &text);
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = site.read("public/archive/2024/versions.html");
    assert!(
        page.contains("<meta http-equiv=\"refresh\" content=\"0; url=../../s3/versioning.html\">"),
        "{page}"
    );
    assert!(
        page.contains("<a href=\"../../s3/versioning.html\">How does S3 versioning work?</a>"),
        "{page}"
    );
    assert!(site
        .read("public/s3/old-versioning.html")
        .contains("url=../s3/versioning.html\""));
    assert_eq!(
        site.read("public/aliases.js"),
        "window.CRAMDOWN_ALIASES = {\"archive/2024/versions\":\"s3/versioning\",\"s3/old-versioning\":\"s3/versioning\"};\n"
    );
    // Every page loads the alias map before the progress store.
    let question = site.read("public/s3/consistency.html");
    let aliases = question.find("src=\"../aliases.js\"").expect("aliases.js");
    assert!(
        aliases
            < question
                .find("src=\"../progress.js\"")
                .expect("progress.js")
    );
    common::assert_links_resolve_on_disk(&site.path("public"));
}

#[test]
fn an_alias_that_takes_a_page_or_is_not_a_markdown_path_is_an_error_at_its_line() {
    let site = TestSite::basic();
    let stderr = site.fails_keeping_output(|s| {
        s.write(
            "content/s3/moved.md",
            "+++\ntitle = \"Moved\"\ntopics = [\"s3\"]\naliases = [\n  \"s3/gone.md\",\n  \"s3/consistency.md\",\n]\n+++\n",
        );
    });
    assert!(stderr.contains("content/s3/moved.md:6:3: error: alias `s3/consistency.md` would replace the page of content/s3/consistency.md (s3/consistency.html)"), "{stderr}");
    let site = TestSite::basic();
    let stderr = site.fails_keeping_output(|s| {
        s.write(
            "content/s3/moved.md",
            "---\ntitle: Moved\ntopics: [s3]\naliases: [study.md]\n---\n",
        );
    });
    assert!(stderr.contains("content/s3/moved.md:4:11: error: alias `study.md` would replace the site's page study.html"), "{stderr}");
    let site = TestSite::basic();
    let stderr = site.fails_keeping_output(|s| {
        s.write(
            "content/s3/moved.md",
            "+++\ntitle = \"Moved\"\ntopics = [\"s3\"]\naliases = [\"/abs/old.md\"]\n+++\n",
        );
    });
    assert!(stderr.contains("content/s3/moved.md:4:12: error: alias `/abs/old.md` is not a path under content/ to a Markdown file"), "{stderr}");
}

#[test]
fn study_settings_reach_every_page() {
    let site = TestSite::basic();
    let toml = site.read("site.toml").replace(
        "[extra]",
        "[study]\ndesired_retention = 0.85\nmaximum_interval = 180\n\n[extra]",
    );
    site.write("site.toml", &toml);
    assert_eq!(site.build().code, 0);
    for page in ["index.html", "s3/consistency.html", "stats.html"] {
        assert!(
            site.read(&format!("public/{page}"))
                .contains("data-retention=\"0.85\" data-max-interval=\"180\""),
            "{page}"
        );
    }
    let stderr = site.fails_keeping_output(|s| {
        let toml = s.read("site.toml").replace(
            "maximum_interval = 180",
            "maximum_interval = 180\nfuzz = true",
        );
        s.write("site.toml", &toml);
    });
    assert!(stderr.contains("site.toml:"), "{stderr}");
    assert!(stderr.contains("unknown field `fuzz`"), "{stderr}");
}
