//! The explanation panel's tables: each in a region that scrolls sideways on
//! narrow screens, named by a caption that screen readers read, and described by
//! the note above it when there is one.

use yew::prelude::*;

/// One table of the explanation panel.
pub(super) struct ExplainTable<'a> {
    /// The stem of the note's and the caption's element ids (`filter` gives
    /// `filter-note` and `filter-caption`).
    pub id: &'a str,
    /// The table's classes.
    pub class: &'static str,
    /// Its `data-testid`.
    pub testid: &'static str,
    /// What the table shows, for screen readers.
    pub caption: &'a str,
    /// The note shown above it, if any.
    pub note: Option<&'a str>,
    /// The header row's cells.
    pub head: Html,
    /// The rows.
    pub body: Html,
}

/// The table with its note.
pub(super) fn explain_table(table: ExplainTable<'_>) -> Html {
    let note_id = format!("{}-note", table.id);
    let caption_id = format!("{}-caption", table.id);
    html! {
        <>
            if let Some(note) = table.note {
                <p class="table-note" id={note_id.clone()}>{note}</p>
            }
            <div class="table-wrap" tabindex="0" role="region" aria-labelledby={caption_id.clone()}>
                <table class={table.class} data-testid={table.testid}
                    aria-describedby={table.note.map(|_| note_id)}>
                    <caption id={caption_id} class="visually-hidden">{table.caption}</caption>
                    <thead><tr>{table.head}</tr></thead>
                    <tbody>{table.body}</tbody>
                </table>
            </div>
        </>
    }
}

/// Header cells with plain text.
pub(super) fn columns(names: &[&str]) -> Html {
    html! { {for names.iter().map(|name| html! { <th scope="col">{*name}</th> })} }
}
