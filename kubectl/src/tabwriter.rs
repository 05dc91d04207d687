//! Go's `text/tabwriter`, cell for cell: consecutive lines that have a cell in a
//! column share its width, and a line without any tab flushes everything before
//! it. `describe` sets it up as `describe.tabbedString` does (minimum width 0,
//! padding 2); the tables of `get` and `api-resources` as
//! `printers.GetNewTabWriter` does ([`render`]: minimum width 6, padding 3).

/// One cell: its size in bytes, its width in characters, and whether a tab ended it.
#[derive(Debug, Clone, Copy, Default)]
struct Cell {
    size: usize,
    width: usize,
    htab: bool,
}

/// Models `text/tabwriter.Writer` with padding character `' '` and no flags.
#[derive(Debug)]
pub struct TabWriter {
    out: String,
    buf: String,
    pos: usize,
    cell: Cell,
    lines: Vec<Vec<Cell>>,
    widths: Vec<usize>,
    min_width: usize,
    padding: usize,
}

impl TabWriter {
    /// A writer with `minwidth` and `padding` as `Writer.Init` takes them.
    pub fn new(min_width: usize, padding: usize) -> TabWriter {
        TabWriter {
            out: String::new(),
            buf: String::new(),
            pos: 0,
            cell: Cell::default(),
            lines: vec![Vec::new()],
            widths: Vec::new(),
            min_width,
            padding,
        }
    }

    /// Models `Writer.Write`: splits the text into cells at tabs, vertical tabs,
    /// newlines and form feeds; a line of one cell (no tab) flushes.
    pub fn write(&mut self, text: &str) {
        let mut start = 0;
        // The separators are ASCII, so they are found among the bytes (a byte
        // below 0x80 is never part of a longer character).
        for (i, b) in text.bytes().enumerate() {
            if !matches!(b, b'\t' | 0x0b | b'\n' | 0x0c) {
                continue;
            }
            self.append(&text[start..i]);
            self.update_width();
            start = i + 1;
            let cells = self.terminate_cell(b == b'\t');
            if b == b'\n' || b == 0x0c {
                self.lines.push(Vec::new());
                if b == 0x0c || cells == 1 {
                    self.flush();
                }
            }
        }
        self.append(&text[start..]);
    }

    /// Models `Writer.Flush`: lays out everything buffered.
    pub fn flush(&mut self) {
        if self.cell.size > 0 {
            self.terminate_cell(false);
        }
        let line_count = self.lines.len();
        self.format(0, 0, line_count);
        self.buf.clear();
        self.pos = 0;
        self.cell = Cell::default();
        self.lines.clear();
        self.lines.push(Vec::new());
        self.widths.clear();
    }

    /// Flushes and returns all the text laid out.
    pub fn finish(mut self) -> String {
        self.flush();
        self.out
    }

    fn append(&mut self, text: &str) {
        self.buf.push_str(text);
        self.cell.size += text.len();
    }

    fn update_width(&mut self) {
        self.cell.width += self.buf[self.pos..].chars().count();
        self.pos = self.buf.len();
    }

    fn terminate_cell(&mut self, htab: bool) -> usize {
        self.cell.htab = htab;
        let cell = std::mem::take(&mut self.cell);
        match self.lines.last_mut() {
            Some(line) => {
                line.push(cell);
                line.len()
            }
            None => {
                self.lines.push(vec![cell]);
                1
            }
        }
    }

    /// Models `Writer.format`: finds each column block, sizes it, recurses right.
    fn format(&mut self, pos0: usize, line0: usize, line1: usize) -> usize {
        let mut pos = pos0;
        let mut line0 = line0;
        let column = self.widths.len();
        let mut this = line0;
        while this < line1 {
            if column + 1 >= self.lines[this].len() {
                this += 1;
                continue;
            }
            // A cell in this column: print the lines before the block.
            pos = self.write_lines(pos, line0, this);
            line0 = this;
            let mut width = self.min_width;
            while this < line1 {
                let line = &self.lines[this];
                if column + 1 >= line.len() {
                    break;
                }
                width = width.max(line[column].width + self.padding);
                this += 1;
            }
            self.widths.push(width);
            pos = self.format(pos, line0, this);
            self.widths.pop();
            line0 = this;
        }
        self.write_lines(pos, line0, line1)
    }

    /// Models `Writer.writeLines` for left-aligned cells padded with blanks.
    fn write_lines(&mut self, pos0: usize, line0: usize, line1: usize) -> usize {
        let mut pos = pos0;
        for i in line0..line1 {
            for j in 0..self.lines[i].len() {
                let cell = self.lines[i][j];
                if cell.size > 0 {
                    let end = (pos + cell.size).min(self.buf.len());
                    self.out.push_str(self.buf.get(pos..end).unwrap_or(""));
                    pos = end;
                }
                if let Some(&width) = self.widths.get(j) {
                    let pad = width.saturating_sub(cell.width);
                    self.out.extend(std::iter::repeat_n(' ', pad));
                }
            }
            if i + 1 == self.lines.len() {
                let end = (pos + self.cell.size).min(self.buf.len());
                self.out.push_str(self.buf.get(pos..end).unwrap_or(""));
                pos = end;
            } else {
                self.out.push('\n');
            }
        }
        pos
    }
}

/// Lays out rows of cells as kubectl's tables (`printers.GetNewTabWriter`:
/// minimum width 6, padding 3, blanks); the last cell of a row is not padded.
pub fn render(rows: &[Vec<String>]) -> String {
    let mut writer = TabWriter::new(6, 3);
    for row in rows {
        writer.write(&row.join("\t"));
        writer.write("\n");
    }
    writer.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn layout(text: &str) -> String {
        let mut w = TabWriter::new(0, 2);
        w.write(text);
        w.finish()
    }

    #[test]
    fn consecutive_lines_share_a_column() {
        assert_eq!(
            layout("Name:\tmaster\nCreationTimestamp:\tx\n"),
            "Name:               master\nCreationTimestamp:  x\n"
        );
    }

    #[test]
    fn a_line_without_tabs_ends_the_block() {
        assert_eq!(
            layout("Name:\ta\nLease:\n  HolderIdentity:\tb\n"),
            "Name:  a\nLease:\n  HolderIdentity:  b\n"
        );
    }

    #[test]
    fn empty_cells_are_padded_and_trailing_cells_are_not() {
        assert_eq!(layout("IP:\t\nIPs:\t<none>\n"), "IP:   \nIPs:  <none>\n");
        // An empty tab-terminated cell is two wide (padding only).
        assert_eq!(
            layout("  A\tB\t\tC\n  xx\tyyyy\t\tz\n"),
            "  A   B       C\n  xx  yyyy    z\n"
        );
    }

    #[test]
    fn inner_columns_form_their_own_blocks() {
        // Column 1 exists only on the first two lines.
        assert_eq!(
            layout("a\tb\tc\naa\tb\tc\naaa\td\n"),
            "a    b  c\naa   b  c\naaa  d\n"
        );
    }

    fn row(cells: &[&str]) -> Vec<String> {
        cells.iter().map(|c| c.to_string()).collect()
    }

    #[test]
    fn columns_as_kubectl_prints_them() {
        let text = render(&[
            row(&["NAME", "READY", "STATUS", "RESTARTS", "AGE"]),
            row(&["redis-ds-x7k2p", "1/1", "Running", "0", "12s"]),
        ]);
        assert_eq!(
            text,
            "NAME             READY   STATUS    RESTARTS   AGE\nredis-ds-x7k2p   1/1     Running   0          12s\n"
        );
        // Short columns are still six wide.
        assert_eq!(
            render(&[row(&["A", "B"]), row(&["x", "y"])]),
            "A     B\nx     y\n"
        );
    }
}
