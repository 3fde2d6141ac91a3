//! `server`: runs Portail 311. Configuration comes from `city-profile/city.toml` (built in), an optional
//! file named by `PORTAL_CONFIG_FILE`, and `PORTAL_…` environment variables; see README.md.
//!
//! `server create-staff --role agent|supervisor|admin --email … --name … [--lang fr|en]` creates a staff
//! account instead (`create-admin`: an administrator); `server reset-two-factor --email …` forgets a staff
//! member's authenticator app (a lost phone);
//! `server import-addresses FILE.csv` replaces the address points with the city's open-data file;
//! `server create-api-key --name … [--rate N]`, `list-api-keys`, `revoke-api-key --name …`: Open311
//! clients' keys (api_keys.rs);
//! `server backup FOLDER` copies the database and files, consistently, while the portal runs;
//! `server copy-data --to postgres://… [--files-to s3://BUCKET]` moves a stopped portal's SQLite database
//! (and files) to PostgreSQL (and a bucket).

use app::accounts::model::Role;
use server::admin::{create_staff, reset_two_factor, CreateStaff};
use std::process::ExitCode;

fn main() -> ExitCode {
    server::telemetry::init();
    let settings = match server::config::Settings::load() {
        Ok(settings) => settings,
        Err(error) => {
            eprintln!("Portail 311 cannot start: {error}");
            return ExitCode::from(2);
        }
    };
    let args: Vec<String> = std::env::args().skip(1).collect();
    let runtime = tokio::runtime::Runtime::new().expect("a tokio runtime");
    match args.first().map(String::as_str) {
        None => match runtime.block_on(server::startup::serve(settings)) {
            Ok(()) => ExitCode::SUCCESS,
            Err(error) => {
                eprintln!("Portail 311 stopped: {error:#}");
                ExitCode::FAILURE
            }
        },
        Some(command @ ("create-admin" | "create-staff")) => {
            let default_role = if command == "create-admin" { Role::Admin } else { Role::Agent };
            let staff = match CreateStaff::parse(&args[1..], default_role) {
                Ok(staff) => staff,
                Err(problem) => {
                    eprintln!(
                        "{command}: {problem}\nusage: server {command} [--role agent|supervisor|admin] --email ADDRESS \
                         --name NAME [--lang fr|en]"
                    );
                    return ExitCode::from(2);
                }
            };
            let role = staff.role.code();
            finish(command, runtime.block_on(create_staff(&settings, staff)), |links| {
                format!(
                    "Staff account ({role}) created. To choose a password (within 24 hours): {}\n\
                     Then sign in: the first sign-in sets up two-step verification with an authenticator app, at {}",
                    links.password, links.enrolment
                )
            })
        }
        Some(command @ "reset-two-factor") => {
            let reset = runtime.block_on(reset_two_factor(&settings, &args[1..]));
            let reset =
                reset.map_err(|error| anyhow::anyhow!("{error:#}\nusage: server reset-two-factor --email ADDRESS"));
            finish(command, reset, |email| {
                format!("Two-step verification reset for {email}: signed out everywhere, they set it up again at their next sign-in.")
            })
        }
        Some("backup") => {
            let Some(folder) = args.get(1) else {
                eprintln!("usage: server backup FOLDER (a new or empty folder)");
                return ExitCode::from(2);
            };
            let copied = runtime.block_on(server::backup::backup(&settings, std::path::Path::new(folder)));
            finish("backup", copied, |copied| {
                format!("Backup written to {folder}: the database and {} files.", copied.files)
            })
        }
        Some(command @ "copy-data") => {
            let copied = runtime.block_on(server::copy_data::copy_data(&settings, &args[1..]));
            let copied = copied.map_err(|error| {
                anyhow::anyhow!("{error:#}\nusage: server copy-data --to postgres://… [--files-to s3://BUCKET]")
            });
            finish(command, copied, |copied| {
                let rows: Vec<String> = copied.rows.iter().map(|(table, n)| format!("{table} {n}")).collect();
                format!("Copied, counts checked: {}; {} files.", rows.join(", "), copied.files)
            })
        }
        Some("import-addresses") => {
            let Some(file) = args.get(1) else {
                eprintln!("usage: server import-addresses FILE.csv");
                return ExitCode::from(2);
            };
            let imported = runtime.block_on(server::addresses_file::import_into(&settings, std::path::Path::new(file)));
            finish("import-addresses", imported, |count| format!("{count} address points imported from {file}."))
        }
        Some(command @ "create-api-key") => {
            let created = runtime.block_on(server::api_keys::create(&settings, &args[1..]));
            let usage = "usage: server create-api-key --name NAME [--rate REQUESTS_A_MINUTE]";
            finish(command, created.map_err(|error| anyhow::anyhow!("{error:#}\n{usage}")), |key| key)
        }
        Some(command @ "list-api-keys") => {
            finish(command, runtime.block_on(server::api_keys::list(&settings)), |list| list)
        }
        Some(command @ "revoke-api-key") => {
            let revoked = runtime.block_on(server::api_keys::revoke(&settings, &args[1..]));
            let revoked =
                revoked.map_err(|error| anyhow::anyhow!("{error:#}\nusage: server revoke-api-key --name NAME"));
            finish(command, revoked, |name| {
                format!("The key \"{}\" is revoked: it files nothing from now on.", name.as_str())
            })
        }
        Some(other) => {
            eprintln!("unknown command \"{other}\"; commands: create-admin, create-staff, reset-two-factor, import-addresses, backup, create-api-key, list-api-keys, revoke-api-key (or none, to serve)");
            ExitCode::from(2)
        }
    }
}

/// How a command ended: what it did, on standard output; or its error, named by the command, on standard
/// error and in the exit status.
fn finish<T, E: std::fmt::Display>(command: &str, result: Result<T, E>, done: impl FnOnce(T) -> String) -> ExitCode {
    match result {
        Ok(value) => {
            println!("{}", done(value));
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("{command}: {error:#}");
            ExitCode::FAILURE
        }
    }
}
