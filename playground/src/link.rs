//! Share links: a [`Session`] in a URL fragment, `#s=` then the session text
//! compressed with raw DEFLATE (RFC 1951) and written in unpadded base64url
//! (RFC 4648 §5).
//!
//! The page makes and reads the same fragments with the browser's
//! `CompressionStream("deflate-raw")` and `DecompressionStream("deflate-raw")`
//! (`web/full/src/sharing.rs`); this is the same encoding in Rust, for tooling (the
//! command line's `taintlab link`, screenshots of prepared scenarios) and for the
//! tests that check both sides agree. Behind the `link` feature, so the page does
//! not carry a second DEFLATE.

use flate2::Compression;
use flate2::read::DeflateDecoder;
use flate2::write::DeflateEncoder;
use std::io::{Read, Write};
use taintlab_core::limits::{Limit, MAX_TEXT_BYTES};
use taintlab_core::session::Session;

/// What starts a share link's fragment.
pub const PREFIX: &str = "#s=";

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// The fragment that opens `session`: `#s=` and the compressed text.
pub fn fragment(session: &Session) -> String {
    let mut encoder = DeflateEncoder::new(Vec::new(), Compression::best());
    // Writing to a Vec cannot fail.
    let _ = encoder.write_all(session.encode().as_bytes());
    let bytes = encoder.finish().unwrap_or_default();
    format!("{PREFIX}{}", base64url(&bytes))
}

/// What a link too large to open says: [`Limit::TextBytes`], which
/// [`Limit::from_en`] recognises.
pub fn too_large() -> String {
    format!("the link cannot be opened: {}", Limit::TextBytes.en())
}

/// The session in a fragment (with or without its `#`), or why it cannot be read.
///
/// The code and the text it decompresses to are each held to
/// [`MAX_TEXT_BYTES`], as the page does (`web/full/src/sharing.js`), so that a
/// deflate bomb (100 MiB fit in a 136 KB link) stops at the limit.
pub fn session(fragment: &str) -> Result<Session, String> {
    let code = fragment.strip_prefix('#').unwrap_or(fragment);
    let code = code
        .strip_prefix("s=")
        .ok_or("the link holds no taintlab session (its address should end in #s=…)")?;
    if code.len() > MAX_TEXT_BYTES {
        return Err(too_large());
    }
    let bytes = from_base64url(code).ok_or("the link is damaged: it is not base64url")?;
    let mut text = Vec::new();
    let damaged = "the link is damaged: its data does not decompress";
    // One byte past the limit tells "too large" from "exactly at the limit".
    DeflateDecoder::new(bytes.as_slice())
        .take(MAX_TEXT_BYTES as u64 + 1)
        .read_to_end(&mut text)
        .map_err(|_| damaged)?;
    if text.len() > MAX_TEXT_BYTES {
        return Err(too_large());
    }
    let text = String::from_utf8(text).map_err(|_| damaged)?;
    Session::decode(&text)
}

/// Unpadded base64url.
pub fn base64url(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, b)| n | (u32::from(*b) << (16 - 8 * i)));
        for i in 0..=chunk.len() {
            out.push(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize] as char);
        }
    }
    out
}

/// Reads unpadded (or padded) base64url; `None` for anything else.
pub fn from_base64url(text: &str) -> Option<Vec<u8>> {
    let text = text.trim_end_matches('=');
    if text.len() % 4 == 1 {
        return None;
    }
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let (mut acc, mut bits) = (0u32, 0);
    for c in text.bytes() {
        let value = ALPHABET.iter().position(|a| *a == c)? as u32;
        acc = (acc << 6) | value;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use taintlab_core::session::Input;

    #[test]
    fn base64url_matches_rfc_4648_vectors() {
        // RFC 4648 §10, without padding, in the URL-safe alphabet.
        for (plain, coded) in [
            ("", ""),
            ("f", "Zg"),
            ("fo", "Zm8"),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg"),
            ("fooba", "Zm9vYmE"),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64url(plain.as_bytes()), coded);
            assert_eq!(from_base64url(coded).as_deref(), Some(plain.as_bytes()));
        }
        assert_eq!(base64url(&[0xfb, 0xff]), "-_8");
        assert_eq!(from_base64url("-_8"), Some(vec![0xfb, 0xff]));
        assert_eq!(from_base64url("Zm8="), Some(b"fo".to_vec()));
        assert_eq!(from_base64url("Z"), None);
        assert_eq!(
            from_base64url("Zm+v"),
            None,
            "standard base64 is not base64url"
        );
    }

    #[test]
    fn a_fragment_opens_the_same_session() {
        let mut session = Session {
            files: vec![("a.yaml".into(), taintlab_core::TUTORIAL_DAEMONSET.into())],
            speed: 2,
            panel: "terminal".into(),
            ..Session::default()
        };
        session.record(Input::Apply(taintlab_core::TUTORIAL_DAEMONSET.into()));
        session.record(Input::Advance {
            seconds: 1,
            times: 7,
        });
        let link = fragment(&session);
        assert!(link.starts_with("#s="));
        assert!(
            link.len() < session.encode().len(),
            "compressed: {} vs {}",
            link.len(),
            session.encode().len()
        );
        assert!(
            link[3..]
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        );
        assert_eq!(self::session(&link), Ok(session.clone()));
        assert_eq!(self::session(&link[1..]), Ok(session));
    }

    #[test]
    fn damaged_links_are_errors() {
        let link = fragment(&Session::default());
        assert!(
            session("#x=abc")
                .unwrap_err()
                .contains("no taintlab session")
        );
        assert!(session("#s=ab!c").unwrap_err().contains("not base64url"));
        assert!(session("#s=AAAA").is_err());
        for cut in 3..link.len() {
            let _ = session(&link[..cut]);
        }
        // Valid DEFLATE of something that is not a session.
        let mut encoder = DeflateEncoder::new(Vec::new(), Compression::best());
        encoder.write_all(b"x\n").unwrap();
        let other = format!("#s={}", base64url(&encoder.finish().unwrap()));
        assert_eq!(
            session(&other).unwrap_err(),
            "this is not a taintlab session"
        );
    }

    /// A link whose text is `len` bytes of one repeated byte: about a
    /// thousandth of that once compressed.
    fn bomb(len: usize) -> String {
        let mut encoder = DeflateEncoder::new(Vec::new(), Compression::fast());
        let chunk = vec![b'a'; 1 << 20];
        let mut left = len;
        while left > 0 {
            let n = left.min(chunk.len());
            encoder.write_all(&chunk[..n]).unwrap();
            left -= n;
        }
        format!("#s={}", base64url(&encoder.finish().unwrap()))
    }

    #[test]
    fn a_deflate_bomb_stops_at_the_text_limit() {
        let link = bomb(MAX_TEXT_BYTES + 1);
        assert!(link.len() < 100_000, "{} characters", link.len());
        let error = session(&link).unwrap_err();
        assert_eq!(error, too_large());
        assert_eq!(Limit::from_en(&error), Some(Limit::TextBytes));
        assert!(error.contains("8388608"), "{error}");
        // At the limit the text is read (and is not a session).
        let at_limit = session(&bomb(MAX_TEXT_BYTES)).unwrap_err();
        assert_eq!(Limit::from_en(&at_limit), None, "{at_limit}");
    }

    #[test]
    fn a_code_longer_than_the_limit_is_not_decoded() {
        let link = format!("#s={}", "A".repeat(MAX_TEXT_BYTES + 1));
        assert_eq!(session(&link), Err(too_large()));
        assert_ne!(
            session(&link[..link.len() - 1]),
            Err(too_large()),
            "at the limit the code is read"
        );
    }
}
