//! How messages leave the portal: e-mail over SMTP (lettre) and text messages through a Twilio-compatible
//! provider, or, by default, files in the data folder's outbox so that a local run needs neither. The
//! interfaces are in `app::accounts::ssr::{mail, sms}`; these are their implementations.

pub mod email;
pub mod sms;

use anyhow::Context;
use std::path::Path;

/// The most a provider may take to answer one step of sending (an SMTP command, the SMS API's call).
const SEND_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(10);

/// Writes an outbox file whole or not at all: under a hidden name first, then renamed, so that whoever
/// reads the folder (a relay script, the tests) never opens half a message.
async fn write_whole(file: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    let name = file.file_name().and_then(|name| name.to_str()).context("an outbox file name")?;
    let partial = file.with_file_name(format!(".{name}.partial"));
    tokio::fs::write(&partial, bytes).await.with_context(|| format!("writing {}", partial.display()))?;
    tokio::fs::rename(&partial, file).await.with_context(|| format!("renaming to {}", file.display()))
}

#[cfg(test)]
mod tests {
    #[tokio::test]
    async fn an_outbox_file_appears_whole_and_alone() {
        let folder = tempfile::tempdir().unwrap();
        let file = folder.path().join("message.eml");
        super::write_whole(&file, b"To: marie@example.ca\r\n\r\nBonjour").await.unwrap();
        let names: Vec<_> = std::fs::read_dir(folder.path()).unwrap().map(|entry| entry.unwrap().file_name()).collect();
        assert_eq!(names, ["message.eml"]);
        assert_eq!(std::fs::read(&file).unwrap(), b"To: marie@example.ca\r\n\r\nBonjour");
    }
}
