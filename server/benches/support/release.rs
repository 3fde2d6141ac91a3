//! The server binary as the benchmarks that drive it over HTTP (its release build) and the crash tests
//! (`tests/api/crash.rs`) start it: on a free port, with a data folder of their own, configured by
//! `PORTAL_*` variables as an operator would.

use std::path::PathBuf;
use std::process::{Child, Command};
use std::time::Duration;

pub struct Release {
    /// `http://127.0.0.1:PORT`
    pub base: String,
    port: u16,
    data: PathBuf,
    settings: Vec<(&'static str, String)>,
}

impl Release {
    /// A portal keeping its data in `data`, with `settings` besides its address and data folder.
    pub fn new(data: PathBuf, settings: &[(&'static str, String)]) -> Release {
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        Release { base: format!("http://127.0.0.1:{port}"), port, data, settings: settings.to_vec() }
    }

    /// The server binary with this portal's configuration.
    fn command(&self) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_server"));
        command
            .env("PORTAL_SERVER__ADDRESS", format!("127.0.0.1:{}", self.port))
            .env("PORTAL_SERVER__DATA_DIR", &self.data)
            .env("RUST_LOG", "warn")
            .envs(self.settings.iter().map(|(key, value)| (key, value)));
        command
    }

    /// Runs `server ARGS` (`create-staff`, `create-admin`) and returns the token of the password link it
    /// prints.
    pub fn create_account(&self, args: &[&str]) -> String {
        let printed = String::from_utf8(self.command().args(args).output().unwrap().stdout).unwrap();
        let token = printed.split("token=").nth(1).expect("a password link");
        token.split_whitespace().next().unwrap_or_default().to_string()
    }

    pub fn start(&self) -> Child {
        self.command().spawn().unwrap()
    }

    /// Waits until the started server answers.
    pub async fn up(&self) {
        let probe = reqwest::Client::new();
        while probe.get(format!("{}/health", self.base)).send().await.is_err() {
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }
}
