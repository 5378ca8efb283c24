//! The reviewer's vocabulary: ids, pair states, note categories (MQM), severities, spans and times.
//!
//! Every enum has a stable lowercase `as_str` name that is also its database and CLI spelling,
//! and a `FromStr` that accepts exactly those names.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::core::document::Side;

macro_rules! id_newtype {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub i64);

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }
    };
}

id_newtype!(
    /// A pair (one alignment bead) of a project; stable across edits.
    PairId
);
id_newtype!(
    /// A reviewer note.
    NoteId
);
id_newtype!(
    /// One target revision of a pair.
    RevisionId
);

/// Defines a fieldless enum with `ALL`, `as_str`, `Display` and `FromStr` over fixed names.
macro_rules! named_enum {
    ($(#[$doc:meta])* $name:ident, $what:literal { $($(#[$vdoc:meta])* $variant:ident => $text:literal,)+ }) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name {
            $($(#[$vdoc])* $variant,)+
        }

        impl $name {
            /// Every value, in display order.
            pub const ALL: &'static [Self] = &[$(Self::$variant,)+];

            /// The stable name used in the database, the CLI and JSON.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Self::$variant => $text,)+
                }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl FromStr for $name {
            type Err = String;

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Self::ALL
                    .iter()
                    .copied()
                    .find(|v| v.as_str() == s)
                    .ok_or_else(|| {
                        let names: Vec<&str> = Self::ALL.iter().map(|v| v.as_str()).collect();
                        format!("unknown {} {s:?} (expected one of: {})", $what, names.join(", "))
                    })
            }
        }
    };
}

named_enum!(
    /// Where a pair stands in the review workflow.
    ///
    /// `Approved` is bound to the revision it was given for: editing an approved pair demotes it
    /// to `Translated`.
    PairState, "state" {
        /// Imported, nobody has worked on it yet.
        Draft => "draft",
        /// The translator considers it done.
        Translated => "translated",
        /// A reviewer has read it.
        Reviewed => "reviewed",
        /// Signed off: goes into the export.
        Approved => "approved",
        /// Sent back to the translator.
        Rejected => "rejected",
    }
);

named_enum!(
    /// The MQM error category of a note.
    NoteCategory, "category" {
        /// The meaning differs from the source.
        Accuracy => "accuracy",
        /// Grammar, spelling, readability.
        Fluency => "fluency",
        /// A term is wrong or inconsistent.
        Terminology => "terminology",
        /// Register, tone, house style.
        Style => "style",
        /// Dates, numbers, quotes and other locale conventions.
        LocaleConvention => "locale_convention",
        /// The source text itself is wrong.
        SourceError => "source_error",
        /// Anything else.
        Other => "other",
    }
);

named_enum!(
    /// How much a note's problem matters.
    Severity, "severity" {
        /// A remark, not an error.
        Neutral => "neutral",
        /// A small error.
        Minor => "minor",
        /// An error that changes the meaning or the reader's trust.
        Major => "major",
        /// An error that must not ship.
        Critical => "critical",
    }
);

named_enum!(
    /// Whether a note still needs attention.
    NoteStatus, "status" {
        /// Needs attention.
        Open => "open",
        /// Dealt with.
        Resolved => "resolved",
    }
);

named_enum!(
    /// Why a target revision exists.
    RevisionKind, "revision kind" {
        /// The text from the imported target document.
        Imported => "imported",
        /// A user edit.
        Edit => "edit",
        /// Text from a re-imported target document.
        Reimport => "reimport",
        /// A return to an earlier revision's text (undo, or an explicit revert).
        Revert => "revert",
    }
);

/// A point in time: milliseconds since the Unix epoch, UTC.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Timestamp(pub i64);

impl Timestamp {
    /// ISO 8601 in UTC with seconds, e.g. `2026-11-28T18:37:28Z`.
    pub fn to_iso(self) -> String {
        let secs = self.0.div_euclid(1000);
        let days = secs.div_euclid(86_400);
        let sod = secs.rem_euclid(86_400);
        let (y, m, d) = civil_from_days(days);
        format!(
            "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
            sod / 3600,
            (sod % 3600) / 60,
            sod % 60
        )
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_iso())
    }
}

/// Howard Hinnant's `civil_from_days`: days since 1970-01-01 to (year, month, day).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

/// How many characters of context a span keeps on each side, for re-anchoring after edits.
pub const SPAN_CONTEXT_CHARS: usize = 32;

/// A stretch of a pair's text that a note is about.
///
/// Offsets count Unicode scalar values (`char`s) in the text of the note's side: the pair's
/// source text, or the target revision current when the note was written. The quote and the
/// context let a later version find the span again after the text changed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Span {
    /// First character, inclusive.
    pub start: usize,
    /// Last character, exclusive.
    pub end: usize,
    /// The text between `start` and `end`.
    pub quote: String,
    /// Up to [`SPAN_CONTEXT_CHARS`] characters before the quote.
    pub before: String,
    /// Up to [`SPAN_CONTEXT_CHARS`] characters after the quote.
    pub after: String,
}

impl Span {
    /// Anchors `start..end` (in characters) in `text`, or says why it cannot.
    pub fn anchor(text: &str, start: usize, end: usize) -> Result<Self, String> {
        let n_chars = text.chars().count();
        if start > end || end > n_chars {
            return Err(format!(
                "span {start}:{end} does not fit a text of {n_chars} characters"
            ));
        }
        let slice = |from: usize, to: usize| -> String {
            text.chars().skip(from).take(to - from).collect()
        };
        Ok(Self {
            start,
            end,
            quote: slice(start, end),
            before: slice(start.saturating_sub(SPAN_CONTEXT_CHARS), start),
            after: slice(end, (end + SPAN_CONTEXT_CHARS).min(n_chars)),
        })
    }
}

impl Span {
    /// Finds the span again in `text` after an edit: the occurrence of the quote whose
    /// surrounding characters best match the stored context. `None` if the quote is gone.
    ///
    /// Returns character offsets, like `start` and `end`.
    pub fn reanchor(&self, text: &str) -> Option<(usize, usize)> {
        if self.quote.is_empty() {
            return None;
        }
        let chars: Vec<char> = text.chars().collect();
        let quote: Vec<char> = self.quote.chars().collect();
        let before: Vec<char> = self.before.chars().collect();
        let after: Vec<char> = self.after.chars().collect();
        let common_suffix = |a: &[char], b: &[char]| {
            a.iter()
                .rev()
                .zip(b.iter().rev())
                .take_while(|(x, y)| x == y)
                .count()
        };
        let common_prefix =
            |a: &[char], b: &[char]| a.iter().zip(b).take_while(|(x, y)| x == y).count();
        let mut best: Option<(usize, usize, usize)> = None; // (score, distance, start)
        for start in 0..chars.len().saturating_sub(quote.len() - 1) {
            let end = start + quote.len();
            if chars[start..end] != quote[..] {
                continue;
            }
            let score =
                common_suffix(&chars[..start], &before) + common_prefix(&chars[end..], &after);
            let distance = start.abs_diff(self.start);
            let better = match best {
                None => true,
                Some((s, d, _)) => score > s || (score == s && distance < d),
            };
            if better {
                best = Some((score, distance, start));
            }
        }
        best.map(|(_, _, start)| (start, start + quote.len()))
    }
}

/// Where a note applies: one pair, or a whole document.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NoteScope {
    /// One pair.
    Pair(PairId),
    /// The whole document of the note's side.
    Document,
}

/// What a user writes when adding a note; the store adds id, author and times.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewNote {
    /// The pair, or the whole document.
    pub scope: NoteScope,
    /// Which side's text the note is about.
    pub side: Side,
    /// The characters `start..end` the note is about, if not the whole pair.
    pub span: Option<(usize, usize)>,
    /// MQM category.
    pub category: NoteCategory,
    /// How much it matters.
    pub severity: Severity,
    /// The note this one answers.
    pub parent: Option<NoteId>,
    /// The text of the note.
    pub body: String,
}

/// A stored note.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Note {
    /// Its id.
    pub id: NoteId,
    /// The pair, or the whole document.
    pub scope: NoteScope,
    /// Which side's text the note is about.
    pub side: Side,
    /// The anchored span, if any.
    pub span: Option<Span>,
    /// The target revision current when the note was written (target-side pair notes).
    pub revision: Option<RevisionId>,
    /// Who wrote it.
    pub author: String,
    /// When it was written.
    pub created: Timestamp,
    /// When its status or body last changed.
    pub updated: Timestamp,
    /// MQM category.
    pub category: NoteCategory,
    /// How much it matters.
    pub severity: Severity,
    /// Open or resolved.
    pub status: NoteStatus,
    /// The note this one answers.
    pub parent: Option<NoteId>,
    /// The text of the note.
    pub body: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for s in PairState::ALL {
            assert_eq!(s.as_str().parse::<PairState>(), Ok(*s));
        }
        for c in NoteCategory::ALL {
            assert_eq!(c.as_str().parse::<NoteCategory>(), Ok(*c));
        }
        for s in Severity::ALL {
            assert_eq!(s.as_str().parse::<Severity>(), Ok(*s));
        }
        for s in NoteStatus::ALL {
            assert_eq!(s.as_str().parse::<NoteStatus>(), Ok(*s));
        }
        for k in RevisionKind::ALL {
            assert_eq!(k.as_str().parse::<RevisionKind>(), Ok(*k));
        }
        let err = "done".parse::<PairState>().unwrap_err();
        assert_eq!(
            err,
            "unknown state \"done\" (expected one of: draft, translated, reviewed, approved, rejected)"
        );
    }

    #[test]
    fn serde_names_match_as_str() {
        let json = serde_json::to_string(&NoteCategory::LocaleConvention).unwrap();
        assert_eq!(json, "\"locale_convention\"");
    }

    #[test]
    fn timestamps_render_as_iso_utc() {
        assert_eq!(Timestamp(0).to_iso(), "1970-01-01T00:00:00Z");
        assert_eq!(
            Timestamp(1_795_545_448_123).to_iso(),
            "2026-11-24T18:37:28Z"
        );
        assert_eq!(Timestamp(951_782_400_000).to_iso(), "2000-02-29T00:00:00Z");
    }

    fn check_span(text: &str, start: usize, end: usize, expected: &str) {
        let actual = match Span::anchor(text, start, end) {
            Ok(s) => format!("{}[{}]{}", s.before, s.quote, s.after),
            Err(e) => format!("error: {e}"),
        };
        assert_eq!(actual, expected);
    }

    fn check_reanchor(old: &str, span: (usize, usize), new: &str, expected: &str) {
        let anchored = Span::anchor(old, span.0, span.1).unwrap();
        let actual = match anchored.reanchor(new) {
            Some((start, end)) => {
                let c: Vec<char> = new.chars().collect();
                let part = |r: std::ops::Range<usize>| c[r].iter().collect::<String>();
                format!(
                    "{}[{}]{}",
                    part(0..start),
                    part(start..end),
                    part(end..c.len())
                )
            }
            None => "lost".to_owned(),
        };
        assert_eq!(actual, expected);
    }

    #[test]
    fn spans_reanchor_after_edits() {
        check_reanchor(
            "the cat and the dog",
            (12, 15),
            "well, the cat and the dog",
            "well, the cat and [the] dog",
        );
        check_reanchor(
            "the cat and the dog",
            (0, 3),
            "the cat and the dog!",
            "[the] cat and the dog!",
        );
        check_reanchor("a big dog", (2, 5), "a small dog", "lost");
        check_reanchor("él dijo «sí»", (9, 11), "Él dijo: «sí»", "Él dijo: «[sí]»");
    }

    #[test]
    fn spans_count_characters_and_keep_context() {
        check_span(
            "En un lugar de la Mancha",
            6,
            11,
            "En un [lugar] de la Mancha",
        );
        check_span("¿Qué año?", 1, 4, "¿[Qué] año?");
        check_span(
            "abc",
            2,
            4,
            "error: span 2:4 does not fit a text of 3 characters",
        );
        check_span(
            "abc",
            2,
            1,
            "error: span 2:1 does not fit a text of 3 characters",
        );
        let long = "x".repeat(40) + "Y" + &"z".repeat(40);
        let span = Span::anchor(&long, 40, 41).unwrap();
        assert_eq!(span.before.len(), SPAN_CONTEXT_CHARS);
        assert_eq!(span.after.len(), SPAN_CONTEXT_CHARS);
    }
}
