//! Offline files: with a base_url the build writes a web app manifest and a service worker
//! listing every file it caches, versioned by the build; without one, neither, and pages do
//! not mention them. (tests/browser/offline.test.mjs runs the worker in Chromium.)

mod common;

use common::TestSite;

fn worker_version(site: &TestSite) -> String {
    let sw = site.read("public/sw.js");
    let start = sw.find("var CACHE = PREFIX + \"").expect("version") + 22;
    sw[start..start + 16].to_string()
}

fn worker_files(site: &TestSite) -> Vec<String> {
    let sw = site.read("public/sw.js");
    let line = sw
        .lines()
        .find(|l| l.starts_with("var FILES = "))
        .expect("FILES");
    let json = line
        .trim_start_matches("var FILES = ")
        .trim_end_matches(';');
    serde_json::from_str(json).expect("FILES is JSON")
}

#[test]
fn with_a_base_url_the_build_writes_a_manifest_and_a_worker_caching_every_file() {
    let site = TestSite::basic();
    let run = site.run(&["build", "--base-url", "https://example.test/bank/"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let manifest: serde_json::Value =
        serde_json::from_str(&site.read("public/manifest.webmanifest")).expect("JSON");
    assert_eq!(manifest["name"], "Test Bank");
    assert_eq!(manifest["start_url"], "./index.html");
    assert_eq!(manifest["display"], "standalone");
    assert_eq!(manifest["icons"][0]["src"], "favicon.svg");
    assert_eq!(manifest["icons"][1]["src"], "icon-192.png");
    assert_eq!(manifest["icons"][2]["sizes"], "512x512");
    for size in [192u32, 512] {
        let png = std::fs::read(site.path(&format!("public/icon-{size}.png"))).expect("icon");
        assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
        assert_eq!(&png[12..16], b"IHDR");
        assert_eq!(png[16..20], size.to_be_bytes(), "width");
        assert_eq!(png[20..24], size.to_be_bytes(), "height");
    }

    let built = site.snapshot("public");
    let mut expected: Vec<String> = built
        .keys()
        .filter(|p| {
            ![
                ".cramdown-output",
                ".nojekyll",
                "sw.js",
                "robots.txt",
                "sitemap.xml",
            ]
            .contains(&p.as_str())
        })
        .cloned()
        .collect();
    expected.extend(["./".to_string(), "topics/".to_string()]);
    expected.sort();
    assert_eq!(worker_files(&site), expected);

    let page = site.read("public/s3/consistency.html");
    assert!(
        page.contains("<link rel=\"manifest\" href=\"../manifest.webmanifest\">"),
        "{page}"
    );
    assert!(page.contains(" data-offline>"));

    // The same sources give the same worker; a changed answer gives a new version.
    let version = worker_version(&site);
    assert_eq!(
        site.run(&["build", "--base-url", "https://example.test/bank/"])
            .code,
        0
    );
    assert_eq!(worker_version(&site), version);
    let text = site
        .read("content/s3/consistency.md")
        .replace("Yes, since 2020.", "Yes, since late 2020.");
    site.write("content/s3/consistency.md", &text);
    assert_eq!(
        site.run(&["build", "--base-url", "https://example.test/bank/"])
            .code,
        0
    );
    assert_ne!(worker_version(&site), version);
}

#[test]
fn without_a_base_url_nothing_offline_is_written_or_linked() {
    let site = TestSite::basic();
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!site.path("public/sw.js").exists());
    assert!(!site.path("public/manifest.webmanifest").exists());
    assert!(!site.path("public/icon-192.png").exists());
    let page = site.read("public/s3/consistency.html");
    assert!(
        !page.contains("manifest") && !page.contains("data-offline"),
        "{page}"
    );
}

#[test]
fn icons_of_static_replace_the_built_in_ones() {
    let site = TestSite::basic();
    site.write("static/icon-192.png", "my own icon");
    let run = site.run(&["build", "--base-url", "https://example.test/"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(site.read("public/icon-192.png"), "my own icon");
    let manifest = site.read("public/manifest.webmanifest");
    assert_eq!(
        manifest.matches("\"icon-192.png\"").count(),
        1,
        "{manifest}"
    );
    assert!(manifest.contains("\"icon-512.png\""), "{manifest}");
}
