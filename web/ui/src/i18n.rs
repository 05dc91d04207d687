//! English and Simplified Chinese: the UI language, and core's messages in it.
//! Every string is written in both languages where it is shown ([`tr`]).

use taintlab_core::limits::Limit;

/// The page's localStorage, if the browser allows it.
fn storage() -> Option<web_sys::Storage> {
    web_sys::window().and_then(|w| w.local_storage().ok().flatten())
}

/// The UI language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    /// English.
    En,
    /// Simplified Chinese.
    Zh,
}

const STORAGE_KEY: &str = "taintlab.lang";

impl Lang {
    /// The remembered choice, else the browser's language.
    pub fn initial() -> Lang {
        if let Some(saved) = storage().and_then(|s| s.get_item(STORAGE_KEY).ok().flatten()) {
            return Lang::from_tag(&saved);
        }
        let browser = web_sys::window()
            .and_then(|w| w.navigator().language())
            .unwrap_or_default();
        Lang::from_tag(&browser)
    }

    /// `zh*` is Chinese, everything else English.
    pub fn from_tag(tag: &str) -> Lang {
        if tag.to_ascii_lowercase().starts_with("zh") {
            Lang::Zh
        } else {
            Lang::En
        }
    }

    /// The BCP 47 tag for `<html lang>`.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh-CN",
        }
    }

    /// Remembers the choice for the next visit.
    pub fn remember(self) {
        // Storage may be disabled (private mode); the switch still works for this visit.
        if let Some(storage) = storage() {
            let _ = storage.set_item(STORAGE_KEY, self.tag());
        }
    }

    /// The other language.
    pub fn other(self) -> Lang {
        match self {
            Lang::En => Lang::Zh,
            Lang::Zh => Lang::En,
        }
    }
}

/// Picks the text for `lang`. The one way the UI says anything: each string
/// stays next to the code that shows it, in both languages.
pub fn tr(lang: Lang, en: &'static str, zh: &'static str) -> &'static str {
    match lang {
        Lang::En => en,
        Lang::Zh => zh,
    }
}

/// "document 2, line 5, column 3" in `lang`.
pub fn position(lang: Lang, document: usize, line: usize, column: usize) -> String {
    match lang {
        Lang::En => format!("document {document}, line {line}, column {column}"),
        Lang::Zh => format!("第 {document} 个文档，第 {line} 行，第 {column} 列"),
    }
}

/// A limit's message in `lang` ([`Limit::en`], [`Limit::zh`]).
pub fn limit_text(lang: Lang, limit: Limit) -> String {
    match lang {
        Lang::En => limit.en(),
        Lang::Zh => limit.zh(),
    }
}

/// A message from core in `lang`. Core words its messages in English, as
/// Kubernetes does; a limit's (which [`Limit::from_en`] recognises at the end
/// of the message) is taintlab's own and has Chinese words too, which replace
/// it (what comes before, such as a file name or a position, stays).
pub fn core_message(lang: Lang, message: &str) -> String {
    let localized = match (lang, Limit::from_en(message)) {
        (Lang::Zh, Some(limit)) => message
            .strip_suffix(limit.en().as_str())
            .map(|head| format!("{head}{}", limit.zh())),
        _ => None,
    };
    localized.unwrap_or_else(|| message.to_string())
}
