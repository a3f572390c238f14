use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = jianggao::cli::Cli::parse();
    match cli.command {
        Some(cmd) => jianggao::cli::run(cmd),
        None => {
            use clap::CommandFactory;
            // Until the window exists, the program explains its commands.
            let _ = jianggao::cli::Cli::command().print_help();
            ExitCode::SUCCESS
        }
    }
}
