//! Keeping a profile's exchange folders in step while the app is open, off the event
//! loop: after a save (at most every few seconds, so typing never waits on it) and
//! whenever the partner's share in the folder changes.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};

use crate::content::Workbook;
use crate::exchange::local;
use crate::store;

/// How often the folder is looked at.
const LOOK: Duration = Duration::from_millis(1000);
/// Shares written at most this often while typing goes on.
const BATCH: Duration = Duration::from_secs(3);

/// The background syncer of one profile; stops when dropped.
pub struct Syncer {
    latest: Arc<Mutex<Option<(String, bool)>>>,
    stop: Arc<AtomicBool>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Syncer {
    /// Starts syncing `profile`'s linked partners from `answers_text` (the answers as
    /// saved); `None` when the profile has no exchange folder.
    /// `protection` is the profile's own: its exchange files are under it. The answers'
    /// text is made only when there is a folder to sync.
    pub fn start(
        data_dir: &Path,
        wb: Arc<Workbook>,
        (profile, protection): (&str, &store::Protection),
        answers_text: impl FnOnce() -> String,
    ) -> Option<Syncer> {
        let partners = local::linked_partners(data_dir, profile);
        if partners.is_empty() {
            return None;
        }
        // Encoded only when there is a partner to share with: a start without one
        // does not pay for encoding every answer.
        let latest = Arc::new(Mutex::new(Some((answers_text(), false))));
        let stop = Arc::new(AtomicBool::new(false));
        let (l, s) = (Arc::clone(&latest), Arc::clone(&stop));
        let (dir, me) = (data_dir.to_path_buf(), profile.to_string());
        let protection = protection.clone();
        let thread = std::thread::spawn(move || run(&dir, &wb, (&me, &protection), &partners, &l, &s));
        Some(Syncer {
            latest,
            stop,
            thread: Some(thread),
        })
    }

    /// The answers were saved as `text`: a share follows soon.
    pub fn saved(&self, text: &str) {
        if let Ok(mut l) = self.latest.lock() {
            *l = Some((text.to_string(), true));
        }
    }
}

/// Stops the syncer after a last share of what was saved, so quitting loses nothing.
impl Drop for Syncer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// When the partner's share files in `dir` last changed.
fn partner_mtime(dir: &Path, partner: &str) -> Option<SystemTime> {
    let stem = format!("{partner}.share");
    std::fs::read_dir(dir)
        .ok()?
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().contains(&stem))
        .filter_map(|e| e.metadata().ok()?.modified().ok())
        .max()
}

fn run(
    dir: &Path,
    wb: &Workbook,
    (me, protection): (&str, &store::Protection),
    partners: &[String],
    latest: &Mutex<Option<(String, bool)>>,
    stop: &AtomicBool,
) {
    let folders: Vec<(String, Option<PathBuf>)> = partners
        .iter()
        .map(|p| {
            (
                p.clone(),
                local::link(dir, me, p, protection)
                    .ok()
                    .flatten()
                    .map(|l| l.folder),
            )
        })
        .collect();
    let mut seen: Vec<Option<SystemTime>> = folders
        .iter()
        .map(|(p, f)| f.as_deref().and_then(|f| partner_mtime(f, p)))
        .collect();
    let mut last_write = Instant::now();
    loop {
        let started = Instant::now();
        while started.elapsed() < LOOK && !stop.load(Ordering::Relaxed) {
            std::thread::sleep(Duration::from_millis(50));
        }
        let stopping = stop.load(Ordering::Relaxed);
        let now: Vec<Option<SystemTime>> = folders
            .iter()
            .map(|(p, f)| f.as_deref().and_then(|f| partner_mtime(f, p)))
            .collect();
        let theirs_changed = now != seen;
        let (text, mine_changed) = match latest.lock() {
            Ok(l) => l.clone().unwrap_or_default(),
            Err(_) => return,
        };
        if stopping && !mine_changed {
            return;
        }
        let due = stopping || theirs_changed || (mine_changed && last_write.elapsed() >= BATCH);
        if !due {
            continue;
        }
        seen = now;
        let Ok(saved) = store::decode(&text, &dir.join(format!("{me}.toml"))) else {
            continue;
        };
        for (p, _) in &folders {
            // What went wrong shows in `trustbook sync`; the app goes on.
            let now = crate::answers::now_utc();
            let _ = local::sync(dir, wb, (me, p), &saved.answers, &now, protection);
        }
        if let Ok(mut l) = latest.lock()
            && let Some((t, changed)) = l.as_mut()
            && *t == text
        {
            *changed = false;
        }
        last_write = Instant::now();
        if stopping {
            return;
        }
    }
}
