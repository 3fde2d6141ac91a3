//! Keeps each string literal in a data segment of its own when linking the WebAssembly, so that
//! `cargo leptos build --split` can move a lazy page's strings into that page's chunk. Merged (the
//! linker's default when optimising), every page's strings stayed in the main module, which every first
//! visit downloads (cargo-leptos issue 679; docs/PERFORMANCE.md, "Issue #14").
fn main() {
    if std::env::var("CARGO_CFG_TARGET_ARCH").is_ok_and(|arch| arch.starts_with("wasm")) {
        println!("cargo:rustc-link-arg-cdylib=--no-merge-data-segments");
    }
}
