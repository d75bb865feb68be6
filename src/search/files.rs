//! Writing the search index as classic scripts (format 3 in docs/TEMPLATES.md), split so that a
//! first search at 10,000 questions loads well under a megabyte: `search-index.js` holds the titles
//! (every query scans them) and the first term of each shard; the vocabulary and its postings are
//! cut into shards of 16-48 KB, loaded only when a query needs them; the details shown
//! with a result (id, topics, difficulty, summary) come in chunks of `DOCS_PER_CHUNK` questions;
//! `catalog.js` lists every question's id, topics and difficulty for progress counts and study
//! sessions. Every file assigns a global, so it loads from `file://` where fetch cannot.

use super::{DocEntry, STOP_WORDS};
use crate::model::Site;

use crate::names::{SEARCH_DIR, SEARCH_INDEX};

/// Questions per chunk of result details: a page of 20 results loads at most 20 small chunks.
const DOCS_PER_CHUNK: usize = 50;

/// A term shard holds at least this many bytes of terms and postings (the last one excepted)...
const SHARD_MIN: usize = 16 * 1024;
/// ...then closes before a term its hash picks, a term being picked with a chance of its bytes
/// in this many (so about this many more bytes go in)...
const SHARD_SPACING: u64 = 16 * 1024;
/// ...or once it holds this many. Boundaries depend only on the terms near them: an edit that
/// changes a posting moves no boundary far from it, and `serve` writes one or two shards again.
const SHARD_MAX: usize = 48 * 1024;

/// What every part file starts with: the object the parts are collected in.
const PARTS: &str = "(window.CRAMDOWN_SEARCH_PARTS=window.CRAMDOWN_SEARCH_PARTS||{})";

/// The paths of the index known before any text is rendered (term shards depend on the text).
pub fn fixed_paths(questions: usize) -> Vec<String> {
    let mut paths = vec![SEARCH_INDEX.to_string(), catalog_path()];
    paths.extend((0..questions.div_ceil(DOCS_PER_CHUNK)).map(details_path));
    paths
}

/// Every file of the index from its docs (site order) and its sorted terms with their postings.
pub(super) fn write(
    site: &Site,
    docs: &[&DocEntry],
    terms: &[(&str, impl AsRef<str>)],
) -> Vec<(String, String)> {
    let shards = shards(terms);
    let mut files = Vec::with_capacity(shards.len() + docs.len() / DOCS_PER_CHUNK + 3);
    files.push((SEARCH_INDEX.to_string(), head(site, docs, terms, &shards)));
    files.push((catalog_path(), catalog(site, docs)));
    for k in 0..docs.len().div_ceil(DOCS_PER_CHUNK) {
        files.push(details_file(k, docs));
    }
    for (k, range) in shards.iter().enumerate() {
        files.push((shard_path(k), shard(k, &terms[range.clone()])));
    }
    files
}

pub(super) fn catalog_path() -> String {
    format!("{SEARCH_DIR}/catalog.js")
}

fn details_path(chunk: usize) -> String {
    format!("{SEARCH_DIR}/docs-{chunk}.js")
}

pub(super) fn shard_path(k: usize) -> String {
    format!("{SEARCH_DIR}/terms-{k}.js")
}

/// The chunk of result details that holds question `doc`.
pub(super) fn chunk_of(doc: usize) -> usize {
    doc / DOCS_PER_CHUNK
}

/// Chunk `k` of the result details of `docs` (all of them, in site order), as (path, text).
pub(super) fn details_file(k: usize, docs: &[&DocEntry]) -> (String, String) {
    let start = k * DOCS_PER_CHUNK;
    let chunk = &docs[start..docs.len().min(start + DOCS_PER_CHUNK)];
    (details_path(k), details(k, chunk))
}

/// What one term adds to its shard.
fn term_bytes(term: &str, posting: &str) -> usize {
    term.len() + posting.len() + 6
}

/// The ranges of `terms` each shard holds, in order.
pub(super) fn shards(terms: &[(&str, impl AsRef<str>)]) -> Vec<std::ops::Range<usize>> {
    let mut ranges = Vec::new();
    let (mut start, mut bytes) = (0, 0);
    for (i, (term, posting)) in terms.iter().enumerate() {
        let size = term_bytes(term, posting.as_ref());
        let picked = || crate::hash::fnv1a(term.as_bytes()) % SHARD_SPACING < size as u64;
        if bytes >= SHARD_MIN && (bytes >= SHARD_MAX || picked()) {
            ranges.push(start..i);
            (start, bytes) = (i, 0);
        }
        bytes += size;
    }
    if start < terms.len() {
        ranges.push(start..terms.len());
    }
    ranges
}

/// `search-index.js`: stop words, topics, every title, the first term of each shard.
pub(super) fn head(
    site: &Site,
    docs: &[&DocEntry],
    terms: &[(&str, impl AsRef<str>)],
    shards: &[std::ops::Range<usize>],
) -> String {
    let mut out = String::with_capacity(docs.len() * 64 + 1024);
    out.push_str("window.CRAMDOWN_SEARCH={\"v\":3,\"stop\":");
    push_list(&mut out, STOP_WORDS.iter(), |out, w| push_json(out, w));
    out.push_str(",\"topics\":");
    push_topics(&mut out, site);
    out.push_str(&format!(",\"chunk\":{DOCS_PER_CHUNK},\"titles\":"));
    push_list(&mut out, docs.iter(), |out, d| push_json(out, &d.title));
    out.push_str(",\"shards\":");
    push_list(&mut out, shards.iter(), |out, r| {
        push_json(out, terms[r.start].0)
    });
    out.push_str("};\n");
    out
}

/// `catalog.js`: the topics, then every question's id (as the count of characters it shares with
/// the previous id, one base-36 digit, then the rest), topic positions and difficulty code.
/// With a blueprint, each question's domain too. Self-contained: progress counts need nothing else.
pub(super) fn catalog(site: &Site, docs: &[&DocEntry]) -> String {
    let mut out = String::with_capacity(docs.len() * 48 + 64);
    out.push_str(PARTS);
    out.push_str(".catalog={\"topics\":");
    push_topics(&mut out, site);
    out.push_str(",\"ids\":");
    let mut previous = "";
    push_list(&mut out, docs.iter(), |out, d| {
        let (bytes, units) = shared_prefix(previous, &d.id);
        let mut entry = String::with_capacity(d.id.len() - bytes + 1);
        push_base36(&mut entry, units as u32);
        entry.push_str(&d.id[bytes..]);
        push_json(out, &entry);
        previous = &d.id;
    });
    out.push_str(",\"doc_topics\":");
    push_list(&mut out, docs.iter(), |out, d| push_numbers(out, &d.topics));
    out.push_str(",\"difficulty\":\"");
    out.extend(docs.iter().map(|d| char::from(b'0' + d.difficulty)));
    out.push('"');
    let domains = &site.config.exam.domains;
    if !domains.is_empty() {
        // The blueprint's ids, then one base-36 digit a question: 0 none, k + 1 domain k.
        out.push_str(",\"domains\":");
        push_list(&mut out, domains.iter(), |out, d| {
            push_json(out, d.id.get_ref())
        });
        out.push_str(",\"domain\":\"");
        out.extend(
            docs.iter()
                .map(|d| char::from_digit(u32::from(d.domain), 36).unwrap_or('0')),
        );
        out.push('"');
    }
    out.push_str("};\n");
    out
}

/// What two ids share at their start, as (bytes, UTF-16 code units: what the script counts), at
/// most 35 units so that one base-36 digit says it.
fn shared_prefix(previous: &str, id: &str) -> (usize, usize) {
    let (mut bytes, mut units) = (0, 0);
    for (x, y) in previous.chars().zip(id.chars()) {
        if x != y || units + y.len_utf16() > 35 {
            break;
        }
        bytes += y.len_utf8();
        units += y.len_utf16();
    }
    (bytes, units)
}

/// `docs-<k>.js`: `[id, [topic positions], difficulty code, summary]` of a chunk of questions.
fn details(k: usize, chunk: &[&DocEntry]) -> String {
    let mut out = String::with_capacity(chunk.len() * 200 + 64);
    out.push_str(PARTS);
    out.push_str(&format!("[\"docs-{k}\"]="));
    push_list(&mut out, chunk.iter(), |out, d| {
        out.push('[');
        push_json(out, &d.id);
        out.push(',');
        push_numbers(out, &d.topics);
        out.push_str(&format!(",{},", d.difficulty));
        push_json(out, &d.summary);
        out.push(']');
    });
    out.push_str(";\n");
    out
}

/// `terms-<k>.js`: a run of the sorted vocabulary with the posting of each term.
pub(super) fn shard(k: usize, terms: &[(&str, impl AsRef<str>)]) -> String {
    let bytes: usize = terms.iter().map(|(t, p)| term_bytes(t, p.as_ref())).sum();
    let mut out = String::with_capacity(bytes + 64);
    out.push_str(PARTS);
    out.push_str(&format!("[\"terms-{k}\"]={{\"terms\":"));
    push_list(&mut out, terms.iter(), |out, (t, _)| push_json(out, t));
    out.push_str(",\"postings\":");
    push_list(&mut out, terms.iter(), |out, (_, p)| {
        out.push('"');
        out.push_str(p.as_ref());
        out.push('"');
    });
    out.push_str("};\n");
    out
}

/// `[[slug, title], ...]` of every topic.
fn push_topics(out: &mut String, site: &Site) {
    push_list(out, site.topics.iter(), |out, t| {
        out.push('[');
        push_json(out, &t.slug);
        out.push(',');
        push_json(out, &t.title);
        out.push(']');
    });
}

/// `[a,b,...]`, each item written by `push`.
fn push_list<T>(
    out: &mut String,
    items: impl Iterator<Item = T>,
    mut push: impl FnMut(&mut String, T),
) {
    out.push('[');
    for (i, item) in items.enumerate() {
        if i > 0 {
            out.push(',');
        }
        push(out, item);
    }
    out.push(']');
}

fn push_numbers(out: &mut String, numbers: &[usize]) {
    push_list(out, numbers.iter(), |out, n| out.push_str(&n.to_string()));
}

/// `d` + base-36 deltas joined by `.`, or `b` + base64 bitset: whichever is shorter.
pub fn encode_posting(docs: &[u32], total: usize) -> String {
    let mut deltas = String::from("d");
    let mut previous = 0u32;
    for (i, &doc) in docs.iter().enumerate() {
        if i > 0 {
            deltas.push('.');
        }
        push_base36(&mut deltas, doc - previous);
        previous = doc;
    }
    let bitset_len = 1 + (total.div_ceil(8) * 4).div_ceil(3);
    if deltas.len() <= bitset_len {
        return deltas;
    }
    let mut bytes = vec![0u8; total.div_ceil(8)];
    for &doc in docs {
        bytes[doc as usize / 8] |= 1 << (doc % 8);
    }
    let mut out = String::from("b");
    out.push_str(&base64(&bytes));
    out
}

fn push_base36(out: &mut String, mut n: u32) {
    const DIGITS: &[u8] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut buf = [0u8; 8];
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = DIGITS[(n % 36) as usize];
        n /= 36;
        if n == 0 {
            break;
        }
    }
    out.extend(buf[i..].iter().map(|&b| b as char));
}

fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = (u32::from(chunk[0]) << 16)
            | (u32::from(*chunk.get(1).unwrap_or(&0)) << 8)
            | u32::from(*chunk.get(2).unwrap_or(&0));
        let chars = chunk.len() + 1;
        for k in 0..chars {
            out.push(ALPHABET[((n >> (18 - 6 * k)) & 63) as usize] as char);
        }
    }
    out
}

/// A JSON string literal, with `<` escaped so the script is safe wherever it is placed.
fn push_json(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '<' => out.push_str("\\u003c"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shared_prefixes_count_utf16_units_and_stop_at_35() {
        assert_eq!(shared_prefix("", "ec2/a"), (0, 0));
        assert_eq!(shared_prefix("ec2/ab", "ec2/ac"), (5, 5));
        // "é" is two bytes but one unit in JavaScript strings; "🚀" four bytes, two units.
        assert_eq!(shared_prefix("s3/é🚀-a", "s3/é🚀-b"), (10, 7));
        let long = "x".repeat(50);
        assert_eq!(shared_prefix(&long, &long), (35, 35));
        let rockets = "🚀".repeat(20);
        assert_eq!(
            shared_prefix(&rockets, &rockets),
            (68, 34),
            "a pair is never cut"
        );
    }

    #[test]
    fn postings_pick_the_shorter_encoding() {
        assert_eq!(encode_posting(&[0, 3, 49], 1000), "d0.3.1a");
        let dense: Vec<u32> = (0..16).collect();
        assert_eq!(encode_posting(&dense, 16), "b//8");
    }

    #[test]
    fn json_strings_are_escaped() {
        let mut s = String::new();
        push_json(&mut s, "a\"b\\</script>\n");
        assert_eq!(s, "\"a\\\"b\\\\\\u003c/script>\\u000a\"");
        let parsed: String = serde_json::from_str(&s).unwrap();
        assert_eq!(parsed, "a\"b\\</script>\n");
    }
}
