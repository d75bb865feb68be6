//! Dev server request targets: `serve::path::resolve` on arbitrary strings. Whatever it
//! returns, a `Target::File` must never be able to leave the output folder.
#![no_main]

use cramdown::serve::path::{resolve, Target};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // Request lines are bytes; the server hands `resolve` a `&str`, so only UTF-8 reaches it.
    let Ok(target) = std::str::from_utf8(data) else {
        return;
    };
    // Some made-up folders, so `Target::Folder` is reached too.
    let is_folder = |p: &str| matches!(p, "topics" | "s3" | "a/b" | "%2e%2e");
    match resolve(target, is_folder) {
        Target::File(p) => check_path(target, &p),
        Target::Folder(p) => {
            check_path(target, &p);
            assert!(is_folder(&p), "{target:?} -> Folder({p:?}) that is not a folder");
        }
        Target::Bad | Target::NotFound => {}
    }
});

fn check_path(target: &str, p: &str) {
    assert!(!p.is_empty(), "{target:?} -> empty path");
    assert!(!p.starts_with('/'), "{target:?} -> absolute path {p:?}");
    assert!(!p.contains('\\'), "{target:?} -> backslash in {p:?}");
    assert!(!p.contains('\0'), "{target:?} -> NUL in {p:?}");
    assert!(!p.chars().any(char::is_control), "{target:?} -> control character in {p:?}");
    for segment in p.split('/') {
        assert!(segment != ".." && segment != ".", "{target:?} -> dot segment in {p:?}");
        assert!(!segment.is_empty(), "{target:?} -> empty segment in {p:?}");
    }
    // Whatever the platform, the path stays relative and below the output folder.
    let path = std::path::Path::new(p);
    assert!(path.is_relative(), "{target:?} -> {p:?} is not relative");
    assert!(
        path.components()
            .all(|c| matches!(c, std::path::Component::Normal(_))),
        "{target:?} -> {p:?} has a non-normal component"
    );
}
