//! Request targets to site paths. The dev server serves only what a build produced (held in
//! memory), and this is the one place a browser's path becomes a lookup key: anything that
//! could climb out (`..`, encoded or not), backslashes, NUL bytes and absolute forms is refused.

/// What a request target names.
#[derive(Debug, PartialEq, Eq)]
pub enum Target {
    /// A file of the site: `s3/consistency.html`, `index.html`.
    File(String),
    /// A folder asked for without its trailing slash: redirect to `/<path>/`.
    Folder(String),
    /// Malformed: 400.
    Bad,
    /// Well-formed but outside what can be served: 404.
    NotFound,
}

/// Longest request target accepted.
pub const MAX_TARGET: usize = 2048;

/// Resolves a raw request target (as sent on the request line) to a site path. `is_folder`
/// tells whether a path is a folder of the site (it has an `index.html`).
pub fn resolve(target: &str, is_folder: impl Fn(&str) -> bool) -> Target {
    if target.len() > MAX_TARGET || !target.starts_with('/') {
        return Target::Bad;
    }
    let path = target.split(['?', '#']).next().unwrap_or("");
    let Some(decoded) = percent_decode(path) else {
        return Target::Bad;
    };
    if decoded.contains('\0') || decoded.chars().any(char::is_control) {
        return Target::Bad;
    }
    if decoded.contains('\\') {
        return Target::NotFound;
    }
    let mut parts = Vec::new();
    for segment in decoded.split('/') {
        match segment {
            "" => {}
            "." | ".." => return Target::NotFound,
            s if s.starts_with('.') && s != ".nojekyll" => return Target::NotFound,
            s => parts.push(s),
        }
    }
    let joined = parts.join("/");
    if decoded.ends_with('/') || joined.is_empty() {
        return Target::File(if joined.is_empty() {
            "index.html".to_string()
        } else {
            format!("{joined}/index.html")
        });
    }
    if is_folder(&joined) {
        return Target::Folder(joined);
    }
    Target::File(joined)
}

/// Decodes `%XX` once, with the site's one decoder (`url::decode_path`). `None` for a
/// malformed escape or bytes that are not UTF-8: a request may not be guessed at.
fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let well_formed = bytes.iter().enumerate().all(|(i, &b)| {
        b != b'%'
            || bytes
                .get(i + 1..i + 3)
                .is_some_and(|h| h.iter().all(u8::is_ascii_hexdigit))
    });
    let decoded = percent_encoding::percent_decode_str(s).decode_utf8().ok()?;
    well_formed.then(|| decoded.into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(target: &str) -> Target {
        resolve(target, |p| p == "topics")
    }

    #[test]
    fn plain_paths() {
        assert_eq!(r("/"), Target::File("index.html".into()));
        assert_eq!(r("/s3/q.html?x=1#y"), Target::File("s3/q.html".into()));
        assert_eq!(r("/topics/"), Target::File("topics/index.html".into()));
        assert_eq!(r("/topics"), Target::Folder("topics".into()));
        assert_eq!(r("/a%20b.html"), Target::File("a b.html".into()));
    }

    #[test]
    fn escapes_are_refused() {
        for t in [
            "/../etc/passwd",
            "/%2e%2e/etc/passwd",
            "/%2E%2E/x",
            "/..%2fetc",
            "/s3/../../x",
            "/.git/config",
            "/a/./b",
        ] {
            assert_eq!(r(t), Target::NotFound, "{t}");
        }
        for t in ["/..\\etc", "/%5c..%5cetc", "\\etc"] {
            assert_ne!(r(t), Target::File("etc".into()), "{t}");
        }
        assert_eq!(
            r("/%252e%252e/x"),
            Target::File("%2e%2e/x".into()),
            "decoded once only"
        );
        assert_eq!(r("/a%00b"), Target::Bad);
        assert_eq!(r("/a%zz"), Target::Bad);
        assert_eq!(r("/%ff"), Target::Bad);
        assert_eq!(r("http://x/etc/passwd"), Target::Bad);
        assert_eq!(r("*"), Target::Bad);
        assert_eq!(r(&format!("/{}", "a".repeat(3000))), Target::Bad);
    }
}
