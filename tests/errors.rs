//! Bad input: every problem reported as `path:line:col: message`, exit status 1, and the
//! previous output left exactly as it was.

mod common;

use common::TestSite;

#[test]
fn link_to_a_missing_file_names_file_line_and_column() {
    let site = TestSite::basic();
    let stderr = site.fails_keeping_output(|s| {
        s.write(
            "content/s3/broken.md",
            "+++\ntitle = \"Broken link\"\ntopics = [\"s3\"]\n+++\n\n## Answer\n\nRead [this](../ec2/nowhere.md) first.\n",
        );
    });
    assert!(
        stderr.contains("content/s3/broken.md:8:6: error: link `../ec2/nowhere.md` points at content/ec2/nowhere.md, which does not exist"),
        "{stderr}"
    );
}

#[test]
fn unknown_front_matter_field_is_named() {
    let site = TestSite::basic();
    let stderr = site.fails_keeping_output(|s| {
        s.write(
            "content/s3/extra.md",
            "+++\ntitle = \"Q\"\ntopics = [\"s3\"]\nauthor = \"me\"\n+++\n",
        );
    });
    assert!(
        stderr.contains("content/s3/extra.md:4:1: error: unknown field `author`"),
        "{stderr}"
    );
}

#[test]
fn unknown_yaml_field_is_named_with_its_line() {
    let site = TestSite::basic();
    let stderr = site.fails_keeping_output(|s| {
        s.write(
            "content/s3/extra.md",
            "---\ntitle: Q\ntopics: [s3]\n\ntags: [a]\n---\n",
        );
    });
    assert!(
        stderr.contains("content/s3/extra.md:5:1: error: unknown field `tags`"),
        "{stderr}"
    );
}

#[test]
fn front_matter_of_the_wrong_type_points_at_the_value() {
    let site = TestSite::basic();
    let stderr = site.fails_keeping_output(|s| {
        s.write(
            "content/s3/typed.md",
            "+++\ntitle = \"Q\"\ntopics = \"s3\"\n+++\n",
        );
    });
    assert!(
        stderr.contains(
            "content/s3/typed.md:3:10: error: invalid type: string \"s3\", expected a sequence"
        ),
        "{stderr}"
    );
}

#[test]
fn missing_and_unclosed_front_matter() {
    let site = TestSite::basic();
    let stderr = site.fails_keeping_output(|s| {
        s.write("content/s3/bare.md", "Just text.\n");
        s.write("content/s3/open.md", "+++\ntitle = \"Q\"\n");
        s.write("content/s3/notitle.md", "+++\ntopics = [\"s3\"]\n+++\n");
    });
    assert!(
        stderr.contains("content/s3/bare.md:1:1: error: no front matter"),
        "{stderr}"
    );
    assert!(
        stderr.contains(
            "content/s3/open.md:1:1: error: front matter opened here with `+++` is never closed"
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains("content/s3/notitle.md:2:1: error: missing field `title`"),
        "{stderr}"
    );
    assert!(
        stderr.contains("build failed: 3 errors"),
        "all problems reported together: {stderr}"
    );
}

#[test]
fn unknown_site_toml_key_names_key_and_line() {
    let site = TestSite::basic();
    let stderr = site.fails_keeping_output(|s| {
        let toml = s
            .read("site.toml")
            .replace("repo_url", "theme = \"dark\"\nrepo_url");
        s.write("site.toml", &toml);
    });
    assert!(
        stderr.contains("site.toml:3:1: error: unknown field `theme`"),
        "{stderr}"
    );
}

#[test]
fn broken_json_snippet_is_located_in_the_markdown_file() {
    let site = TestSite::basic();
    let stderr = site.fails_keeping_output(|s| {
        s.write(
            "content/iam/trailing.md",
            "+++\ntitle = \"Q\"\ntopics = [\"iam\"]\n+++\n\n```json\n{\n  \"Effect\": \"Allow\",\n}\n```\n",
        );
    });
    assert!(
        stderr.contains("content/iam/trailing.md:9:1: error: invalid JSON: trailing comma"),
        "{stderr}"
    );
}

#[test]
fn broken_yaml_snippet_is_located_in_the_markdown_file() {
    let site = TestSite::basic();
    let stderr = site.fails_keeping_output(|s| {
        s.write(
            "content/iam/indent.md",
            "+++\ntitle = \"Q\"\ntopics = [\"iam\"]\n+++\n\n## Answer\n\n- A list item:\n\n  ```yaml\n  Resources:\n    Bucket:\n      Type: AWS::S3::Bucket\n     Properties: {}\n  ```\n",
        );
    });
    // Line 14 of the file; the column counts the list item's indentation (`P` of the
    // mis-indented `Properties` is column 4 of the snippet, column 6 of the file).
    assert!(
        stderr
            .contains("content/iam/indent.md:14:6: error: invalid YAML: did not find expected key"),
        "{stderr}"
    );
}

#[test]
fn snippets_can_opt_out_of_the_check() {
    let site = TestSite::basic();
    site.write(
        "content/iam/wrong-on-purpose.md",
        "+++\ntitle = \"Spot the bug\"\ntopics = [\"iam\"]\n+++\n\n```json nocheck\n{\"a\": 1,}\n```\n",
    );
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(site
        .read("public/iam/wrong-on-purpose.html")
        .contains("data-lang=\"json\""));
}

#[test]
fn cloudformation_tags_pass_the_check() {
    let site = TestSite::basic();
    site.write(
        "content/iam/cfn.md",
        "+++\ntitle = \"Tags\"\ntopics = [\"iam\"]\n+++\n\n```yaml\nResources:\n  I:\n    Type: AWS::EC2::Instance\n    Properties:\n      ImageId: !FindInMap [RegionMap, !Ref \"AWS::Region\", HVM64]\n      InstanceType: !Ref InstanceType\n      Tags: !If [C, [{Key: k, Value: !GetAtt R.Arn}], !Ref \"AWS::NoValue\"]\n      UserData: !Base64 {\"Fn::Join\": [\"\", [a, !Sub \"${AWS::Region}\"]]}\n```\n",
    );
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
}

#[test]
fn two_files_for_one_page_are_both_named() {
    let site = TestSite::basic();
    let stderr = site.fails_keeping_output(|s| {
        s.write(
            "content/s3/copy.md",
            "+++\ntitle = \"Copy\"\ntopics = [\"s3\"]\nslug = \"versioning\"\n+++\n",
        );
    });
    assert!(
        stderr.contains(
            "content/s3/copy.md: error: writes s3/versioning.html, which content/s3/versioning.md also writes"
        ),
        "{stderr}"
    );
}

#[test]
fn template_error_names_the_template_and_line() {
    let site = TestSite::basic();
    let stderr = site.fails_keeping_output(|s| {
        s.write(
            "templates/topic.html",
            "<h1>{{ topic.title }}</h1>\n<p>{% if %}</p>\n",
        );
    });
    // `{% if %}` on line 2: the parser stops at column 10, where the condition is missing.
    assert!(
        stderr.contains("templates/topic.html:2:10: error: Failed to parse 'topic.html'"),
        "{stderr}"
    );
}

#[test]
fn template_render_error_names_the_template() {
    let site = TestSite::basic();
    let stderr = site.fails_keeping_output(|s| {
        s.write(
            "templates/topics.html",
            "<h1>{{ site.title }}</h1>\n\n<p>{{ no_such_variable.field }}</p>\n",
        );
    });
    // Tera gives a render error no line: the variable is found at its first use, line 3.
    assert!(
        stderr.contains(
            "templates/topics.html:3:7: error: while rendering topics/index.html: Failed to render \
             'topics.html': Variable `no_such_variable.field` not found in context while rendering \
             'topics.html'"
        ),
        "{stderr}"
    );
}

#[test]
fn refuses_output_folders_that_hold_the_authors_files() {
    let site = TestSite::basic();
    let before = site.snapshot("");
    for (output, why) in [
        (".", "it is the site root"),
        ("content", "it is inside content/"),
        ("content/s3", "it is inside content/"),
        ("templates/out", "it is inside templates/"),
        ("..", "it holds the site"),
    ] {
        let run = site.run(&["build", "--output", output]);
        assert_eq!(run.code, 1, "{output}: {}", run.stdout);
        assert!(run.stderr.contains(why), "{output}: {}", run.stderr);
    }
    assert_eq!(site.snapshot(""), before, "nothing written or deleted");
}

#[test]
fn refuses_a_non_empty_folder_it_did_not_make() {
    let site = TestSite::basic();
    site.write("notes/todo.txt", "mine");
    let run = site.run(&["build", "--output", "notes"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("notes: error: refusing to use this as the output folder: it is not empty and was not made by cramdown"), "{}", run.stderr);
    assert_eq!(site.read("notes/todo.txt"), "mine");
    // An empty folder is fine, and once cramdown made it, rebuilding into it is fine.
    std::fs::create_dir(site.path("empty")).unwrap();
    assert_eq!(site.run(&["build", "--output", "empty"]).code, 0);
    assert_eq!(site.run(&["build", "--output", "empty"]).code, 0);
}

#[test]
fn missing_site_toml_is_explained() {
    let site = TestSite::empty();
    site.write(
        "content/q.md",
        "+++\ntitle = \"Q\"\ntopics = [\"a\"]\n+++\n",
    );
    let run = site.build();
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("site.toml: error: cannot read site.toml"),
        "{}",
        run.stderr
    );
}
