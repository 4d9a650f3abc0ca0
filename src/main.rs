//! Entry point: mounts the app into its host element; everything else lives in the library.
fn main() {
    deal_prep::app::mount();
}
