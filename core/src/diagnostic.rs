//! Errors and warnings about the user's text, each with a position.

use std::fmt;

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    /// Nothing was applied.
    Error,
    /// Applied, but the user should know something.
    Warning,
}

/// A message about the user's YAML, pointing at where it happened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// 1-based number of the YAML document (documents are separated by `---`).
    pub document: usize,
    /// 1-based line in the whole text.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
    /// The field path (`spec.template.spec.tolerations[0].effect`), empty for syntax errors.
    pub path: String,
    /// The message, in Kubernetes' words where Kubernetes has them.
    pub message: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "document {}, line {}, column {}: {}",
            self.document, self.line, self.column, self.message
        )
    }
}
