//! `taintlab lesson check FILE...`: validates lesson files and runs their
//! reference solutions (docs/lessons.md).

use crate::read;
use std::process::ExitCode;
use taintlab_core::limits::MAX_LESSON_BYTES;
use taintlab_playground::lessons::author::check_lesson;

/// `taintlab lesson check FILE...`: exit status 0 when every file passes, 1 when
/// one does not (its errors on standard error as FILE:LINE:COLUMN: PATH: MESSAGE),
/// 2 for a usage error or an unreadable file.
pub fn command(args: &[String]) -> ExitCode {
    let files = match args.split_first() {
        Some((verb, files)) if verb == "check" && !files.is_empty() => files,
        Some((verb, _)) if verb == "check" => {
            eprintln!("error: lesson check needs at least one FILE");
            return ExitCode::from(2);
        }
        _ => {
            eprintln!("error: usage: taintlab lesson check FILE...");
            return ExitCode::from(2);
        }
    };
    let mut failed = false;
    for path in files {
        let text = match read(path) {
            Ok(text) => text,
            Err(message) => {
                eprintln!("error: {message}");
                return ExitCode::from(2);
            }
        };
        if text.len() > MAX_LESSON_BYTES {
            eprintln!(
                "{path}:1:1: the file is {} bytes; a lesson file may hold {MAX_LESSON_BYTES} at most",
                text.len()
            );
            failed = true;
            continue;
        }
        match check_lesson(path, &text) {
            Ok(passed) => println!(
                "{path}: lesson {} passes: {} steps, each green after its solution and not before",
                passed.id, passed.steps
            ),
            Err(errors) => {
                failed = true;
                for error in errors {
                    eprintln!("{error}");
                }
            }
        }
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
