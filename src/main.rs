//! The `rolelint` binary.

use clap::Parser;

/// The analysis allocates many short-lived small vectors per clause; jemalloc serves them
/// faster than the system allocator and keeps the resident set small.
#[cfg(not(target_env = "msvc"))]
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

fn main() {
    let cli = rolelint::cli::Cli::parse();
    #[cfg(not(target_env = "msvc"))]
    if matches!(cli.command, rolelint::cli::Command::Check(_)) {
        return_freed_pages_promptly();
    }
    std::process::exit(rolelint::cli::run(cli));
}

/// A check returns the pages it frees to the system after 100 ms instead of jemalloc's 10 s:
/// compiling the rules and reading a long document free large blocks that the next phase does
/// not reuse, and keeping them made the 5 MB document's peak resident set 1.2 MiB larger, for
/// no measurable speed. The server keeps the default: there, giving pages back and faulting
/// them in again on the next edit made edits slower.
#[cfg(not(target_env = "msvc"))]
fn return_freed_pages_promptly() {
    const DECAY_MS: isize = 100;
    // Arenas made later take the default; the ones that exist take it one by one.
    // SAFETY: the names are NUL-terminated jemalloc controls whose value is an `ssize_t`.
    let _ = unsafe { tikv_jemalloc_ctl::raw::write(b"arenas.dirty_decay_ms\0", DECAY_MS) };
    let arenas = tikv_jemalloc_ctl::arenas::narenas::read().unwrap_or(0);
    for arena in 0..arenas {
        let name = format!("arena.{arena}.dirty_decay_ms\0");
        // SAFETY: as above; an arena not yet made rejects the write, which is harmless.
        let _ = unsafe { tikv_jemalloc_ctl::raw::write(name.as_bytes(), DECAY_MS) };
    }
}
