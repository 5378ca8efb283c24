//! How a long computation (aligning a book, writing a project) tells its caller how far it got,
//! and learns that the caller wants it to stop: a small trait the shell implements, so the core
//! stays free of threads, channels and clocks.

use std::fmt;

/// Receives the progress of a long computation and says whether it should stop.
///
/// `Sync` because the aligner checks it from its helper threads too.
pub trait Progress: Sync {
    /// The fraction of the work done, in [0, 1], never decreasing.
    fn report(&self, done: f32);
    /// Whether the caller wants the work to stop; the computation then returns [`Cancelled`]
    /// at its next check.
    fn is_cancelled(&self) -> bool;
}

/// A [`Progress`] that reports nowhere and never cancels.
#[derive(Clone, Copy, Debug, Default)]
pub struct NoProgress;

impl Progress for NoProgress {
    fn report(&self, _done: f32) {}

    fn is_cancelled(&self) -> bool {
        false
    }
}

/// A computation stopped because its [`Progress`] asked it to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cancelled;

impl fmt::Display for Cancelled {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("cancelled")
    }
}

impl std::error::Error for Cancelled {}

/// A part of a computation's progress: reports `[0, 1]` of the part as `[start, end]` of the
/// whole, and checks for cancellation at the same time.
#[derive(Clone, Copy)]
pub struct Part<'a> {
    progress: &'a dyn Progress,
    start: f32,
    end: f32,
}

impl fmt::Debug for Part<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Part")
            .field("start", &self.start)
            .field("end", &self.end)
            .finish()
    }
}

impl<'a> Part<'a> {
    /// The whole of `progress`.
    pub fn whole(progress: &'a dyn Progress) -> Self {
        Self {
            progress,
            start: 0.0,
            end: 1.0,
        }
    }

    /// The part `[start, end]` (fractions of this part) of this part.
    pub fn sub(&self, start: f32, end: f32) -> Part<'a> {
        let span = self.end - self.start;
        Part {
            progress: self.progress,
            start: self.start + span * start.clamp(0.0, 1.0),
            end: self.start + span * end.clamp(0.0, 1.0),
        }
    }

    /// Reports that `done` of this part is done, then checks for cancellation.
    pub fn at(&self, done: f32) -> Result<(), Cancelled> {
        let done = done.clamp(0.0, 1.0);
        self.progress
            .report(self.start + (self.end - self.start) * done);
        self.check()
    }

    /// Checks for cancellation without reporting.
    pub fn check(&self) -> Result<(), Cancelled> {
        if self.progress.is_cancelled() {
            Err(Cancelled)
        } else {
            Ok(())
        }
    }
}

impl Progress for Part<'_> {
    fn report(&self, done: f32) {
        let done = done.clamp(0.0, 1.0);
        self.progress
            .report(self.start + (self.end - self.start) * done);
    }

    fn is_cancelled(&self) -> bool {
        self.progress.is_cancelled()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Mutex;
    use std::sync::atomic::{AtomicBool, Ordering};

    #[derive(Default)]
    struct Recorder {
        reports: Mutex<Vec<f32>>,
        cancelled: AtomicBool,
    }

    impl Progress for Recorder {
        fn report(&self, done: f32) {
            self.reports.lock().unwrap().push(done);
        }
        fn is_cancelled(&self) -> bool {
            self.cancelled.load(Ordering::Relaxed)
        }
    }

    #[test]
    fn parts_map_onto_the_whole_and_carry_the_cancel() {
        let recorder = Recorder::default();
        let whole = Part::whole(&recorder);
        let second_half = whole.sub(0.5, 1.0);
        let last_quarter = second_half.sub(0.5, 1.0);
        assert_eq!(second_half.at(0.0), Ok(()));
        assert_eq!(last_quarter.at(0.5), Ok(()));
        last_quarter.report(2.0);
        assert_eq!(*recorder.reports.lock().unwrap(), [0.5, 0.875, 1.0]);
        recorder.cancelled.store(true, Ordering::Relaxed);
        assert_eq!(last_quarter.at(1.0), Err(Cancelled));
        assert_eq!(whole.check(), Err(Cancelled));
        assert!(!NoProgress.is_cancelled());
    }
}
