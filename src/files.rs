//! The files of a site besides its pages: the search index, the highlighting stylesheet, the
//! files crawlers read (sitemap, robots.txt, feed, CNAME), static files and content assets.

use std::path::PathBuf;

use crate::output::{Contents, OutputFile};
use crate::{aliases, exam, feeds, markdown, model, offline, search, Prepared};

/// Every output file that is not a page: generated files, static files, content assets.
pub(crate) fn other_files(prepared: &Prepared) -> Vec<OutputFile> {
    let texts: Vec<&str> = prepared.rendered.iter().map(|r| r.text.as_str()).collect();
    let mut files = site_files(
        &prepared.site,
        &prepared.static_files,
        search::index_files(&prepared.site, &texts),
        exam::script_from_rendered(&prepared.site, &prepared.rendered),
    );
    files.extend(asset_files(&prepared.site, &prepared.static_files));
    files
}

/// Static files (with the built-in app icons when the site works offline) and the files placed
/// beside questions in `content/`, copied as they are.
pub(crate) fn asset_files(site: &model::Site, static_files: &[OutputFile]) -> Vec<OutputFile> {
    let mut files = static_files.to_vec();
    if offline::enabled(site) {
        files.extend(offline::icon_files(static_files));
    }
    for asset in &site.assets {
        files.push(OutputFile::new(
            asset.rel.clone(),
            Contents::Copy(asset.path.clone()),
            &asset.path,
        ));
    }
    files
}

/// The paths `site_files` writes that are known before any text is rendered: all but the
/// search index's term shards.
pub(crate) fn generated_paths(site: &model::Site) -> Vec<(String, PathBuf)> {
    let search = search::fixed_paths(site.questions.len());
    let mut names: Vec<&str> = search.iter().map(String::as_str).collect();
    names.extend([exam::DATA_SCRIPT, "syntax.css", "aliases.js", ".nojekyll"]);
    if site.config.base_url.is_some() {
        names.extend(["sitemap.xml", "robots.txt", "feed.xml"]);
    }
    if offline::enabled(site) {
        names.extend([offline::MANIFEST, offline::WORKER]);
    }
    if site.config.cname.is_some() {
        names.push("CNAME");
    }
    let mut paths: Vec<(String, PathBuf)> = names
        .into_iter()
        .map(|n| (n.to_string(), PathBuf::from(format!("(generated) {n}"))))
        .collect();
    for q in &site.questions {
        for alias in &q.front.aliases {
            paths.push((format!("{}.html", aliases::alias_id(alias)), q.path.clone()));
        }
    }
    paths
}

/// The generated files that are not pages: search index, exam data, highlighting CSS, aliases
/// (their script and redirect pages), crawler files, the web app manifest (the service worker comes last: it needs every other file).
pub fn site_files(
    site: &model::Site,
    static_files: &[OutputFile],
    search_index: Vec<(String, String)>,
    exam_data: String,
) -> Vec<OutputFile> {
    let mut files: Vec<OutputFile> = search_index
        .into_iter()
        .map(|(path, text)| generated(&path, text))
        .collect();
    files.push(generated(exam::DATA_SCRIPT, exam_data));
    files.push(generated("syntax.css", markdown::highlight::stylesheet()));
    files.push(generated("aliases.js", aliases::script(site)));
    files.push(generated(".nojekyll", String::new()));
    for (path, html) in aliases::redirect_pages(site) {
        files.push(generated(&path, html));
    }
    if let Some(base) = &site.config.base_url {
        files.push(generated("sitemap.xml", feeds::sitemap(site, base)));
        files.push(generated("robots.txt", feeds::robots(base)));
        files.push(generated("feed.xml", feeds::atom(site, base)));
    }
    if offline::enabled(site) {
        files.push(offline::manifest(site, static_files));
    }
    if let Some(cname) = &site.config.cname {
        files.push(generated("CNAME", format!("{}\n", cname.trim())));
    }
    files
}

fn generated(path: &str, text: String) -> OutputFile {
    OutputFile::new(
        path,
        Contents::Bytes(text.into_bytes()),
        format!("(generated) {path}"),
    )
}
