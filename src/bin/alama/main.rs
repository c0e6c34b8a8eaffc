//! `alama`, the command line for pipelines: the same core as the page, no browser. It
//! checks files (`validate`), converts between formats (`convert`), counts spans and finds
//! inconsistencies (`stats`, `stats --consistency`),
//! measures agreement between annotators (`agree`) and merges two annotators' files into a
//! gold file with adjudication decisions (`merge`). The exit codes are listed in
//! `commands::EXIT_CODES`, printed by `alama --help`.

// The command line is native only: its modules are not compiled for wasm32 (where `cargo
// clippy --target wasm32-unknown-unknown --tests` still builds the binaries).
#[cfg(not(target_arch = "wasm32"))]
mod commands;
#[cfg(not(target_arch = "wasm32"))]
mod consistency;
#[cfg(not(target_arch = "wasm32"))]
mod files;
#[cfg(not(target_arch = "wasm32"))]
mod tables;

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    commands::main()
}

#[cfg(target_arch = "wasm32")]
fn main() {}
