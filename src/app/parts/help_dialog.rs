//! The keyboard shortcut help, as a modal dialog.

use yew::prelude::*;

use crate::app::parts::subtitle;

pub fn help_dialog(on_close: Callback<()>) -> Html {
    let close = Callback::from(move |_: MouseEvent| on_close.emit(()));
    html! {
        <>
            <div class="dp-backdrop" onclick={close.clone()}></div>
            <div class="dp-dialog" role="dialog" aria-modal="true" aria-labelledby="dp-help-title">
                { subtitle("dp-help-title", "Keyboard shortcuts") }
                { Html::from_html_unchecked(AttrValue::Static(concat!(
                    r#"<ul class="dp-help"><li><kbd>n</kbd> new deal</li><li><kbd>/</kbd> search deals</li>"#,
                    r#"<li><kbd>?</kbd> this help</li><li><kbd>Esc</kbd> close a dialog</li>"#,
                    r#"<li><kbd>Alt</kbd> + <kbd>↑</kbd> / <kbd>↓</kbd> move a line in a call-plan list</li>"#,
                    r#"<li><kbd>Enter</kbd> add the line you typed; in a line already added, Enter starts a new line within it</li></ul>"#))) }
                <div class="dp-dialog__buttons">
                    <button type="button" class="dp-button dp-button--primary" onclick={close} autofocus=true>{ "Close" }</button>
                </div>
            </div>
        </>
    }
}
