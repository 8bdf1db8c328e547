//! Concurrency: searches from several threads while one writer adds, replaces and commits;
//! readers only ever see committed states (whole batches), counts never go back, nothing
//! deadlocks; a second writer on the same on-disk index gets `Error::Locked`.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{mpsc, Arc};
use std::time::{Duration, Instant};

use rosetta_index::{Error, NewsDocument, NewsIndex, SearchRequest, WriterOptions};

const BATCH: usize = 40;
const BATCHES: usize = 10;
/// Commits that replace a whole batch (same ids again): the count must not move.
const REPLACE_COMMITS: usize = 4;
const DEADLINE: Duration = Duration::from_secs(240);

fn options() -> WriterOptions {
    WriterOptions {
        memory_budget: 30_000_000,
        threads: 1,
    }
}

fn batch(b: usize, version: usize) -> Vec<NewsDocument> {
    (0..BATCH)
        .map(|i| {
            NewsDocument::new(
                format!("doc-{b}-{i}"),
                format!(
                    "Zanzibar report {i} of batch {b}, version {version}: Peskov met the delegation in Istanbul."
                ),
            )
        })
        .collect()
}

/// What one reader saw.
#[derive(Debug, Default)]
struct Seen {
    searches: usize,
    max_total: usize,
}

/// Searches and reads stats until `stop`; every observation must be a whole number of batches and
/// never smaller than the previous one.
fn reader(index: NewsIndex, reload: bool, stop: Arc<AtomicBool>) -> Seen {
    let mut seen = Seen::default();
    let mut last_total = 0;
    let mut last_docs = 0;
    loop {
        // Read the flag first, so the last round sees the final commit.
        let stopping = stop.load(Ordering::SeqCst);
        if reload {
            index.reload().unwrap();
        }
        let results = index
            .search(&SearchRequest::new("Zanzibar").limit(3))
            .unwrap();
        assert_eq!(
            results.total % BATCH,
            0,
            "a search saw part of a batch: {}",
            results.total
        );
        assert!(
            results.total >= last_total,
            "total went back from {last_total} to {}",
            results.total
        );
        assert!(results.hits.len() <= 3);
        last_total = results.total;
        let docs = index.stats().unwrap().documents as usize;
        assert_eq!(docs % BATCH, 0, "stats saw part of a batch: {docs}");
        assert!(
            docs >= last_docs,
            "documents went back from {last_docs} to {docs}"
        );
        last_docs = docs;
        seen.searches += 1;
        seen.max_total = seen.max_total.max(results.total);
        if stopping {
            return seen;
        }
    }
}

#[test]
fn readers_see_whole_commits_while_one_writer_works() {
    let dir = tempfile::tempdir().unwrap();
    let index = NewsIndex::open_or_create(dir.path()).unwrap();
    let stop = Arc::new(AtomicBool::new(false));
    let commits = Arc::new(AtomicUsize::new(0));
    let (done_tx, done_rx) = mpsc::channel::<&'static str>();

    let mut readers = Vec::new();
    for (name, handle, reload) in [
        // Two threads share the writer's index handle (reloaded by each commit)...
        ("shared-1", index.clone(), false),
        ("shared-2", index.clone(), false),
        // ...and one opens the directory on its own and reloads it itself.
        ("own-handle", NewsIndex::open(dir.path()).unwrap(), true),
    ] {
        let stop = stop.clone();
        let done = done_tx.clone();
        readers.push(std::thread::spawn(move || {
            let seen = reader(handle, reload, stop);
            done.send(name).unwrap();
            (name, seen)
        }));
    }

    let writer = {
        let index = index.clone();
        let commits = commits.clone();
        let done = done_tx.clone();
        std::thread::spawn(move || {
            let mut writer = index.writer_with(options()).unwrap();
            for b in 0..BATCHES {
                let outcome = writer.add_documents(&batch(b, 0)).unwrap();
                assert_eq!(outcome.indexed, BATCH);
                writer.commit().unwrap();
                commits.fetch_add(1, Ordering::SeqCst);
            }
            for version in 1..=REPLACE_COMMITS {
                let outcome = writer.add_documents(&batch(version % 3, version)).unwrap();
                assert_eq!(outcome.replaced, BATCH);
                writer.commit().unwrap();
                commits.fetch_add(1, Ordering::SeqCst);
            }
            done.send("writer").unwrap();
        })
    };

    let started = Instant::now();
    let wait = |what: &str| {
        let left = DEADLINE.saturating_sub(started.elapsed());
        match done_rx.recv_timeout(left) {
            Ok(name) => name,
            Err(_) => panic!("deadlock? {what} not done after {DEADLINE:?}"),
        }
    };
    assert_eq!(wait("writer"), "writer");
    writer.join().unwrap();
    stop.store(true, Ordering::SeqCst);
    for _ in 0..readers.len() {
        wait("readers");
    }
    for r in readers {
        let (name, seen) = r.join().unwrap();
        eprintln!("{name}: {seen:?}");
        assert!(seen.searches > 0);
        assert_eq!(seen.max_total, BATCH * BATCHES, "{name}");
    }
    assert_eq!(commits.load(Ordering::SeqCst), BATCHES + REPLACE_COMMITS);
    assert_eq!(index.stats().unwrap().documents as usize, BATCH * BATCHES);
    // Reopened from disk: the same, and the replaced versions are the ones found.
    drop(index);
    let reopened = NewsIndex::open(dir.path()).unwrap();
    assert_eq!(
        reopened.stats().unwrap().documents as usize,
        BATCH * BATCHES
    );
    let r = reopened
        .search(&SearchRequest::new("Zanzibar batch version").limit(1))
        .unwrap();
    assert_eq!(r.total, BATCH * BATCHES);
}

#[test]
fn a_second_writer_gets_locked() {
    let dir = tempfile::tempdir().unwrap();
    let index = NewsIndex::open_or_create(dir.path()).unwrap();
    let mut first = index.writer_with(options()).unwrap();
    first.add_documents(&batch(0, 0)).unwrap();

    // The same handle, another handle on the same directory, and another thread.
    let same = index.writer_with(options());
    let other = NewsIndex::open(dir.path()).unwrap().writer_with(options());
    let path = dir.path().to_path_buf();
    let thread = std::thread::spawn(move || {
        NewsIndex::open_or_create(&path)
            .unwrap()
            .writer_with(options())
            .map(|_| ())
    })
    .join()
    .unwrap();
    for (what, result) in [
        ("same handle", same.map(|_| ())),
        ("other handle", other.map(|_| ())),
        ("other thread", thread),
    ] {
        match result {
            Err(e @ Error::Locked(_)) => {
                assert!(e.to_string().contains("index is locked"), "{what}: {e}")
            }
            Err(e) => panic!("{what}: expected Error::Locked, got {e}"),
            Ok(()) => panic!("{what}: a second writer was allowed"),
        }
    }

    // The first writer is unharmed; after it is dropped, a new writer works.
    first.commit().unwrap();
    drop(first);
    assert_eq!(index.stats().unwrap().documents as usize, BATCH);
    let mut second = index.writer_with(options()).unwrap();
    second.add_documents(&batch(1, 0)).unwrap();
    second.commit().unwrap();
    drop(second);
    let reopened = NewsIndex::open(dir.path()).unwrap();
    assert_eq!(reopened.stats().unwrap().documents as usize, 2 * BATCH);
    assert_eq!(
        reopened
            .search(&SearchRequest::new("Zanzibar"))
            .unwrap()
            .total,
        2 * BATCH
    );
}

#[test]
fn uncommitted_changes_are_invisible_and_rollback_drops_them() {
    let index = NewsIndex::create_in_ram();
    let mut writer = index.writer_with(options()).unwrap();
    writer.add_documents(&batch(0, 0)).unwrap();
    writer.commit().unwrap();
    writer.add_documents(&batch(1, 0)).unwrap();
    assert!(writer.delete("doc-0-0").unwrap());
    let searcher_view = index.search(&SearchRequest::new("Zanzibar")).unwrap();
    assert_eq!(searcher_view.total, BATCH, "uncommitted documents visible");
    writer.rollback().unwrap();
    writer.commit().unwrap();
    assert_eq!(index.stats().unwrap().documents as usize, BATCH);
}
