//! The files `serve` holds, kept in buckets that versions share: the server keeps answering from
//! the last version while an edit makes the next, and making it copies only the buckets the edit
//! touches, so an edit costs what it changed, not the size of the site.

use std::collections::HashMap;
use std::hash::BuildHasher;
use std::sync::Arc;

use crate::hash::Fnv;

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
