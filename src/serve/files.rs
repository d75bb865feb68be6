//! The files `serve` holds, kept in buckets that versions share: the server keeps answering from
//! the last version while an edit makes the next, and making it copies only the buckets the edit
//! touches, so an edit costs what it changed, not the size of the site. `Memory` is the sink
//! that renders into them.

use std::collections::HashMap;
use std::hash::BuildHasher;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use crate::diagnostic::Diagnostic;
use crate::hash::Fnv;
use crate::names;
use crate::output::{FileList, Fingerprint, OutputFile, Sink};

/// A path's bucket is picked by a hash of the path; about 40 files each at 10,000 questions.
const BUCKETS: usize = 512;

type Bucket = HashMap<String, Arc<[u8]>, Fnv>;

/// Path under the output folder -> bytes. Cloning it is cheap: the clone shares every bucket
/// until one of them changes.
#[derive(Clone)]
pub struct Files {
    buckets: Vec<Arc<Bucket>>,
}

impl Default for Files {
    fn default() -> Self {
        Files {
            buckets: (0..BUCKETS).map(|_| Arc::default()).collect(),
        }
    }
}

impl Files {
    fn bucket(path: &str) -> usize {
        (Fnv::default().hash_one(path) as usize) % BUCKETS
    }

    pub fn get(&self, path: &str) -> Option<&Arc<[u8]>> {
        self.buckets[Self::bucket(path)].get(path)
    }

    pub fn contains_key(&self, path: &str) -> bool {
        self.get(path).is_some()
    }

    /// Puts `bytes` at `path`; returns what was there.
    pub fn insert(&mut self, path: String, bytes: Arc<[u8]>) -> Option<Arc<[u8]>> {
        Arc::make_mut(&mut self.buckets[Self::bucket(&path)]).insert(path, bytes)
    }

    pub fn remove(&mut self, path: &str) -> Option<Arc<[u8]>> {
        let bucket = &mut self.buckets[Self::bucket(path)];
        if !bucket.contains_key(path) {
            return None;
        }
        Arc::make_mut(bucket).remove(path)
    }

    /// Removes the files whose path `matches`; returns them.
    pub fn remove_where(&mut self, matches: impl Fn(&str) -> bool) -> Vec<(String, Arc<[u8]>)> {
        let mut removed = Vec::new();
        for bucket in &mut self.buckets {
            if bucket.keys().any(|p| matches(p)) {
                let bucket = Arc::make_mut(bucket);
                let paths: Vec<String> = bucket.keys().filter(|p| matches(p)).cloned().collect();
                for path in paths {
                    if let Some(bytes) = bucket.remove(&path) {
                        removed.push((path, bytes));
                    }
                }
            }
        }
        removed
    }

    pub fn iter(&self) -> impl Iterator<Item = (&String, &Arc<[u8]>)> {
        self.buckets.iter().flat_map(|b| b.iter())
    }
}

/// How many files differ between two versions of the site.
pub fn count_changes(old: &Files, new: &Files) -> usize {
    let changed = new.iter().filter(|(p, b)| old.get(p) != Some(b)).count();
    changed + old.iter().filter(|(p, _)| !new.contains_key(p)).count()
}

/// What `serve` serves: the files, their fingerprint (for the service worker) and the worker's
/// list of files, kept while the set of paths stays the same.
#[derive(Clone, Default)]
pub struct Served {
    pub files: Files,
    fingerprint: u64,
    list: Option<Arc<str>>,
}

/// The served files as a sink: the current ones (their buckets shared until written to),
/// changed entry by entry, with the fingerprint kept up to date file by file (hashing every
/// file on every edit would cost more than the edit), counting the files that changed.
#[derive(Default)]
pub struct Memory {
    served: Mutex<Served>,
    changed: AtomicUsize,
}

impl Memory {
    pub fn of(served: &Served) -> Self {
        Memory {
            served: Mutex::new(served.clone()),
            changed: AtomicUsize::new(0),
        }
    }

    /// What is served now, and how many files changed.
    pub fn into_parts(self) -> (Served, usize) {
        let served = self.served.into_inner().unwrap_or_default();
        (served, self.changed.into_inner())
    }

    /// Keeps the fingerprint, the list and the count up to date with a file replaced.
    fn account(&self, served: &mut Served, path: &str, old: Option<&[u8]>, new: Option<&[u8]>) {
        if old == new {
            return;
        }
        self.changed.fetch_add(1, Ordering::Relaxed);
        // The worker is not in its own list.
        if (old.is_none() || new.is_none()) && path != names::WORKER {
            served.list = None;
        }
        if let Some(old) = old {
            served.fingerprint = served.fingerprint.wrapping_sub(Fingerprint::of(path, old));
        }
        if let Some(new) = new {
            served.fingerprint = served.fingerprint.wrapping_add(Fingerprint::of(path, new));
        }
    }
}

impl Sink for Memory {
    fn put(&self, file: OutputFile) -> Result<(), Diagnostic> {
        let bytes = file
            .bytes()
            .map_err(|e| Diagnostic::error(&file.origin, format!("cannot read: {e}")))?;
        let bytes: Arc<[u8]> = bytes.into_owned().into();
        if let Ok(mut served) = self.served.lock() {
            let old = served.files.insert(file.path.clone(), bytes.clone());
            self.account(&mut served, &file.path, old.as_deref(), Some(&bytes));
        }
        Ok(())
    }

    fn clear_folder(&self, folder: &str) {
        let prefix = format!("{folder}/");
        if let Ok(mut served) = self.served.lock() {
            let removed = served.files.remove_where(|path| path.starts_with(&prefix));
            for (path, bytes) in removed {
                self.account(&mut served, &path, Some(&bytes), None);
            }
        }
    }

    fn remove(&self, path: &str) {
        if let Ok(mut served) = self.served.lock() {
            if let Some(bytes) = served.files.remove(path) {
                self.account(&mut served, path, Some(&bytes), None);
            }
        }
    }

    fn written(&self, list: FileList) -> (u64, Arc<str>) {
        let Ok(mut served) = self.served.lock() else {
            return (0, Arc::from(""));
        };
        let made = match &served.list {
            Some(made) => made.clone(),
            None => {
                let made: Arc<str> = list(&mut served.files.iter().map(|(p, _)| p.as_str())).into();
                served.list = Some(made.clone());
                made
            }
        };
        (served.fingerprint, made)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bytes(s: &str) -> Arc<[u8]> {
        Arc::from(s.as_bytes())
    }

    #[test]
    fn a_clone_keeps_its_version_while_the_other_changes() {
        let mut old = Files::default();
        for i in 0..2000 {
            old.insert(format!("q/{i}.html"), bytes("old"));
        }
        let mut new = old.clone();
        new.insert("q/7.html".into(), bytes("new"));
        new.remove("q/8.html");
        new.insert("added.html".into(), bytes("added"));
        assert_eq!(old.get("q/7.html"), Some(&bytes("old")));
        assert!(old.contains_key("q/8.html") && !old.contains_key("added.html"));
        assert_eq!(new.get("q/7.html"), Some(&bytes("new")));
        assert!(!new.contains_key("q/8.html") && new.contains_key("added.html"));
        assert_eq!((old.iter().count(), new.iter().count()), (2000, 2000));
        // Only the buckets the edit touched were copied.
        let shared = old
            .buckets
            .iter()
            .zip(&new.buckets)
            .filter(|(a, b)| Arc::ptr_eq(a, b))
            .count();
        assert!(shared >= BUCKETS - 3, "{shared} buckets shared");
    }
}
