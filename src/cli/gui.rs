//! Opening the workbench from the command line, and the hidden `gui-smoke` test hook.

use std::path::PathBuf;
use std::process::ExitCode;

use cotejo::ui::{Launch, launch};

/// Opens the window: no file → last project or sample; one → that project; two → a new review.
pub fn open(files: &[PathBuf]) -> cotejo::Result<ExitCode> {
    let request = match files {
        [] => Launch::LastOrSample,
        [project] => Launch::Project(project.clone()),
        [source, target, ..] => Launch::Review {
            source: source.clone(),
            target: target.clone(),
        },
    };
    match cotejo::ui::run(&request) {
        Ok(()) => Ok(ExitCode::SUCCESS),
        Err(message) => {
            eprintln!("cotejo: {message}");
            Ok(ExitCode::from(super::EXIT_ERROR))
        }
    }
}

/// Arguments of the hidden `cotejo gui-smoke`.
#[derive(Debug, clap::Args)]
pub struct SmokeArgs {
    /// The project file.
    project: PathBuf,
    /// The pair to edit, counting from 1.
    #[arg(long = "edit", value_names = ["PAIR", "TEXT"], num_args = 2)]
    edit: Vec<String>,
    /// Seconds to wait after the edit (so a test can kill the process).
    #[arg(long, default_value_t = 60)]
    wait_secs: u64,
}

/// Runs the edit through a headless `WorkbenchApp`, prints `committed`, then sleeps.
pub fn smoke(args: &SmokeArgs) -> cotejo::Result<ExitCode> {
    let [pair, text] = args.edit.as_slice() else {
        eprintln!("cotejo: gui-smoke needs --edit PAIR TEXT");
        return Ok(ExitCode::from(super::EXIT_ERROR));
    };
    let Ok(position) = pair.parse::<usize>() else {
        eprintln!("cotejo: not a pair number: {pair}");
        return Ok(ExitCode::from(super::EXIT_ERROR));
    };
    launch::smoke_edit(&args.project, position, text, &super::default_author())?;
    println!("committed");
    std::thread::sleep(std::time::Duration::from_secs(args.wait_secs));
    Ok(ExitCode::SUCCESS)
}
