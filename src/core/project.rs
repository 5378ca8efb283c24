//! A review project as the reviewer sees it: metadata, pairs, revisions and state changes.
//!
//! A pair is one alignment bead: the source paragraphs it covers and the current English text.
//! Inside a pair, paragraphs are separated by a blank line ([`PARAGRAPH_SEPARATOR`]), in the
//! source text and in every target revision, so paragraph boundaries survive edits and export.
//!
//! [`PARAGRAPH_SEPARATOR`]: crate::core::export::PARAGRAPH_SEPARATOR

use std::ops::Range;

use serde::Serialize;

use crate::core::document::Document;
use crate::core::review::{PairId, PairState, RevisionId, RevisionKind, Timestamp};

/// What a user gives when creating a project.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewProject {
    /// A human title ("Quijote, chapter 1").
    pub title: String,
    /// Language of the source document, a BCP 47 tag ("es").
    pub source_lang: String,
    /// Language of the target document ("en").
    pub target_lang: String,
}

/// The stored project metadata.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Project {
    /// A human title.
    pub title: String,
    /// Language of the source document.
    pub source_lang: String,
    /// Language of the target document.
    pub target_lang: String,
    /// When the project was created.
    pub created: Timestamp,
}

/// A document as imported into a project.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportedDocument {
    /// The file name it came from (no folder).
    pub file_name: String,
    /// `sha256:` and the hex SHA-256 of the file's bytes.
    pub content_hash: String,
    /// The paragraphs read from it.
    pub document: Document,
}

/// One pair with its texts and review state.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Pair {
    /// Stable id.
    pub id: PairId,
    /// Source paragraph indices.
    pub source_paragraphs: Range<usize>,
    /// Target paragraph indices of the imported English.
    pub target_paragraphs: Range<usize>,
    /// How sure the aligner was, in [0, 1].
    pub confidence: f64,
    /// Whether a user confirmed the alignment.
    pub confirmed: bool,
    /// The Spanish paragraphs, separated by a blank line.
    pub source: String,
    /// The current English text.
    pub target: String,
    /// The revision `target` comes from.
    pub revision: RevisionId,
    /// The current review state.
    pub state: PairState,
}

/// One stored target revision.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Revision {
    /// Its id.
    pub id: RevisionId,
    /// The pair.
    pub pair: PairId,
    /// The revision it replaced.
    pub parent: Option<RevisionId>,
    /// Why it exists.
    pub kind: RevisionKind,
    /// The English text.
    pub text: String,
    /// Who made it.
    pub author: String,
    /// When.
    pub created: Timestamp,
}

/// One entry of a pair's state log.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct StateChange {
    /// The pair.
    pub pair: PairId,
    /// State before.
    pub old: PairState,
    /// State after.
    pub new: PairState,
    /// The revision the decision applies to.
    pub revision: RevisionId,
    /// Who decided.
    pub author: String,
    /// When.
    pub created: Timestamp,
}

/// Counts for `cotejo info` and the status bar.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Number of pairs in each state, in [`PairState::ALL`] order.
    pub pairs_per_state: Vec<(PairState, usize)>,
    /// Notes still open.
    pub notes_open: usize,
    /// Notes resolved.
    pub notes_resolved: usize,
    /// Words in the source document.
    pub source_words: usize,
    /// Words in the current English texts.
    pub target_words: usize,
}

/// Counts words the way `cotejo info` does: runs of non-whitespace.
pub fn count_words(text: &str) -> usize {
    text.split_whitespace().count()
}
