//! The command line: `cramdown build | serve | check | new | init`.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(
    name = "cramdown",
    version,
    about = "A fast, safe static site generator for question-and-answer study sites"
)]
pub struct Cli {
    /// The site root (holds site.toml and content/).
    #[arg(long, short = 'r', global = true, default_value = ".")]
    pub root: PathBuf,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the site into the output folder (public/ by default).
    Build(BuildArgs),
}

#[derive(Debug, Args)]
pub struct BuildArgs {
    /// Output folder (default: public/ under the site root).
    #[arg(long, short = 'o')]
    pub output: Option<PathBuf>,
    /// Include questions marked `draft = true`.
    #[arg(long)]
    pub drafts: bool,
    /// Absolute URL the site is published at; overrides base_url in site.toml.
    #[arg(long)]
    pub base_url: Option<String>,
    /// Print how long each stage took.
    #[arg(long, short = 'v')]
    pub verbose: bool,
}

impl BuildArgs {
    pub fn options(&self, root: PathBuf) -> crate::BuildOptions {
        crate::BuildOptions {
            root,
            output: self.output.clone(),
            drafts: self.drafts,
            base_url: self.base_url.clone(),
        }
    }
}
