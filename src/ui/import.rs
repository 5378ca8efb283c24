//! A new review imported on a worker thread (read, align, write), so the window keeps drawing
//! and the user can cancel: a plain `std::thread` and a channel, no async runtime.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, TryRecvError};
use std::thread::JoinHandle;

use crate::ui::launch::create_review_with;

/// What the worker reports.
#[derive(Debug)]
pub enum ImportEvent {
    /// A new stage began: its name and the fraction of the work done before it.
    Stage(&'static str, f32),
    /// The import ended: the new project and its number of pairs, or why not.
    Finished(crate::Result<(PathBuf, usize)>),
}

/// An import running on a worker thread.
#[derive(Debug)]
pub struct BackgroundImport {
    events: Receiver<ImportEvent>,
    cancel: Arc<AtomicBool>,
    worker: Option<JoinHandle<()>>,
}

impl BackgroundImport {
    /// Starts importing `source` and `target` into a new project next to the target.
    pub fn start(source: PathBuf, target: PathBuf, author: String) -> Self {
        let (sender, events) = mpsc::channel();
        let cancel = Arc::new(AtomicBool::new(false));
        let flag = Arc::clone(&cancel);
        let worker = std::thread::Builder::new()
            .name("cotejo-import".to_owned())
            .spawn(move || {
                let progress = |stage, fraction| {
                    // The window may be gone; then nobody needs the progress.
                    let _ = sender.send(ImportEvent::Stage(stage, fraction));
                };
                let cancelled = || flag.load(Ordering::Relaxed);
                let result = create_review_with(&source, &target, &author, &progress, &cancelled)
                    .map(|(store, n_pairs)| (store.path().to_path_buf(), n_pairs));
                let _ = sender.send(ImportEvent::Finished(result));
            });
        match worker {
            Ok(worker) => Self {
                events,
                cancel,
                worker: Some(worker),
            },
            Err(source) => {
                // No thread: report the failure as the import's result.
                let (sender, events) = mpsc::channel();
                let _ = sender.send(ImportEvent::Finished(Err(crate::Error::Io {
                    action: "cannot start the import",
                    path: PathBuf::new(),
                    source,
                })));
                Self {
                    events,
                    cancel,
                    worker: None,
                }
            }
        }
    }

    /// Asks the worker to stop at its next check; it then reports `Error::Cancelled`.
    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }

    /// The events reported since the last call, without waiting. The worker thread is joined
    /// once it has reported its end.
    pub fn poll(&mut self) -> Vec<ImportEvent> {
        let mut events = Vec::new();
        loop {
            match self.events.try_recv() {
                Ok(event) => events.push(event),
                Err(TryRecvError::Empty) => break,
                Err(TryRecvError::Disconnected) => {
                    if !events.iter().any(|e| matches!(e, ImportEvent::Finished(_)))
                        && self.worker.is_some()
                    {
                        events.push(ImportEvent::Finished(Err(crate::Error::Cancelled {
                            path: PathBuf::new(),
                        })));
                    }
                    break;
                }
            }
        }
        if events.iter().any(|e| matches!(e, ImportEvent::Finished(_)))
            && let Some(worker) = self.worker.take()
        {
            let _ = worker.join();
        }
        events
    }

    /// Blocks until the worker ends; returns its result (for the command line and tests).
    pub fn wait(mut self) -> crate::Result<(PathBuf, usize)> {
        let result = loop {
            match self.events.recv() {
                Ok(ImportEvent::Finished(result)) => break result,
                Ok(ImportEvent::Stage(..)) => {}
                Err(_) => {
                    break Err(crate::Error::Cancelled {
                        path: PathBuf::new(),
                    });
                }
            }
        };
        if let Some(worker) = self.worker.take() {
            let _ = worker.join();
        }
        result
    }
}
