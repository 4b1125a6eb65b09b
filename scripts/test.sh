#!/usr/bin/env bash
# The test command: installs what the editor tests need (Neovim, Emacs with eglot, the VS Code
# extension's npm packages; see .ci/install-editor-deps), then runs the whole suite.
set -euo pipefail
cd "$(dirname "$0")/.."
.ci/install-editor-deps
cargo test --no-fail-fast "$@"
