//! The exam blueprint against the questions: every `domain` a question names is declared in
//! site.toml, and every domain has at least its share of one exam to draw from.

use crate::config::Config;
use crate::content::front_matter::field_position;
use crate::diagnostic::Diagnostic;

use super::Question;

/// The errors of the blueprint's fit with `questions` (none without a blueprint).
pub fn check(config: &Config, questions: &[Question]) -> Vec<Diagnostic> {
    let exam = &config.exam;
    let mut errors = Vec::new();
    let mut counts = vec![0u32; exam.domains.len()];
    for q in questions {
        let Some(domain) = &q.front.domain else {
            continue;
        };
        match exam.domain_position(domain) {
            Some(k) => counts[k] += 1,
            None => {
                let (line, col) = field_position(&q.text, "domain").unwrap_or((1, 1));
                errors.push(Diagnostic::error(&q.path, unknown(config, domain)).at(line, col));
            }
        }
    }
    let shares = exam.shares(exam.questions);
    for ((domain, count), share) in exam.domains.iter().zip(counts).zip(shares) {
        if count < share {
            let id = domain.id.get_ref();
            let message = format!(
                "domain `{id}` has {count} multiple-choice {}, fewer than its share of one exam ({share} of {}, {}%)",
                if count == 1 { "question" } else { "questions" },
                exam.questions,
                domain.weight.get_ref()
            );
            errors.push(config.source.error_at(domain.id.span().start, message));
        }
    }
    errors
}

fn unknown(config: &Config, domain: &str) -> String {
    let declared: Vec<String> = config
        .exam
        .domains
        .iter()
        .map(|d| format!("`{}`", d.id.get_ref()))
        .collect();
    if declared.is_empty() {
        format!("domain `{domain}`: site.toml declares no `[[exam.domains]]`")
    } else {
        format!(
            "unknown domain `{domain}`: site.toml declares {}",
            declared.join(", ")
        )
    }
}
