//! Configuration (`.rolelint.toml`): one loader shared by the CLI and the language server.
