//! The exam blueprint (`[[exam.domains]]` in site.toml, `domain` in front matter): each mistake
//! is an error at its file, line and column with exit status 1 and the previous output kept; a
//! multiple-choice question without a domain is a warning in `build` and `check`; the exam data
//! and the search catalog carry the domains.

mod common;

use common::TestSite;

/// `questions = 5` over `secure` (60 %: 3 questions) and `cost` (40 %: 2).
const SITE_TOML: &str = r#"title = "Blueprint"

[exam]
questions = 5
minutes = 10
pass_mark = 70

[[exam.domains]]
id = "secure"
name = "Design secure architectures"
weight = 60

[[exam.domains]]
id = "cost"
name = "Design cost-optimized architectures"
weight = 40

[topics.t]
title = "T"
description = "The one topic."
"#;

fn choice_question(title: &str, domain: Option<&str>) -> String {
    let domain = domain.map_or(String::new(), |d| format!("domain = \"{d}\"\n"));
    format!(
        "+++\ntitle = \"{title}\"\ntopics = [\"t\"]\n{domain}+++\n\nA scenario.\n\n## Choices\n\n- [x] Right\n\n  Why.\n\n- [ ] Wrong\n\n  Why not.\n\n## Answer\n\nBecause.\n"
    )
}

/// A site whose blueprint is exactly filled: 3 `secure` and 2 `cost` questions.
fn blueprint_site() -> TestSite {
    let site = TestSite::empty();
    site.write("site.toml", SITE_TOML);
    for k in 1..=3 {
        site.write(
            &format!("content/s{k}.md"),
            &choice_question(&format!("Secure {k}?"), Some("secure")),
        );
    }
    for k in 1..=2 {
        site.write(
            &format!("content/c{k}.md"),
            &choice_question(&format!("Cost {k}?"), Some("cost")),
        );
    }
    site
}

#[test]
fn a_filled_blueprint_builds_cleanly_and_its_domains_reach_the_exam_and_the_catalog() {
    let site = blueprint_site();
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stderr.trim(), "", "no warning");
    let data = site.read("public/exam-data.js");
    assert!(
        data.contains(r#""domains":[{"id":"secure","name":"Design secure architectures","weight":60},{"id":"cost","name":"Design cost-optimized architectures","weight":40}]"#),
        "{data}"
    );
    // Each question carries its domain's position; the site order is by path: c1 c2 s1 s2 s3.
    let domains: Vec<&str> = data
        .match_indices("\"domain\":")
        .map(|(i, m)| &data[i + m.len()..i + m.len() + 1])
        .collect();
    assert_eq!(domains, ["1", "1", "0", "0", "0"], "{data}");
    let catalog = site.read("public/search-index/catalog.js");
    assert!(
        catalog.contains(r#""domains":["secure","cost"],"domain":"22111""#),
        "{catalog}"
    );
    let exam = site.read("public/exam.html");
    assert!(
        exam.contains(r#"<tr data-domain="secure"><th scope="row">Design secure architectures</th><td>60%</td><td class="exam-share">3</td></tr>"#),
        "{exam}"
    );
    let study = site.read("public/study.html");
    assert!(
        study.contains(r#"<option value="cost">Design cost-optimized architectures</option>"#),
        "{study}"
    );
}

#[test]
fn weights_that_do_not_sum_to_100_are_an_error_at_the_first_weight() {
    let site = blueprint_site();
    let stderr = site.fails_keeping_output(|s| {
        s.write(
            "site.toml",
            &SITE_TOML.replace("weight = 40", "weight = 30"),
        );
    });
    assert!(
        stderr.contains("site.toml:11:10: error: the domain weights sum to 90 (60 + 30), not 100"),
        "{stderr}"
    );
}

#[test]
fn a_question_naming_an_unknown_domain_is_an_error_at_its_value() {
    let site = blueprint_site();
    let stderr = site.fails_keeping_output(|s| {
        s.write(
            "content/x.md",
            &choice_question("Extra?", Some("resilient")),
        );
    });
    assert!(
        stderr.contains("content/x.md:4:10: error: unknown domain `resilient`: site.toml declares `secure`, `cost`"),
        "{stderr}"
    );
}

#[test]
fn a_domain_with_fewer_questions_than_its_share_is_an_error_at_its_id() {
    let site = blueprint_site();
    let stderr = site.fails_keeping_output(|s| {
        std::fs::remove_file(s.path("content/s3.md")).expect("remove");
    });
    assert!(
        stderr.contains("site.toml:9:6: error: domain `secure` has 2 multiple-choice questions, fewer than its share of one exam (3 of 5, 60%)"),
        "{stderr}"
    );
    // `check` says the same, with the same exit status.
    let check = site.run(&["check"]);
    assert_eq!(check.code, 1, "{}", check.stderr);
    assert!(
        check
            .stdout
            .contains("site.toml:9:6: error: domain `secure` has 2"),
        "{}",
        check.stdout
    );
}

#[test]
fn a_domain_on_an_open_question_is_an_error() {
    let site = blueprint_site();
    let stderr = site.fails_keeping_output(|s| {
        s.write(
            "content/open.md",
            "+++\ntitle = \"Open?\"\ntopics = [\"t\"]\ndomain = \"cost\"\n+++\n\nExplain.\n\n## Answer\n\nBecause.\n",
        );
    });
    assert!(
        stderr.contains("content/open.md:4:10: error: `domain` applies only to a question with a `## Choices` section"),
        "{stderr}"
    );
}

#[test]
fn a_multiple_choice_question_without_a_domain_is_a_warning_in_build_and_check() {
    let site = blueprint_site();
    site.write("content/nodomain.md", &choice_question("Which one?", None));
    let expected = "content/nodomain.md:1:1: warning: multiple-choice question without a `domain`: exams never draw it (site.toml's blueprint has secure, cost)";
    let build = site.build();
    assert_eq!(build.code, 0, "{}", build.stderr);
    assert_eq!(build.stderr.trim(), expected);
    // `check` reports every finding, warnings too, and exits 1 when there is any.
    let check = site.run(&["check"]);
    assert_eq!(check.code, 1, "{}", check.stderr);
    assert_eq!(check.stdout.trim(), expected);
}

#[test]
fn a_scaled_score_needs_both_ends_and_a_passing_score_inside() {
    let site = blueprint_site();
    let stderr = site.fails_keeping_output(|s| {
        let toml = SITE_TOML.replace(
            "pass_mark = 70\n",
            "pass_mark = 70\nscore_scale = [100, 1000]\n",
        );
        s.write("site.toml", &toml);
    });
    assert!(
        stderr.contains("site.toml:7:1: error: `[exam]` `score_scale` and `pass_score` go together: give both or neither"),
        "{stderr}"
    );
    let toml = SITE_TOML.replace(
        "pass_mark = 70\n",
        "pass_mark = 70\nscore_scale = [100, 1000]\npass_score = 1200\n",
    );
    site.write("site.toml", &toml);
    let run = site.build();
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("site.toml:7:1: error: `[exam]` `pass_score` 1200 must lie within `score_scale` [100, 1000] (lowest first)"),
        "{}",
        run.stderr
    );
}

#[test]
fn duplicate_and_badly_named_domains_are_errors_at_their_id() {
    let site = blueprint_site();
    let stderr = site.fails_keeping_output(|s| {
        s.write(
            "site.toml",
            &SITE_TOML.replace("id = \"cost\"", "id = \"secure\""),
        );
    });
    assert!(
        stderr.contains("site.toml:14:6: error: domain `secure` is declared twice"),
        "{stderr}"
    );
    site.write(
        "site.toml",
        &SITE_TOML.replace("id = \"cost\"", "id = \"Cost Saving\""),
    );
    let run = site.build();
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("site.toml:14:6: error: domain id `Cost Saving` is not a valid slug"),
        "{}",
        run.stderr
    );
}

#[test]
fn without_a_blueprint_a_domain_names_nothing_and_exams_stay_as_they_were() {
    let site = TestSite::empty();
    site.write("site.toml", "title = \"No blueprint\"\n");
    site.write("content/q.md", &choice_question("Which?", None));
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stderr.trim(), "", "no warning without a blueprint");
    let data = site.read("public/exam-data.js");
    assert!(data.contains(r#""domains":[]"#), "{data}");
    assert!(!data.contains("\"domain\":"), "{data}");
    assert!(!site.read("public/exam.html").contains("cd-exam-blueprint"));

    site.write("content/q.md", &choice_question("Which?", Some("secure")));
    let run = site.build();
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains(
            "content/q.md:4:10: error: domain `secure`: site.toml declares no `[[exam.domains]]`"
        ),
        "{}",
        run.stderr
    );
}
