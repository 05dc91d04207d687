//! A small line editor for `taintlab repl` on a terminal: arrows move the cursor
//! and walk the history, Backspace and Delete erase, Ctrl+A and Ctrl+E jump to the
//! ends, Ctrl+C drops the line, Ctrl+D on an empty line ends input. It switches the
//! terminal to raw mode with `stty` (std only, no terminal crate) and restores it.

use std::io::{IsTerminal, Read, Write};
use std::process::{Command, Stdio};

/// A key, decoded from the bytes a terminal sends.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Key {
    /// A character to insert.
    Char(char),
    /// Enter.
    Enter,
    /// Backspace.
    Backspace,
    /// Delete (the character under the cursor).
    Delete,
    /// Arrow keys.
    Left,
    /// Right arrow.
    Right,
    /// Up arrow: the previous history entry.
    Up,
    /// Down arrow: the next history entry.
    Down,
    /// Home or Ctrl+A.
    Home,
    /// End or Ctrl+E.
    End,
    /// Ctrl+C.
    Interrupt,
    /// Ctrl+D.
    EndOfInput,
    /// Anything else (ignored).
    Other,
}

/// What a key did to the line being edited.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Keep editing.
    Editing,
    /// The line is done.
    Done(String),
    /// The line was dropped (Ctrl+C).
    Dropped,
    /// Input ended (Ctrl+D on an empty line).
    Ended,
}

/// The line being edited, with a cursor and a place in the history.
#[derive(Debug, Clone, Default)]
pub struct Line {
    chars: Vec<char>,
    cursor: usize,
    /// Which history entry is shown; `None` is the line being typed.
    browsing: Option<usize>,
    /// The line being typed, kept while browsing the history.
    typed: Vec<char>,
}

impl Line {
    /// The text so far.
    pub fn text(&self) -> String {
        self.chars.iter().collect()
    }

    /// The cursor, in characters from the start.
    pub fn cursor(&self) -> usize {
        self.cursor
    }

    fn show(&mut self, chars: Vec<char>) {
        self.cursor = chars.len();
        self.chars = chars;
    }

    /// Applies one key.
    pub fn press(&mut self, key: Key, history: &[String]) -> Outcome {
        match key {
            Key::Char(c) => {
                self.chars.insert(self.cursor, c);
                self.cursor += 1;
            }
            Key::Enter => return Outcome::Done(self.text()),
            Key::Backspace if self.cursor > 0 => {
                self.cursor -= 1;
                self.chars.remove(self.cursor);
            }
            Key::Delete if self.cursor < self.chars.len() => {
                self.chars.remove(self.cursor);
            }
            Key::Left => self.cursor = self.cursor.saturating_sub(1),
            Key::Right => self.cursor = (self.cursor + 1).min(self.chars.len()),
            Key::Home => self.cursor = 0,
            Key::End => self.cursor = self.chars.len(),
            Key::Up if !history.is_empty() => {
                let at = match self.browsing {
                    None => {
                        self.typed = self.chars.clone();
                        history.len() - 1
                    }
                    Some(i) => i.saturating_sub(1),
                };
                self.browsing = Some(at);
                self.show(history[at].chars().collect());
            }
            Key::Down => match self.browsing {
                Some(i) if i + 1 < history.len() => {
                    self.browsing = Some(i + 1);
                    self.show(history[i + 1].chars().collect());
                }
                Some(_) => {
                    self.browsing = None;
                    let typed = std::mem::take(&mut self.typed);
                    self.show(typed);
                }
                None => {}
            },
            Key::Interrupt => return Outcome::Dropped,
            Key::EndOfInput if self.chars.is_empty() => return Outcome::Ended,
            _ => {}
        }
        Outcome::Editing
    }
}

/// Decodes the next key from a terminal's bytes.
pub fn read_key(input: &mut impl Iterator<Item = u8>) -> Option<Key> {
    let byte = input.next()?;
    Some(match byte {
        b'\r' | b'\n' => Key::Enter,
        0x7f | 0x08 => Key::Backspace,
        0x01 => Key::Home,
        0x05 => Key::End,
        0x03 => Key::Interrupt,
        0x04 => Key::EndOfInput,
        0x1b => match (input.next(), input.next()) {
            (Some(b'['), Some(b'A')) => Key::Up,
            (Some(b'['), Some(b'B')) => Key::Down,
            (Some(b'['), Some(b'C')) => Key::Right,
            (Some(b'['), Some(b'D')) => Key::Left,
            (Some(b'['), Some(b'H')) | (Some(b'O'), Some(b'H')) => Key::Home,
            (Some(b'['), Some(b'F')) | (Some(b'O'), Some(b'F')) => Key::End,
            (Some(b'['), Some(b'3')) => {
                // `ESC [ 3 ~`
                let _ = input.next();
                Key::Delete
            }
            _ => Key::Other,
        },
        b if b < 0x20 => Key::Other,
        b if b < 0x80 => Key::Char(char::from(b)),
        first => {
            // A UTF-8 sequence: its length is in the first byte.
            let len = match first {
                0xc0..=0xdf => 2,
                0xe0..=0xef => 3,
                _ => 4,
            };
            let mut bytes = vec![first];
            for _ in 1..len {
                bytes.push(input.next()?);
            }
            match std::str::from_utf8(&bytes)
                .ok()
                .and_then(|s| s.chars().next())
            {
                Some(c) => Key::Char(c),
                None => Key::Other,
            }
        }
    })
}

/// The terminal in raw mode while this lives; restored when it is dropped.
pub struct RawMode {
    saved: String,
}

impl RawMode {
    /// Switches standard input to raw mode, if it is a terminal and `stty` works.
    pub fn enter() -> Option<RawMode> {
        if !std::io::stdin().is_terminal() {
            return None;
        }
        let saved = Command::new("stty")
            .arg("-g")
            .stdin(Stdio::inherit())
            .output()
            .ok()
            .filter(|o| o.status.success())?;
        let saved = String::from_utf8_lossy(&saved.stdout).trim().to_string();
        let raw = Command::new("stty")
            .args(["-icanon", "-echo", "-isig", "min", "1"])
            .stdin(Stdio::inherit())
            .status()
            .ok()?;
        raw.success().then_some(RawMode { saved })
    }
}

impl Drop for RawMode {
    fn drop(&mut self) {
        let _ = Command::new("stty")
            .arg(&self.saved)
            .stdin(Stdio::inherit())
            .status();
    }
}

/// Reads one line on a raw terminal after `prompt`, redrawing as keys arrive.
/// `None` when input ends.
pub fn read_line(prompt: &str, history: &[String]) -> Option<String> {
    let mut stdout = std::io::stdout();
    let mut bytes = std::io::stdin().lock().bytes().map_while(Result::ok);
    let mut line = Line::default();
    loop {
        // Redraw: back to the line start, prompt, text, clear the rest, cursor.
        let text = line.text();
        let back = text.chars().count() - line.cursor();
        let _ = write!(stdout, "\r{prompt}{text}\x1b[K");
        if back > 0 {
            let _ = write!(stdout, "\x1b[{back}D");
        }
        let _ = stdout.flush();
        let key = read_key(&mut bytes)?;
        match line.press(key, history) {
            Outcome::Editing => {}
            Outcome::Done(text) => {
                let _ = write!(stdout, "\r\n");
                return Some(text);
            }
            Outcome::Dropped => {
                let _ = write!(stdout, "^C\r\n");
                line = Line::default();
            }
            Outcome::Ended => {
                let _ = write!(stdout, "\r\n");
                return None;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Feeds bytes as a terminal would send them; returns the finished line.
    fn type_keys(bytes: &[u8], history: &[String]) -> (Outcome, String) {
        let mut input = bytes.iter().copied();
        let mut line = Line::default();
        while let Some(key) = read_key(&mut input) {
            let outcome = line.press(key, history);
            if outcome != Outcome::Editing {
                return (outcome, line.text());
            }
        }
        (Outcome::Editing, line.text())
    }

    #[test]
    fn editing_keys() {
        let (done, _) = type_keys(b"kubectl get poxs\x1b[D\x7fd\r", &[]);
        assert_eq!(done, Outcome::Done("kubectl get pods".to_string()));
        let (done, _) = type_keys(b"et pods\x01g\x05 -A\r", &[]);
        assert_eq!(done, Outcome::Done("get pods -A".to_string()));
        let (done, _) = type_keys(b"abc\x1b[D\x1b[D\x1b[3~\r", &[]);
        assert_eq!(done, Outcome::Done("ac".to_string()));
        assert_eq!(type_keys(b"oops\x03", &[]).0, Outcome::Dropped);
        assert_eq!(type_keys(b"\x04", &[]).0, Outcome::Ended);
        let (done, _) = type_keys("echo 你好\r".as_bytes(), &[]);
        assert_eq!(done, Outcome::Done("echo 你好".to_string()));
    }

    #[test]
    fn arrows_walk_the_history_and_come_back() {
        let history = vec!["kubectl get nodes".to_string(), "ssh worker".to_string()];
        let (done, _) = type_keys(b"\x1b[A\r", &history);
        assert_eq!(done, Outcome::Done("ssh worker".to_string()));
        let (done, _) = type_keys(b"\x1b[A\x1b[A\x1b[A\r", &history);
        assert_eq!(done, Outcome::Done("kubectl get nodes".to_string()));
        let (done, _) = type_keys(b"sle\x1b[A\x1b[B\r", &history);
        assert_eq!(done, Outcome::Done("sle".to_string()));
    }
}
