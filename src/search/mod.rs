//! The search index: what each question contributes (its words, title, topics, difficulty and a
//! short summary), kept up to date question by question in `serve`. The files it is written to
//! (format 3 in docs/TEMPLATES.md, split so that a first search loads little) are in `files`.

mod files;

pub use files::{encode_posting, fixed_paths};

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::ops::Bound;
use std::sync::{Mutex, OnceLock};

use rayon::prelude::*;

use crate::hash::Fnv;
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

/// `text` in lowercase, as the search script lowercases a query before it splits it.
fn lowercase(text: &str) -> Cow<'_, str> {
    if text.is_ascii() {
        if text.bytes().any(|b| b.is_ascii_uppercase()) {
            Cow::Owned(text.to_ascii_lowercase())
        } else {
            Cow::Borrowed(text)
        }
    } else if text.chars().any(char::is_uppercase) {
        Cow::Owned(text.to_lowercase())
    } else {
        Cow::Borrowed(text)
    }
}

/// The words of lowercase text as the index sees them: runs of letters and digits, at least two
/// characters, without stop words.
fn words(lower: &str) -> impl Iterator<Item = &str> + '_ {
    // Most text is ASCII: its characters need no Unicode tables.
    let ascii = lower.is_ascii();
    lower
        .split(move |c: char| {
            if ascii {
                !c.is_ascii_alphanumeric()
            } else {
                !c.is_alphanumeric()
            }
        })
        .filter(|w| w.len() > 2 || w.chars().nth(1).is_some())
        .filter(|w| !is_stop_word(w))
}

fn is_stop_word(w: &str) -> bool {
    // The longest stop word has five letters: most words are ruled out by length alone.
    w.len() <= 5 && STOP_WORDS.binary_search(&w).is_ok()
}

/// Gives `take` the distinct words of one question: title, topic titles and text.
fn with_doc_words<R>(
    site: &Site,
    q: &crate::model::Question,
    text: &str,
    take: impl FnOnce(Vec<&str>) -> R,
) -> R {
    let title = lowercase(&q.front.title);
    let topics: Vec<Cow<str>> = q
        .front
        .topics
        .iter()
        .filter_map(|t| site.topic(t))
        .map(|t| lowercase(&t.title))
        .collect();
    let text = lowercase(text);
    // A set with a cheap hash: sorting every token of every text cost more than all the rest.
    let mut distinct: HashSet<&str, Fnv> = HashSet::with_capacity_and_hasher(256, Fnv::default());
    distinct.extend(words(&title));
    for topic in &topics {
        distinct.extend(words(topic));
    }
    distinct.extend(words(&text));
    take(distinct.into_iter().collect())
}

/// What the index keeps of one question besides its words.
#[derive(PartialEq)]
pub(crate) struct DocEntry {
    id: String,
    title: String,
    /// Positions in `site.topics`.
    topics: Vec<usize>,
    /// 0 none, 1 beginner, 2 intermediate, 3 advanced.
    difficulty: u8,
    /// 0 none, else the position in the blueprint plus one.
    domain: u8,
    summary: String,
}

/// The search index built while pages render (`build`, `check`): each question adds its words
/// to the postings as its page is made, so no question's words are kept.
pub struct Builder {
    postings: Mutex<HashMap<String, Vec<u32>, Fnv>>,
    docs: Vec<OnceLock<DocEntry>>,
}

impl Builder {
    pub fn new(site: &Site) -> Builder {
        Builder {
            postings: Mutex::default(),
            docs: site.questions.iter().map(|_| OnceLock::new()).collect(),
        }
    }

    /// Indexes question `i` from its plain text (once; from any thread).
    pub fn add(&self, site: &Site, i: usize, text: &str) {
        let q = &site.questions[i];
        if self.docs[i].set(doc_entry(site, q, text)).is_err() {
            return;
        }
        with_doc_words(site, q, text, |words| {
            if let Ok(mut postings) = self.postings.lock() {
                for word in words {
                    match postings.get_mut(word) {
                        Some(list) => list.push(i as u32),
                        None => {
                            postings.insert(word.to_string(), vec![i as u32]);
                        }
                    }
                }
            }
        });
    }

    /// Every file of the index, as (path under the output, text). Takes the postings: call it
    /// once, after every question was added.
    pub fn files(&self, site: &Site) -> Vec<(String, String)> {
        let postings = match self.postings.lock() {
            Ok(mut postings) => std::mem::take(&mut *postings),
            Err(_) => HashMap::default(),
        };
        let mut terms: Vec<(String, Vec<u32>)> = postings.into_iter().collect();
        terms.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        let total = site.questions.len();
        // Questions were added in any order: each list is sorted as it is encoded (and freed).
        let encoded: Vec<(String, String)> = terms
            .into_par_iter()
            .map(|(term, mut list)| {
                list.sort_unstable();
                let posting = encode_posting(&list, total);
                (term, posting)
            })
            .collect();
        let docs: Vec<&DocEntry> = self.docs.iter().filter_map(OnceLock::get).collect();
        let terms: Vec<(&str, &str)> = encoded
            .iter()
            .map(|(t, p)| (t.as_str(), p.as_str()))
            .collect();
        files::write(site, &docs, &terms)
    }
}

/// Every file of the search index, as (path under the output, text), from the model and each
/// question's plain text (same order).
pub fn index_files(site: &Site, texts: &[&str]) -> Vec<(String, String)> {
    let builder = Builder::new(site);
    texts
        .par_iter()
        .enumerate()
        .for_each(|(i, text)| builder.add(site, i, text));
    builder.files(site)
}

/// Files of the search index to write: all of them (`whole`: the folder is written again), or
/// those an edit changed, with the parts it made unnecessary.
pub struct Delta {
    pub whole: bool,
    pub put: Vec<(String, String)>,
    pub remove: Vec<String>,
}

impl Delta {
    pub fn whole(put: Vec<(String, String)>) -> Delta {
        Delta {
            whole: true,
            put,
            remove: Vec::new(),
        }
    }
}

/// The index kept up to date by `serve`: a changed question re-tokenises only its own text,
/// only the postings it touches are encoded again, and only the files they are in are
/// written again.
pub struct LiveIndex {
    words: Vec<Vec<String>>,
    docs: Vec<DocEntry>,
    /// Term -> (docs, encoded posting).
    postings: BTreeMap<String, (Vec<u32>, String)>,
    /// The first and last term of each shard as last written.
    written: Vec<(String, String)>,
    /// What changed since.
    dirty: Dirty,
}

#[derive(Default)]
struct Dirty {
    /// Terms whose posting changed, came or went.
    terms: BTreeSet<String>,
    /// Questions whose result details changed.
    docs: BTreeSet<usize>,
    titles: bool,
    catalog: bool,
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
        let mut index = LiveIndex {
            words,
            docs,
            postings,
            written: Vec::new(),
            dirty: Dirty::default(),
        };
        index.mark_written();
        index
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
                self.dirty.terms.insert(word.clone());
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
            self.dirty.terms.insert(word.clone());
        }
        self.words[doc] = new;
        let entry = doc_entry(site, &site.questions[doc], text);
        let old = &self.docs[doc];
        if entry != *old {
            self.dirty.docs.insert(doc);
            self.dirty.titles |= entry.title != old.title;
            self.dirty.catalog |= (&entry.id, &entry.topics, entry.difficulty, entry.domain)
                != (&old.id, &old.topics, old.difficulty, old.domain);
        }
        self.docs[doc] = entry;
    }

    /// The sorted terms with their encoded postings.
    fn terms(&self) -> Vec<(&str, &str)> {
        self.postings
            .iter()
            .map(|(t, (_, e))| (t.as_str(), e.as_str()))
            .collect()
    }

    /// Every file of the index, as `index_files` writes them.
    pub fn files(&self, site: &Site) -> Vec<(String, String)> {
        files::write(site, &self.docs.iter().collect::<Vec<_>>(), &self.terms())
    }

    /// The files that changed since the index was last marked written: the shards holding a
    /// changed term or whose bounds moved, the result details of changed questions, the titles
    /// and the catalog when they changed.
    pub fn changes(&self, site: &Site) -> Delta {
        let terms = self.terms();
        let shards = files::shards(&terms);
        let docs: Vec<&DocEntry> = self.docs.iter().collect();
        let bounds = |r: &std::ops::Range<usize>| (terms[r.start].0, terms[r.end - 1].0);
        let mut put = Vec::new();
        let moved = shards.len() != self.written.len()
            || shards
                .iter()
                .zip(&self.written)
                .any(|(r, (first, _))| terms[r.start].0 != first);
        if self.dirty.titles || moved {
            let head = files::head(site, &docs, &terms, &shards);
            put.push((crate::names::SEARCH_INDEX.to_string(), head));
        }
        if self.dirty.catalog {
            put.push((files::catalog_path(), files::catalog(site, &docs)));
        }
        let chunks: BTreeSet<usize> = self
            .dirty
            .docs
            .iter()
            .map(|&d| files::chunk_of(d))
            .collect();
        put.extend(chunks.into_iter().map(|k| files::details_file(k, &docs)));
        for (k, range) in shards.iter().enumerate() {
            let (first, last) = bounds(range);
            let same_bounds = self
                .written
                .get(k)
                .is_some_and(|(f, l)| (f.as_str(), l.as_str()) == (first, last));
            let within = (Bound::Included(first), Bound::Included(last));
            let touched = self.dirty.terms.range::<str, _>(within).next().is_some();
            if !same_bounds || touched {
                put.push((files::shard_path(k), files::shard(k, &terms[range.clone()])));
            }
        }
        let remove = (shards.len()..self.written.len())
            .map(files::shard_path)
            .collect();
        Delta {
            whole: false,
            put,
            remove,
        }
    }

    /// Marks the index as written as it is now: `changes` is empty until the next update.
    pub fn mark_written(&mut self) {
        let terms = self.terms();
        let written = files::shards(&terms)
            .into_iter()
            .map(|r| (terms[r.start].0.to_string(), terms[r.end - 1].0.to_string()))
            .collect();
        self.written = written;
        self.dirty = Dirty::default();
    }
}

/// A question's distinct words, owned and sorted (for binary search when it changes).
fn sorted_words(site: &Site, q: &crate::model::Question, text: &str) -> Vec<String> {
    with_doc_words(site, q, text, |words| {
        let mut words: Vec<String> = words.into_iter().map(String::from).collect();
        words.sort_unstable();
        words
    })
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
        difficulty: q.front.difficulty.map_or(0, |d| d.code()),
        domain: q
            .front
            .domain
            .as_deref()
            .and_then(|id| site.config.exam.domain_position(id))
            .map_or(0, |k| k as u8 + 1),
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
        let lower = lowercase("How does S3's IMDSv2 work, a b? Éé É");
        let t: Vec<&str> = words(&lower).collect();
        assert_eq!(t, ["s3", "imdsv2", "work", "éé"]);
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

    /// Two hundred questions whose words make an index of several shards.
    fn big_site() -> (Site, Vec<String>) {
        use crate::config::Config;
        use crate::content::{Kind, SourceFile};
        let config: Config = toml::from_str("title = \"t\"").unwrap();
        let sources = (0..200)
            .map(|i| SourceFile {
                kind: Kind::Question,
                rel: format!("q{i:03}.md"),
                path: format!("q{i:03}.md").into(),
                text: format!("+++\ntitle = \"Question {i}\"\ntopics = [\"s3\"]\n+++\n"),
            })
            .collect();
        let site = crate::model::build(config, sources, Default::default()).unwrap();
        // Each question shares some words with others and has some of its own.
        let texts = (0..200)
            .map(|i| {
                let own: Vec<String> = (0..60).map(|w| format!("w{i}x{w}")).collect();
                format!("common{} shared{} {}", i % 7, i % 13, own.join(" "))
            })
            .collect();
        (site, texts)
    }

    #[test]
    fn an_edit_writes_only_the_files_it_changes() {
        let (site, mut texts) = big_site();
        let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
        let mut live = LiveIndex::new(&site, &refs);
        let mut served: BTreeMap<String, String> = live.files(&site).into_iter().collect();
        let shards = served.keys().filter(|p| p.contains("/terms-")).count();
        assert!(shards >= 6, "{shards} shards");

        // An answer edit: one new word, one word gone, the summary the same.
        texts[120] = texts[120].replace("w120x59", "w120x59b brandnew");
        live.update(&site, 120, &texts[120]);
        let delta = live.changes(&site);
        assert!(!delta.whole);
        let written: Vec<&str> = delta.put.iter().map(|(p, _)| p.as_str()).collect();
        assert!(written.iter().all(|p| p.contains("/terms-")), "{written:?}");
        assert!(written.len() <= 3, "{written:?} of {shards} shards");
        for path in &delta.remove {
            served.remove(path);
        }
        served.extend(delta.put);
        let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
        let fresh: BTreeMap<String, String> = index_files(&site, &refs).into_iter().collect();
        assert_eq!(served, fresh, "patched files equal a fresh index");

        live.mark_written();
        let delta = live.changes(&site);
        assert!(delta.put.is_empty() && delta.remove.is_empty());

        // A summary edit rewrites its chunk of result details too.
        texts[3] = format!("new start {}", texts[3]);
        live.update(&site, 3, &texts[3]);
        let delta = live.changes(&site);
        let written: Vec<&str> = delta.put.iter().map(|(p, _)| p.as_str()).collect();
        assert!(written.contains(&"search-index/docs-0.js"), "{written:?}");
        assert!(
            !written.contains(&"search-index.js"),
            "titles unchanged: {written:?}"
        );
        served.extend(delta.put);
        let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
        let fresh: BTreeMap<String, String> = index_files(&site, &refs).into_iter().collect();
        assert_eq!(served, fresh);
    }
}
