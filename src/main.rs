//! The `cramdown` binary: parses the command line, calls the library, prints, sets the exit code.

use std::process::ExitCode;

use clap::Parser;
use cramdown::cli::{
    BuildArgs, CheckArgs, Cli, Command, ExportArgs, Format, ImportArgs, ImportSource,
};
use cramdown::diagnostic::{display_path, Diagnostics};

/// mimalloc: a build allocates many small strings from two threads at once, where glibc's
/// allocator spent a quarter of the time (and at 100,000 questions more than half).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let root = cli.root;
    let (what, result) = match cli.command {
        Command::Build(args) => ("build", build(root, &args)),
        Command::Serve(args) => {
            let mut build = cramdown::BuildOptions::new(root);
            build.drafts = args.drafts;
            let options = cramdown::serve::ServeOptions {
                build,
                bind: args.bind,
                port: args.port,
            };
            ("serve", cramdown::serve::run(options))
        }
        Command::Check(args) => return check(root, &args),
        Command::New(args) => (
            "new",
            cramdown::scaffold::new_question(&root, &args.title, &args.topics, args.difficulty)
                .map(|path| println!("{}", display_path(&path)))
                .map_err(Diagnostics::from),
        ),
        Command::Init(args) => {
            let dir = args.dir.unwrap_or(root);
            let shown = display_path(&dir);
            let result = cramdown::scaffold::init(&dir, args.templates)
                .map(|()| println!("created a cramdown site in {shown}; build it with `cramdown build --root {shown}`"))
                .map_err(Diagnostics::from);
            ("init", result)
        }
        Command::Export(args) => ("export", export(root, &args)),
        Command::Import(args) => ("import", import(&root, &args)),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(d) => fail(&d, what),
    }
}

fn build(root: std::path::PathBuf, args: &BuildArgs) -> Result<(), Diagnostics> {
    let mut options = args.site.options(root);
    options.output = args.output.clone();
    let report = cramdown::build(&options)?;
    for w in &report.warnings {
        eprintln!("{w}");
    }
    if args.verbose {
        for (stage, time) in &report.timings {
            eprintln!("  {stage:<9} {:>8.1} ms", time.as_secs_f64() * 1000.0);
        }
    }
    println!(
        "built {} questions in {} topics in {} ms into {}",
        report.questions,
        report.topics,
        report.elapsed.as_millis(),
        display_path(&report.output)
    );
    Ok(())
}

fn check(root: std::path::PathBuf, args: &CheckArgs) -> ExitCode {
    let options = cramdown::check::CheckOptions {
        online: args.online,
    };
    let report = cramdown::check::run(&args.site.options(root), &options);
    match args.format {
        Format::Text => {
            for finding in &report.findings {
                println!("{finding}");
            }
            if args.external {
                for link in &report.external {
                    println!(
                        "{}:{}:{}: external link: {}",
                        display_path(&link.at.path),
                        link.at.line,
                        link.at.col,
                        link.url
                    );
                }
            }
            match report.findings.len() {
                0 => eprintln!("check: no problems in {} questions", report.questions),
                1 => eprintln!("check: 1 finding"),
                n => eprintln!("check: {n} findings"),
            }
        }
        Format::Json => println!("{}", report.to_json(args.external)),
    }
    if report.findings.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

fn export(root: std::path::PathBuf, args: &ExportArgs) -> Result<(), Diagnostics> {
    let options = args.site.options(root);
    let export = cramdown::anki::export(&options, args.deck.as_deref())?;
    for w in &export.warnings {
        eprintln!("{w}");
    }
    std::fs::write(&args.anki, &export.text).map_err(|e| {
        cramdown::diagnostic::Diagnostic::error(&args.anki, format!("cannot write: {e}"))
    })?;
    println!(
        "exported {} notes to {} (in Anki: File > Import)",
        export.notes,
        display_path(&args.anki)
    );
    Ok(())
}

fn import(root: &std::path::Path, args: &ImportArgs) -> Result<(), Diagnostics> {
    use cramdown::import::{Format, ImportOptions};
    let (format, file) = match &args.source {
        ImportSource::Readme(f) => (Format::Readme, f),
        ImportSource::Anki(f) => (Format::Anki, f),
    };
    let report = cramdown::import::run(&ImportOptions {
        root,
        format,
        file: &file.file,
        topic: file.topic.as_deref(),
        force: file.force,
    })?;
    for w in &report.warnings {
        eprintln!("{w}");
    }
    for path in &report.written {
        println!("{}", display_path(path));
    }
    println!("imported {} questions", report.written.len());
    if !report.undescribed.is_empty() {
        println!("describe the new topics in site.toml:");
        for (slug, name) in &report.undescribed {
            println!("\n[topics.{slug}]\ntitle = {}", toml_string(name));
        }
    }
    Ok(())
}

fn toml_string(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

fn fail(diagnostics: &Diagnostics, what: &str) -> ExitCode {
    eprint!("{diagnostics}");
    let errors = diagnostics.0.iter().filter(|d| d.is_error()).count();
    let plural = if errors == 1 { "" } else { "s" };
    if what == "build" {
        eprintln!("build failed: {errors} error{plural}; the output folder was left as it was");
    } else {
        eprintln!("{what} failed: {errors} error{plural}");
    }
    ExitCode::FAILURE
}
