//! rolelint: finds mixed and ambiguous Product Manager / Product Owner responsibilities in
//! role descriptions. The engine is pure; the CLI and the language server are shells around it.

pub mod cli;
pub mod config;
pub mod engine;
pub mod lsp;
pub mod output;
pub mod rules;
pub mod suppress;
pub mod text;
