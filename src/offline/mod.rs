//! Offline use on phones: for a site with a `base_url`, a web app manifest and a service
//! worker (`sw.js`) that caches every file of the build on the first visit, under a name made
//! from a fingerprint of the build (so a new build replaces the old cache), and answers from
//! the network when it can and from the cache when it cannot. `cramdown.js` registers it over
//! http(s) only: from `file://` nothing changes.

mod icon;

use crate::model::{url, Site};
use crate::names;
use crate::output::{Contents, OutputFile, MARKER};
use crate::render::site_id;

use crate::names::WORKER;

/// Output files the worker does not cache: itself, and files no page loads.
const NOT_CACHED: &[&str] = &[
    WORKER,
    names::NOJEKYLL,
    names::CNAME,
    names::ROBOTS,
    names::SITEMAP,
    MARKER,
];

/// The built-in PNG icons, written unless `static/` has a file of the same name.
pub const ICONS: &[(&str, u32)] = &[("icon-192.png", 192), ("icon-512.png", 512)];

/// The built-in icons that `static/` does not replace.
pub fn icon_files(static_files: &[OutputFile]) -> Vec<OutputFile> {
    ICONS
        .iter()
        .filter(|(name, _)| !static_files.iter().any(|f| f.path == *name))
        .map(|(name, size)| {
            OutputFile::new(
                *name,
                Contents::Bytes(icon::png(*size)),
                format!("(generated) {name}"),
            )
        })
        .collect()
}

/// Colours of the default theme (its accent and its light background).
const THEME_COLOR: &str = "#0b5cad";
const BACKGROUND_COLOR: &str = "#ffffff";

/// Whether the site gets a manifest and a worker.
pub fn enabled(site: &Site) -> bool {
    site.config.base_url.is_some()
}

/// The web app manifest: the site's name, its icons (`favicon.svg`, the built-in PNG icons and
/// any `icon-<size>.png` of `static/`), colours, and the site root as start page and scope.
pub fn manifest(site: &Site, static_files: &[OutputFile]) -> String {
    let mut icons = vec![serde_json::json!({
        "src": "favicon.svg", "sizes": "any", "type": "image/svg+xml", "purpose": "any"
    })];
    let builtin = icon_files(static_files);
    for file in static_files.iter().chain(&builtin) {
        let size = file
            .path
            .strip_prefix("icon-")
            .and_then(|rest| rest.strip_suffix(".png"))
            .filter(|n| n.parse::<u32>().is_ok());
        if let Some(size) = size {
            icons.push(serde_json::json!({
                "src": url::encode_path(&file.path), "sizes": format!("{size}x{size}"), "type": "image/png"
            }));
        }
    }
    let manifest = serde_json::json!({
        "name": site.config.title.trim(),
        "description": site.config.description,
        "start_url": "./index.html",
        "scope": "./",
        "display": "standalone",
        "theme_color": THEME_COLOR,
        "background_color": BACKGROUND_COLOR,
        "icons": icons,
    });
    serde_json::to_string_pretty(&manifest).unwrap_or_default()
}

/// The service worker for a build whose files are `list` (made by `file_list`) with the given
/// fingerprint.
pub fn worker(site: &Site, list: &str, fingerprint: u64) -> OutputFile {
    let prefix = format!("cramdown-{}-", site_id(site));
    let text = WORKER_SCRIPT
        .replace("__PREFIX__", &prefix)
        .replace("__VERSION__", &format!("{fingerprint:016x}"))
        .replace("__FILES__", list);
    generated(WORKER, text)
}

/// What the service worker caches of the output's `paths`: a JSON list of URLs, sorted, with
/// folders' index pages also under their folder's URL.
pub fn file_list(paths: &mut dyn Iterator<Item = &str>) -> String {
    let mut cached: Vec<String> = Vec::new();
    for path in paths.filter(|p| !NOT_CACHED.contains(p)) {
        if path == "index.html" {
            cached.push("./".into());
        } else if let Some(folder) = path.strip_suffix("/index.html") {
            cached.push(format!("{}/", url::encode_path(folder)));
        }
        cached.push(url::encode_path(path));
    }
    cached.sort();
    cached.dedup();
    serde_json::to_string(&cached).unwrap_or_default()
}

fn generated(path: &str, text: String) -> OutputFile {
    OutputFile::new(
        path,
        Contents::Bytes(text.into_bytes()),
        format!("(generated) {path}"),
    )
}

/// The worker's code; `__PREFIX__`, `__VERSION__` and `__FILES__` are filled in per build.
const WORKER_SCRIPT: &str = r#"/* sw.js: written by cramdown for offline use. On install it caches every file of this
   build, in a cache named after the build's fingerprint; on activation it deletes this site's
   older caches. Requests for the site's files go to the network first (a new build shows on
   reload) and fall back to the cache when the network fails. */
"use strict";
var PREFIX = "__PREFIX__";
var CACHE = PREFIX + "__VERSION__";
var FILES = __FILES__;
var KNOWN = {};
FILES.forEach(function (file) { KNOWN[new URL(file, self.registration.scope).href] = true; });

self.addEventListener("install", function (event) {
  event.waitUntil(caches.open(CACHE).then(function (cache) {
    return cache.addAll(FILES);
  }).then(function () { return self.skipWaiting(); }));
});

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (names) {
    return Promise.all(names.filter(function (name) {
      return name.indexOf(PREFIX) === 0 && name !== CACHE;
    }).map(function (name) { return caches.delete(name); }));
  }).then(function () { return self.clients.claim(); }));
});

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET") return;
  var url = new URL(request.url);
  url.search = "";
  url.hash = "";
  var key = url.href;
  if (!KNOWN[key] && request.mode !== "navigate") return;
  event.respondWith(fetch(request).then(function (response) {
    if (response.ok && KNOWN[key]) {
      var copy = response.clone();
      caches.open(CACHE).then(function (cache) { return cache.put(key, copy); });
    }
    return response;
  }).catch(function () {
    return caches.open(CACHE).then(function (cache) {
      return cache.match(key).then(function (found) {
        return found || cache.match(new URL("404.html", self.registration.scope).href);
      });
    }).then(function (found) { return found || Response.error(); });
  }));
});
"#;
