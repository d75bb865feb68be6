//! The question bank this repository ships: it builds cleanly, holds the ten questions of the
//! source document, and every snippet in it is highlighted and checked.

mod common;

use std::process::Command;

const SOURCE_QUESTIONS: &[(&str, &str)] = &[
    ("ec2/instance-metadata-credentials", "metadata"),
    ("sqs/dead-letter-queues", "dead-letter"),
    ("cicd/aws-code-services", "CodeCommit"),
    ("containers/eks-ecs-fargate", "Fargate"),
    ("iam/offboarding-contractors", "IAM group"),
    (
        "cloudformation/findinmap-missing-parameter",
        "CloudFormation",
    ),
    ("load-balancing/choosing-a-load-balancer", "Load Balancing"),
    ("elastic-beanstalk/deployment-policies", "Elastic Beanstalk"),
    ("s3/strong-consistency", "consistency"),
    ("iam/explain-listbucket-runtask-policy", "IAM policy"),
];

fn build_bank() -> (tempfile::TempDir, String) {
    let out = tempfile::tempdir().unwrap();
    let output = Command::new(common::bin())
        .args(["build", "--output"])
        .arg(out.path().join("site"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(output.status.success(), "{stderr}");
    (out, stderr)
}

#[test]
fn the_bank_builds_without_warnings() {
    let (_out, stderr) = build_bank();
    assert!(stderr.trim().is_empty(), "warnings: {stderr}");
}

#[test]
fn the_ten_source_questions_are_on_the_site() {
    let (out, _) = build_bank();
    for (id, words) in SOURCE_QUESTIONS {
        let page = std::fs::read_to_string(out.path().join("site").join(format!("{id}.html")))
            .unwrap_or_else(|e| panic!("{id}: {e}"));
        let title = page
            .split("<h1>")
            .nth(1)
            .and_then(|t| t.split("</h1>").next())
            .unwrap_or("");
        assert!(
            title.to_lowercase().contains(&words.to_lowercase()),
            "{id}: title {title:?}"
        );
    }
}

#[test]
fn the_bank_has_thirty_questions_with_further_reading_and_highlighted_code() {
    let (out, _) = build_bank();
    let site = out.path().join("site");
    let mut questions = 0;
    let mut blocks = 0;
    for entry in walkdir::WalkDir::new(env!("CARGO_MANIFEST_DIR").to_string() + "/content") {
        let entry = entry.unwrap();
        let name = entry.file_name().to_string_lossy().into_owned();
        if !name.ends_with(".md") || name == "_index.md" {
            continue;
        }
        questions += 1;
        let rel = entry
            .path()
            .to_string_lossy()
            .split("/content/")
            .nth(1)
            .unwrap()
            .replace(".md", ".html");
        let page = std::fs::read_to_string(site.join(&rel)).unwrap();
        assert!(
            page.contains("Further reading"),
            "{rel} has no further reading"
        );
        let source = std::fs::read_to_string(entry.path()).unwrap();
        let fences = source
            .lines()
            .filter(|l| l.trim_start().starts_with("```") && l.trim().len() > 3)
            .count();
        let highlighted = page
            .matches("<pre class=\"code hl-code\" data-lang=")
            .count();
        assert_eq!(
            fences, highlighted,
            "{rel}: every fenced block with a language is highlighted"
        );
        blocks += highlighted;
    }
    assert!(questions >= 30, "only {questions} questions");
    assert!(blocks >= 30, "only {blocks} code blocks");
}
