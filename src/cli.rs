//! The command line: `cramdown build | serve | check | new | init`.

use std::net::IpAddr;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::content::front_matter::Difficulty;

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
    /// Build in memory and serve on 127.0.0.1 with live reload.
    Serve(ServeArgs),
    /// Run every check of a build, and more, without writing anything.
    Check(CheckArgs),
    /// Create a question file: `cramdown new "How does S3 versioning work?" --topic s3`.
    New(NewArgs),
    /// Create a new site in DIR (default: the current folder).
    Init(InitArgs),
    /// Write the questions as an Anki text file: `cramdown export --anki deck.txt`.
    Export(ExportArgs),
    /// Write question files into content/ from a README of <details> blocks or an Anki text file.
    Import(ImportArgs),
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The Anki text file to write (File > Import in Anki reads it).
    #[arg(long, value_name = "FILE")]
    pub anki: PathBuf,
    /// Name of the Anki deck (default: the site's title).
    #[arg(long, value_name = "NAME")]
    pub deck: Option<String>,
    #[command(flatten)]
    pub site: SiteArgs,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    #[command(subcommand)]
    pub source: ImportSource,
}

#[derive(Debug, Subcommand)]
pub enum ImportSource {
    /// A Markdown README whose questions are `<details><summary>` blocks.
    Readme(ImportFileArgs),
    /// An Anki text file ("Notes in Plain Text", or one written by `cramdown export --anki`).
    Anki(ImportFileArgs),
}

#[derive(Debug, Args)]
pub struct ImportFileArgs {
    /// The file to read.
    pub file: PathBuf,
    /// Topic slug of every imported question (default: the README's `##` heading, or the
    /// note's tags).
    #[arg(long, short = 't')]
    pub topic: Option<String>,
    /// Replace question files that already exist (never any other file).
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct SiteArgs {
    /// Include questions marked `draft = true`.
    #[arg(long)]
    pub drafts: bool,
    /// Absolute URL the site is published at; overrides base_url in site.toml.
    #[arg(long)]
    pub base_url: Option<String>,
}

#[derive(Debug, Args)]
pub struct BuildArgs {
    /// Output folder (default: public/ under the site root).
    #[arg(long, short = 'o')]
    pub output: Option<PathBuf>,
    #[command(flatten)]
    pub site: SiteArgs,
    /// Print how long each stage took.
    #[arg(long, short = 'v')]
    pub verbose: bool,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Port to serve on; the next free one is used when it is taken.
    #[arg(long, short = 'p', default_value_t = 1111)]
    pub port: u16,
    /// Address to listen on. Anything but loopback opens the site to your network.
    #[arg(long, default_value = "127.0.0.1")]
    pub bind: IpAddr,
    /// Include questions marked `draft = true`.
    #[arg(long)]
    pub drafts: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Json,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub site: SiteArgs,
    /// List the external links; with --online also request each one.
    #[arg(long)]
    pub external: bool,
    /// Check external links over the network (HEAD, 10 s timeout each; needs curl).
    #[arg(long, requires = "external")]
    pub online: bool,
    /// Output format of the findings.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

#[derive(Debug, Args)]
pub struct NewArgs {
    /// The question, as the learner will read it.
    pub title: String,
    /// Topic slug (repeat for several); the file goes in content/<first topic>/.
    #[arg(long = "topic", short = 't', required = true)]
    pub topics: Vec<String>,
    #[arg(long, short = 'd', value_parser = parse_difficulty)]
    pub difficulty: Option<Difficulty>,
}

fn parse_difficulty(s: &str) -> Result<Difficulty, String> {
    Difficulty::from_name(s).ok_or_else(|| {
        let names: Vec<&str> = Difficulty::ALL.iter().map(|d| d.name()).collect();
        format!("expected one of: {}", names.join(", "))
    })
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Folder of the new site (created if missing).
    pub dir: Option<PathBuf>,
    /// Also copy the default templates and static files, to customise them.
    #[arg(long)]
    pub templates: bool,
}

impl SiteArgs {
    pub fn options(&self, root: PathBuf) -> crate::BuildOptions {
        crate::BuildOptions {
            root,
            output: None,
            drafts: self.drafts,
            base_url: self.base_url.clone(),
        }
    }
}
