//! The release site's Content-Security-Policy, written by `cargo xtask dist` into
//! `dist/index.html` as a `<meta http-equiv="Content-Security-Policy">`.
//!
//! The page runs only its own files: scripts and styles from its own origin
//! (the public URL's, if that is another), WebAssembly compiled from them
//! (`'wasm-unsafe-eval'`), its service worker (`sw.js`, of the page's origin),
//! and the inline scripts of the page,
//! each allowed by the SHA-256 of its text as it is in the final HTML (computed
//! here, after trunk and its minifier, so a hash never goes stale). Nothing
//! else: no other inline script or style, no `style="…"` attribute, no
//! `on…="…"` handler, no plugin, no form submission, no `<base>` elsewhere.
//!
//! What a `<meta>` cannot say (`frame-ancestors`, `report-to`), and
//! `X-Content-Type-Options: nosniff`, are for the host's HTTP headers. Framing
//! is allowed, then, unless the host forbids it: tutorials embed the page with
//! `?embed` (README "Embedding"), and a host that sends `frame-ancestors` must
//! name their sites.

use sha2::{Digest, Sha256};

/// The policy for a page whose inline scripts and styles hash to `scripts` and
/// `styles` (`'sha256-…'` sources), served from `origin` (`None`: its own).
pub fn policy(scripts: &[String], styles: &[String], origin: Option<&str>) -> String {
    let own = origin.unwrap_or("'self'");
    let with = |base: &[&str], hashes: &[String]| {
        let mut sources: Vec<String> = base.iter().map(|s| s.to_string()).collect();
        sources.extend(hashes.iter().cloned());
        sources.join(" ")
    };
    [
        "default-src 'none'".to_string(),
        // The wasm-bindgen glue compiles the modules: `WebAssembly.instantiate*`.
        format!("script-src {}", with(&[own, "'wasm-unsafe-eval'"], scripts)),
        format!("style-src {}", with(&[own], styles)),
        // The logo and the icon.
        format!("img-src {own}"),
        // The two `.wasm` files are fetched (`init({ module_or_path })`), and a
        // lesson file from `#lesson=URL` (any https: host that allows it by
        // CORS; fetched without credentials, read as text only, never run).
        format!("connect-src {own} https:"),
        // The service worker (`sw.js`, registered by the page), which must be
        // of the page's origin whatever serves the other files. Without this
        // line script-src would decide, which allows the same; said here so
        // that no later change to script-src allows another worker.
        "worker-src 'self'".to_string(),
        // trunk's `<base href>` (the public URL).
        format!("base-uri {own}"),
        "form-action 'none'".to_string(),
        "object-src 'none'".to_string(),
    ]
    .join("; ")
}

/// `html` with its policy in a `<meta>` right after `<meta charset>` (before
/// anything it governs); an error if the page holds what no policy of ours
/// should allow (inline handlers and style attributes).
pub fn apply(html: &str, public_url: &str) -> Result<String, String> {
    let mut scripts = Vec::new();
    let mut styles = Vec::new();
    for tag in tags(html) {
        for (name, _) in &tag.attributes {
            if name.starts_with("on") {
                return Err(format!(
                    "index.html has an inline event handler ({name}=) that the Content-Security-Policy would block"
                ));
            }
            if name == "style" {
                return Err(
                    "index.html has a style attribute that the Content-Security-Policy would block"
                        .into(),
                );
            }
        }
        let hashes = match tag.name.as_str() {
            "script" if !tag.attributes.iter().any(|(n, _)| n == "src") => &mut scripts,
            "style" => &mut styles,
            _ => continue,
        };
        let body = element_text(html, &tag)?;
        hashes.push(format!(
            "'sha256-{}'",
            base64(&Sha256::digest(body.as_bytes()))
        ));
    }
    if html.contains("http-equiv=\"Content-Security-Policy\"") {
        return Err("index.html already has a Content-Security-Policy".into());
    }
    let meta = format!(
        r#"<meta http-equiv="Content-Security-Policy" content="{}">"#,
        policy(&scripts, &styles, origin(public_url).as_deref())
    );
    let at = insertion_point(html)?;
    Ok(format!("{}{meta}{}", &html[..at], &html[at..]))
}

/// Where the policy goes: after `<meta charset>` (which must stay in the first
/// 1024 bytes), else after `<head>`; before any script, style or link.
fn insertion_point(html: &str) -> Result<usize, String> {
    let all = tags(html);
    let after = |pick: &dyn Fn(&Tag) -> bool| all.iter().find(|t| pick(t)).map(|t| t.end);
    let at = after(&|t| t.name == "meta" && t.attributes.iter().any(|(n, _)| n == "charset"))
        .or_else(|| after(&|t| t.name == "head"))
        .ok_or("index.html has neither <meta charset> nor <head>")?;
    let first_governed = all
        .iter()
        .find(|t| matches!(t.name.as_str(), "script" | "style" | "link" | "base"))
        .map(|t| t.start);
    match first_governed {
        Some(start) if start < at => Err(
            "index.html loads something before <meta charset>: the policy would not cover it"
                .into(),
        ),
        _ => Ok(at),
    }
}

/// A start tag: its name (lower case), attributes, and where it starts and ends
/// (the byte after its `>`).
#[derive(Debug)]
struct Tag {
    name: String,
    attributes: Vec<(String, String)>,
    start: usize,
    end: usize,
}

/// The start tags of `html`, skipping comments and the text of `<script>` and
/// `<style>`. Enough for the page trunk writes; not a general HTML parser.
fn tags(html: &str) -> Vec<Tag> {
    let bytes = html.as_bytes();
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(offset) = html[at..].find('<') {
        let start = at + offset;
        let rest = &html[start..];
        if rest.starts_with("<!--") {
            at = rest.find("-->").map_or(html.len(), |e| start + e + 3);
            continue;
        }
        if !bytes.get(start + 1).is_some_and(u8::is_ascii_alphabetic) {
            at = start + 1;
            continue;
        }
        let (tag, end) = start_tag(html, start);
        at = end;
        // The text of raw-text elements is not markup.
        if matches!(tag.name.as_str(), "script" | "style") {
            let close = format!("</{}", tag.name);
            at = html[end..]
                .to_ascii_lowercase()
                .find(&close)
                .map_or(html.len(), |e| end + e);
        }
        out.push(tag);
    }
    out
}

/// Reads the start tag at `start`; returns it and the byte after it.
fn start_tag(html: &str, start: usize) -> (Tag, usize) {
    let bytes = html.as_bytes();
    let mut i = start + 1;
    let word = |i: &mut usize| {
        let from = *i;
        while *i < bytes.len() && !bytes[*i].is_ascii_whitespace() && !b"/>=".contains(&bytes[*i]) {
            *i += 1;
        }
        html[from..*i].to_ascii_lowercase()
    };
    let skip_space = |i: &mut usize| {
        while *i < bytes.len() && (bytes[*i].is_ascii_whitespace() || bytes[*i] == b'/') {
            *i += 1;
        }
    };
    let name = word(&mut i);
    let mut attributes = Vec::new();
    loop {
        skip_space(&mut i);
        if i >= bytes.len() || bytes[i] == b'>' {
            break;
        }
        let attribute = word(&mut i);
        let mut value = String::new();
        if bytes.get(i) == Some(&b'=') {
            i += 1;
            match bytes.get(i) {
                Some(&q @ (b'"' | b'\'')) => {
                    let end = html[i + 1..]
                        .find(q as char)
                        .map_or(html.len(), |e| i + 1 + e);
                    value = html[i + 1..end].to_string();
                    i = (end + 1).min(html.len());
                }
                _ => value = word(&mut i),
            }
        }
        if attribute.is_empty() {
            i += 1;
        } else {
            attributes.push((attribute, value));
        }
    }
    let end = (i + 1).min(html.len());
    (
        Tag {
            name,
            attributes,
            start,
            end,
        },
        end,
    )
}

/// The text of a raw-text element (`<script>`, `<style>`) up to its end tag.
fn element_text<'a>(html: &'a str, tag: &Tag) -> Result<&'a str, String> {
    let close = format!("</{}", tag.name);
    let length = html[tag.end..]
        .to_ascii_lowercase()
        .find(&close)
        .ok_or_else(|| format!("index.html has a <{}> without its end tag", tag.name))?;
    Ok(&html[tag.end..tag.end + length])
}

/// The origin of an absolute public URL (`https://cdn.example/app/` gives
/// `https://cdn.example`); `None` for a path, which is the page's own origin.
fn origin(public_url: &str) -> Option<String> {
    let (scheme, rest) = public_url.split_once("://")?;
    let host = rest.split('/').next().unwrap_or_default();
    Some(format!("{scheme}://{host}"))
}

/// Standard base64 with padding (RFC 4648 §4), as CSP hash sources are written.
pub fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, b)| n | (u32::from(*b) << (16 - 8 * i)));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_rfc_4648_vectors() {
        for (plain, coded) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64(plain.as_bytes()), coded);
        }
        assert_eq!(base64(&[0xfb, 0xff]), "+/8=");
    }

    // The page as trunk 0.21 writes it (minified).
    const PAGE: &str = r#"<!doctype html><html lang=en><head><meta charset=utf-8><meta content="width=device-width" name=viewport><title>t</title><base href=./><link href=./style.css rel=stylesheet><link href=./app.js rel=modulepreload><script type=module>import init from './app.js';await init();</script></head><body></body></html>"#;

    #[test]
    fn the_policy_hashes_each_inline_script_and_comes_before_them() {
        let out = apply(PAGE, "./").unwrap();
        let meta = out
            .find("<meta http-equiv=\"Content-Security-Policy\"")
            .unwrap();
        assert!(meta > out.find("<meta charset=utf-8>").unwrap());
        assert!(meta < out.find("<base").unwrap());
        let hash = base64(&Sha256::digest(
            b"import init from './app.js';await init();",
        ));
        assert!(
            out.contains(&format!(
                "script-src 'self' 'wasm-unsafe-eval' 'sha256-{hash}'; style-src 'self'; img-src 'self'; connect-src 'self' https:; worker-src 'self'; base-uri 'self'; form-action 'none'; object-src 'none'"
            )),
            "{out}"
        );
        assert!(out.starts_with(
            "<!doctype html><html lang=en><head><meta charset=utf-8><meta http-equiv"
        ));
        assert!(out.ends_with("</script></head><body></body></html>"));
        assert!(apply(&out, "./").is_err(), "a second policy");
    }

    #[test]
    fn a_script_with_src_and_markup_in_scripts_are_not_hashed() {
        let page = r#"<head><meta charset=utf-8><script src=a.js></script><script>let a = "<style>x</style>";</script></head>"#;
        let out = apply(page, "./").unwrap();
        assert_eq!(out.matches("'sha256-").count(), 1, "{out}");
        assert!(out.contains("style-src 'self';"), "{out}");
    }

    #[test]
    fn inline_styles_are_hashed_and_handlers_refused() {
        let out = apply("<head><meta charset=utf-8><style>p{}</style></head>", "./").unwrap();
        let hash = base64(&Sha256::digest(b"p{}"));
        assert!(
            out.contains(&format!("style-src 'self' 'sha256-{hash}'")),
            "{out}"
        );
        for page in [
            r#"<head><meta charset=utf-8></head><body><img onerror="x()"></body>"#,
            r#"<head><meta charset=utf-8></head><body><p style="color:red">x</p></body>"#,
            r#"<head><script>x</script><meta charset=utf-8></head>"#,
            "<p>no head</p>",
        ] {
            assert!(apply(page, "./").is_err(), "{page}");
        }
    }

    #[test]
    fn another_origin_serves_the_files() {
        let out = apply(PAGE, "https://cdn.example/taintlab/").unwrap();
        assert!(
            out.contains("script-src https://cdn.example 'wasm-unsafe-eval'"),
            "{out}"
        );
        assert!(out.contains("base-uri https://cdn.example;"), "{out}");
        assert_eq!(origin("/taintlab/"), None);
    }
}
