//! Upstream's name and value checks (`k8s.io/apimachinery/pkg/util/validation`)
//! and the wording of `field.Error` details, reproduced exactly.

const QUALIFIED_NAME_FMT: &str = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
const QUALIFIED_NAME_ERR: &str = "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const LABEL_VALUE_FMT: &str = "(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?";
const LABEL_VALUE_ERR: &str = "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const DNS1123_SUBDOMAIN_FMT: &str =
    "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*";
const DNS1123_SUBDOMAIN_ERR: &str = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";
const DNS1123_LABEL_FMT: &str = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
const DNS1123_LABEL_ERR: &str = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character";
const ENV_VAR_NAME_FMT: &str = "[-._a-zA-Z][-._a-zA-Z0-9]*";
const ENV_VAR_NAME_ERR: &str = "a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit";

/// Models `validation.RegexError`.
fn regex_error(msg: &str, fmt: &str, examples: &[&str]) -> String {
    let mut out = format!("{msg} (e.g. ");
    for (i, example) in examples.iter().enumerate() {
        if i > 0 {
            out.push_str(" or ");
        }
        out.push_str(&format!("'{example}', "));
    }
    out.push_str(&format!("regex used for validation is '{fmt}')"));
    out
}

fn max_len_error(n: usize) -> String {
    format!("must be no more than {n} characters")
}

/// `([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]`, without a regex engine.
fn is_qualified_name_part(s: &str) -> bool {
    let bytes = s.as_bytes();
    match (bytes.first(), bytes.last()) {
        (Some(first), Some(last)) => {
            first.is_ascii_alphanumeric()
                && last.is_ascii_alphanumeric()
                && bytes
                    .iter()
                    .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
        }
        _ => false,
    }
}

/// `[a-z0-9]([-a-z0-9]*[a-z0-9])?` joined by dots.
fn is_dns1123_subdomain_shape(s: &str) -> bool {
    s.split('.').all(|label| {
        let bytes = label.as_bytes();
        match (bytes.first(), bytes.last()) {
            (Some(first), Some(last)) => {
                let lower_alnum = |b: &u8| b.is_ascii_lowercase() || b.is_ascii_digit();
                lower_alnum(first)
                    && lower_alnum(last)
                    && bytes.iter().all(|b| lower_alnum(b) || *b == b'-')
            }
            _ => false,
        }
    })
}

/// Models `validation.IsDNS1123Subdomain`.
pub fn is_dns1123_subdomain(value: &str) -> Result<(), Vec<String>> {
    let mut errs = Vec::new();
    if value.len() > 253 {
        errs.push(max_len_error(253));
    }
    if !is_dns1123_subdomain_shape(value) {
        errs.push(regex_error(
            DNS1123_SUBDOMAIN_ERR,
            DNS1123_SUBDOMAIN_FMT,
            &["example.com"],
        ));
    }
    if errs.is_empty() { Ok(()) } else { Err(errs) }
}

/// Models `validation.IsDNS1123Label` (v0.36): a valid subdomain that is not a
/// label has dots, and is told so.
pub fn is_dns1123_label(value: &str) -> Result<(), Vec<String>> {
    let mut errs = Vec::new();
    if value.len() > 63 {
        errs.push(max_len_error(63));
    }
    if value.contains('.') && is_dns1123_subdomain_shape(value) {
        errs.push("must not contain dots".to_string());
    } else if !is_dns1123_subdomain_shape(value) {
        errs.push(regex_error(
            DNS1123_LABEL_ERR,
            DNS1123_LABEL_FMT,
            &["my-name", "123-abc"],
        ));
    }
    if errs.is_empty() { Ok(()) } else { Err(errs) }
}

/// Models `validation.IsEnvVarName` (v0.36): `[-._a-zA-Z][-._a-zA-Z0-9]*`, and
/// not `.`, `..` or anything starting with `..` (`hasChDirPrefix`).
pub fn is_env_var_name(value: &str) -> Result<(), Vec<String>> {
    let mut errs = Vec::new();
    let allowed = |b: &u8| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_');
    let shape = value
        .as_bytes()
        .first()
        .is_some_and(|b| !b.is_ascii_digit() && allowed(b))
        && value.bytes().all(|b| allowed(&b));
    if !shape {
        errs.push(regex_error(
            ENV_VAR_NAME_ERR,
            ENV_VAR_NAME_FMT,
            &["my.env-name", "MY_ENV.NAME", "MyEnvName1"],
        ));
    }
    if value == "." {
        errs.push("must not be '.'".to_string());
    } else if value == ".." {
        errs.push("must not be '..'".to_string());
    } else if value.starts_with("..") {
        errs.push("must not start with '..'".to_string());
    }
    if errs.is_empty() { Ok(()) } else { Err(errs) }
}

/// Models `validation.IsQualifiedName`, used for label keys and taint keys.
pub fn is_qualified_name(value: &str) -> Result<(), Vec<String>> {
    let mut errs = Vec::new();
    let parts: Vec<&str> = value.split('/').collect();
    let name = match parts.as_slice() {
        [name] => *name,
        [prefix, name] => {
            if prefix.is_empty() {
                errs.push("prefix part must be non-empty".to_string());
            } else if let Err(msgs) = is_dns1123_subdomain(prefix) {
                errs.extend(msgs.into_iter().map(|m| format!("prefix part {m}")));
            }
            *name
        }
        _ => {
            return Err(vec![format!(
                "a qualified name {} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
                regex_error(
                    QUALIFIED_NAME_ERR,
                    QUALIFIED_NAME_FMT,
                    &["MyName", "my.name", "123-abc"]
                )
            )]);
        }
    };
    if name.is_empty() {
        errs.push("name part must be non-empty".to_string());
    } else if name.len() > 63 {
        errs.push(format!("name part {}", max_len_error(63)));
    }
    if !is_qualified_name_part(name) {
        errs.push(format!(
            "name part {}",
            regex_error(
                QUALIFIED_NAME_ERR,
                QUALIFIED_NAME_FMT,
                &["MyName", "my.name", "123-abc"]
            )
        ));
    }
    if errs.is_empty() { Ok(()) } else { Err(errs) }
}

/// Models `validation.IsValidLabelValue`.
pub fn is_valid_label_value(value: &str) -> Result<(), Vec<String>> {
    let mut errs = Vec::new();
    if value.len() > 63 {
        errs.push(max_len_error(63));
    }
    if !value.is_empty() && !is_qualified_name_part(value) {
        errs.push(regex_error(
            LABEL_VALUE_ERR,
            LABEL_VALUE_FMT,
            &["MyValue", "my_value", "12345"],
        ));
    }
    if errs.is_empty() { Ok(()) } else { Err(errs) }
}

/// A `field.Invalid` detail for the child `field` of the object being decoded.
///
/// The leading `.` tells the decoder to append `field` to the object's path.
pub(crate) fn invalid(field: &str, value: &str, detail: &str) -> String {
    format!(".{field}: Invalid value: {value:?}: {detail}")
}

/// A `field.NotSupported` detail for the child `field` of the object being decoded.
pub(crate) fn not_supported(field: &str, value: &str, supported: &[&str]) -> String {
    let supported: Vec<String> = supported.iter().map(|s| format!("{s:?}")).collect();
    format!(
        ".{field}: Unsupported value: {value:?}: supported values: {}",
        supported.join(", ")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn qualified_names() {
        let ok = [
            "simple",
            "now-with-dashes",
            "1-starts-with-num",
            "1234",
            "simple/simple",
            "now-with-dashes/simple",
            "node-role.kubernetes.io/master",
            "node.kubernetes.io/not-ready",
            "example.com/Upper_Case.name",
        ];
        for name in ok {
            assert_eq!(is_qualified_name(name), Ok(()), "{name}");
        }
        let bad = [
            "",
            "-starts-with-dash",
            "ends-with-dash-",
            "a/b/c",
            "/name",
            "Example.com/name",
            "name/",
            "spaces not allowed",
        ];
        for name in bad {
            assert!(is_qualified_name(name).is_err(), "{name}");
        }
        let too_long = "a".repeat(64);
        assert_eq!(
            is_qualified_name(&too_long),
            Err(vec![
                "name part must be no more than 63 characters".to_string()
            ])
        );
    }

    #[test]
    fn qualified_name_message_is_upstreams() {
        assert_eq!(
            is_qualified_name("-bad"),
            Err(vec!["name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')".to_string()])
        );
    }

    #[test]
    fn dns1123_labels() {
        for ok in ["a", "web-1", "0", &"a".repeat(63)] {
            assert_eq!(is_dns1123_label(ok), Ok(()), "{ok:?}");
        }
        assert_eq!(
            is_dns1123_label("a.b"),
            Err(vec!["must not contain dots".to_string()])
        );
        assert_eq!(
            is_dns1123_label("Web\n"),
            Err(vec!["a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')".to_string()])
        );
        assert_eq!(
            is_dns1123_label(&"a".repeat(64)),
            Err(vec!["must be no more than 63 characters".to_string()])
        );
        assert!(is_dns1123_label("").is_err());
    }

    #[test]
    fn env_var_names() {
        for ok in [
            "A",
            "my.env-name",
            "MY_ENV.NAME",
            "MyEnvName1",
            "-x",
            ".x",
            "_1",
        ] {
            assert_eq!(is_env_var_name(ok), Ok(()), "{ok:?}");
        }
        for bad in ["", "1A", "A B", "A=B", "A\n", "ä", "x:y"] {
            assert!(is_env_var_name(bad).is_err(), "{bad:?}");
        }
        assert_eq!(
            is_env_var_name("."),
            Err(vec!["must not be '.'".to_string()])
        );
        assert_eq!(
            is_env_var_name(".."),
            Err(vec!["must not be '..'".to_string()])
        );
        assert_eq!(
            is_env_var_name("..x"),
            Err(vec!["must not start with '..'".to_string()])
        );
    }

    #[test]
    fn label_values() {
        for ok in ["", "a", "redis-ds", "A_b.c-1"] {
            assert_eq!(is_valid_label_value(ok), Ok(()), "{ok:?}");
        }
        for bad in ["-a", "a-", "a b", "ä"] {
            assert!(is_valid_label_value(bad).is_err(), "{bad:?}");
        }
        assert!(is_valid_label_value(&"x".repeat(64)).is_err());
    }
}
