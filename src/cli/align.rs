//! `cotejo align SOURCE TARGET [--format json|tsv]`: the bead list on stdout.

use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use cotejo::core::align::{Alignment, align_paragraphs};
use cotejo::core::document::Document;

/// Output format of `cotejo align`.
#[derive(Clone, Copy, Debug, Default, clap::ValueEnum)]
pub enum AlignFormat {
    /// `[[[source indices], [target indices]], …]`, as the dev data's gold files.
    #[default]
    Json,
    /// One bead a line: source indices, target indices, confidence, source text, target text.
    Tsv,
}

/// Arguments of `cotejo align`.
#[derive(Debug, clap::Args)]
pub struct AlignArgs {
    /// The Spanish original (TXT or Markdown, any encoding).
    source: PathBuf,
    /// The English translation (TXT or Markdown, any encoding).
    target: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    format: AlignFormat,
}

/// Runs `cotejo align`.
pub fn run(args: &AlignArgs) -> cotejo::Result<ExitCode> {
    let (source, target) = cotejo::io::read_pair(&args.source, &args.target)?;
    let alignment = align_paragraphs(&source.paragraphs, &target.paragraphs);
    let out = match args.format {
        AlignFormat::Json => alignment.to_json() + "\n",
        AlignFormat::Tsv => tsv(&alignment, &source, &target),
    };
    // A closed pipe (`cotejo align … | head`) is not an error worth a message.
    let _ = std::io::stdout().lock().write_all(out.as_bytes());
    Ok(ExitCode::SUCCESS)
}

/// The TSV rendering: indices comma-separated, a bead's paragraphs joined by " ¶ ".
fn tsv(alignment: &Alignment, source: &Document, target: &Document) -> String {
    let mut out = String::new();
    for bead in &alignment.beads {
        let indices = |r: &std::ops::Range<usize>| {
            r.clone()
                .map(|i| i.to_string())
                .collect::<Vec<_>>()
                .join(",")
        };
        let text = |doc: &Document, r: &std::ops::Range<usize>| {
            doc.paragraphs[r.clone()]
                .iter()
                .map(|p| p.text.replace(['\t', '\n'], " "))
                .collect::<Vec<_>>()
                .join(" ¶ ")
        };
        out.push_str(&format!(
            "{}\t{}\t{:.3}\t{}\t{}\n",
            indices(&bead.source),
            indices(&bead.target),
            bead.confidence,
            text(source, &bead.source),
            text(target, &bead.target)
        ));
    }
    out
}
