//! `server backup FOLDER`: a consistent copy of the portal's data while it runs — the SQLite database
//! through `VACUUM INTO` (one moment's snapshot; the portal keeps answering and writing) and the local files
//! folder — into a new folder that is itself a data folder. To restore, stop the portal, put the folder's
//! `portal.sqlite3` and `files/` in `server.data_dir` (or point `server.data_dir` at the folder) and start
//! it (README). Files are copied after the database: a file is never changed once written, so the copy
//! holds every file the snapshot names, except a draft's file removed in between.

use crate::config::{self, Settings};
use std::path::Path;

/// What a backup copied.
#[derive(Debug)]
pub struct Copied {
    pub files: u64,
}

pub async fn backup(settings: &Settings, to: &Path) -> anyhow::Result<Copied> {
    let url = settings.database_url();
    if !url.starts_with("sqlite:") {
        anyhow::bail!("this command copies an SQLite database; back a PostgreSQL one up with pg_dump");
    }
    if to.read_dir().is_ok_and(|mut entries| entries.next().is_some()) {
        anyhow::bail!("{} is not empty: a backup goes into a new folder", to.display());
    }
    std::fs::create_dir_all(to)?;
    let database = to.join("portal.sqlite3");
    let pool = sqlx::SqlitePool::connect(&url).await?;
    sqlx::query("VACUUM INTO ?").bind(database.to_string_lossy().as_ref()).execute(&pool).await?;
    pool.close().await;
    let files = match settings.files {
        config::Files::Local => copy_folder(&settings.server.data_dir.join("files"), &to.join("files"))?,
        // A bucket is backed up by its own versioning or replication.
        config::Files::S3 { .. } => 0,
    };
    Ok(Copied { files })
}

/// Copies a folder's tree; returns how many files it held. A folder not made yet (a portal that has
/// received no file) is an empty one.
pub fn copy_folder(from: &Path, to: &Path) -> std::io::Result<u64> {
    std::fs::create_dir_all(to)?;
    if !from.exists() {
        return Ok(0);
    }
    let mut copied = 0;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copied += copy_folder(&entry.path(), &target)?;
        } else {
            std::fs::copy(entry.path(), target)?;
            copied += 1;
        }
    }
    Ok(copied)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_portal_that_has_no_files_yet_backs_up_an_empty_folder() {
        let folder = tempfile::tempdir().unwrap();
        let to = folder.path().join("backup/files");
        assert_eq!(copy_folder(&folder.path().join("never-made"), &to).unwrap(), 0);
        assert!(to.is_dir());
    }
}
