//! Server side of requests: the store interface, the file store, and the work behind each step
//! (`flows`), the upload route (`uploads`), image processing (`images`) and updates (`updates`).

pub mod access;
pub mod flows;
pub mod images;
pub mod updates;
pub mod uploads;

use super::model::{
    Answers, AttachmentKind, Attention, ContactChannel, Description, DraftId, Place, PlaceNote, Reference,
};
use crate::accounts::ssr::AccountId;
use crate::catalogue::{Catalogue, Code};
use crate::city::ssr::City;
use crate::i18n::Lang;
use crate::lifecycle::model::{CloseReason, Status};
use jiff::civil::Date;
use object_store::{path::Path, ObjectStore, PutPayload};
use std::sync::Arc;

/// The day a request for `service` made (or reopened) today is expected done: its service level in
/// working days, in the city's calendar.
pub fn expected_on(city: &City, catalogue: &Catalogue, service: &Code) -> Option<Date> {
    let days = catalogue.service(service)?.service_level_days?;
    Some(city.working_days_after(city.date_of(jiff::Timestamp::now()), days))
}

/// A draft as stored.
#[derive(Clone, Debug)]
pub struct Draft {
    pub id: DraftId,
    pub account_id: Option<AccountId>,
    pub service: Code,
    pub place: Option<Place>,
    pub place_note: PlaceNote,
    pub answers: Answers,
    pub description: Description,
    pub updated_at: i64,
    /// Filled in by an agent for a caller (`account_id` is the agent).
    pub on_behalf: Option<OnBehalf>,
}

/// A draft an agent fills in for a caller: whose request it will be, how they reached 311, and the
/// language they are served in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OnBehalf {
    pub caller: AccountId,
    pub channel: ContactChannel,
    pub lang: Lang,
    /// The caller's name as the store reads it back (ignored when the draft is made).
    pub name: String,
    /// Filed from this live chat: the reference is posted into it once the request exists.
    pub chat: Option<i64>,
    /// What the filing's internal note says (a chat's transcript), written with the request.
    pub note: String,
}

/// A photo or file as stored. Its bytes are in the file store under [`Files::key`].
#[derive(Clone, Debug)]
pub struct Attachment {
    pub id: String,
    pub kind: AttachmentKind,
    pub content_type: &'static str,
    pub name: String,
    pub size: u64,
    pub thumbnail: bool,
}

/// A submitted request as stored.
#[derive(Clone, Debug)]
pub struct StoredRequest {
    pub reference: Reference,
    pub account_id: AccountId,
    pub service: Code,
    pub address: String,
    /// "Where exactly", in the resident's words; may be empty.
    pub place_note: String,
    pub description: String,
    pub status: Status,
    pub close_reason: Option<CloseReason>,
    /// The team it is assigned to (a code of the city profile's teams).
    pub team: Option<String>,
    /// The day the service level promises, in the city's calendar.
    pub due_on: Option<Date>,
    /// The resident added something staff have not acted on yet.
    pub attention: Option<Attention>,
    /// Goes up with every staff change (see `lifecycle`).
    pub version: i64,
    pub created_at: i64,
    pub channel: ContactChannel,
    /// The Open311 client that filed it (its key's name), for channel `open311`.
    pub client: Option<String>,
}

impl StoredRequest {
    /// The day it is expected done, while it is open.
    pub fn expected_on(&self) -> Option<Date> {
        self.due_on.filter(|_| self.status.is_open())
    }

    /// Open and expected before `today`.
    pub fn is_overdue(&self, today: Date) -> bool {
        self.expected_on().is_some_and(|due| due < today)
    }
}

/// What the portal decides about a request being submitted, beyond the draft.
#[derive(Clone, Debug)]
pub struct NewRequest {
    /// The resident's language when they submitted, for staff calling back.
    pub lang: Lang,
    /// The year of its reference number, in the city.
    pub year: u16,
    /// The service level's day (working days from today).
    pub due_on: Option<Date>,
    pub now: i64,
}

/// What [`RequestStore::submit`] did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Submission {
    New(Reference),
    /// Submitted before (a second click, a retry): that request.
    Existing(Reference),
    /// The draft changed (an upload, another window) or was purged after it was read.
    Stale,
}

/// Where requests and drafts are kept. Implemented per database in `server/src/store/`.
#[async_trait::async_trait]
pub trait RequestStore: Send + Sync {
    /// A new draft; `on_behalf` when an agent (`account`) fills it in for a caller.
    async fn create_draft(
        &self,
        id: &DraftId,
        account: Option<AccountId>,
        service: &Code,
        on_behalf: Option<&OnBehalf>,
        now: i64,
    ) -> anyhow::Result<()>;
    async fn draft(&self, id: &DraftId) -> anyhow::Result<Option<Draft>>;
    /// Gives a draft nobody owns yet to `account` (a resident who started signed out, then signed in);
    /// false when someone else claimed it first.
    async fn claim_draft(&self, id: &DraftId, account: AccountId) -> anyhow::Result<bool>;
    async fn save_place(&self, id: &DraftId, place: &Place, note: &PlaceNote, now: i64) -> anyhow::Result<()>;
    async fn save_details(
        &self,
        id: &DraftId,
        answers: &Answers,
        description: &Description,
        now: i64,
    ) -> anyhow::Result<()>;

    /// Records a file of the draft, unless it already has `max`: then returns false and records nothing.
    async fn add_attachment(
        &self,
        draft: &DraftId,
        attachment: &Attachment,
        max: usize,
        now: i64,
    ) -> anyhow::Result<bool>;
    async fn attachments(&self, draft: &DraftId) -> anyhow::Result<Vec<Attachment>>;
    /// Removes a file from the draft; returns it so that its bytes can be deleted.
    async fn remove_attachment(&self, draft: &DraftId, id: &str) -> anyhow::Result<Option<Attachment>>;
    /// Marks the file's thumbnail made; false when the file was removed meanwhile.
    async fn set_thumbnail(&self, id: &str) -> anyhow::Result<bool>;
    /// The file `id`, if `account` may see it (it is on their draft or their request); staff see every
    /// request's files.
    async fn attachment_for(
        &self,
        id: &str,
        account: Option<AccountId>,
        staff: bool,
    ) -> anyhow::Result<Option<Attachment>>;

    /// Turns the draft into a request, in one transaction: a new reference number for the year, the
    /// request, its answers, its files; the draft is deleted. A draft already submitted (the same
    /// idempotency key) gives `Existing` and changes nothing; a draft changed or deleted since `draft` was
    /// read gives `Stale` and changes nothing. A draft filed on a caller's behalf also gets its audit row
    /// (who filed it for whom) and its line in the contacts log, in the same transaction.
    async fn submit(&self, draft: &Draft, account: AccountId, new: &NewRequest) -> anyhow::Result<Submission>;
    async fn request(&self, reference: &Reference) -> anyhow::Result<Option<StoredRequest>>;
    /// A request's answers (question code, value) and its files' names, for the personal-data download.
    async fn contents(&self, reference: &Reference) -> anyhow::Result<(Vec<(String, String)>, Vec<String>)>;
    /// Every request an account made, newest first.
    async fn requests_of(&self, account: AccountId) -> anyhow::Result<Vec<StoredRequest>>;
    async fn request_by_key(&self, key: &DraftId) -> anyhow::Result<Option<Reference>>;
    /// The most recent open request for `service` within `metres` of a point.
    async fn open_request_near(
        &self,
        service: &Code,
        latitude: f64,
        longitude: f64,
        metres: f64,
    ) -> anyhow::Result<Option<StoredRequest>>;

    /// `account` follows the request (once, however often asked).
    async fn follow(&self, reference: &Reference, account: AccountId, now: i64) -> anyhow::Result<()>;
    /// The requests `account` follows, the most recently followed first.
    async fn followed_by(&self, account: AccountId) -> anyhow::Result<Vec<StoredRequest>>;
    /// `account` stops following; false when it did not follow.
    async fn unfollow(&self, reference: &Reference, account: AccountId) -> anyhow::Result<bool>;
    async fn is_follower(&self, reference: &Reference, account: AccountId) -> anyhow::Result<bool>;
    /// How many residents follow the request (besides its author).
    async fn follower_count(&self, reference: &Reference) -> anyhow::Result<u32>;
    /// How many requests each service received since `since` (Unix seconds): the home page's common
    /// requests.
    async fn service_counts(&self, since: i64) -> anyhow::Result<Vec<(Code, u64)>>;
    /// Deletes a draft the resident gave up (to follow another request); returns its files' ids.
    async fn discard_draft(&self, id: &DraftId) -> anyhow::Result<Vec<String>>;

    /// Deletes drafts untouched since `before`, and drafts nobody signed in to own untouched since
    /// `anonymous_before`; returns the ids of the files nothing refers to any more.
    async fn purge_drafts(&self, before: i64, anonymous_before: i64) -> anyhow::Result<Vec<String>>;
    /// Which of `ids` are attachments (of a draft or a request).
    async fn known_files(&self, ids: &[String]) -> anyhow::Result<std::collections::HashSet<String>>;
}

/// The photos and files, in an object store (a local folder by default, S3-compatible when configured).
/// Keys are made from the attachment's random id only: `files/<id>` and `thumbs/<id>.jpg`.
#[derive(Clone)]
pub struct Files {
    pub store: Arc<dyn ObjectStore>,
    /// On a local folder: new files are refused while its disk has less free than this, so that a disk
    /// filled with photos never leaves the database unable to write.
    pub floor: Option<DiskFloor>,
}

/// A folder, and the free bytes its disk must keep.
#[derive(Clone, Debug)]
pub struct DiskFloor {
    pub folder: std::path::PathBuf,
    pub free_bytes: u64,
}

impl Files {
    /// Whether a new file may be stored: always in a bucket; on a local folder, while its disk is above
    /// the floor.
    pub fn has_room(&self) -> bool {
        let Some(floor) = &self.floor else { return true };
        match rustix::fs::statvfs(&floor.folder) {
            Ok(disk) => disk.f_bavail.saturating_mul(disk.f_frsize) >= floor.free_bytes,
            Err(error) => {
                tracing::warn!(%error, "reading the free space of the files' disk");
                true
            }
        }
    }

    pub fn key(id: &str) -> Path {
        Path::from(format!("files/{id}"))
    }

    pub fn thumbnail_key(id: &str) -> Path {
        Path::from(format!("thumbs/{id}.jpg"))
    }

    pub async fn put(&self, key: &Path, bytes: Vec<u8>) -> anyhow::Result<()> {
        self.store.put(key, PutPayload::from(bytes)).await?;
        Ok(())
    }

    pub async fn get(&self, key: &Path) -> anyhow::Result<bytes::Bytes> {
        Ok(self.store.get(key).await?.bytes().await?)
    }

    /// Deletes a file and its thumbnail; a missing one is not an error.
    pub async fn delete(&self, id: &str) -> anyhow::Result<()> {
        for key in [Files::key(id), Files::thumbnail_key(id)] {
            match self.store.delete(&key).await {
                Ok(()) | Err(object_store::Error::NotFound { .. }) => {}
                Err(error) => return Err(error.into()),
            }
        }
        Ok(())
    }
}

/// Everything request flows need, built once by the server binary.
pub struct Requests {
    pub store: Arc<dyn RequestStore>,
    pub files: Files,
    /// Images are decoded one or two at a time, whatever the number of uploads, to bound memory.
    pub decoding: tokio::sync::Semaphore,
}

impl Requests {
    pub fn new(store: Arc<dyn RequestStore>, files: Files) -> Requests {
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        Requests { store, files, decoding: tokio::sync::Semaphore::new(cores.min(4)) }
    }

    /// Deletes the stored files no attachment refers to, last written before `before` (Unix seconds): what
    /// a crash leaves between storing an upload and writing its row, or between deleting rows and their
    /// files. A younger file may be an upload whose row is being written, so it is left for the next sweep.
    /// Returns how many were deleted.
    pub async fn sweep_orphan_files(&self, before: i64) -> anyhow::Result<usize> {
        use futures::TryStreamExt;
        let mut ids = Vec::new();
        for prefix in ["files", "thumbs"] {
            let mut listing = self.files.store.list(Some(&Path::from(prefix)));
            while let Some(file) = listing.try_next().await? {
                let id = file.location.filename().map(|name| name.trim_end_matches(".jpg").to_string());
                if let Some(id) = id.filter(|_| file.last_modified.timestamp() < before) {
                    ids.push(id);
                }
            }
        }
        ids.sort_unstable();
        ids.dedup();
        let mut deleted = 0;
        for batch in ids.chunks(500) {
            let known = self.store.known_files(batch).await?;
            for id in batch.iter().filter(|id| !known.contains(*id)) {
                self.files.delete(id).await?;
                deleted += 1;
            }
        }
        Ok(deleted)
    }
}
