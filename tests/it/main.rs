//! The one integration test binary: runs the real `cotejo` binary, opens real project files and
//! drives the workbench headless.

mod cli_store;
#[cfg(feature = "gui")]
mod ui;
