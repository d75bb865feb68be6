//! Files for crawlers and readers that need the absolute `base_url`: sitemap, robots.txt,
//! the Atom feed.

use crate::content::dates;
use crate::escape::attr as xml_escape;
use crate::model::{url, Site};

/// `sitemap.xml`: home, topics and every question.
pub fn sitemap(site: &Site, base: &str) -> String {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    let mut add = |path: &str, lastmod: Option<&str>| {
        out.push_str("  <url><loc>");
        out.push_str(&xml_escape(&format!("{base}{}", url::encode_path(path))));
        out.push_str("</loc>");
        if let Some(date) = lastmod {
            out.push_str(&format!(
                "<lastmod>{}</lastmod>",
                xml_escape(dates::day(date))
            ));
        }
        out.push_str("</url>\n");
    };
    add("", None);
    add("topics/index.html", None);
    for t in &site.topics {
        for number in 1..=t.page_count(site.config.paginate) {
            add(&t.page_url(number), None);
        }
    }
    for q in &site.questions {
        add(&q.url, q.front.updated_str());
    }
    out.push_str("</urlset>\n");
    out
}

pub fn robots(base: &str) -> String {
    format!("User-agent: *\nAllow: /\nSitemap: {base}sitemap.xml\n")
}

/// `feed.xml`: an Atom feed of questions with an `updated` date, newest first.
pub fn atom(site: &Site, base: &str) -> String {
    let mut dated: Vec<_> = site
        .questions
        .iter()
        .filter_map(|q| q.front.updated_str().map(|d| (d, q)))
        .collect();
    dated.sort_by(|a, b| b.0.cmp(a.0).then_with(|| a.1.rel.cmp(&b.1.rel)));
    dated.truncate(100);
    let stamp = dates::rfc3339;
    let newest = dated
        .first()
        .map_or_else(|| "1970-01-01T00:00:00Z".to_string(), |(d, _)| stamp(d));
    let mut out = format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n  <title>{}</title>\n  <subtitle>{}</subtitle>\n  <link href=\"{}\"/>\n  <link rel=\"self\" href=\"{}feed.xml\"/>\n  <id>{}</id>\n  <updated>{}</updated>\n  <generator>cramdown</generator>\n",
        xml_escape(&site.config.title),
        xml_escape(&site.config.description),
        xml_escape(base),
        xml_escape(base),
        xml_escape(base),
        xml_escape(&newest),
    );
    for (date, q) in dated {
        let link = xml_escape(&format!("{base}{}", url::encode_path(&q.url)));
        out.push_str(&format!(
            "  <entry>\n    <title>{}</title>\n    <link href=\"{link}\"/>\n    <id>{link}</id>\n    <updated>{}</updated>\n    <author><name>{}</name></author>\n  </entry>\n",
            xml_escape(&q.front.title),
            xml_escape(&stamp(date)),
            xml_escape(&site.config.title),
        ));
    }
    out.push_str("</feed>\n");
    out
}
