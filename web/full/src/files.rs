//! Files between the workspace and the user's disk: downloads as blobs, uploads
//! read with `Blob.text()` / `Blob.arrayBuffer()`.

use taintlab_core::limits::Limit;
use taintlab_core::limits::MAX_TEXT_BYTES;
use taintlab_playground::bundle::Bundle;
use taintlab_ui::i18n::{Lang, core_message, limit_text, tr};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, BlobPropertyBag, File, HtmlAnchorElement, Url};

/// Offers `bytes` to the user as a download named `name`.
pub fn download(name: &str, bytes: &[u8], mime: &str) {
    let _ = try_download(name, bytes, mime);
}

fn try_download(name: &str, bytes: &[u8], mime: &str) -> Result<(), JsValue> {
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or_else(|| JsValue::from_str("no document"))?;
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let options = BlobPropertyBag::new();
    options.set_type(mime);
    let blob = Blob::new_with_u8_array_sequence_and_options(&parts, &options)?;
    let url = Url::create_object_url_with_blob(&blob)?;
    let link: HtmlAnchorElement = document.create_element("a")?.unchecked_into();
    link.set_href(&url);
    link.set_download(name);
    link.click();
    Url::revoke_object_url(&url)?;
    Ok(())
}

/// Seconds since 1970, to date the files of a downloaded archive.
pub fn now_secs() -> u64 {
    (js_sys::Date::now() / 1000.0) as u64
}

/// Reads the chosen files: a `.tar` as a bundle, anything else as one text file.
/// A file that cannot be read stops the upload, with a reason in `lang` (a broken
/// archive's details stay in English). A file, or the files together, over
/// [`MAX_TEXT_BYTES`] are refused before they are read: the workspace is kept
/// as one session text, which the autosave and a share link hold to that limit.
pub async fn read(files: Vec<File>, lang: Lang) -> Result<Bundle, String> {
    let too_large = |what: String| format!("{what}{}", limit_text(lang, Limit::TextBytes));
    let limit = MAX_TEXT_BYTES as f64;
    if let Some(file) = files.iter().find(|f| f.size() > limit) {
        return Err(too_large(format!(
            "{}{}",
            file.name(),
            tr(lang, ": ", "：")
        )));
    }
    if files.iter().map(|f| f.size()).sum::<f64>() > limit {
        return Err(too_large(match lang {
            Lang::En => format!("these {} files together: ", files.len()),
            Lang::Zh => format!("这 {} 个文件合计：", files.len()),
        }));
    }
    let mut bundle = Bundle::default();
    for file in files {
        let name = file.name();
        let unreadable = |_| {
            format!(
                "{name}{}",
                tr(lang, ": the file could not be read", "：无法读取该文件")
            )
        };
        if name.to_ascii_lowercase().ends_with(".tar") {
            let buffer = JsFuture::from(file.array_buffer())
                .await
                .map_err(unreadable)?;
            let bytes = js_sys::Uint8Array::new(&buffer).to_vec();
            let read = Bundle::from_tar(&bytes)
                .map_err(|e| core_message(lang, &format!("{name}: {e}")))?;
            bundle.files.extend(read.files);
            bundle.manifests.extend(read.manifests);
        } else {
            let text = JsFuture::from(file.text()).await.map_err(unreadable)?;
            bundle
                .files
                .push((name, text.as_string().unwrap_or_default()));
        }
    }
    Ok(bundle)
}
