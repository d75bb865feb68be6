//! The `cramdown` binary: parses the command line, calls the library, prints, sets the exit code.

use std::process::ExitCode;

use clap::Parser;
use cramdown::cli::{Cli, Command};
use cramdown::diagnostic::display_path;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build(args) => {
            let options = args.options(cli.root);
            match cramdown::build(&options) {
                Ok(report) => {
                    for w in &report.generated.warnings {
                        eprintln!("{w}");
                    }
                    if args.verbose {
                        for (stage, time) in &report.generated.timings {
                            eprintln!("  {stage:<9} {:>8.1} ms", time.as_secs_f64() * 1000.0);
                        }
                    }
                    println!(
                        "built {} questions in {} topics in {} ms into {}",
                        report.generated.questions,
                        report.generated.topics,
                        report.elapsed.as_millis(),
                        display_path(&report.output)
                    );
                    ExitCode::SUCCESS
                }
                Err(diagnostics) => {
                    eprint!("{diagnostics}");
                    let errors = diagnostics.0.iter().filter(|d| d.is_error()).count();
                    eprintln!(
                        "build failed: {errors} error{}; the output folder was left as it was",
                        if errors == 1 { "" } else { "s" }
                    );
                    ExitCode::FAILURE
                }
            }
        }
    }
}
