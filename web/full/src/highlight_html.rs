//! The editor's highlighted layer as HTML: `core`'s spans as `<span class="hl-…">`,
//! a marker at each diagnostic's column, cut into blocks of lines.
//!
//! Blocks end at lines chosen by their content (a hash), not by their number, so
//! inserting or removing a line changes only the block it is in: the blocks after
//! it keep their HTML and their key, and the page keeps their elements. Typing in
//! a long file then re-renders a few dozen lines, not all of them.
//!
//! A text over [`HIGHLIGHT_UP_TO`] bytes is shown in the same blocks without
//! colours: its spans would be hundreds of thousands of elements to lay out.

use std::collections::HashMap;
use taintlab_playground::highlight::Kind;
use taintlab_playground::highlight::Span;
use taintlab_playground::highlight::highlight;
use yew::AttrValue;
use yew::virtual_dom::Key;

/// The CSS class of each kind of span.
fn class(kind: Kind) -> &'static str {
    match kind {
        Kind::Comment => "hl-comment",
        Kind::Key => "hl-key",
        Kind::String => "hl-string",
        Kind::Number => "hl-number",
        Kind::Literal => "hl-literal",
        Kind::Anchor => "hl-anchor",
        Kind::Tag => "hl-tag",
        Kind::Marker => "hl-marker",
        Kind::BlockIndicator => "hl-block",
        Kind::BlockText => "hl-blocktext",
        Kind::Punct => "hl-punct",
    }
}

/// The longest text, in bytes, shown in colour: 100 KB, about 4,000 lines of
/// manifests (a `kind: List` of 500 pods), or some 25,000 span elements. Above it
/// the layer is plain text in blocks, with the diagnostics' markers: at 10,000
/// pods (2 MB) the spans were about 510,000 elements, 120 ms of layout in every
/// frame and 18 to 22 s for a paste.
pub const HIGHLIGHT_UP_TO: usize = 100_000;

/// One line in this many ends a block, on average. A count of lines plays no part
/// (it would move every later end when a line is added), except past
/// [`MAX_LINES`], for text that repeats one line.
const SPREAD: u64 = 16;
const MAX_LINES: usize = 512;

/// FNV-1a, 64 bits.
fn fnv(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// Where blocks end: byte offsets just after a line break.
fn block_ends(text: &str) -> Vec<usize> {
    let mut ends = Vec::new();
    let mut lines = 0;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        offset += line.len();
        lines += 1;
        // FNV's low bits depend only on the bytes' low bits: use high ones.
        let chosen = (fnv(line.as_bytes()) >> 40).is_multiple_of(SPREAD);
        if line.ends_with('\n') && (chosen || lines >= MAX_LINES) {
            ends.push(offset);
            lines = 0;
        }
    }
    ends
}

fn escape_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
}

fn mark_into(out: &mut String, class: &str) {
    out.push_str("<i class=\"col-mark ");
    out.push_str(class);
    out.push_str("\"></i>");
}

/// Writes `text[from..to]` with a column marker before each point in it.
fn text_with_points(
    out: &mut String,
    text: &str,
    mut from: usize,
    to: usize,
    points: &mut std::iter::Peekable<std::slice::Iter<'_, (usize, &'static str)>>,
) {
    while let Some((at, class)) = points.next_if(|(at, _)| *at < to) {
        let at = (*at).clamp(from, to);
        escape_into(out, &text[from..at]);
        mark_into(out, class);
        from = at;
    }
    escape_into(out, &text[from..to]);
}

/// The highlighted HTML of `text` in blocks, each one element with a key made of
/// its content. `points` are diagnostic columns (byte offset and class).
pub fn highlighted_blocks(text: &str, points: &[(usize, &'static str)]) -> Vec<(Key, AttrValue)> {
    let mut points = points.to_vec();
    points.sort_by_key(|p| p.0);
    let mut points = points.iter().peekable();
    let spans = if text.len() <= HIGHLIGHT_UP_TO {
        highlight(text)
    } else {
        Vec::new()
    };
    let mut spans = spans.iter().peekable();
    let mut ends = block_ends(text);
    ends.push(text.len());
    let mut blocks: Vec<(Key, AttrValue)> = Vec::with_capacity(ends.len());
    // How many blocks before had each hash: thousands of blocks in a long text.
    let mut seen: HashMap<u64, usize> = HashMap::with_capacity(ends.len());
    let mut at = 0;
    for (i, end) in ends.iter().copied().enumerate() {
        let mut out = String::from("<span>");
        // Spans never cross a line end, so each lies within one block.
        while let Some(Span {
            start,
            end: stop,
            kind,
        }) = spans.next_if(|s| s.end <= end)
        {
            text_with_points(&mut out, text, at, *start, &mut points);
            out.push_str("<span class=\"");
            out.push_str(class(*kind));
            out.push_str("\">");
            text_with_points(&mut out, text, *start, *stop, &mut points);
            out.push_str("</span>");
            at = *stop;
        }
        text_with_points(&mut out, text, at, end, &mut points);
        at = end;
        if i + 1 == ends.len() {
            for (_, class) in points.by_ref() {
                mark_into(&mut out, class);
            }
            // A text area shows a last, empty line after a final line break; a
            // <pre> does not, unless something follows it.
            if text.is_empty() || text.ends_with('\n') {
                out.push(' ');
            }
        }
        out.push_str("</span>");
        let hash = fnv(out.as_bytes());
        let twins = seen.entry(hash).or_default();
        let key = Key::from(format!("{hash:x}-{twins}"));
        *twins += 1;
        blocks.push((key, AttrValue::from(out)));
    }
    blocks
}

#[cfg(test)]
mod tests {
    use super::*;

    fn html(blocks: &[(Key, AttrValue)]) -> String {
        blocks.iter().map(|(_, html)| html.as_str()).collect()
    }

    #[test]
    fn a_small_text_is_in_colour_and_a_big_one_is_plain() {
        let pod = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n---\n";
        let small = html(&highlighted_blocks(pod, &[]));
        assert!(small.contains("hl-key"), "{small}");
        let big = pod.repeat(HIGHLIGHT_UP_TO / pod.len() + 1);
        let blocks = highlighted_blocks(&big, &[(3, "error")]);
        let plain = html(&blocks);
        assert!(!plain.contains("hl-"), "no span in a big text");
        assert!(plain.contains("col-mark error"), "markers stay");
        let keys: std::collections::HashSet<_> = blocks.iter().map(|(k, _)| k.clone()).collect();
        assert_eq!(keys.len(), blocks.len(), "keys are unique");
    }
}
