//! Relative URLs: every internal link is written relative to the page that holds it, so one
//! output works at a domain root, under `/repo/` and from `file://`.

/// The prefix that leads from a page to the site root: `""`, `"../"`, `"../../"`.
pub fn root_of(page_url: &str) -> String {
    "../".repeat(page_url.matches('/').count())
}

/// Resolves a relative link written in the file `from` (a path under `content/`) to a path
/// under `content/`. `None` when it climbs above `content/`.
pub fn resolve(from: &str, link: &str) -> Option<String> {
    let mut parts: Vec<&str> = if let Some(absolute) = link.strip_prefix('/') {
        return normalize(Vec::new(), absolute);
    } else {
        from.split('/').collect()
    };
    parts.pop(); // the file name of `from`
    normalize(parts, link)
}

fn normalize<'a>(mut parts: Vec<&'a str>, link: &'a str) -> Option<String> {
    for segment in link.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    Some(parts.join("/"))
}

/// Percent-encodes the characters that may not stand in an `href` path as they are.
pub fn encode_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for c in path.chars() {
        match c {
            ' ' | '"' | '<' | '>' | '`' | '{' | '}' | '|' | '\\' | '^' | '%' | '#' | '?' => {
                let mut buf = [0u8; 4];
                for b in c.encode_utf8(&mut buf).bytes() {
                    out.push_str(&format!("%{b:02X}"));
                }
            }
            c if c.is_control() => {
                let mut buf = [0u8; 4];
                for b in c.encode_utf8(&mut buf).bytes() {
                    out.push_str(&format!("%{b:02X}"));
                }
            }
            c => out.push(c),
        }
    }
    out
}

/// Decodes `%XX` escapes (a link to `my%20file.md` names `my file.md`). Invalid escapes stay;
/// bytes that are not UTF-8 leave the path as written.
pub fn decode_path(path: &str) -> String {
    percent_encoding::percent_decode_str(path)
        .decode_utf8()
        .map_or_else(|_| path.to_string(), |d| d.into_owned())
}

/// True for URLs with a scheme or `//` host: links that leave the site.
pub fn is_external(link: &str) -> bool {
    link.starts_with("//") || scheme(link).is_some()
}

/// The scheme of a URL (`https`, `mailto`), lowercased; whitespace and control characters that
/// browsers ignore are ignored here too, so `java\tscript:` is seen as `javascript`.
pub fn scheme(link: &str) -> Option<String> {
    let cleaned: String = link
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .take(64)
        .collect();
    let colon = cleaned.find(':')?;
    let scheme = &cleaned[..colon];
    let valid = !scheme.is_empty()
        && scheme
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    valid.then(|| scheme.to_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roots() {
        assert_eq!(root_of("index.html"), "");
        assert_eq!(root_of("iam/x.html"), "../");
        assert_eq!(root_of("a/b/c.html"), "../../");
    }

    #[test]
    fn resolves_relative_links() {
        assert_eq!(
            resolve("iam/a.md", "../s3/b.md").as_deref(),
            Some("s3/b.md")
        );
        assert_eq!(resolve("iam/a.md", "b.md").as_deref(), Some("iam/b.md"));
        assert_eq!(
            resolve("iam/a.md", "./x/../b.md").as_deref(),
            Some("iam/b.md")
        );
        assert_eq!(resolve("a.md", "../../etc/passwd"), None);
        assert_eq!(resolve("iam/a.md", "/s3/b.md").as_deref(), Some("s3/b.md"));
    }

    #[test]
    fn schemes_ignore_obfuscation() {
        assert_eq!(scheme("JavaScript:alert(1)").as_deref(), Some("javascript"));
        assert_eq!(
            scheme(" java\tscript:alert(1)").as_deref(),
            Some("javascript")
        );
        assert_eq!(scheme("../a.md"), None);
        assert_eq!(scheme("https://x").as_deref(), Some("https"));
        assert!(!is_external("a.md#x:y"));
    }

    #[test]
    fn encodes_and_decodes() {
        assert_eq!(encode_path("a b/c.html"), "a%20b/c.html");
        assert_eq!(decode_path("a%20b.md"), "a b.md");
        assert_eq!(decode_path("100%"), "100%");
    }
}
