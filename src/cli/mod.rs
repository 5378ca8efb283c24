//! Command-line interface: the clap definitions and one handler module per command family.
//!
//! Exit codes: 0 success, 2 bad input or failure (message on stderr naming the file and the cause),
//! 3 export refused because pairs are not approved.

use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod align;

/// Exit code for bad input and every other failure.
pub const EXIT_ERROR: u8 = 2;

/// cotejo: review Spanish to English translations.
#[derive(Debug, Parser)]
#[command(name = "cotejo", version, about)]
pub struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Align a Spanish original with its English translation, paragraph by paragraph.
    Align(align::AlignArgs),
}

/// Parses the arguments and runs the command.
pub fn run() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Some(Command::Align(args)) => align::run(&args),
        None => Ok(ExitCode::SUCCESS),
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            eprintln!("cotejo: {err:#}");
            ExitCode::from(EXIT_ERROR)
        }
    }
}
