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
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/python/anki_import.py");
    let out = Command::new(python())
        .arg(script)
        .arg(collection)
        .arg(file)
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
                tags.push(format!(
                    "difficulty::{}",
                    cramdown::render::difficulty_name(d)
                ));
            }
            tags.sort();
            (
                cramdown::anki::anki_guid(&q.rel),
                tags,
                q.front.title.clone(),
            )
        })
        .collect()
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
    assert_eq!(expected.len(), 34);
    assert_eq!(first["new"], 34, "{}", first["new"]);
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
    assert_eq!(second["duplicate"], 33);
    let after = notes(&second);
    assert_eq!(after.len(), 34);
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
