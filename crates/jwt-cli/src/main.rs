//! `jwt`: sign, verify, decode, lint and generate keys with jwt-core.
//!
//! A thin std shell over the library: every key, JWK and JWK Set is read by jwt-core, and every
//! refusal carries its code. It fails closed: the algorithm comes from `--alg` or the key, never
//! from the token; `aud` is never skipped; there is no default leeway. Exit statuses are
//! [`EXIT_STATUS`], printed by `--help`.

mod alg;
mod cmd_decode;
mod cmd_keygen;
mod cmd_lint;
mod cmd_sign;
mod cmd_verify;
mod explain;
mod hints;
mod input;
mod keys;
mod output;
mod policy;
mod times;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// What `--help` says of exit statuses, exactly what [`main`] returns.
const EXIT_STATUS: &str = "Exit status:
  0  valid (verify), or done
  1  refused, with the library's error code: the token, a key that does not fit the
     algorithm (weak-key, invalid-key, key-as-secret), or claims sign will not sign
  2  usage error: a flag, a value that would weaken the policy, an unreadable file";

/// Sign, verify and inspect JSON Web Tokens, strictly.
#[derive(Debug, Parser)]
#[command(name = "jwt", version, about, long_about = None, after_help = EXIT_STATUS)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Verify a token's signature and claims. Exit 0 if valid, 1 if rejected.
    Verify(cmd_verify::Args),
    /// Sign claims into a token.
    Sign(cmd_sign::Args),
    /// Show a token's header and claims WITHOUT verifying anything.
    Decode(cmd_decode::Args),
    /// Audit a token offline, without a key.
    Lint(cmd_lint::Args),
    /// Generate a fresh key as a JWK.
    Keygen(cmd_keygen::Args),
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    Completions(Completions),
}

#[derive(Debug, clap::Args)]
struct Completions {
    /// The shell to complete for.
    #[arg(value_enum)]
    shell: clap_complete::Shell,
}

/// Why a command did not succeed.
#[derive(Debug)]
pub enum Failure {
    /// The token, a key or the claims were refused by the library: exit 1 with its stable
    /// code (this tool has no codes of its own).
    Rejected {
        /// The library's error.
        error: jwt_core::Error,
        /// Which rule was broken, with its numbers.
        message: String,
    },
    /// The command line or a key could not be used: exit 2.
    Usage(String),
}

impl Failure {
    /// A refusal with the library error's own code.
    #[must_use]
    pub fn from_error(error: jwt_core::Error, message: String) -> Self {
        Self::Rejected { error, message }
    }
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return command_line_error(&e),
    };
    let (json, result) = match cli.command {
        Command::Verify(args) => (args.json, cmd_verify::run(&args)),
        Command::Sign(args) => (args.json, cmd_sign::run(&args)),
        Command::Decode(args) => (args.json, cmd_decode::run(&args)),
        Command::Lint(args) => (args.json, cmd_lint::run(&args)),
        Command::Keygen(args) => (args.json, cmd_keygen::run(&args)),
        Command::Completions(args) => {
            let mut command = <Cli as clap::CommandFactory>::command();
            clap_complete::generate(args.shell, &mut command, "jwt", &mut std::io::stdout());
            return ExitCode::SUCCESS;
        }
    };
    match result {
        Ok(code) => code,
        Err(Failure::Rejected { error, message }) => {
            output::rejected(output::Format::from_json_flag(json), error.code(), &message);
            ExitCode::from(1)
        }
        Err(Failure::Usage(message)) => {
            output::usage(output::Format::from_json_flag(json), &message);
            ExitCode::from(2)
        }
    }
}

/// A command line clap could not read: its own message and status, or, when `--json` was
/// asked for, the usage error as JSON (exit 2).
fn command_line_error(error: &clap::Error) -> ExitCode {
    use clap::error::ErrorKind;
    let informational = matches!(
        error.kind(),
        ErrorKind::DisplayHelp
            | ErrorKind::DisplayVersion
            | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
    );
    if informational || !std::env::args_os().any(|a| a == "--json") {
        error.exit();
    }
    let text = error.render().to_string();
    let message = text
        .lines()
        .next()
        .unwrap_or_default()
        .trim_start_matches("error: ");
    output::usage(output::Format::Json, message);
    ExitCode::from(2)
}
