//! Errors in a lesson file, each at a line and column of the file and with the
//! field path it concerns (`steps[2].check.all[0].taint.effect`).

use std::fmt;
use taintlab_core::locate::locate;

/// One problem found in a lesson file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LessonError {
    /// The file's name as the author gave it.
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub column: usize,
    /// The field path, empty for the file as a whole.
    pub path: String,
    /// What is wrong, and what would be right.
    pub message: String,
}

impl fmt::Display for LessonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}: ", self.file, self.line, self.column)?;
        if !self.path.is_empty() {
            write!(f, "{}: ", self.path)?;
        }
        f.write_str(&self.message)
    }
}

/// Collects the errors of one file, placing each at its field in the text.
pub(crate) struct Errors<'a> {
    file: &'a str,
    text: &'a str,
    /// The errors so far, in the order they were found.
    pub list: Vec<LessonError>,
}

impl<'a> Errors<'a> {
    /// No errors yet in `text`, the file called `file`.
    pub fn new(file: &'a str, text: &'a str) -> Self {
        Errors {
            file,
            text,
            list: Vec::new(),
        }
    }

    /// An error at the field `path`: its line and column are those of the field,
    /// or of the nearest enclosing field the text shows (a flow mapping such as
    /// `{node: master}` keeps its fields on its parent's line).
    pub fn at(&mut self, path: &str, message: impl Into<String>) {
        let (line, column) = position(self.text, path);
        self.at_position(path, line, column, message);
    }

    /// An error at a known position.
    pub fn at_position(
        &mut self,
        path: &str,
        line: usize,
        column: usize,
        message: impl Into<String>,
    ) {
        // A stranger's file could hold thousands of mistakes: the first ones say enough.
        if self.list.len() >= MAX_ERRORS {
            return;
        }
        self.list.push(LessonError {
            file: self.file.to_string(),
            line,
            column,
            path: path.to_string(),
            message: message.into(),
        });
    }
}

/// Errors reported for one file at most.
const MAX_ERRORS: usize = 100;

/// The line and column of `path` in `text`, or of its nearest parent found.
fn position(text: &str, path: &str) -> (usize, usize) {
    let mut path = path;
    loop {
        if path.is_empty() {
            return (1, 1);
        }
        if let Some(found) = locate(text, path) {
            return found;
        }
        path = match path.rfind(['.', '[']) {
            Some(cut) => &path[..cut],
            None => "",
        };
    }
}
