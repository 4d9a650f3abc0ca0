//! Entry point: mounts the app into its host element; everything else lives in the library.
#[cfg(target_arch = "wasm32")]
#[global_allocator]
static TALC: talc::TalckWasm = unsafe { talc::TalckWasm::new_global() };

fn main() {
    deal_prep::app::mount();
}
