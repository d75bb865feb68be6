//! The search index: what each question contributes (its words, title, topics, difficulty and a
//! short summary), kept up to date question by question in `serve`. The files it is written to
//! (format 3 in docs/TEMPLATES.md, split so that a first search loads little) are in `files`.

mod files;

pub use files::{encode_posting, fixed_paths};

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

use rayon::prelude::*;

use crate::model::Site;

/// Words left out of the index (and out of queries, by the search script). Sorted.
pub const STOP_WORDS: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "but", "by", "can", "do", "does", "for", "from",
    "has", "have", "how", "if", "in", "into", "is", "it", "its", "not", "of", "on", "or", "so",
    "than", "that", "the", "their", "then", "there", "these", "they", "this", "to", "was", "what",
    "when", "which", "while", "who", "why", "will", "with", "you", "your",
];

/// Longest summary kept per question, in characters.
const SUMMARY_CHARS: usize = 120;

/// The words of `text` as the index sees them: lowercase runs of letters and digits, at least
/// two characters, without stop words.
pub fn tokens(text: &str) -> impl Iterator<Item = Cow<'_, str>> + '_ {
    // Bytes of ASCII text are split without decoding characters: most text is ASCII.
    let ascii = text.is_ascii();
    text.split(move |c: char| {
        if ascii {
            !c.is_ascii_alphanumeric()
        } else {
            !c.is_alphanumeric()
        }
    })
    .filter(|w| w.len() >= 2 && (w.len() > 2 || w.chars().nth(1).is_some()))
    .map(|w| {
        if w.is_ascii() {
            if w.bytes().any(|b| b.is_ascii_uppercase()) {
                Cow::Owned(w.to_ascii_lowercase())
            } else {
                Cow::Borrowed(w)
            }
        } else if w.chars().any(char::is_uppercase) {
            Cow::Owned(w.to_lowercase())
        } else {
            Cow::Borrowed(w)
        }
    })
    .filter(|w| !is_stop_word(w))
}

fn is_stop_word(w: &str) -> bool {
    // The longest stop word has five letters: most words are ruled out by length alone.
    w.len() <= 5 && STOP_WORDS.binary_search(&w).is_ok()
}

/// The distinct words of one question: title, topic titles and text.
fn doc_words<'a>(
    site: &'a Site,
    q: &'a crate::model::Question,
    text: &'a str,
) -> Vec<Cow<'a, str>> {
    let topic_titles = q
        .front
        .topics
        .iter()
        .filter_map(|t| site.topic(t))
        .map(|t| t.title.as_str());
    // A set with a cheap hash: sorting every token of every text cost more than all the rest.
    let distinct: HashSet<Cow<str>, Fnv> = tokens(&q.front.title)
        .chain(topic_titles.flat_map(tokens))
        .chain(tokens(text))
        .collect();
    distinct.into_iter().collect()
}

/// FNV-1a: fast for the short keys of a search index (std's SipHash guards against attacks
/// that do not apply to an author's own text).
#[derive(Default)]
struct FnvHasher(u64);

impl Hasher for FnvHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut hash = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            hash ^= u64::from(b);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = hash;
    }
}

type Fnv = BuildHasherDefault<FnvHasher>;

/// What the index keeps of one question besides its words.
pub(crate) struct DocEntry {
    id: String,
    title: String,
    /// Positions in `site.topics`.
    topics: Vec<usize>,
    /// 0 none, 1 beginner, 2 intermediate, 3 advanced.
    difficulty: u8,
    summary: String,
}

/// What the index keeps of one question: its distinct words (sorted, in one string, apart by
/// `\0`) and its entry. A build keeps this, not the question's text, while it streams.
pub struct DocPart {
    words: String,
    entry: DocEntry,
}

impl DocPart {
    /// Question `i`'s part, from its plain text.
    pub fn new(site: &Site, i: usize, text: &str) -> DocPart {
        let q = &site.questions[i];
        DocPart {
            words: doc_words(site, q, text).join("\0"),
            entry: doc_entry(site, q, text),
        }
    }

    fn words(&self) -> impl Iterator<Item = &str> {
        self.words.split('\0').filter(|w| !w.is_empty())
    }
}

/// Every file of the search index, as (path under the output, text), from the model and each
/// question's plain text (same order).
pub fn index_files(site: &Site, texts: &[&str]) -> Vec<(String, String)> {
    let parts: Vec<DocPart> = texts
        .par_iter()
        .enumerate()
        .map(|(i, text)| DocPart::new(site, i, text))
        .collect();
    index_files_of(site, &parts.iter().collect::<Vec<_>>())
}

/// Every file of the search index from each question's part (site order).
pub fn index_files_of(site: &Site, parts: &[&DocPart]) -> Vec<(String, String)> {
    let mut postings: HashMap<&str, Vec<u32>, Fnv> = HashMap::default();
    for (doc, part) in parts.iter().enumerate() {
        for word in part.words() {
            postings.entry(word).or_default().push(doc as u32);
        }
    }
    let mut terms: Vec<(&str, Vec<u32>)> = postings.into_iter().collect();
    terms.sort_unstable_by(|a, b| a.0.cmp(b.0));
    let total = parts.len();
    let encoded: Vec<(&str, String)> = terms
        .par_iter()
        .map(|(term, list)| (*term, encode_posting(list, total)))
        .collect();
    drop(terms);
    let docs: Vec<&DocEntry> = parts.iter().map(|p| &p.entry).collect();
    files::write(site, &docs, &encoded)
}

/// The index kept up to date by `serve`: a changed question re-tokenises only its own text, and
/// only the entries it touches are encoded again.
pub struct LiveIndex {
    words: Vec<Vec<String>>,
    docs: Vec<DocEntry>,
    /// Term -> (docs, encoded posting).
    postings: BTreeMap<String, (Vec<u32>, String)>,
}

impl LiveIndex {
    pub fn new(site: &Site, texts: &[&str]) -> Self {
        let words: Vec<Vec<String>> = site
            .questions
            .par_iter()
            .zip(texts.par_iter())
            .map(|(q, text)| sorted_words(site, q, text))
            .collect();
        let mut lists: BTreeMap<String, Vec<u32>> = BTreeMap::new();
        for (doc, list) in words.iter().enumerate() {
            for word in list {
                lists.entry(word.clone()).or_default().push(doc as u32);
            }
        }
        let total = site.questions.len();
        let postings = lists
            .into_iter()
            .map(|(term, docs)| {
                let encoded = encode_posting(&docs, total);
                (term, (docs, encoded))
            })
            .collect();
        let docs = site
            .questions
            .iter()
            .zip(texts)
            .map(|(q, text)| doc_entry(site, q, text))
            .collect();
        LiveIndex {
            words,
            docs,
            postings,
        }
    }

    /// Re-indexes question `doc` (same position in the site, new text or title).
    pub fn update(&mut self, site: &Site, doc: usize, text: &str) {
        let id = doc as u32;
        let total = site.questions.len();
        let new = sorted_words(site, &site.questions[doc], text);
        for word in &self.words[doc] {
            if new.binary_search(word).is_ok() {
                continue;
            }
            if let Some((list, encoded)) = self.postings.get_mut(word) {
                list.retain(|&d| d != id);
                if list.is_empty() {
                    self.postings.remove(word);
                } else {
                    *encoded = encode_posting(list, total);
                }
            }
        }
        for word in &new {
            if self.words[doc].binary_search(word).is_ok() {
                continue;
            }
            let (list, encoded) = self.postings.entry(word.clone()).or_default();
            let at = list.partition_point(|&d| d < id);
            list.insert(at, id);
            *encoded = encode_posting(list, total);
        }
        self.words[doc] = new;
        self.docs[doc] = doc_entry(site, &site.questions[doc], text);
    }

    /// Every file of the index, as `index_files` writes them.
    pub fn files(&self, site: &Site) -> Vec<(String, String)> {
        let encoded: Vec<(&str, &str)> = self
            .postings
            .iter()
            .map(|(t, (_, e))| (t.as_str(), e.as_str()))
            .collect();
        files::write(site, &self.docs.iter().collect::<Vec<_>>(), &encoded)
    }
}

/// A question's distinct words, owned and sorted (for binary search when it changes).
fn sorted_words(site: &Site, q: &crate::model::Question, text: &str) -> Vec<String> {
    let mut words: Vec<String> = doc_words(site, q, text)
        .into_iter()
        .map(Cow::into_owned)
        .collect();
    words.sort_unstable();
    words
}

fn doc_entry(site: &Site, q: &crate::model::Question, text: &str) -> DocEntry {
    DocEntry {
        id: q.id.clone(),
        title: q.front.title.clone(),
        topics: q
            .front
            .topics
            .iter()
            .filter_map(|t| site.topic_position(t))
            .collect(),
        difficulty: match q.front.difficulty.map(crate::render::difficulty_name) {
            None => 0,
            Some("beginner") => 1,
            Some("intermediate") => 2,
            Some(_) => 3,
        },
        summary: summary(text),
    }
}

/// The start of a question's text, cut at a word boundary.
fn summary(text: &str) -> String {
    let text = text.trim();
    if text.chars().count() <= SUMMARY_CHARS {
        return text.to_string();
    }
    let cut: String = text.chars().take(SUMMARY_CHARS).collect();
    match cut.rfind(' ') {
        Some(space) if space > SUMMARY_CHARS / 2 => cut[..space].to_string(),
        _ => cut,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stop_words_are_sorted_for_binary_search() {
        assert!(STOP_WORDS.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn tokens_drop_stop_words_and_single_letters() {
        let t: Vec<Cow<str>> = tokens("How does S3's IMDSv2 work, a b?").collect();
        assert_eq!(t, ["s3", "imdsv2", "work"]);
    }

    #[test]
    fn live_updates_equal_a_fresh_index() {
        use crate::config::Config;
        use crate::content::{Kind, SourceFile};
        let config: Config = toml::from_str("title = \"t\"").unwrap();
        let source = |rel: &str, title: &str| SourceFile {
            kind: Kind::Question,
            rel: rel.into(),
            path: rel.into(),
            text: format!("+++\ntitle = \"{title}\"\ntopics = [\"s3\"]\n+++\n"),
        };
        let site = crate::model::build(
            config,
            vec![
                source("a.md", "Alpha bucket"),
                source("b.md", "Beta bucket"),
            ],
            Default::default(),
        )
        .unwrap();
        let mut live = LiveIndex::new(&site, &["old words here", "other words"]);
        live.update(&site, 0, "brand new text");
        let texts = ["brand new text", "other words"];
        assert_eq!(live.files(&site), index_files(&site, &texts));
        assert!(!live.postings.contains_key("old"));
    }
}
