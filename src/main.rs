//! The `cotejo` binary: no argument opens the workbench; subcommands run the same core headless.

use std::process::ExitCode;

mod cli;

// mimalloc keeps freed memory for reuse instead of handing large blocks back to the kernel:
// the aligner allocates and frees tables of a few megabytes per pass, and the page faults of
// the system allocator cost more than the work on them.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    cli::run()
}
