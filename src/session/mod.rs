//! The session layer: everything one person's open page holds, in plain Rust, and what the
//! page reads back to render (`view`).

pub mod view;
