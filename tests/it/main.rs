//! The one integration test binary: runs the real `cotejo` binary, opens real project files and
//! drives the workbench headless.

#[cfg(feature = "gui")]
mod accessibility;
mod align;
mod cli_store;
mod tidy;
#[cfg(feature = "gui")]
mod ui;
#[cfg(feature = "gui")]
mod window;
