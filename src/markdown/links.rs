//! Links: `.md` paths written the way GitHub renders them become page URLs relative to the
//! page; links to missing files are errors; `javascript:` links are not emitted.

use pulldown_cmark::{CowStr, Event, Tag};

use super::PageContext;
use crate::diagnostic::Diagnostic;
use crate::model::url;

/// Schemes that run code when followed.
const UNSAFE_SCHEMES: &[&str] = &["javascript", "vbscript", "data"];

/// Rewrites a `Start(Link)` event. `None` means the link must be dropped (its text stays).
pub fn rewrite<'a>(
    ctx: &PageContext,
    event: &Event<'a>,
    offset: usize,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Event<'a>> {
    let Event::Start(Tag::Link {
        link_type,
        dest_url,
        title,
        id,
    }) = event
    else {
        return Some(event.clone());
    };
    if let Some(scheme) = url::scheme(dest_url) {
        if UNSAFE_SCHEMES.contains(&scheme.as_str()) {
            diagnostics
                .push(ctx.warning_at(offset, format!("`{scheme}:` link is not emitted as a link")));
            return None;
        }
        return Some(event.clone());
    }
    let dest = match resolve_page_link(ctx, dest_url) {
        Ok(Some(dest)) => CowStr::from(dest),
        Ok(None) => dest_url.clone(),
        Err(message) => {
            diagnostics.push(ctx.error_at(offset, message));
            dest_url.clone()
        }
    };
    Some(Event::Start(Tag::Link {
        link_type: *link_type,
        dest_url: dest,
        title: title.clone(),
        id: id.clone(),
    }))
}

/// Images keep their source unless it could run code.
pub fn rewrite_image<'a>(event: &Event<'a>) -> Event<'a> {
    match event {
        Event::Start(Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        }) if url::scheme(dest_url).is_some_and(|s| s == "javascript" || s == "vbscript") => {
            Event::Start(Tag::Image {
                link_type: *link_type,
                dest_url: CowStr::from(""),
                title: title.clone(),
                id: id.clone(),
            })
        }
        other => other.clone(),
    }
}

/// What a link points at, for `cramdown check` (`None` for mail and other schemes, and for
/// links that are errors already).
pub fn target(ctx: &PageContext, dest: &str) -> Option<super::LinkTarget> {
    use super::LinkTarget;
    if let Some(fragment) = dest.strip_prefix('#') {
        return Some(LinkTarget::SamePage(url::decode_path(fragment)));
    }
    if let Some(scheme) = url::scheme(dest) {
        return matches!(scheme.as_str(), "http" | "https")
            .then(|| LinkTarget::External(dest.to_string()));
    }
    if dest.starts_with("//") {
        return Some(LinkTarget::External(format!("https:{dest}")));
    }
    let (path, fragment) = match dest.split_once('#') {
        Some((p, f)) => (p, Some(url::decode_path(f))),
        None => (dest, None),
    };
    let path = path.split('?').next().unwrap_or("");
    if !path.ends_with(".md") {
        return None;
    }
    let target = url::resolve(ctx.rel, &url::decode_path(path))?;
    let page = ctx.site.pages_by_source.get(&target)?;
    Some(LinkTarget::Page {
        url: page.clone(),
        fragment: fragment.filter(|f| !f.is_empty()),
    })
}

/// For a link to a `.md` file of the site: its page URL relative to the current page.
/// `Ok(None)` for links that are not to Markdown files (anchors, assets, external URLs).
pub fn resolve_page_link(ctx: &PageContext, dest: &str) -> Result<Option<String>, String> {
    if dest.is_empty() || dest.starts_with('#') || url::is_external(dest) {
        return Ok(None);
    }
    let (path_and_query, fragment) = match dest.find('#') {
        Some(i) => (&dest[..i], &dest[i..]),
        None => (dest, ""),
    };
    let path = path_and_query.split('?').next().unwrap_or("");
    if !path.ends_with(".md") {
        return Ok(None);
    }
    let decoded = url::decode_path(path);
    let target = url::resolve(ctx.rel, &decoded)
        .ok_or_else(|| format!("link `{dest}` climbs above content/"))?;
    match ctx.site.pages_by_source.get(&target) {
        Some(page) => Ok(Some(format!(
            "{}{}{}",
            url::root_of(ctx.page_url),
            url::encode_path(page),
            fragment
        ))),
        None if ctx.site.drafts.contains(&target) => Err(format!(
            "link `{dest}` points at a draft (content/{target}), which is only built with --drafts"
        )),
        None => Err(format!(
            "link `{dest}` points at content/{target}, which does not exist"
        )),
    }
}
