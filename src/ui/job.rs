//! Work that runs on a worker thread while the window keeps drawing (an import, an export): a
//! plain `std::thread`, a shared status the window reads each frame, a cancel flag, and a
//! channel for the result. No async runtime.

use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, TryRecvError};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread::JoinHandle;

use crate::core::progress::{Part, Progress};

/// What a job is doing: the stage's name and the fraction of the whole job done.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct JobStatus {
    /// What the worker is doing ("Aligning the paragraphs").
    pub stage: &'static str,
    /// The fraction done, in [0, 1]; never decreases.
    pub fraction: f32,
}

#[derive(Debug)]
struct Shared {
    cancelled: AtomicBool,
    status: Mutex<JobStatus>,
}

/// The worker's side of a job: where it reports its stages and progress, and learns that it
/// should stop. Also a [`Progress`] for the core (the fraction of the whole job).
#[derive(Clone, Debug)]
pub struct JobContext {
    shared: Arc<Shared>,
}

impl Default for JobContext {
    fn default() -> Self {
        Self {
            shared: Arc::new(Shared {
                cancelled: AtomicBool::new(false),
                status: Mutex::new(JobStatus {
                    stage: "Starting",
                    fraction: 0.0,
                }),
            }),
        }
    }
}

impl JobContext {
    /// A context nobody watches or cancels (for work run in the foreground).
    pub fn detached() -> Self {
        Self::default()
    }

    /// Starts the stage `stage`, which covers `[start, end]` of the job; returns the part of
    /// the job's progress it may report into.
    pub fn stage(&self, stage: &'static str, start: f32, end: f32) -> Part<'_> {
        {
            let mut status = self.status_lock();
            status.stage = stage;
            status.fraction = status.fraction.max(start);
        }
        Part::whole(self).sub(start, end)
    }

    /// Whether the user asked the job to stop.
    pub fn is_cancelled(&self) -> bool {
        self.shared.cancelled.load(Ordering::Relaxed)
    }

    /// [`crate::Error::Cancelled`] naming `path` (the file not written) once the user asked to
    /// stop.
    pub fn check(&self, path: &Path) -> crate::Result<()> {
        if self.is_cancelled() {
            Err(crate::Error::Cancelled {
                path: path.to_path_buf(),
            })
        } else {
            Ok(())
        }
    }

    fn cancel(&self) {
        self.shared.cancelled.store(true, Ordering::Relaxed);
    }

    fn status(&self) -> JobStatus {
        *self.status_lock()
    }

    fn status_lock(&self) -> std::sync::MutexGuard<'_, JobStatus> {
        // A worker that panicked while holding the lock left a status that is still readable.
        self.shared
            .status
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }
}

impl Progress for JobContext {
    fn report(&self, done: f32) {
        let mut status = self.status_lock();
        status.fraction = status.fraction.max(done.clamp(0.0, 1.0));
    }

    fn is_cancelled(&self) -> bool {
        JobContext::is_cancelled(self)
    }
}

/// A job running on a worker thread, ending with a `crate::Result<T>`.
///
/// Dropping it asks the worker to stop (its result is then dropped).
#[derive(Debug)]
pub struct BackgroundJob<T> {
    context: JobContext,
    result: Receiver<crate::Result<T>>,
    worker: Option<JoinHandle<()>>,
}

impl<T: Send + 'static> BackgroundJob<T> {
    /// Runs `work` on a thread named `name`.
    pub fn start(
        name: &str,
        work: impl FnOnce(&JobContext) -> crate::Result<T> + Send + 'static,
    ) -> Self {
        let (sender, result) = mpsc::channel();
        let context = JobContext::default();
        let worker_context = context.clone();
        let worker = std::thread::Builder::new()
            .name(name.to_owned())
            .spawn(move || {
                let result = work(&worker_context);
                // The window may be gone; then nobody needs the result.
                let _ = sender.send(result);
            });
        let worker = match worker {
            Ok(worker) => Some(worker),
            Err(source) => {
                // No thread: report the failure as the job's result.
                let (sender, failed) = mpsc::channel();
                let _ = sender.send(Err(crate::Error::Io {
                    action: "cannot start a worker thread",
                    path: std::path::PathBuf::new(),
                    source,
                }));
                return Self {
                    context,
                    result: failed,
                    worker: None,
                };
            }
        };
        Self {
            context,
            result,
            worker,
        }
    }

    /// Asks the worker to stop at its next check; it then ends with `Error::Cancelled`.
    pub fn cancel(&self) {
        self.context.cancel();
    }

    /// The stage and fraction the worker last reported.
    pub fn status(&self) -> JobStatus {
        self.context.status()
    }

    /// The job's result once it has ended, without waiting; the worker thread is then joined.
    pub fn poll(&mut self) -> Option<crate::Result<T>> {
        let result = match self.result.try_recv() {
            Ok(result) => result,
            Err(TryRecvError::Empty) => return None,
            // The worker ended without a result: it panicked.
            Err(TryRecvError::Disconnected) => Err(crate::Error::WorkerFailed),
        };
        if let Some(worker) = self.worker.take() {
            let _ = worker.join();
        }
        Some(result)
    }

    /// Blocks until the worker ends; returns its result (for the command line and tests).
    pub fn wait(mut self) -> crate::Result<T> {
        let result = self
            .result
            .recv()
            .unwrap_or(Err(crate::Error::WorkerFailed));
        if let Some(worker) = self.worker.take() {
            let _ = worker.join();
        }
        result
    }
}

impl<T> Drop for BackgroundJob<T> {
    fn drop(&mut self) {
        if self.worker.is_some() {
            self.context.cancel();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_job_reports_its_stage_and_is_cancelled_at_its_next_check() {
        let (go, wait) = mpsc::channel::<()>();
        let mut job = BackgroundJob::start("test-job", move |ctx| {
            let part = ctx.stage("Counting", 0.25, 0.75);
            part.report(0.5);
            let _ = wait.recv();
            ctx.check(Path::new("out.txt"))?;
            Ok(42)
        });
        // The worker reports, then waits for the test to cancel it.
        while job.status().fraction < 0.5 {
            std::thread::yield_now();
        }
        assert_eq!(
            job.status(),
            JobStatus {
                stage: "Counting",
                fraction: 0.5
            }
        );
        assert!(job.poll().is_none());
        job.cancel();
        go.send(()).unwrap();
        let err = job.wait().unwrap_err();
        assert_eq!(err.to_string(), "cancelled: out.txt");
    }

    #[test]
    fn a_job_that_is_left_alone_returns_its_result() {
        let job = BackgroundJob::start("test-job", |_| Ok("done"));
        assert_eq!(job.wait().unwrap(), "done");
    }

    #[test]
    fn a_panicking_worker_is_an_error_not_a_hang() {
        let mut job: BackgroundJob<()> = BackgroundJob::start("test-job", |_| {
            std::panic::resume_unwind(Box::new("boom"));
        });
        let result = loop {
            if let Some(result) = job.poll() {
                break result;
            }
            std::thread::yield_now();
        };
        assert!(
            matches!(result, Err(crate::Error::WorkerFailed)),
            "{result:?}"
        );
    }
}
