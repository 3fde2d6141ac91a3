//! `server`: runs Portail 311. Configuration comes from `city-profile/city.toml` (built in), an optional
//! file named by `PORTAL_CONFIG_FILE`, and `PORTAL_…` environment variables; see README.md.

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
    let runtime = tokio::runtime::Runtime::new().expect("a tokio runtime");
    match runtime.block_on(server::startup::serve(settings)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("Portail 311 stopped: {error:#}");
            ExitCode::FAILURE
        }
    }
}
