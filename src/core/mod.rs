//! The functional core: plain data and pure functions.
//!
//! Nothing here imports egui, eframe, rfd, rusqlite or `std::fs`: values go in, values come out.

pub mod align;
pub mod decode;
pub mod diff;
pub mod document;
pub mod edit;
pub mod export;
pub mod history;
pub mod import;
pub mod progress;
pub mod project;
pub mod review;
pub mod search;
pub mod sentence;
pub mod sentence_map;
pub mod split;
