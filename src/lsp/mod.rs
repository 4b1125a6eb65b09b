//! The language server (`rolelint server`): a thin shell around the engine over stdio.

/// Runs the language server on stdin/stdout and returns the process exit code.
pub fn run_stdio() -> i32 {
    eprintln!("rolelint: the language server is not built yet");
    crate::cli::EXIT_ERROR
}
