//! `cotejo align SOURCE TARGET [--format json|tsv]`.

use std::path::PathBuf;
use std::process::ExitCode;

use cotejo::core::align::align_paragraphs;

/// Arguments of `cotejo align`.
#[derive(Debug, clap::Args)]
pub struct AlignArgs {
    /// The Spanish original.
    source: PathBuf,
    /// The English translation.
    target: PathBuf,
}

/// Runs `cotejo align`.
pub fn run(args: &AlignArgs) -> cotejo::Result<ExitCode> {
    let source = cotejo::io::read_document(&args.source)?;
    let target = cotejo::io::read_document(&args.target)?;
    let alignment = align_paragraphs(&source.paragraphs, &target.paragraphs);
    println!("{}", alignment.beads.len());
    Ok(ExitCode::SUCCESS)
}
