//! Undo and redo: two stacks of applied edits with their inverses.
//!
//! `History` does not know how to apply an edit; the caller passes a function that applies one
//! and returns its inverse (the store's transaction, or a model in tests). A step moves between
//! the stacks only when that function succeeded, so a failed undo leaves the history as it was.
//! The store keeps the same two stacks in its `undo_step` table, so they survive a reopen.

use crate::core::edit::Edit;

/// An applied edit and the edit that takes it back.
#[derive(Clone, Debug, PartialEq)]
pub struct Step {
    /// What was applied.
    pub edit: Edit,
    /// What undoes it.
    pub inverse: Edit,
}

/// Linear undo/redo history.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct History {
    undo: Vec<Step>,
    redo: Vec<Step>,
}

impl History {
    /// A history with the given stacks (last element = next to undo / redo).
    pub fn from_stacks(undo: Vec<Step>, redo: Vec<Step>) -> Self {
        Self { undo, redo }
    }

    /// Records a newly applied edit; the redo stack is dropped, as in every editor.
    pub fn record(&mut self, edit: Edit, inverse: Edit) {
        self.undo.push(Step { edit, inverse });
        self.redo.clear();
    }

    /// Whether there is something to undo.
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    /// Whether there is something to redo.
    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// The step the next undo takes back.
    pub fn next_undo(&self) -> Option<&Step> {
        self.undo.last()
    }

    /// The step the next redo applies again.
    pub fn next_redo(&self) -> Option<&Step> {
        self.redo.last()
    }

    /// Undoes the last step with `apply`, which applies an edit and returns its inverse.
    ///
    /// Returns `Ok(None)` when there is nothing to undo.
    pub fn undo_with<E>(
        &mut self,
        apply: impl FnOnce(&Edit) -> Result<Edit, E>,
    ) -> Result<Option<Edit>, E> {
        move_step(&mut self.undo, &mut self.redo, apply)
    }

    /// Redoes the last undone step with `apply`.
    pub fn redo_with<E>(
        &mut self,
        apply: impl FnOnce(&Edit) -> Result<Edit, E>,
    ) -> Result<Option<Edit>, E> {
        move_step(&mut self.redo, &mut self.undo, apply)
    }
}

/// Applies the inverse of `from`'s top step and pushes the reverse step onto `to`.
fn move_step<E>(
    from: &mut Vec<Step>,
    to: &mut Vec<Step>,
    apply: impl FnOnce(&Edit) -> Result<Edit, E>,
) -> Result<Option<Edit>, E> {
    let Some(step) = from.last() else {
        return Ok(None);
    };
    let inverse_of_inverse = apply(&step.inverse)?;
    let Some(step) = from.pop() else {
        return Ok(None);
    };
    to.push(Step {
        edit: step.inverse.clone(),
        inverse: inverse_of_inverse,
    });
    Ok(Some(step.inverse))
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::core::review::{PairId, PairState};

    /// A toy project: pair texts and states, enough to check undo semantics without SQLite.
    #[derive(Default)]
    struct Model {
        texts: BTreeMap<i64, String>,
        states: BTreeMap<i64, PairState>,
    }

    impl Model {
        fn apply(&mut self, edit: &Edit) -> Result<Edit, String> {
            Ok(match edit {
                Edit::SetTranslation { pair, text } => {
                    let old = self.texts.insert(pair.0, text.clone()).unwrap_or_default();
                    Edit::SetTranslation {
                        pair: *pair,
                        text: old,
                    }
                }
                Edit::SetState { pair, state } => {
                    let old = self
                        .states
                        .insert(pair.0, *state)
                        .unwrap_or(PairState::Draft);
                    Edit::SetState {
                        pair: *pair,
                        state: old,
                    }
                }
                Edit::Batch(edits) => {
                    let mut inverses = Vec::new();
                    for e in edits {
                        inverses.push(self.apply(e)?);
                    }
                    inverses.reverse();
                    Edit::Batch(inverses)
                }
                other => return Err(format!("model cannot apply {other:?}")),
            })
        }

        fn render(&self) -> String {
            let texts: Vec<String> = self.texts.iter().map(|(k, v)| format!("{k}={v}")).collect();
            let states: Vec<String> = self
                .states
                .iter()
                .map(|(k, v)| format!("{k}:{v}"))
                .collect();
            format!("{} | {}", texts.join(" "), states.join(" "))
        }
    }

    fn edit(model: &mut Model, history: &mut History, e: Edit) {
        let inverse = model.apply(&e).unwrap();
        history.record(e, inverse);
    }

    fn text(pair: i64, t: &str) -> Edit {
        Edit::SetTranslation {
            pair: PairId(pair),
            text: t.into(),
        }
    }

    #[test]
    fn undo_and_redo_walk_back_and_forth() {
        let mut model = Model::default();
        let mut history = History::default();
        edit(&mut model, &mut history, text(1, "a"));
        edit(&mut model, &mut history, text(1, "b"));
        let approve = Edit::SetState {
            pair: PairId(1),
            state: PairState::Approved,
        };
        edit(&mut model, &mut history, approve);
        assert_eq!(model.render(), "1=b | 1:approved");

        let mut log = Vec::new();
        while history.undo_with(|e| model.apply(e)).unwrap().is_some() {
            log.push(model.render());
        }
        assert_eq!(log, ["1=b | 1:draft", "1=a | 1:draft", "1= | 1:draft"]);
        assert!(!history.can_undo());

        history.redo_with(|e| model.apply(e)).unwrap();
        history.redo_with(|e| model.apply(e)).unwrap();
        assert_eq!(model.render(), "1=b | 1:draft");

        // A new edit drops what was left to redo.
        edit(&mut model, &mut history, text(2, "x"));
        assert!(!history.can_redo());
        assert_eq!(history.redo_with(|e| model.apply(e)).unwrap(), None);
        history.undo_with(|e| model.apply(e)).unwrap();
        history.undo_with(|e| model.apply(e)).unwrap();
        assert_eq!(model.render(), "1=a 2= | 1:draft");
    }

    #[test]
    fn batches_undo_as_one_step() {
        let mut model = Model::default();
        let mut history = History::default();
        let all = Edit::Batch(
            (1..=3)
                .map(|p| Edit::SetState {
                    pair: PairId(p),
                    state: PairState::Reviewed,
                })
                .collect(),
        );
        edit(&mut model, &mut history, all);
        assert_eq!(model.render(), " | 1:reviewed 2:reviewed 3:reviewed");
        history.undo_with(|e| model.apply(e)).unwrap();
        assert_eq!(model.render(), " | 1:draft 2:draft 3:draft");
    }

    #[test]
    fn failed_undo_keeps_the_step() {
        let mut model = Model::default();
        let mut history = History::default();
        edit(&mut model, &mut history, text(1, "a"));
        let result = history.undo_with(|_| Err::<Edit, _>("disk full"));
        assert_eq!(result, Err("disk full"));
        assert!(history.can_undo());
        assert!(!history.can_redo());
    }
}
