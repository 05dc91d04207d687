//! kubectl's column layout: Go's `text/tabwriter` as `printers.GetNewTabWriter`
//! sets it up (minimum cell width 6, padding 3, blanks), for rows whose cells end at
//! tabs; the last cell of a row is not padded.

/// Lays out rows of cells in aligned columns.
pub fn render(rows: &[Vec<String>]) -> String {
    const MIN_WIDTH: usize = 6;
    const PADDING: usize = 3;
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    let mut widths = vec![0usize; columns];
    for row in rows {
        // Every cell but the last is tab-terminated and so part of a column.
        for (i, cell) in row.iter().enumerate().take(row.len().saturating_sub(1)) {
            widths[i] = widths[i].max((cell.chars().count() + PADDING).max(MIN_WIDTH));
        }
    }
    let mut out = String::new();
    for row in rows {
        let last = row.len().saturating_sub(1);
        for (i, cell) in row.iter().enumerate() {
            out.push_str(cell);
            if i < last {
                let pad = widths[i].saturating_sub(cell.chars().count());
                out.extend(std::iter::repeat_n(' ', pad));
            }
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

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
