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

/// A question file of the bank, split where the study site splits it.
struct Source {
    rel: String,
    prompt: String,
    answer: String,
    difficulty: String,
}

fn bank_sources() -> Vec<Source> {
    let mut sources = Vec::new();
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    for entry in walkdir::WalkDir::new(&root).sort_by_file_name() {
        let entry = entry.unwrap();
        let name = entry.file_name().to_string_lossy().into_owned();
        if !name.ends_with(".md") || name == "_index.md" {
            continue;
        }
        let text = std::fs::read_to_string(entry.path()).unwrap();
        let (prompt, answer) = text
            .split_once("\n## Answer\n")
            .unwrap_or_else(|| panic!("{name} has no ## Answer"));
        let difficulty = text
            .lines()
            .find_map(|l| l.strip_prefix("difficulty"))
            .map(|v| {
                v.trim_start_matches([' ', '=', ':'])
                    .trim()
                    .trim_matches('"')
                    .to_string()
            })
            .unwrap_or_default();
        sources.push(Source {
            rel: entry
                .path()
                .strip_prefix(&root)
                .unwrap()
                .display()
                .to_string(),
            prompt: prompt.to_string(),
            answer: answer.to_string(),
            difficulty,
        });
    }
    sources
}

/// The items of the `## Key points` list in an answer.
fn key_points(answer: &str) -> Vec<&str> {
    let Some((_, rest)) = answer.split_once("\n## Key points\n") else {
        return Vec::new();
    };
    rest.lines()
        .take_while(|l| !l.starts_with("## "))
        .filter_map(|l| l.strip_prefix("- "))
        .collect()
}

#[test]
fn a_hundred_questions_each_with_key_points_and_thirty_multiple_choice() {
    let sources = bank_sources();
    assert!(sources.len() >= 100, "only {} questions", sources.len());
    for s in &sources {
        let points = key_points(&s.answer);
        assert!(
            (3..=6).contains(&points.len()),
            "{}: {} key points (want 3 to 6)",
            s.rel,
            points.len()
        );
        assert!(
            !s.answer.contains("\n## Choices\n"),
            "{}: choices belong in the prompt",
            s.rel
        );
    }
    let choices = sources
        .iter()
        .filter(|s| s.prompt.contains("\n## Choices\n"))
        .count();
    assert!(choices >= 30, "only {choices} multiple-choice questions");
    // About a third beginner, half intermediate, the rest advanced.
    let share = |level: &str| {
        sources.iter().filter(|s| s.difficulty == level).count() as f64 / sources.len() as f64
    };
    assert!(
        (0.2..=0.45).contains(&share("beginner")),
        "beginner {}",
        share("beginner")
    );
    assert!(
        (0.35..=0.65).contains(&share("intermediate")),
        "intermediate {}",
        share("intermediate")
    );
    assert!(
        (0.1..=0.3).contains(&share("advanced")),
        "advanced {}",
        share("advanced")
    );
}

#[test]
fn every_described_topic_has_questions_and_check_finds_nothing() {
    let site = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/site.toml")).unwrap();
    let sources = bank_sources();
    for topic in site.lines().filter_map(|l| l.strip_prefix("[topics.")) {
        let slug = topic.trim_end_matches(']');
        let used = sources.iter().any(|s| {
            s.prompt.contains(&format!("\"{slug}\"")) || s.prompt.contains(&format!("[{slug}"))
        });
        assert!(used, "topic {slug} has no question");
    }
    let check = Command::new(common::bin())
        .arg("check")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&check.stdout).into_owned()
        + &String::from_utf8_lossy(&check.stderr);
    assert!(check.status.success(), "{out}");
    assert!(out.contains("check: no problems in"), "{out}");
}
