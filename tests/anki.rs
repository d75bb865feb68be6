//! `cramdown export --anki`, checked by the real Anki: the official `anki` library (installed
//! by scripts/test.sh into .venv-test/) imports the file as the desktop app does, and a second
//! export after an edit updates the notes in place.

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::TestSite;
use serde_json::Value;

/// The Python of the test virtualenv (scripts/test.sh creates it).
fn python() -> PathBuf {
    let python = Path::new(env!("CARGO_MANIFEST_DIR")).join(".venv-test/bin/python");
    assert!(
        python.is_file(),
        "{} is missing: run scripts/test.sh, which installs tests/python/requirements.txt",
        python.display()
    );
    python
}

/// Imports `file` into the collection at `collection` with Anki; returns its report.
fn anki_import(collection: &Path, file: &Path) -> Value {
    anki_run(&[collection, file])
}

/// Runs tests/python/anki_import.py with `args`; returns its report.
fn anki_run(args: &[&Path]) -> Value {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/python/anki_import.py");
    let out = Command::new(python())
        .arg(script)
        .args(args)
        .output()
        .expect("run python");
    assert!(
        out.status.success(),
        "anki import failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("json from anki_import.py")
}

fn export(site: &TestSite, file: &Path, extra: &[&str]) {
    let mut args = vec!["export", "--anki", file.to_str().expect("utf-8 path")];
    args.extend(extra);
    let run = site.run(&args);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.starts_with("exported "), "{}", run.stdout);
}

fn notes(report: &Value) -> &Vec<Value> {
    report["notes"].as_array().expect("notes")
}

/// Each question's expected note: GUID and tags, from the site's own model.
fn expected(site: &TestSite) -> Vec<(String, Vec<String>, String)> {
    let loaded = cramdown::load(&cramdown::BuildOptions::new(site.root())).expect("load");
    loaded
        .site
        .questions
        .iter()
        .map(|q| {
            let mut tags = q.front.topics.clone();
            if let Some(d) = q.front.difficulty {
                tags.push(format!("difficulty::{}", d.name()));
            }
            // The exam domain travels as a tag, so a re-import still fills the blueprint.
            if let Some(domain) = &q.front.domain {
                tags.push(format!("domain::{domain}"));
            }
            tags.sort();
            (cramdown::anki::note_guid(q), tags, q.front.title.clone())
        })
        .collect()
}

/// The number of questions a build of `site` reports (`built N questions ...`).
fn published_questions(site: &TestSite) -> usize {
    let run = site.run(&["build", "--output", "count-build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    run.stdout
        .split_whitespace()
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no count in {}", run.stdout))
}

#[test]
fn anki_imports_one_note_per_question_and_updates_them_in_place() {
    let site = TestSite::bank_copy();
    let work = tempfile::tempdir().expect("tmp");
    let file = work.path().join("deck.txt");
    let collection = work.path().join("collection.anki2");
    export(&site, &file, &["--deck", "AWS::Interview"]);

    let first = anki_import(&collection, &file);
    let expected = expected(&site);
    // One note per published question of the bank.
    assert_eq!(expected.len(), published_questions(&site));
    assert_eq!(first["new"], expected.len(), "{}", first["new"]);
    let imported = notes(&first);
    assert_eq!(imported.len(), expected.len());
    for (guid, tags, title) in &expected {
        let note = imported
            .iter()
            .find(|n| n["guid"] == guid.as_str())
            .unwrap_or_else(|| panic!("no note with GUID {guid} ({title})"));
        assert_eq!(note["notetype"], "Basic");
        assert_eq!(note["deck"], "AWS::Interview");
        let note_tags: Vec<String> = serde_json::from_value(note["tags"].clone()).expect("tags");
        assert_eq!(&note_tags, tags, "{title}");
        let question = note["question"].as_str().expect("question");
        assert!(
            question.contains(&cramdown::escape::text(title)),
            "{title}: {question}"
        );
        for field in note["fields"].as_array().expect("fields") {
            assert_self_contained(field.as_str().expect("field"), title);
        }
    }
    // Highlighted code arrives styled inline: a YAML key in the CloudFormation question.
    let highlighted = imported
        .iter()
        .filter(|n| {
            n["answer"]
                .as_str()
                .unwrap_or("")
                .contains("<span style=\"color:#116329\">")
        })
        .count();
    assert!(
        highlighted >= 5,
        "only {highlighted} notes have inline-styled code"
    );

    // Edit one answer, export again, import again: the same notes, one of them updated.
    let (guid, _, title) = &expected[3];
    let rel = cramdown::load(&cramdown::BuildOptions::new(site.root()))
        .expect("load")
        .site
        .questions[3]
        .rel
        .clone();
    let path = format!("content/{rel}");
    let text = site.read(&path);
    site.write(&path, &format!("{text}\nEdited for the re-import test.\n"));
    export(&site, &file, &["--deck", "AWS::Interview"]);
    let second = anki_import(&collection, &file);
    assert_eq!(second["new"], 0);
    assert_eq!(second["updated"], 1, "only the edited note changes");
    // Anki logs the notes it found unchanged as duplicates (kept as they are, not added).
    assert_eq!(second["duplicate"], expected.len() - 1);
    let after = notes(&second);
    assert_eq!(after.len(), expected.len());
    let guids = |list: &[Value]| -> BTreeSet<String> {
        list.iter()
            .map(|n| n["guid"].as_str().unwrap_or("").to_string())
            .collect()
    };
    assert_eq!(guids(after), guids(imported));
    let edited = after
        .iter()
        .find(|n| n["guid"] == guid.as_str())
        .expect("edited note");
    assert!(
        edited["fields"][1]
            .as_str()
            .unwrap_or("")
            .contains("Edited for the re-import test."),
        "{title}: {}",
        edited["fields"][1]
    );
}

/// A field renders on a card without the site: no script, no stylesheet or class, nothing
/// loaded from elsewhere, no link back into the site (the bank has a base_url: its own pages
/// are linked absolutely), no raw newline.
fn assert_self_contained(field: &str, title: &str) {
    let lower = field.to_ascii_lowercase();
    for bad in [
        "<script",
        "<link",
        "<style",
        " class=",
        " onclick",
        "\n",
        "\t",
        "javascript:",
    ] {
        assert!(!lower.contains(bad), "{title}: `{bad}` in {field}");
    }
    for link in common::links(field) {
        let site_page = link.starts_with("https://cramdown.github.io/cramdown/");
        let external = link.starts_with("https://") || link.starts_with("http://");
        assert!(site_page || external, "{title}: relative link {link}");
    }
    assert!(!lower.contains(" src=\"http"), "{title}: loads {field}");
}

#[test]
fn choices_are_marked_on_the_back_only_and_links_without_base_url_become_text() {
    let site = TestSite::basic();
    site.write(
        "content/s3/classes.md",
        "+++\ntitle = \"Which S3 storage classes keep data in one zone?\"\ntopics = [\"s3\"]\ndifficulty = \"advanced\"\n+++\n\nPick every one that applies. See [consistency](consistency.md) and ![a diagram](zones.png).\n\n- [x] S3 One Zone-IA\n- [ ] S3 Standard\n- [ ] S3 Glacier Deep Archive\n\n## Answer\n\nOnly **One Zone-IA**:\n\n```json\n{\"StorageClass\": \"ONEZONE_IA\"}\n```\n",
    );
    site.write("content/s3/zones.png", "not really a png");
    let work = tempfile::tempdir().expect("tmp");
    let file = work.path().join("deck.txt");
    export(&site, &file, &[]);
    let report = anki_import(&work.path().join("c.anki2"), &file);
    let note = notes(&report)
        .iter()
        .find(|n| n["guid"] == cramdown::anki::anki_guid("s3/classes.md").as_str())
        .expect("note");
    assert_eq!(note["deck"], "Test Bank");
    assert_eq!(
        note["tags"],
        serde_json::json!(["difficulty::advanced", "s3"])
    );
    let front = note["fields"][0].as_str().expect("front");
    let back = note["fields"][1].as_str().expect("back");
    assert!(
        front.contains("<li>\u{2610} S3 One Zone-IA</li>"),
        "{front}"
    );
    assert!(
        !front.contains("Correct") && !front.contains("checked"),
        "{front}"
    );
    assert!(front.contains("See consistency and a diagram."), "{front}");
    assert!(
        back.contains("\u{2705} <b>Correct:</b> S3 One Zone-IA</li>"),
        "{back}"
    );
    assert!(
        back.contains("\u{274C} <b>Wrong:</b> S3 Standard</li>"),
        "{back}"
    );
    assert!(
        back.contains("<span style=\"color:#116329\">\"StorageClass\"</span>"),
        "{back}"
    );
    for field in [front, back] {
        assert_self_contained(field, "classes");
        assert!(
            !field.contains("href") && !field.contains("src="),
            "{field}"
        );
    }
}

#[test]
fn what_anki_exports_imports_into_a_site() {
    let bank = TestSite::basic();
    let work = tempfile::tempdir().expect("tmp");
    let ours = work.path().join("ours.txt");
    let theirs = work.path().join("theirs.txt");
    export(&bank, &ours, &[]);
    anki_run(&[&work.path().join("c.anki2"), &ours, &theirs]);
    let exported = std::fs::read_to_string(&theirs).expect("Anki's export");
    assert!(
        exported.starts_with("#separator:tab\n#html:true\n#guid column:1\n"),
        "{exported}"
    );

    let site = TestSite::empty();
    assert_eq!(site.run(&["init"]).code, 0);
    std::fs::remove_file(site.path("content/basics/what-is-spaced-repetition.md")).expect("rm");
    std::fs::copy(bank.path("site.toml"), site.path("site.toml")).expect("site.toml");
    let run = site.run(&["import", "anki", theirs.to_str().expect("utf-8")]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let questions = |s: &TestSite| {
        let loaded = cramdown::load(&cramdown::BuildOptions::new(s.root())).expect("load");
        let mut list: Vec<(String, Vec<String>, Option<&'static str>)> = loaded
            .site
            .questions
            .iter()
            .map(|q| {
                let difficulty = q
                    .front
                    .difficulty
                    .map(cramdown::content::front_matter::Difficulty::name);
                (q.front.title.clone(), q.front.topics.clone(), difficulty)
            })
            .collect();
        list.sort();
        list
    };
    assert_eq!(questions(&site), questions(&bank));
    assert_eq!(site.build().code, 0);
}

#[test]
fn a_renamed_question_with_an_alias_keeps_its_note() {
    let site = TestSite::basic();
    let work = tempfile::tempdir().expect("tmp");
    let collection = work.path().join("c.anki2");
    let (first, second) = (work.path().join("1.txt"), work.path().join("2.txt"));
    export(&site, &first, &[]);
    let before = anki_import(&collection, &first);
    let count = notes(&before).len();
    // The author renames the file and records its old path.
    let text = site.read("content/s3/versioning.md");
    std::fs::remove_file(site.path("content/s3/versioning.md")).expect("rm");
    site.write(
        "content/s3/object-versions.md",
        &text
            .replacen(
                "topics: [s3]\n",
                "topics: [s3]\naliases: [s3/versioning.md]\n",
                1,
            )
            .replace(
                "Every PUT keeps the old version.",
                "Every PUT keeps the old version, renamed.",
            ),
    );
    let linking = site.read("content/s3/consistency.md");
    site.write(
        "content/s3/consistency.md",
        &linking.replace("(versioning.md)", "(object-versions.md)"),
    );
    export(&site, &second, &[]);
    let after = anki_import(&collection, &second);
    assert_eq!(after["new"], 0, "no second note for the renamed question");
    // Only the renamed note changed (links export as plain text without a base_url).
    assert_eq!(after["updated"], 1);
    let note = notes(&after)
        .iter()
        .find(|n| n["guid"] == cramdown::anki::anki_guid("s3/versioning.md").as_str())
        .expect("the note keeps its GUID");
    assert!(note["fields"][1]
        .as_str()
        .is_some_and(|back| back.contains("renamed")));
    assert_eq!(notes(&after).len(), count);
}

#[test]
fn a_choices_section_exports_its_choices_and_marks_the_correct_ones() {
    let site = TestSite::basic();
    site.write(
        "content/s3/durable.md",
        "+++\ntitle = \"Which S3 storage classes span several Availability Zones?\"\ntopics = [\"s3\"]\n+++\n\nPick the classes that survive the loss of one zone. (Choose two.)\n\n## Choices\n\n- [x] S3 Standard\n\n  Stored across at least three zones.\n\n- [ ] S3 One Zone-IA\n\n  One zone only, as its name says.\n\n- [x] S3 Standard-IA\n\n  Same resilience as Standard, cheaper storage.\n\n## Answer\n\nStandard and Standard-IA.\n",
    );
    let work = tempfile::tempdir().expect("tmp");
    let file = work.path().join("deck.txt");
    export(&site, &file, &[]);
    let report = anki_import(&work.path().join("c.anki2"), &file);
    let note = notes(&report)
        .iter()
        .find(|n| n["guid"] == cramdown::anki::anki_guid("s3/durable.md").as_str())
        .expect("note");
    let front = note["fields"][0].as_str().expect("front");
    let back = note["fields"][1].as_str().expect("back");
    assert!(front.contains("Choose 2."), "{front}");
    assert!(front.contains("\u{2610} S3 One Zone-IA"), "{front}");
    assert!(
        !front.contains("Correct"),
        "the front gives nothing away: {front}"
    );
    assert!(!front.contains("One zone only"), "{front}");
    assert!(back.contains("<b>Correct:</b> S3 Standard<"), "{back}");
    assert!(back.contains("<b>Wrong:</b> S3 One Zone-IA"), "{back}");
    assert!(back.contains("<b>Correct:</b> S3 Standard-IA"), "{back}");
    assert!(back.contains("One zone only, as its name says."), "{back}");
    assert_self_contained(back, "durable");
}
