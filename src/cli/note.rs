//! `cotejo note add`, `note list` and `note resolve`: reviewer notes.

use std::path::PathBuf;
use std::process::ExitCode;

use cotejo::core::document::Side;
use cotejo::core::edit::Edit;
use cotejo::core::review::{
    NewNote, NoteCategory, NoteId, NoteScope, NoteStatus, PairId, Severity,
};
use cotejo::store::{NoteFilter, Store};

use super::{ListFormat, default_author, print_json, tsv_field, write_stdout};

/// `cotejo note …`.
#[derive(Debug, clap::Subcommand)]
pub enum NoteCommand {
    /// Add a note to a pair.
    Add(AddArgs),
    /// List the notes of a project in the order they were written.
    List(ListArgs),
    /// Mark a note resolved.
    Resolve(ResolveArgs),
}

/// Which side of a pair a note is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum SideArg {
    /// The Spanish text.
    Source,
    /// The English text.
    Target,
}

/// Arguments of `cotejo note add`.
#[derive(Debug, clap::Args)]
pub struct AddArgs {
    /// The project file.
    project: PathBuf,
    /// The pair the note is about.
    #[arg(long)]
    pair: i64,
    /// The text of the note.
    #[arg(long)]
    body: String,
    /// accuracy, fluency, terminology, style, locale_convention, source_error or other.
    #[arg(long, default_value = "other")]
    category: NoteCategory,
    /// neutral, minor, major or critical.
    #[arg(long, default_value = "neutral")]
    severity: Severity,
    /// Who writes (default: the operating system user).
    #[arg(long)]
    author: Option<String>,
    /// Which side's text the note is about.
    #[arg(long, value_enum, default_value = "target")]
    side: SideArg,
    /// Characters START:END (counted from 0, end excluded) of that side's text.
    #[arg(long, value_parser = parse_span)]
    span: Option<(usize, usize)>,
    /// The note this one answers.
    #[arg(long)]
    reply_to: Option<i64>,
}

fn parse_span(text: &str) -> Result<(usize, usize), String> {
    let (start, end) = text
        .split_once(':')
        .ok_or_else(|| format!("expected START:END, got {text:?}"))?;
    let number = |s: &str| {
        s.trim()
            .parse::<usize>()
            .map_err(|_| format!("expected START:END with whole numbers, got {text:?}"))
    };
    Ok((number(start)?, number(end)?))
}

/// Arguments of `cotejo note list`.
#[derive(Debug, clap::Args)]
pub struct ListArgs {
    /// The project file.
    project: PathBuf,
    /// Only open notes.
    #[arg(long)]
    open: bool,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    format: ListFormat,
}

/// Arguments of `cotejo note resolve`.
#[derive(Debug, clap::Args)]
pub struct ResolveArgs {
    /// The project file.
    project: PathBuf,
    /// The note.
    #[arg(long)]
    id: i64,
    /// Who resolves (default: the operating system user).
    #[arg(long)]
    author: Option<String>,
}

#[derive(serde::Serialize)]
struct SpanJson<'a> {
    start: usize,
    end: usize,
    quote: &'a str,
}

#[derive(serde::Serialize)]
struct NoteJson<'a> {
    id: i64,
    pair: Option<i64>,
    parent: Option<i64>,
    side: Side,
    span: Option<SpanJson<'a>>,
    category: &'a str,
    severity: &'a str,
    status: &'a str,
    author: &'a str,
    created: String,
    body: &'a str,
}

/// Runs a `cotejo note` subcommand.
pub fn run(command: NoteCommand) -> cotejo::Result<ExitCode> {
    match command {
        NoteCommand::Add(args) => add(&args),
        NoteCommand::List(args) => list(&args),
        NoteCommand::Resolve(args) => resolve(&args),
    }
}

fn add(args: &AddArgs) -> cotejo::Result<ExitCode> {
    let mut store = Store::open(&args.project)?;
    let author = args.author.clone().unwrap_or_else(default_author);
    let note = NewNote {
        scope: NoteScope::Pair(PairId(args.pair)),
        side: match args.side {
            SideArg::Source => Side::Source,
            SideArg::Target => Side::Target,
        },
        span: args.span,
        category: args.category,
        severity: args.severity,
        parent: args.reply_to.map(NoteId),
        body: args.body.clone(),
    };
    let id = store.add_note(note, &author)?;
    println!("note {id} added to pair {}", args.pair);
    Ok(ExitCode::SUCCESS)
}

fn list(args: &ListArgs) -> cotejo::Result<ExitCode> {
    let store = Store::open(&args.project)?;
    let notes = store.notes(NoteFilter {
        open_only: args.open,
        pair: None,
    })?;
    if args.format == ListFormat::Json {
        let rows: Vec<NoteJson<'_>> = notes
            .iter()
            .map(|n| NoteJson {
                id: n.id.0,
                pair: match n.scope {
                    NoteScope::Pair(p) => Some(p.0),
                    NoteScope::Document => None,
                },
                parent: n.parent.map(|p| p.0),
                side: n.side,
                span: n.span.as_ref().map(|s| SpanJson {
                    start: s.start,
                    end: s.end,
                    quote: &s.quote,
                }),
                category: n.category.as_str(),
                severity: n.severity.as_str(),
                status: n.status.as_str(),
                author: &n.author,
                created: n.created.to_iso(),
                body: &n.body,
            })
            .collect();
        print_json(&rows)?;
        return Ok(ExitCode::SUCCESS);
    }
    if args.format == ListFormat::Tsv {
        return write_stdout(|out| {
            writeln!(
                out,
                "id\tpair\tparent\tside\tspan\tcategory\tseverity\tstatus\tauthor\tcreated\tbody"
            )?;
            for n in &notes {
                let pair = match n.scope {
                    NoteScope::Pair(p) => p.to_string(),
                    NoteScope::Document => String::new(),
                };
                let parent = n.parent.map(|p| p.to_string()).unwrap_or_default();
                let span = n
                    .span
                    .as_ref()
                    .map(|s| format!("{}:{}", s.start, s.end))
                    .unwrap_or_default();
                let side = match n.side {
                    Side::Source => "source",
                    Side::Target => "target",
                };
                writeln!(
                    out,
                    "{}\t{pair}\t{parent}\t{side}\t{span}\t{}\t{}\t{}\t{}\t{}\t{}",
                    n.id,
                    n.category,
                    n.severity,
                    n.status,
                    tsv_field(&n.author),
                    n.created,
                    tsv_field(&n.body)
                )?;
            }
            Ok(())
        })
        .map(|()| ExitCode::SUCCESS);
    }
    for n in &notes {
        let place = match n.scope {
            NoteScope::Pair(p) => format!("pair {p}"),
            NoteScope::Document => "document".to_owned(),
        };
        let reply = n
            .parent
            .map(|p| format!(" reply to {p}"))
            .unwrap_or_default();
        let quote = n
            .span
            .as_ref()
            .map(|s| format!(" «{}»", s.quote))
            .unwrap_or_default();
        println!(
            "note {}  {place}{reply}  {}/{}  {}  {}  {}{quote}: {}",
            n.id, n.category, n.severity, n.status, n.author, n.created, n.body
        );
    }
    Ok(ExitCode::SUCCESS)
}

fn resolve(args: &ResolveArgs) -> cotejo::Result<ExitCode> {
    let mut store = Store::open(&args.project)?;
    let author = args.author.clone().unwrap_or_else(default_author);
    let note = NoteId(args.id);
    let edit = Edit::SetNoteStatus {
        note,
        status: NoteStatus::Resolved,
    };
    let inverse = store.apply(&edit, &author)?;
    if inverse.is_noop() {
        println!("note {note} was already resolved");
    } else {
        println!("note {note} resolved");
    }
    Ok(ExitCode::SUCCESS)
}
