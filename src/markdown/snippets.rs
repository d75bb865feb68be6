//! Checked snippets: fenced `json`, `yaml` and `toml` blocks must parse (CloudFormation tags
//! such as `!Ref` included); the error is placed inside the Markdown file.

/// Where a snippet failed, 1-based inside the snippet, and why.
#[derive(Debug, PartialEq, Eq)]
pub struct SnippetError {
    pub line: usize,
    pub col: usize,
    pub message: String,
}

/// Parses `code` if `lang` is one of the checked languages. `Ok` for everything else.
pub fn check(lang: &str, code: &str) -> Result<(), SnippetError> {
    match lang {
        "json" => serde_json::from_str::<serde_json::Value>(code)
            .map(drop)
            .map_err(|e| SnippetError {
                line: e.line().max(1),
                col: e.column().max(1),
                message: format!("invalid JSON: {}", strip_position(&e.to_string())),
            }),
        "yaml" | "yml" => check_yaml(code),
        "toml" => toml::from_str::<toml::Table>(code).map(drop).map_err(|e| {
            let (line, col) = e
                .span()
                .map_or((1, 1), |s| crate::diagnostic::line_col(code, s.start));
            SnippetError {
                line,
                col,
                message: format!("invalid TOML: {}", e.message().trim_end()),
            }
        }),
        _ => Ok(()),
    }
}

fn check_yaml(code: &str) -> Result<(), SnippetError> {
    // A stream may hold several documents (`---`); each must parse. Tagged values (`!Ref x`)
    // are kept as tagged values by yaml_serde's own Value.
    for document in yaml_serde::Deserializer::from_str(code) {
        if let Err(e) = <yaml_serde::Value as serde::Deserialize>::deserialize(document) {
            let (line, col) = e.location().map_or((1, 1), |l| (l.line(), l.column()));
            return Err(SnippetError {
                line,
                col,
                message: format!("invalid YAML: {}", strip_position(&e.to_string())),
            });
        }
    }
    Ok(())
}

/// Parsers append " at line L column C"; the diagnostic already says where.
fn strip_position(message: &str) -> &str {
    message.find(" at line ").map_or(message, |i| &message[..i])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cloudformation_tags_pass() {
        let template = "Resources:\n  I:\n    Type: AWS::EC2::Instance\n    Properties:\n      ImageId: !FindInMap [RegionMap, !Ref \"AWS::Region\", HVM64]\n      InstanceType: !Ref InstanceType\n      UserData: !Base64\n        Fn::Sub: |\n          echo ${AWS::StackName}\n      Tags: !If [IsProd, [{Key: a, Value: !GetAtt X.Arn}], !Ref AWS::NoValue]\n";
        assert_eq!(check("yaml", template), Ok(()));
    }

    #[test]
    fn trailing_comma_in_json_is_located() {
        let e = check("json", "{\n  \"a\": 1,\n}\n").unwrap_err();
        assert_eq!((e.line, e.col), (3, 1));
        assert!(
            e.message.starts_with("invalid JSON: trailing comma"),
            "{}",
            e.message
        );
    }

    #[test]
    fn bad_yaml_indentation_is_located() {
        let e = check("yaml", "a:\n  b: 1\n c: 2\n").unwrap_err();
        assert_eq!(e.line, 3, "{e:?}");
        assert!(e.message.starts_with("invalid YAML"), "{}", e.message);
    }

    #[test]
    fn toml_is_checked() {
        let e = check("toml", "a = 1\nb = \n").unwrap_err();
        assert_eq!(e.line, 2);
        assert_eq!(check("python", "def ("), Ok(()));
    }
}
