//! What a command printed, and how it ended: what kubectl, the node shells and
//! the terminal return.

/// What a command printed, and how it ended.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Output {
    /// Standard output and standard error as the terminal shows them, each line
    /// ending in a newline.
    pub text: String,
    /// The exit status: 0 for success.
    pub code: i32,
    /// The command asked to clear the screen.
    pub clear: bool,
}

impl Output {
    /// Success with `text`.
    pub fn ok(text: impl Into<String>) -> Output {
        Output {
            text: text.into(),
            code: 0,
            clear: false,
        }
    }

    /// Failure (status 1) with `text`.
    pub fn error(text: impl Into<String>) -> Output {
        Output {
            text: text.into(),
            code: 1,
            clear: false,
        }
    }

    /// The same output with its text changed by `f`.
    pub fn map_text(mut self, f: impl FnOnce(&str) -> String) -> Output {
        self.text = f(&self.text);
        self
    }

    /// Failure with a given status.
    pub fn failed(text: impl Into<String>, code: i32) -> Output {
        Output {
            text: text.into(),
            code,
            clear: false,
        }
    }
}
