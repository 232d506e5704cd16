//! The `matchslate` command: parse arguments, dispatch, map errors to exit
//! codes (0 ok, 1 problems in the data or a failed run, 2 usage errors).

mod cli;

use std::process::ExitCode;

use clap::Parser;

// glibc's malloc took about a fifth of `validate`'s CPU at a million sellers
// (tens of millions of small strings made and freed); mimalloc (MIT) keeps
// per-thread free lists and returns freed pages in bulk.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let args = cli::Args::parse();
    cli::run(args)
}
