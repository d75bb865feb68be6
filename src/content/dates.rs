//! The `updated` date of a question: checked with a real calendar (so `2024-02-30` is refused)
//! and kept in one normal form that the page, the sitemap and the Atom feed all read.

use jiff::civil::{Date, DateTime};
use jiff::Timestamp;

/// Checks what an author writes in `updated` (`YYYY-MM-DD`, optionally followed by a time with
/// `T` or a space between, with or without an offset; no offset means UTC) and returns its
/// normal form: the date as written, or the moment in RFC 3339 UTC.
pub fn normalize(text: &str) -> Result<String, String> {
    let text = text.trim();
    let refuse = |why: String| {
        format!("`updated` must be a real date like 2024-05-01 (or 2024-05-01T10:00:00Z): {why}")
    };
    if text.len() <= 10 {
        return text
            .parse::<Date>()
            .map(|d| d.to_string())
            .map_err(|e| refuse(e.to_string()));
    }
    let moment = match text.parse::<Timestamp>() {
        Ok(moment) => moment,
        Err(_) => text
            .parse::<DateTime>()
            .and_then(|local| local.to_zoned_datetime(jiff::tz::TimeZone::UTC))
            .map(|z| z.timestamp())
            .map_err(|e| refuse(e.to_string()))?,
    };
    Ok(moment.strftime("%Y-%m-%dT%H:%M:%SZ").to_string())
}

/// A normal form's RFC 3339 moment, as Atom requires (a date is its midnight, UTC).
pub fn rfc3339(normal: &str) -> String {
    if normal.len() == 10 {
        format!("{normal}T00:00:00Z")
    } else {
        normal.to_string()
    }
}

/// A normal form's day (`YYYY-MM-DD`), as sitemaps use it.
pub fn day(normal: &str) -> &str {
    &normal[..10.min(normal.len())]
}

/// Today in the author's own time zone, as `YYYY-MM-DD` (what `cramdown new` writes).
pub fn local_today() -> String {
    jiff::ZonedDateTime::now().date().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn real_dates_only() {
        assert_eq!(normalize("2024-05-01").unwrap(), "2024-05-01");
        assert!(normalize("2024-05-99").is_err());
        assert!(normalize("2023-02-29").is_err());
        assert!(normalize("2024-02-29").is_ok());
        assert!(normalize("yesterday").is_err());
        assert!(normalize("2024-05-01 25:00").is_err());
    }

    #[test]
    fn times_become_rfc3339_utc() {
        assert_eq!(
            rfc3339(&normalize("2024-05-01").unwrap()),
            "2024-05-01T00:00:00Z"
        );
        assert_eq!(
            normalize("2024-05-01 10:00").unwrap(),
            "2024-05-01T10:00:00Z"
        );
        assert_eq!(
            normalize("2024-05-01T10:00:00+02:00").unwrap(),
            "2024-05-01T08:00:00Z"
        );
        assert_eq!(
            day(&normalize("2024-05-01T23:30:00-02:00").unwrap()),
            "2024-05-02"
        );
    }
}
