//! The `matchslate` command: parse arguments, dispatch, map errors to exit
//! codes (0 ok, 1 problems in the data or a failed run, 2 usage errors).

mod cli;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let args = cli::Args::parse();
    cli::run(args)
}
