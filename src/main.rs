//! Entry point: installs the panic hook and mounts the app. Nothing else lives here.
#[cfg(target_arch = "wasm32")]
fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(exemplar::ui::app::App);
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("exemplar is a browser app: build it with `scripts/serve`.");
}
