//! Command-line interface: the clap definitions and one handler module per command family.
//!
//! Exit codes: 0 success, 2 bad input or failure (message on stderr naming the file and the cause),
//! 3 export refused because pairs are not approved.
//! Commands that write print one confirmation line on stdout, only after their transaction is
//! committed; a script may rely on every confirmed change being in the project file.

use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod align;
#[cfg(feature = "gui")]
mod gui;
mod note;
mod project;
mod review;

/// Exit code for bad input and every other failure.
pub const EXIT_ERROR: u8 = 2;

/// Exit code of `cotejo export` when pairs are not approved.
pub const EXIT_UNAPPROVED: u8 = 3;

/// cotejo: review Spanish to English translations.
#[derive(Debug, Parser)]
#[command(
    name = "cotejo",
    version,
    about,
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    /// With no subcommand: open the workbench on PROJECT.cotejo, or on a new review of
    /// SOURCE TARGET (created next to the target); with no file, the last project or the sample.
    #[arg(value_name = "PROJECT | SOURCE TARGET", num_args = 0..=2)]
    files: Vec<std::path::PathBuf>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Align a Spanish original with its English translation, paragraph by paragraph.
    Align(align::AlignArgs),
    /// Create a review project from a Spanish original and its English translation.
    New(project::NewArgs),
    /// Show pairs per state, open and resolved notes, and words per side.
    Info(project::InfoArgs),
    /// List the pairs in document order.
    Pairs(project::PairsArgs),
    /// Replace the English text of a pair.
    Edit(review::EditArgs),
    /// Set the review state of one pair or of all pairs.
    State(review::StateArgs),
    /// Merge a pair with the next one (undo brings both back).
    Merge(review::MergeArgs),
    /// Cut a pair in two at a source and a target paragraph.
    Split(review::SplitArgs),
    /// Show the revisions of a pair with a word diff between consecutive ones.
    History(review::HistoryArgs),
    /// Take back the last change made to the project.
    Undo(review::UndoArgs),
    /// Apply again the last change taken back.
    Redo(review::UndoArgs),
    /// Add, list and resolve reviewer notes.
    #[command(subcommand)]
    Note(note::NoteCommand),
    /// Write the approved English translation to a file.
    Export(project::ExportArgs),
    /// Test hook: edit a pair through the workbench's own command path, headless, then wait.
    #[cfg(feature = "gui")]
    #[command(name = "gui-smoke", hide = true)]
    GuiSmoke(gui::SmokeArgs),
}

/// The author recorded with changes when `--author` is not given: the operating system user.
pub(crate) fn default_author() -> String {
    cotejo::io::os_user()
}

/// Output formats of list commands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum ListFormat {
    /// Lines for people.
    Text,
    /// A JSON array of objects.
    Json,
    /// Tab-separated values with a header line; tabs, newlines and backslashes escaped.
    Tsv,
}

/// Escapes a TSV field: `\` → `\\`, tab → `\t`, newline → `\n`, carriage return → `\r`.
pub(crate) fn tsv_field(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c => out.push(c),
        }
    }
    out
}

/// Prints `value` as pretty JSON on stdout.
pub(crate) fn print_json<T: serde::Serialize>(value: &T) -> cotejo::Result<()> {
    write_stdout(|out| {
        serde_json::to_writer_pretty(&mut *out, value).map_err(std::io::Error::other)?;
        writeln!(out)
    })
}

/// Writes to a buffered, locked stdout; a closed pipe (`cotejo pairs … | head`) is not an error.
pub(crate) fn write_stdout(
    write: impl FnOnce(&mut dyn std::io::Write) -> std::io::Result<()>,
) -> cotejo::Result<()> {
    use std::io::Write as _;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    match write(&mut out).and_then(|()| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(cotejo::Error::Io {
            action: "cannot write",
            path: "<stdout>".into(),
            source: e,
        }),
        _ => Ok(()),
    }
}

/// Parses the arguments and runs the command.
pub fn run() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Some(Command::Align(args)) => align::run(&args),
        Some(Command::New(args)) => project::new(&args),
        Some(Command::Info(args)) => project::info(&args),
        Some(Command::Pairs(args)) => project::pairs(&args),
        Some(Command::Export(args)) => project::export(&args),
        Some(Command::Edit(args)) => review::edit(&args),
        Some(Command::State(args)) => review::state(&args),
        Some(Command::History(args)) => review::history(&args),
        Some(Command::Merge(args)) => review::merge(&args),
        Some(Command::Split(args)) => review::split(&args),
        Some(Command::Undo(args)) => review::undo(&args, false),
        Some(Command::Redo(args)) => review::undo(&args, true),
        Some(Command::Note(command)) => note::run(command),
        #[cfg(feature = "gui")]
        Some(Command::GuiSmoke(args)) => gui::smoke(&args),
        #[cfg(feature = "gui")]
        None => gui::open(&cli.files),
        #[cfg(not(feature = "gui"))]
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
