//! The `rolelint` binary.

use clap::Parser;

/// The analysis allocates many short-lived small vectors per clause; jemalloc serves them
/// faster than the system allocator and keeps the resident set small.
#[cfg(not(target_env = "msvc"))]
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

fn main() {
    let cli = rolelint::cli::Cli::parse();
    std::process::exit(rolelint::cli::run(cli));
}
