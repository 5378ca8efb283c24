//! The one integration test binary: runs the real `cotejo` binary and opens real project files.

mod align;
mod cli_store;
mod tidy;
