//! One record of CSV, as pflag reads the value of a string-slice flag
//! (`--image` of `kubectl create deployment`).
//!
//! pflag's `readAsCSV` gives no values for an empty string and otherwise the
//! first record of Go's `encoding/csv` `Reader` with its defaults: fields split
//! at `,`, a field that starts with `"` quoted (`""` is a quote, and commas and
//! newlines stay inside), blank lines skipped, `\r\n` read as `\n`, and whatever
//! follows the first record ignored. So a newline ends the value unless quoted.

/// Models pflag's `readAsCSV`. The error is `encoding/csv`'s `ParseError` text,
/// or `EOF` when the value holds nothing but blank lines.
pub fn read_as_csv(value: &str) -> Result<Vec<String>, String> {
    if value.is_empty() {
        return Ok(Vec::new());
    }
    let mut lines = Lines {
        rest: value,
        num_line: 0,
    };
    read_record(&mut lines)
}

const ERR_BARE_QUOTE: &str = "bare \" in non-quoted-field";
const ERR_QUOTE: &str = "extraneous or missing \" in quoted-field";

/// Models `ParseError.Error` (lines and columns from 1, columns in bytes).
fn parse_error(start_line: usize, line: usize, column: usize, err: &str) -> String {
    if start_line == line {
        format!("parse error on line {line}, column {column}: {err}")
    } else {
        format!("record on line {start_line}; parse error on line {line}, column {column}: {err}")
    }
}

/// The input, line by line, as `Reader.readLine` hands it out.
struct Lines<'a> {
    rest: &'a str,
    num_line: usize,
}

impl Lines<'_> {
    /// Models `readLine`: the next line with its `\n`, `\r\n` turned into `\n`,
    /// a `\r` dropped at the very end; `None` at the end of the input.
    fn read_line(&mut self) -> Option<String> {
        self.num_line += 1;
        if self.rest.is_empty() {
            return None;
        }
        let (line, rest) = match self.rest.find('\n') {
            Some(i) => self.rest.split_at(i + 1),
            None => (self.rest, ""),
        };
        self.rest = rest;
        Some(if let Some(body) = line.strip_suffix("\r\n") {
            format!("{body}\n")
        } else if rest.is_empty() && !line.ends_with('\n') {
            line.strip_suffix('\r').unwrap_or(line).to_string()
        } else {
            line.to_string()
        })
    }
}

/// Models `Reader.readRecord` with the default options (no comment character,
/// strict quotes, leading spaces kept).
fn read_record(lines: &mut Lines<'_>) -> Result<Vec<String>, String> {
    // Skip blank lines.
    let mut buf = loop {
        match lines.read_line() {
            None => return Err("EOF".to_string()),
            Some(line) if line.is_empty() || line == "\n" => continue,
            Some(line) => break line,
        }
    };
    let record_line = lines.num_line;
    let mut fields = Vec::new();
    // Where the unread part of `buf` starts, and its line and 1-based column.
    let mut at = 0;
    let mut pos_line = record_line;
    let mut col = 1;
    'field: loop {
        let line = &buf[at..];
        if !line.starts_with('"') {
            let comma = line.find(',');
            let field = match comma {
                Some(i) => &line[..i],
                None => line.strip_suffix('\n').unwrap_or(line),
            };
            if let Some(j) = field.find('"') {
                return Err(parse_error(
                    record_line,
                    lines.num_line,
                    col + j,
                    ERR_BARE_QUOTE,
                ));
            }
            fields.push(field.to_string());
            match comma {
                Some(i) => {
                    at += i + 1;
                    col += i + 1;
                    continue 'field;
                }
                None => break 'field,
            }
        }
        // A quoted field, perhaps over several lines.
        let mut field = String::new();
        at += 1;
        col += 1;
        loop {
            let line = &buf[at..];
            if let Some(i) = line.find('"') {
                field.push_str(&line[..i]);
                at += i + 1;
                col += i + 1;
                let after = &buf[at..];
                if after.starts_with('"') {
                    // `""`: a quote.
                    field.push('"');
                    at += 1;
                    col += 1;
                } else if after.starts_with(',') {
                    at += 1;
                    col += 1;
                    fields.push(field);
                    continue 'field;
                } else if after.is_empty() || after == "\n" {
                    fields.push(field);
                    break 'field;
                } else {
                    return Err(parse_error(record_line, lines.num_line, col - 1, ERR_QUOTE));
                }
            } else if !line.is_empty() {
                // The field goes on past this line.
                field.push_str(line);
                col += line.len();
                buf = lines.read_line().unwrap_or_default();
                at = 0;
                if !buf.is_empty() {
                    pos_line += 1;
                    col = 1;
                }
            } else {
                // The input ends inside the quotes.
                return Err(parse_error(record_line, pos_line, col, ERR_QUOTE));
            }
        }
    }
    Ok(fields)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(value: &str) -> Vec<String> {
        read_as_csv(value).unwrap_or_else(|e| vec![format!("error: {e}")])
    }

    #[test]
    fn values_split_at_commas_and_quotes_keep_them() {
        assert!(ok("").is_empty());
        assert_eq!(ok("nginx"), ["nginx"]);
        assert_eq!(ok("nginx,redis:5"), ["nginx", "redis:5"]);
        assert_eq!(ok("a,,b,"), ["a", "", "b", ""]);
        assert_eq!(ok("\"a,b\",c"), ["a,b", "c"]);
        assert_eq!(ok("\"say \"\"hi\"\"\""), ["say \"hi\""]);
        assert_eq!(ok(" a , b "), [" a ", " b "]);
    }

    #[test]
    fn the_first_record_is_all_that_counts() {
        // A newline ends the value: what follows it is dropped, as pflag drops it.
        assert_eq!(ok("nginx\n      hostNetwork: true"), ["nginx"]);
        assert_eq!(ok("nginx\r\nx"), ["nginx"]);
        assert_eq!(ok("nginx\r"), ["nginx"]);
        assert_eq!(ok("\n\nnginx\nx"), ["nginx"]);
        // Inside quotes a newline is part of the field (`\r\n` read as `\n`).
        assert_eq!(ok("\"a\r\nb\",c\nd"), ["a\nb", "c"]);
    }

    #[test]
    fn errors_in_encoding_csv_words() {
        let err = |v: &str| read_as_csv(v).err().unwrap_or_default();
        assert_eq!(err("\n"), "EOF");
        assert_eq!(err("\r\n\n"), "EOF");
        assert_eq!(
            err("ng\"inx"),
            "parse error on line 1, column 3: bare \" in non-quoted-field"
        );
        assert_eq!(
            err("a,b\"c"),
            "parse error on line 1, column 4: bare \" in non-quoted-field"
        );
        assert_eq!(
            err("\"a\"b"),
            "parse error on line 1, column 3: extraneous or missing \" in quoted-field"
        );
        assert_eq!(
            err("\"abc"),
            "parse error on line 1, column 5: extraneous or missing \" in quoted-field"
        );
        assert_eq!(
            err("\"a\nbc"),
            "record on line 1; parse error on line 2, column 3: extraneous or missing \" in quoted-field"
        );
        assert_eq!(
            err("\"a\nb\"c"),
            "record on line 1; parse error on line 2, column 2: extraneous or missing \" in quoted-field"
        );
    }
}
