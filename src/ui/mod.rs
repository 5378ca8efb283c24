//! The egui workbench (feature `gui`): the window, its commands and views.
//!
//! - [`app`]: `WorkbenchApp`, the state plus the store, and `run_command`.
//! - [`command`]: every user intent as a `Command` with label, shortcut and `is_enabled`.
//! - [`state`]: `AppState`, what the window shows, reloaded after each command.
//! - [`views`]: functions over the state that draw and emit commands.
//! - [`job`]: `BackgroundJob`, work on a worker thread with progress and cancel; [`import`] and
//!   [`export`] are the two jobs.
//! - [`launch`]: which project to open, and the eframe window.
//! - [`dialogs`]: rfd file dialogs, only called from `run_command`.
//! - [`notify`], [`theme`]: messages in the window; all colours.

pub mod app;
pub mod command;
pub mod dialogs;
pub mod export;
pub mod import;
pub mod job;
pub mod launch;
pub mod notify;
pub mod state;
pub mod theme;
pub mod views;

pub use app::WorkbenchApp;
pub use command::Command;
pub use launch::{Launch, run};
pub use state::AppState;
