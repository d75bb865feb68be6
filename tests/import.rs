//! `cramdown import`: a README of `<details>` blocks and an Anki text file become question
//! files; nothing is overwritten; the imported site builds and `check` names only the source's
//! own problems; and an export to Anki imported into a new site gives the same questions back.

mod common;

use std::path::Path;

use common::TestSite;

const README: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/interview-readme.md"
);

/// A new site (`cramdown init`) to import into.
fn new_site() -> TestSite {
    let site = TestSite::empty();
    let run = site.run(&["init"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    site
}

fn files_under(site: &TestSite, rel: &str) -> Vec<String> {
    common::snapshot(&site.path(rel)).into_keys().collect()
}

#[test]
fn a_readme_of_details_blocks_becomes_question_files() {
    let site = new_site();
    let run = site.run(&["import", "readme", README]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout.lines().take(7).collect::<Vec<_>>(),
        [
            "content/linux/what-does-chmod-755-do.md",
            "content/linux/what-is-an-inode.md",
            "content/linux/what-is-a-zombie-process.md",
            "content/git/what-is-an-inode-2.md",
            "content/git/how-do-you-undo-the-last-commit.md",
            "content/git/how-do-you-undo-the-last-commit-2.md",
            "imported 6 questions",
        ]
    );
    assert!(
        run.stdout.contains("\n[topics.git]\ntitle = \"Git\"\n"),
        "{}",
        run.stdout
    );
    assert_eq!(
        run.stderr,
        format!("{README}:36:1: warning: \"What is a zombie process?\" has no answer: written as a draft (content/linux/what-is-a-zombie-process.md)\n")
    );

    // Nested lists, inside the `<br><b>` wrapper such banks put around answers.
    assert_eq!(
        site.read("content/linux/what-does-chmod-755-do.md"),
        "+++\ntitle = \"What does chmod 755 do?\"\ntopics = [\"linux\"]\n+++\n\n## Answer\n\nIt sets the permissions to:\n\n- owner: read, write, execute\n  - that is `rwx`, or 7\n- group and others: read and execute\n  1. `r-x`\n  2. or 5\n"
    );
    // The summary's second line is the prompt; code and HTML stay as written.
    assert_eq!(
        site.read("content/linux/what-is-an-inode.md"),
        "+++\ntitle = \"What is an inode?\"\ntopics = [\"linux\"]\n+++\n\nThink about what a file name is not.\n\n## Answer\n\nAn inode holds a file's metadata (owner, mode, size, block pointers) but **not** its name:\n\n```bash\nls -i /etc/hostname\nstat -c '%i %n' /etc/hostname\n```\n\n<table><tr><th>Field</th><th>In the inode?</th></tr><tr><td>name</td><td>no</td></tr></table>\n\nHard links are directory entries that point at the same inode <sup>1</sup>. See [above](#linux).\n"
    );
    assert_eq!(
        site.read("content/linux/what-is-a-zombie-process.md"),
        "+++\ntitle = \"What is a zombie process?\"\ntopics = [\"linux\"]\ndraft = true\n+++\n\n## Answer\n\n"
    );
    // The same title in another section: the slug is numbered, the topic is that section's.
    assert_eq!(
        site.read("content/git/what-is-an-inode-2.md"),
        "+++\ntitle = \"What is an inode?\"\ntopics = [\"git\"]\n+++\n\n## Answer\n\nThe same title in another section: Git does not have inodes, but the working tree does.\n"
    );
    // A nested `<details>` stays inside its question's answer.
    assert_eq!(
        site.read("content/git/how-do-you-undo-the-last-commit.md"),
        "+++\ntitle = \"How do you undo the last commit?\"\ntopics = [\"git\"]\n+++\n\n## Answer\n\n`git reset --soft HEAD~1` keeps the changes staged.\n\n<details><summary>And if it was pushed?</summary>\nUse <code>git revert</code> instead.\n</details>\n"
    );
    assert_eq!(
        site.read("content/git/how-do-you-undo-the-last-commit-2.md"),
        "+++\ntitle = \"How do you undo the last commit?\"\ntopics = [\"git\"]\n+++\n\n## Answer\n\nAsked twice in one section: `git commit --amend` if only the message is wrong.\n"
    );

    // Described as the import suggests, the site builds, and `check` names only what the
    // README itself got wrong: the anchor to one of its own headings, and the repeated titles.
    let mut toml = site.read("site.toml");
    toml.push_str("\n[topics.linux]\ntitle = \"Linux\"\n\n[topics.git]\ntitle = \"Git\"\n");
    site.write("site.toml", &toml);
    let build = site.build();
    assert_eq!(build.code, 0, "{}", build.stderr);
    assert!(
        build.stdout.starts_with("built 6 questions"),
        "{}",
        build.stdout
    );
    let html =
        std::fs::read_to_string(site.path("public/linux/what-is-an-inode.html")).expect("page");
    assert!(html.contains("<table><tr><th>Field</th>"), "HTML kept");
    assert!(
        html.contains("<code class=\"language-bash\">"),
        "code highlighted"
    );
    let check = site.run(&["check"]);
    assert_eq!(check.code, 1);
    assert_eq!(
        check.stdout + &check.stderr,
        "content/git/how-do-you-undo-the-last-commit.md:2:1: warning: the same title is used by content/git/how-do-you-undo-the-last-commit-2.md\n\
         content/linux/what-is-an-inode.md:2:1: warning: the same title is used by content/git/what-is-an-inode-2.md\n\
         content/linux/what-is-an-inode.md:19:81: warning: link to `#linux`: linux/what-is-an-inode.html has no heading with that id\n\
         check: 3 findings\n"
    );
}

#[test]
fn an_import_never_overwrites_unless_forced_and_touches_no_other_file() {
    let site = new_site();
    site.write("content/git/what-is-an-inode-2.md", "mine\n");
    let before = site.snapshot("");
    let run = site.run(&["import", "readme", README]);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.stderr,
        "content/git/what-is-an-inode-2.md: error: already exists; not overwritten (pass --force to replace question files)\nimport failed: 1 error\n"
    );
    assert_eq!(site.snapshot(""), before, "nothing written");

    let run = site.run(&["import", "readme", README, "--force", "--topic", "devops"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        site.read("content/git/what-is-an-inode-2.md"),
        "mine\n",
        "other topic: untouched"
    );
    assert_eq!(
        files_under(&site, "content/devops").len(),
        6,
        "{:?}",
        files_under(&site, "content/devops")
    );
    let after = site.snapshot("");
    for (path, bytes) in &before {
        assert_eq!(after.get(path), Some(bytes), "{path} changed");
    }
    let forced = site.run(&["import", "readme", README, "--force", "--topic", "devops"]);
    assert_eq!(forced.code, 0, "{}", forced.stderr);
    assert_eq!(
        site.snapshot(""),
        after,
        "a forced re-import writes the same files"
    );

    let bad = site.run(&["import", "readme", README, "--topic", "Dev Ops"]);
    assert_eq!(bad.code, 1);
    assert!(
        bad.stderr
            .starts_with("--topic: error: topic `Dev Ops` is not a valid slug"),
        "{}",
        bad.stderr
    );
}

#[test]
fn an_anki_export_imported_into_a_new_site_gives_the_same_questions() {
    let bank = TestSite::bank_copy();
    let work = tempfile::tempdir().expect("tmp");
    let file = work.path().join("bank.txt");
    let file_arg = file.to_str().expect("utf-8");
    let run = bank.run(&["export", "--anki", file_arg]);
    assert_eq!(run.code, 0, "{}", run.stderr);

    let site = new_site();
    std::fs::remove_file(site.path("content/basics/what-is-spaced-repetition.md")).expect("rm");
    // The bank's site.toml without its exam blueprint: the text format brings choices back as
    // text, so the imported questions are open ones and fill no exam domain.
    let toml = bank.read("site.toml");
    let without_blueprint = toml.split("\n[exam]").next().expect("site.toml");
    site.write("site.toml", without_blueprint);
    let run = site.run(&["import", "anki", file_arg]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let built = bank.run(&["build", "--output", "count-build"]);
    let count = built
        .stdout
        .split_whitespace()
        .nth(1)
        .unwrap_or("?")
        .to_string();
    assert!(
        run.stdout.contains(&format!("imported {count} questions")),
        "{} (the bank has {count})",
        run.stdout
    );
    assert!(
        !run.stdout.contains("describe the new topics"),
        "{}",
        run.stdout
    );
    // `check` finds what it finds in the bank itself (topics site.toml describes for later).
    let (check, bank_check) = (site.run(&["check"]), bank.run(&["check"]));
    assert_eq!(
        (check.code, check.stdout + &check.stderr),
        (bank_check.code, bank_check.stdout + &bank_check.stderr)
    );

    // The same questions: exported again, every note has the same text, tags and order.
    let again = work.path().join("again.txt");
    let run = site.run(&["export", "--anki", again.to_str().expect("utf-8")]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let notes = |path: &Path| {
        let text = std::fs::read_to_string(path).expect("read");
        let file = cramdown::anki::text::read(path, &text).expect("parse");
        let mut notes: Vec<(Vec<String>, Vec<String>)> = file
            .notes
            .into_iter()
            .map(|n| {
                (
                    n.fields
                        .iter()
                        .map(|f| cramdown::html::plain_text(f))
                        .collect(),
                    // Exam domains stay behind with the choices (see site.toml above).
                    n.tags
                        .into_iter()
                        .filter(|t| !t.starts_with(cramdown::anki::DOMAIN_TAG))
                        .collect(),
                )
            })
            .collect();
        notes.sort();
        notes
    };
    let (original, imported) = (notes(&file), notes(&again));
    assert_eq!(original.len().to_string(), count);
    for (a, b) in original.iter().zip(&imported) {
        assert_eq!(a, b);
    }
}

#[test]
fn bad_sources_are_errors_naming_file_and_line_and_write_nothing() {
    let site = new_site();
    let before = site.snapshot("");
    let fail = |args: &[&str]| {
        let run = site.run(args);
        assert_eq!(run.code, 1, "{args:?}: {}", run.stdout);
        assert_eq!(site.snapshot(""), before, "{args:?} wrote something");
        run.stderr
    };
    let missing = fail(&["import", "readme", "nowhere.md"]);
    assert!(
        missing.starts_with("nowhere.md: error: cannot read: "),
        "{missing}"
    );

    let dir = tempfile::tempdir().expect("tmp");
    let binary = dir.path().join("binary.md");
    std::fs::write(&binary, b"<details>\xff\xfe</details>").expect("write");
    let stderr = fail(&["import", "readme", binary.to_str().expect("utf-8")]);
    assert_eq!(
        stderr,
        format!(
            "{}: error: is not UTF-8 text\nimport failed: 1 error\n",
            binary.display()
        )
    );

    let headless = dir.path().join("headless.md");
    std::fs::write(
        &headless,
        "Intro\n\n<details><summary>Orphan?</summary>\n\nYes.\n</details>\n",
    )
    .expect("write");
    let stderr = fail(&["import", "readme", headless.to_str().expect("utf-8")]);
    assert_eq!(
        stderr,
        format!("{}:3:1: error: no topic for \"Orphan?\" (no `##` heading above it, no tag): pass --topic\nimport failed: 1 error\n", headless.display())
    );

    let anki = dir.path().join("notes.txt");
    std::fs::write(
        &anki,
        "#separator:tab\n#html:true\n#tags column:0\nfront\tback\n",
    )
    .expect("write");
    let stderr = fail(&["import", "anki", anki.to_str().expect("utf-8")]);
    assert_eq!(
        stderr,
        format!("{}:3:1: error: `#tags column` needs a column number from 1, not `0`\nimport failed: 1 error\n", anki.display())
    );

    let nowhere = TestSite::empty();
    let run = nowhere.run(&["import", "readme", README]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("cannot read site.toml"),
        "{}",
        run.stderr
    );
    assert!(
        common::snapshot(nowhere.root()).is_empty(),
        "nothing created outside a site"
    );
}

#[test]
fn links_relative_to_the_readme_are_named_at_import() {
    let site = new_site();
    let dir = tempfile::tempdir().expect("tmp");
    let readme = dir.path().join("README.md");
    std::fs::write(
        &readme,
        "## Git\n\n<details>\n<summary>Where is the branching guide?</summary>\n\nIn [the guide](docs/branching.md#rebase), or [online](https://git-scm.com/book.md).\n</details>\n",
    )
    .expect("write");
    let run = site.run(&["import", "readme", readme.to_str().expect("utf-8")]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stderr,
        format!("{}:6:4: warning: link `docs/branching.md#rebase` is relative to this file: it will not resolve in content/ until fixed by hand\n", readme.display())
    );
    // The build names it too, in the written file.
    let build = site.build();
    assert_eq!(build.code, 1);
    assert!(
        build.stderr.starts_with("content/git/where-is-the-branching-guide.md:8:4: error: link `docs/branching.md#rebase` points at content/git/docs/branching.md, which does not exist"),
        "{}",
        build.stderr
    );
}
