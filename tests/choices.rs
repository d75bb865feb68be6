//! Multiple-choice questions and the mock exam's build side: the `## Choices` section rendered
//! as choices and kept out of the prompt, `exam-data.js`, `exam.html` with the `[exam]`
//! defaults, and every bad `## Choices` or `[exam]` reported at its `path:line:col`.

mod common;

use common::TestSite;

const SINGLE: &str = r#"+++
title = "Which storage do instances in two AZs share?"
topics = ["s3"]
+++

Two instances in two Availability Zones need the same files.

## Choices

- [ ] Amazon EBS Multi-Attach volumes

  Multi-Attach works only for io1/io2 volumes in one Availability Zone.

- [x] Amazon EFS

  A regional NFS file system that instances in every AZ mount at once.

- [ ] Instance store

## Answer

EFS is regional.
"#;

const MULTIPLE: &str = "+++\ntitle = \"Which two are regional?\"\ntopics = [\"s3\", \"iam\"]\nshuffle = false\n+++\n\n## Choices\n\n- [x] S3 buckets\n- [x] IAM roles are global, trick\n- [ ] EBS volumes\n- [ ] None of the above\n\n## Answer\n\nSee above.\n";

fn with_question(rel: &str, text: &str) -> TestSite {
    let site = TestSite::basic();
    site.write(rel, text);
    site
}

/// A question file whose body (after line 4 of front matter) is `body`.
fn question(body: &str) -> String {
    format!("+++\ntitle = \"Q\"\ntopics = [\"s3\"]\n+++\n{body}")
}

#[test]
fn one_correct_choice_renders_radio_buttons_and_the_prompt_loses_the_section() {
    let site = with_question("content/s3/storage.md", SINGLE);
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = site.read("public/s3/storage.html");
    assert_eq!(page.matches("type=\"radio\" name=\"cd-choice\"").count(), 3);
    assert!(page.contains("<legend class=\"choices-legend\">Choose one</legend>"));
    assert!(
        page.contains("data-shuffle=\"true\""),
        "shuffled by default"
    );
    assert!(
        !page.contains("id=\"choices\""),
        "the heading is not part of the prompt"
    );
    assert!(page.contains("<span class=\"choice-text\">Amazon EFS</span>"));
    assert!(page.contains(
        "<div class=\"choice-explanation prose\" hidden><p>A regional NFS file system that instances in every AZ mount at once.</p>\n</div>"
    ));
    // The answer marks the correct choice, for readers without JavaScript.
    assert!(
        page.contains(
            "<li class=\"is-correct\"><span class=\"key-mark\">✓ Correct:</span> Amazon EFS"
        ),
        "{page}"
    );
    assert!(page.contains("<span class=\"key-mark\">✗ Wrong:</span> Instance store"));
    assert!(page.contains("<script src=\"../choices.js\" defer></script>"));
    let prompt_end = page.find("need the same files.").expect("prompt");
    assert!(prompt_end < page.find("id=\"cd-choices\"").expect("choices"));
    // An open question does not load the script.
    assert!(!site
        .read("public/s3/versioning.html")
        .contains("choices.js"));
}

#[test]
fn several_correct_choices_render_checkboxes_and_choose_n() {
    let site = with_question("content/s3/regional.md", MULTIPLE);
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = site.read("public/s3/regional.html");
    assert_eq!(
        page.matches("type=\"checkbox\" name=\"cd-choice\"").count(),
        4
    );
    assert!(page.contains("<legend class=\"choices-legend\">Choose 2</legend>"));
    assert!(
        !page.contains("data-shuffle"),
        "shuffle = false keeps the order"
    );
    assert!(page.contains("data-correct-count=\"2\""));
}

#[test]
fn exam_data_holds_only_multiple_choice_questions() {
    let site = with_question("content/s3/storage.md", SINGLE);
    site.write("content/iam/regional.md", MULTIPLE);
    assert_eq!(site.build().code, 0);
    let script = site.read("public/exam-data.js");
    let json = script
        .strip_prefix("window.CRAMDOWN_EXAM = ")
        .and_then(|s| s.strip_suffix(";\n"))
        .expect("a classic script assigning a global");
    let data: serde_json::Value = serde_json::from_str(json).expect("JSON");
    assert_eq!(data["v"], 1);
    assert_eq!(
        data["topics"],
        serde_json::json!([["s3", "Amazon S3"], ["iam", "IAM"]])
    );
    let questions = data["questions"].as_array().expect("questions");
    let ids: Vec<&str> = questions.iter().filter_map(|q| q["id"].as_str()).collect();
    assert_eq!(
        ids,
        ["iam/regional", "s3/storage"],
        "site order, open ones left out"
    );
    let storage = &questions[1];
    assert_eq!(storage["topics"], serde_json::json!([0]));
    assert_eq!(storage["shuffle"], true);
    assert_eq!(questions[0]["shuffle"], false);
    assert_eq!(questions[0]["topics"], serde_json::json!([0, 1]));
    assert_eq!(
        storage["choices"][1],
        serde_json::json!({
            "html": "Amazon EFS",
            "correct": true,
            "explanation": "<p>A regional NFS file system that instances in every AZ mount at once.</p>\n"
        })
    );
    assert_eq!(storage["choices"][2]["explanation"], "");
    assert_eq!(
        storage["prompt"],
        "<p>Two instances in two Availability Zones need the same files.</p>\n"
    );
    assert_eq!(storage["answer"], "<p>EFS is regional.</p>\n");
}

#[test]
fn exam_page_takes_its_defaults_from_site_toml() {
    let site = TestSite::basic();
    assert_eq!(site.build().code, 0);
    let page = site.read("public/exam.html");
    assert!(page.contains("data-questions=\"65\" data-minutes=\"130\" data-pass-mark=\"72\""));
    assert!(site
        .read("public/index.html")
        .contains("href=\"exam.html\">Exam</a>"));
    assert_eq!(
        site.read("public/exam-data.js"),
        "window.CRAMDOWN_EXAM = {\"v\":1,\"topics\":[],\"domains\":[],\"questions\":[]};\n"
    );
    let toml = site.read("site.toml") + "\n[exam]\nquestions = 10\nminutes = 15\npass_mark = 80\n";
    site.write("site.toml", &toml);
    assert_eq!(site.build().code, 0);
    assert!(site
        .read("public/exam.html")
        .contains("data-questions=\"10\" data-minutes=\"15\" data-pass-mark=\"80\""));
}

#[test]
fn bad_exam_settings_are_named_with_their_line() {
    let site = TestSite::basic();
    let stderr = site.fails_keeping_output(|s| {
        let toml = s.read("site.toml") + "\n[exam]\nquestions = 10\nlength = 5\n";
        s.write("site.toml", &toml);
    });
    assert!(
        stderr.contains("site.toml:18:1: error: unknown field `length`, expected one of `questions`, `minutes`, `pass_mark`"),
        "{stderr}"
    );
    let site = TestSite::basic();
    let stderr = site.fails_keeping_output(|s| {
        let toml = s.read("site.toml") + "\n[exam]\npass_mark = 120\n";
        s.write("site.toml", &toml);
    });
    assert!(
        stderr.contains(
            "site.toml:17:1: error: `[exam]` `pass_mark` is 120: it must be between 0 and 100"
        ),
        "{stderr}"
    );
}

/// Builds with `content/s3/bad.md` holding `body` after its front matter, expecting a failure
/// that leaves the previous output alone; returns stderr.
fn bad_choices(body: &str) -> String {
    let site = TestSite::basic();
    site.fails_keeping_output(|s| s.write("content/s3/bad.md", &question(body)))
}

#[test]
fn choices_without_a_correct_one() {
    let stderr =
        bad_choices("\nWhich?\n\n## Choices\n\n- [ ] One\n- [ ] Two\n\n## Answer\n\nNone.\n");
    assert!(
        stderr.contains("content/s3/bad.md:8:1: error: `## Choices` has no correct choice: mark the right one `- [x]`"),
        "{stderr}"
    );
}

#[test]
fn choices_that_are_all_correct() {
    let stderr = bad_choices("\n## Choices\n\n- [x] One\n- [x] Two\n\n## Answer\n\nBoth.\n");
    assert!(
        stderr.contains("content/s3/bad.md:6:1: error: every choice of `## Choices` is marked correct, so there is nothing to choose: mark the wrong ones `- [ ]`"),
        "{stderr}"
    );
}

#[test]
fn a_choice_that_is_not_a_task_item() {
    let stderr =
        bad_choices("\n## Choices\n\n- [x] One\n- Two\n- [ ] Three\n\n## Answer\n\nOne.\n");
    assert!(
        stderr.contains("content/s3/bad.md:9:1: error: a choice must be a task item: `- [x]` for a correct choice, `- [ ]` for a wrong one"),
        "{stderr}"
    );
}

#[test]
fn choices_in_the_answer() {
    let stderr =
        bad_choices("\nWhich?\n\n## Answer\n\nThis one.\n\n## Choices\n\n- [x] One\n- [ ] Two\n");
    assert!(
        stderr.contains(
            "content/s3/bad.md:12:1: error: `## Choices` belongs in the prompt, before `## Answer`"
        ),
        "{stderr}"
    );
    // Without `## Answer` the whole body is the answer: the same mistake.
    let stderr = bad_choices("\n## Choices\n\n- [x] One\n- [ ] Two\n");
    assert!(
        stderr.contains(
            "content/s3/bad.md:6:1: error: `## Choices` belongs in the prompt, before `## Answer`"
        ),
        "{stderr}"
    );
}

#[test]
fn fewer_than_two_choices() {
    let stderr = bad_choices("\n## Choices\n\n- [x] Only\n\n## Answer\n\nOnly.\n");
    assert!(
        stderr.contains("content/s3/bad.md:6:1: error: `## Choices` needs at least two choices"),
        "{stderr}"
    );
    let stderr = bad_choices("\n## Choices\n\n## Answer\n\nNothing.\n");
    assert!(
        stderr.contains("content/s3/bad.md:6:1: error: `## Choices` holds no choices: write them as a task list, `- [x]` for a correct choice and `- [ ]` for a wrong one"),
        "{stderr}"
    );
}

#[test]
fn other_text_in_the_choices_section() {
    let stderr =
        bad_choices("\n## Choices\n\n- [x] One\n- [ ] Two\n\nPick wisely.\n\n## Answer\n\nOne.\n");
    assert!(
        stderr.contains("content/s3/bad.md:11:1: error: only a task list may follow `## Choices`"),
        "{stderr}"
    );
}

#[test]
fn a_second_choices_section() {
    let stderr = bad_choices(
        "\n## Choices\n\n- [x] One\n- [ ] Two\n\n## Choices\n\n- [x] Three\n- [ ] Four\n\n## Answer\n\nOne.\n",
    );
    assert!(
        stderr.contains("content/s3/bad.md:11:1: error: a second `## Choices` section: a question has one list of choices"),
        "{stderr}"
    );
}

#[test]
fn shuffle_on_an_open_question_is_a_warning() {
    let site = with_question(
        "content/s3/open.md",
        "+++\ntitle = \"Open\"\ntopics = [\"s3\"]\nshuffle = false\n+++\n\n## Answer\n\nWords.\n",
    );
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("content/s3/open.md:4:11: warning: `shuffle` applies only to a question with a `## Choices` section"),
        "{}",
        run.stderr
    );
}

#[test]
fn check_reports_bad_choices_too() {
    let site = with_question(
        "content/s3/bad.md",
        &question("\n## Choices\n\n- [ ] One\n- [ ] Two\n\n## Answer\n\nNone.\n"),
    );
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    let out = run.stdout + &run.stderr;
    assert!(
        out.contains("content/s3/bad.md:6:1: error: `## Choices` has no correct choice"),
        "{out}"
    );
}
