//! Slugs: the URL-safe names of questions, topics and heading anchors.

/// True for a non-empty slug of lowercase letters (any script), digits and single inner hyphens.
pub fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && !s.starts_with('-')
        && !s.ends_with('-')
        && !s.contains("--")
        && s.chars().all(|c| {
            c == '-'
                || c.is_ascii_digit()
                || c.is_ascii_lowercase()
                || (!c.is_ascii() && c.is_alphanumeric() && !c.is_uppercase())
        })
}

/// Turns free text into a slug: lowercase, letters and digits kept (any script), the rest
/// collapsed into single hyphens. Returns an empty string for text without letters or digits.
pub fn slugify(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_hyphen = false;
    for c in text.chars() {
        if c.is_alphanumeric() {
            if pending_hyphen && !out.is_empty() {
                out.push('-');
            }
            pending_hyphen = false;
            out.extend(c.to_lowercase());
        } else if c != '\'' && c != '\u{2019}' {
            pending_hyphen = true;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugify_titles() {
        assert_eq!(
            slugify("How does S3 versioning work?"),
            "how-does-s3-versioning-work"
        );
        assert_eq!(slugify("  What's IMDSv2?  "), "whats-imdsv2");
        assert_eq!(slugify("S3 の整合性"), "s3-の整合性");
        assert_eq!(slugify("🚀"), "");
    }

    #[test]
    fn slugs_are_checked() {
        assert!(is_slug("load-balancing"));
        assert!(is_slug("s3"));
        assert!(!is_slug("S3"));
        assert!(!is_slug("a b"));
        assert!(!is_slug("-a"));
        assert!(!is_slug("../etc"));
        assert!(is_slug(&slugify("S3 の整合性")));
    }
}
