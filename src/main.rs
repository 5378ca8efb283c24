//! The `cotejo` binary: no argument opens the workbench; subcommands run the same core headless.

use std::process::ExitCode;

mod cli;

fn main() -> ExitCode {
    cli::run()
}
