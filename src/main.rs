//! The `rolelint` binary.

use clap::Parser;

fn main() {
    let cli = rolelint::cli::Cli::parse();
    std::process::exit(rolelint::cli::run(cli));
}
