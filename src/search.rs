//! The search index: a classic script (`search-index.js`) so search works from `file://` too.

use serde::Serialize;

use crate::model::Site;

/// One document of the index: `[id, title, [topics], difficulty, text]`.
#[derive(Serialize)]
struct Doc<'a>(
    &'a str,
    &'a str,
    &'a [String],
    Option<&'static str>,
    &'a str,
);

/// Builds `search-index.js` from the model and each question's plain text (same order).
pub fn index_script(site: &Site, texts: &[&str]) -> String {
    let topics: serde_json::Map<String, serde_json::Value> = site
        .topics
        .iter()
        .map(|t| (t.slug.clone(), serde_json::Value::String(t.title.clone())))
        .collect();
    let docs: Vec<Doc> = site
        .questions
        .iter()
        .zip(texts)
        .map(|(q, text)| {
            Doc(
                &q.id,
                &q.front.title,
                &q.front.topics,
                q.front.difficulty.map(crate::render::difficulty_name),
                text.trim(),
            )
        })
        .collect();
    let json = serde_json::json!({ "topics": topics, "docs": docs });
    // `</script>` or `<!--` inside a string cannot end this file early: it is loaded with src=,
    // never inlined, but escape `<` anyway so the same text is safe anywhere.
    let body = json.to_string().replace('<', "\\u003c");
    format!("window.CRAMDOWN_SEARCH={body};\n")
}
