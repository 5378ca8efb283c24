//! Native file dialogs (rfd). Called only from `WorkbenchApp::run_command`, never from views or
//! tests; `None` means the user cancelled, which is not an error.

use std::path::PathBuf;

use crate::core::export::ExportFormat;

/// Asks for the Spanish original, then the English translation.
pub fn pick_review_files() -> Option<(PathBuf, PathBuf)> {
    let source = rfd::FileDialog::new()
        .set_title("Choose the Spanish original")
        .add_filter("Text or Markdown", &["txt", "md", "markdown"])
        .pick_file()?;
    let target = rfd::FileDialog::new()
        .set_title("Choose the English translation")
        .add_filter("Text or Markdown", &["txt", "md", "markdown"])
        .pick_file()?;
    Some((source, target))
}

/// Asks for a project file to open.
pub fn pick_project() -> Option<PathBuf> {
    rfd::FileDialog::new()
        .set_title("Open a review project")
        .add_filter("cotejo project", &["cotejo"])
        .pick_file()
}

/// Asks where to write an export.
pub fn pick_export_path(default_name: &str, format: ExportFormat) -> Option<PathBuf> {
    let (name, extension) = match format {
        ExportFormat::Txt => ("Plain text", "txt"),
        ExportFormat::Md => ("Markdown", "md"),
    };
    rfd::FileDialog::new()
        .set_title("Export the approved translation")
        .set_file_name(format!("{default_name}.{extension}"))
        .add_filter(name, &[extension])
        .save_file()
}
