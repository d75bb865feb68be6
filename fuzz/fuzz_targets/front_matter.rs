//! Front matter: raw bytes -> `content::decode` -> `front_matter::split` -> `front_matter::parse`.
//! Any `Ok` or `Err` is fine; a panic, hang or memory blow-up is a bug.
#![no_main]

use std::path::Path;

use cramdown::content::{decode, front_matter};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let path = Path::new("content/fuzz/q.md");
    let Ok(text) = decode(path, data.to_vec()) else {
        return;
    };
    let Ok(split) = front_matter::split(path, &text) else {
        return;
    };
    // The split must describe the text it came from.
    assert!(split.front_offset <= text.len());
    assert!(split.body_offset <= text.len());
    assert_eq!(&text[split.body_offset..], split.body);
    if let Ok(front) = front_matter::parse(path, &text, &split) {
        assert!(!front.title.trim().is_empty());
        assert!(!front.topics.is_empty());
        let _ = front.updated_str();
    }
});
