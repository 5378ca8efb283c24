//! `cotejo edit`, `state`, `history`, `undo` and `redo`: changing pairs and looking back.

use std::path::PathBuf;
use std::process::ExitCode;

use cotejo::core::diff::{diff_words, render_inline};
use cotejo::core::edit::Edit;
use cotejo::core::review::{PairId, PairState};
use cotejo::store::Store;

use super::default_author;

/// Arguments of `cotejo edit`.
#[derive(Debug, clap::Args)]
pub struct EditArgs {
    /// The project file.
    project: PathBuf,
    /// The pair to edit.
    #[arg(long)]
    pair: i64,
    /// The new English text (separate paragraphs with a blank line).
    #[arg(long)]
    text: String,
    /// Who edits (default: the operating system user).
    #[arg(long)]
    author: Option<String>,
}

/// Runs `cotejo edit`.
pub fn edit(args: &EditArgs) -> cotejo::Result<ExitCode> {
    let mut store = Store::open(&args.project)?;
    let author = args.author.clone().unwrap_or_else(default_author);
    let pair = PairId(args.pair);
    let before = store.pair(pair)?;
    let edit = Edit::SetTranslation {
        pair,
        text: args.text.clone(),
    };
    let inverse = store.apply(&edit, &author)?;
    if inverse.is_noop() {
        println!("pair {pair} unchanged");
        return Ok(ExitCode::SUCCESS);
    }
    let after = store.pair(pair)?;
    if before.state != after.state {
        println!(
            "pair {pair}: saved revision {} ({} → {})",
            after.revision, before.state, after.state
        );
    } else {
        println!("pair {pair}: saved revision {}", after.revision);
    }
    Ok(ExitCode::SUCCESS)
}

/// Arguments of `cotejo state`.
#[derive(Debug, clap::Args)]
#[command(group(clap::ArgGroup::new("which").required(true).args(["pair", "all"])))]
pub struct StateArgs {
    /// The project file.
    project: PathBuf,
    /// The pair.
    #[arg(long)]
    pair: Option<i64>,
    /// Every pair of the project (one change, undone as one).
    #[arg(long)]
    all: bool,
    /// draft, translated, reviewed, approved or rejected.
    #[arg(long = "set")]
    state: PairState,
    /// Who decides (default: the operating system user).
    #[arg(long)]
    author: Option<String>,
}

/// Runs `cotejo state`.
pub fn state(args: &StateArgs) -> cotejo::Result<ExitCode> {
    let mut store = Store::open(&args.project)?;
    let author = args.author.clone().unwrap_or_else(default_author);
    let state = args.state;
    if let Some(pair) = args.pair {
        let pair = PairId(pair);
        let inverse = store.apply(&Edit::SetState { pair, state }, &author)?;
        if inverse.is_noop() {
            println!("pair {pair} already {state}");
        } else {
            println!("pair {pair}: {state}");
        }
        return Ok(ExitCode::SUCCESS);
    }
    let pairs = store.pairs()?;
    let edits: Vec<Edit> = pairs
        .iter()
        .filter(|p| p.state != state)
        .map(|p| Edit::SetState { pair: p.id, state })
        .collect();
    let n_changed = edits.len();
    store.apply(&Edit::Batch(edits), &author)?;
    println!(
        "{n_changed} pairs set to {state} ({} already were)",
        pairs.len() - n_changed
    );
    Ok(ExitCode::SUCCESS)
}

/// Arguments of `cotejo history`.
#[derive(Debug, clap::Args)]
pub struct HistoryArgs {
    /// The project file.
    project: PathBuf,
    /// The pair.
    #[arg(long)]
    pair: i64,
}

/// Runs `cotejo history`: each revision with author and time, and what changed from the one before.
pub fn history(args: &HistoryArgs) -> cotejo::Result<ExitCode> {
    let store = Store::open(&args.project)?;
    let pair = PairId(args.pair);
    let revisions = store.revisions(pair)?;
    let states = store.state_log(pair)?;
    let mut previous: Option<&str> = None;
    for revision in &revisions {
        println!(
            "revision {}  {}  {}  {}",
            revision.id, revision.kind, revision.created, revision.author
        );
        let body = match previous {
            None => revision.text.clone(),
            Some(old) => render_inline(&diff_words(old, &revision.text)),
        };
        for line in body.lines() {
            println!("    {line}");
        }
        for change in states.iter().filter(|s| s.revision == revision.id) {
            println!(
                "  state {} → {}  {}  {}",
                change.old, change.new, change.created, change.author
            );
        }
        previous = Some(&revision.text);
    }
    Ok(ExitCode::SUCCESS)
}

/// Arguments of `cotejo merge`.
#[derive(Debug, clap::Args)]
pub struct MergeArgs {
    /// The project file.
    project: PathBuf,
    /// The first of the two pairs; it is merged with the pair after it.
    #[arg(long)]
    pair: i64,
    /// Who edits (default: the operating system user).
    #[arg(long)]
    author: Option<String>,
}

/// Runs `cotejo merge`.
pub fn merge(args: &MergeArgs) -> cotejo::Result<ExitCode> {
    let mut store = Store::open(&args.project)?;
    let author = args.author.clone().unwrap_or_else(default_author);
    let edit = Edit::MergeWithNext {
        pair: PairId(args.pair),
    };
    let inverse = store.apply(&edit, &author)?;
    if let Edit::RestorePairs {
        retire, restore, ..
    } = &inverse
    {
        println!(
            "pairs {} merged into pair {}",
            join_ids(restore, " and "),
            join_ids(retire, ", ")
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// Arguments of `cotejo split`.
#[derive(Debug, clap::Args)]
pub struct SplitArgs {
    /// The project file.
    project: PathBuf,
    /// The pair to cut in two.
    #[arg(long)]
    pair: i64,
    /// First source paragraph (document index, from 0) of the second part.
    #[arg(long)]
    source_at: usize,
    /// First target paragraph (document index, from 0) of the second part.
    #[arg(long)]
    target_at: usize,
    /// Who edits (default: the operating system user).
    #[arg(long)]
    author: Option<String>,
}

/// Runs `cotejo split`.
pub fn split(args: &SplitArgs) -> cotejo::Result<ExitCode> {
    let mut store = Store::open(&args.project)?;
    let author = args.author.clone().unwrap_or_else(default_author);
    let edit = Edit::SplitPair {
        pair: PairId(args.pair),
        source_at: args.source_at,
        target_at: args.target_at,
    };
    let inverse = store.apply(&edit, &author)?;
    if let Edit::RestorePairs { retire, .. } = &inverse {
        println!(
            "pair {} split into pairs {}",
            args.pair,
            join_ids(retire, " and ")
        );
    }
    Ok(ExitCode::SUCCESS)
}

fn join_ids(ids: &[PairId], separator: &str) -> String {
    let ids: Vec<String> = ids.iter().map(ToString::to_string).collect();
    ids.join(separator)
}

/// Arguments of `cotejo undo` and `cotejo redo`.
#[derive(Debug, clap::Args)]
pub struct UndoArgs {
    /// The project file.
    project: PathBuf,
    /// Who undoes (default: the operating system user).
    #[arg(long)]
    author: Option<String>,
}

/// Runs `cotejo undo` or, with `redo`, `cotejo redo`.
pub fn undo(args: &UndoArgs, redo: bool) -> cotejo::Result<ExitCode> {
    let mut store = Store::open(&args.project)?;
    let author = args.author.clone().unwrap_or_else(default_author);
    let (verb, applied) = if redo {
        ("redo", store.redo(&author)?)
    } else {
        ("undo", store.undo(&author)?)
    };
    match applied {
        Some(edit) => println!("{verb}: {}", edit.describe()),
        None => println!("nothing to {verb}"),
    }
    Ok(ExitCode::SUCCESS)
}
