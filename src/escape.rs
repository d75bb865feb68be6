//! Escaping text for HTML and XML, where the generator writes markup itself (and for every
//! value a template prints, so it copies runs of plain text whole).

/// Escapes text for an attribute value (or XML text).
pub fn attr(s: &str) -> String {
    escape(s, |b| match b {
        b'&' => Some("&amp;"),
        b'"' => Some("&quot;"),
        b'<' => Some("&lt;"),
        b'>' => Some("&gt;"),
        b'\'' => Some("&#39;"),
        _ => None,
    })
}

/// Escapes text for element content.
pub fn text(s: &str) -> String {
    escape(s, |b| match b {
        b'&' => Some("&amp;"),
        b'<' => Some("&lt;"),
        b'>' => Some("&gt;"),
        _ => None,
    })
}

/// `s` with each ASCII byte that `entity` names replaced (the bytes of other characters are
/// never ASCII, so runs between replacements are whole characters).
fn escape(s: &str, entity: impl Fn(u8) -> Option<&'static str>) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 16);
    let mut run = 0;
    for (i, &b) in s.as_bytes().iter().enumerate() {
        if let Some(replacement) = entity(b) {
            out.push_str(&s[run..i]);
            out.push_str(replacement);
            run = i + 1;
        }
    }
    out.push_str(&s[run..]);
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn special_characters_and_others_kept() {
        assert_eq!(
            super::attr("a&b \"c\" <d> 'é' 🚀"),
            "a&amp;b &quot;c&quot; &lt;d&gt; &#39;é&#39; 🚀"
        );
        assert_eq!(super::text("a&b \"c\" <d>'"), "a&amp;b \"c\" &lt;d&gt;'");
        assert_eq!(super::text(""), "");
    }
}
