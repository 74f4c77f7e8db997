//! The sandbox's SQLite database: opening it (WAL, foreign keys, embedded
//! migrations; the files private to the user), and running work on a reader or
//! the single writer off the async runtime — at most as many tasks at once as
//! there are connections, so that many clients wait in a queue instead of each
//! holding a thread.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};

use anyhow::Context as _;
use rusqlite::{Connection, OpenFlags};

const MIGRATIONS: &[&str] = &[
    include_str!("migrations/001_init.sql"),
    include_str!("migrations/002_token_overlap.sql"),
    include_str!("migrations/003_admin_key_owner.sql"),
];
const READERS: usize = 4;

pub struct Db {
    writer: Mutex<Connection>,
    readers: Vec<Mutex<Connection>>,
    next_reader: AtomicUsize,
    /// One permit per reader (one for the in-memory database's single connection).
    read_slots: tokio::sync::Semaphore,
    write_slot: tokio::sync::Semaphore,
    /// Held while the database is open: a second sandbox on it refuses to start.
    _lock: Option<std::fs::File>,
    /// List counts, valid until the next committed write.
    pub counts: CountCache,
}

/// Remembered list counts (`totalResults`), so that paging through one query
/// (Okta's imports, a CLI listing) counts its matches once, not once per page:
/// counting 100,000 index entries costs milliseconds a page doesn't. Every
/// committed write moves the generation, which invalidates them all.
#[derive(Debug, Default)]
pub struct CountCache {
    generation: AtomicU64,
    counts: Mutex<HashMap<String, (u64, usize)>>,
}

impl CountCache {
    /// How many entries are kept before the cache starts over.
    const CAPACITY: usize = 256;

    /// The count for `key`, computing it with `count` unless a count taken since
    /// the last write is remembered. The generation is read before counting, so
    /// a count that may predate a write is never kept as current.
    pub fn get_or<E>(
        &self,
        key: String,
        count: impl FnOnce() -> Result<usize, E>,
    ) -> Result<usize, E> {
        let generation = self.generation.load(Ordering::Acquire);
        let counts = self.counts.lock().unwrap_or_else(|p| p.into_inner());
        if let Some((g, n)) = counts.get(&key)
            && *g == generation
        {
            return Ok(*n);
        }
        drop(counts);
        let n = count()?;
        let mut counts = self.counts.lock().unwrap_or_else(|p| p.into_inner());
        if counts.len() >= Self::CAPACITY {
            counts.clear();
        }
        counts.insert(key, (generation, n));
        Ok(n)
    }

    fn invalidate(&self) {
        self.generation.fetch_add(1, Ordering::AcqRel);
    }
}

impl Db {
    /// Opens (creating if needed) and migrates the database. `:memory:` keeps
    /// everything in one private connection.
    pub fn open(path: &str) -> anyhow::Result<Db> {
        if path == ":memory:" {
            let conn = Connection::open_in_memory()?;
            configure(&conn)?;
            migrate(&conn)?;
            super::store::ensure_indexes(&conn)?;
            return Ok(Db {
                writer: Mutex::new(conn),
                readers: Vec::new(),
                next_reader: AtomicUsize::new(0),
                read_slots: tokio::sync::Semaphore::new(1),
                write_slot: tokio::sync::Semaphore::new(1),
                _lock: None,
                counts: CountCache::default(),
            });
        }
        if let Some(dir) = Path::new(path)
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
        {
            std::fs::create_dir_all(dir)
                .with_context(|| format!("cannot create the directory {}", dir.display()))?;
        }
        let lock = lock(path)?;
        let writer =
            Connection::open(path).with_context(|| format!("cannot open the database {path}"))?;
        configure(&writer).with_context(|| format!("cannot configure the database {path}"))?;
        migrate(&writer).with_context(|| format!("cannot migrate the database {path}"))?;
        super::store::ensure_indexes(&writer)
            .with_context(|| format!("cannot index the database {path}"))?;
        let readers = (0..READERS)
            .map(|_| {
                let c = Connection::open_with_flags(
                    path,
                    OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
                )?;
                c.pragma_update(None, "busy_timeout", 5000)?;
                super::store::register_functions(&c)?;
                Ok(Mutex::new(c))
            })
            .collect::<rusqlite::Result<Vec<_>>>()?;
        private_files(path);
        Ok(Db {
            writer: Mutex::new(writer),
            readers,
            next_reader: AtomicUsize::new(0),
            read_slots: tokio::sync::Semaphore::new(READERS),
            write_slot: tokio::sync::Semaphore::new(1),
            _lock: Some(lock),
            counts: CountCache::default(),
        })
    }

    /// Runs `f` on a read-only connection in the blocking pool.
    pub async fn read<T, F>(self: &std::sync::Arc<Self>, f: F) -> T
    where
        F: FnOnce(&Connection) -> T + Send + 'static,
        T: Send + 'static,
    {
        let _slot = self.read_slots.acquire().await.expect("never closed");
        let db = self.clone();
        tokio::task::spawn_blocking(move || db.read_now(f))
            .await
            .expect("database task panicked")
    }

    pub fn read_now<T>(&self, f: impl FnOnce(&Connection) -> T) -> T {
        if self.readers.is_empty() {
            return f(&self.writer.lock().unwrap_or_else(|p| p.into_inner()));
        }
        let i = self.next_reader.fetch_add(1, Ordering::Relaxed) % self.readers.len();
        f(&self.readers[i].lock().unwrap_or_else(|p| p.into_inner()))
    }

    /// Runs `f` inside a write transaction in the blocking pool; commits on `Ok`.
    pub async fn write<T, E, F>(self: &std::sync::Arc<Self>, f: F) -> Result<T, E>
    where
        F: FnOnce(&rusqlite::Transaction) -> Result<T, E> + Send + 'static,
        T: Send + 'static,
        E: From<rusqlite::Error> + Send + 'static,
    {
        let _slot = self.write_slot.acquire().await.expect("never closed");
        let db = self.clone();
        tokio::task::spawn_blocking(move || db.write_now(f))
            .await
            .expect("database task panicked")
    }

    pub fn write_now<T, E>(
        &self,
        f: impl FnOnce(&rusqlite::Transaction) -> Result<T, E>,
    ) -> Result<T, E>
    where
        E: From<rusqlite::Error>,
    {
        let mut conn = self.writer.lock().unwrap_or_else(|p| p.into_inner());
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let out = f(&tx)?;
        tx.commit()?;
        self.counts.invalidate();
        Ok(out)
    }
}

/// Takes `<db>.lock` (exclusive, held for the process's life) and writes our pid in
/// it; if another sandbox holds it, says which.
fn lock(path: &str) -> anyhow::Result<std::fs::File> {
    use std::io::{Read, Seek, Write};
    let lock_path = format!("{path}.lock");
    let mut opts = std::fs::OpenOptions::new();
    opts.read(true).write(true).create(true).truncate(false);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    let mut file = opts
        .open(&lock_path)
        .with_context(|| format!("cannot open the lock file {lock_path}"))?;
    if file.try_lock().is_err() {
        let mut pid = String::new();
        let _ = file.read_to_string(&mut pid);
        let pid = pid.trim();
        anyhow::bail!(
            "another sandbox{} is using the database {path}: stop it, or give this one another --db",
            if pid.is_empty() {
                String::new()
            } else {
                format!(" (pid {pid})")
            }
        );
    }
    file.set_len(0)?;
    file.rewind()?;
    write!(file, "{}", std::process::id())?;
    Ok(file)
}

/// The database and its WAL and shared-memory files are the user's alone: they
/// hold every token hash and all the directory data.
fn private_files(path: &str) {
    #[cfg(unix)]
    for suffix in ["", "-wal", "-shm"] {
        use std::os::unix::fs::PermissionsExt;
        let file = format!("{path}{suffix}");
        if std::path::Path::new(&file).exists()
            && let Err(e) = std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o600))
        {
            tracing::warn!("cannot make {file} private: {e}");
        }
    }
    #[cfg(not(unix))]
    let _ = path;
}

fn configure(conn: &Connection) -> rusqlite::Result<()> {
    // WAL with synchronous=NORMAL: a committed transaction is in the WAL file before
    // the commit returns, so it survives the process being killed (not a power cut).
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    conn.pragma_update(None, "busy_timeout", 5000)?;
    super::store::register_functions(conn)?;
    Ok(())
}

fn migrate(conn: &Connection) -> anyhow::Result<()> {
    let current: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    let current = usize::try_from(current).unwrap_or(usize::MAX);
    if current > MIGRATIONS.len() {
        anyhow::bail!(
            "the database was written by a newer scimctl (schema version {current}, this one knows {})",
            MIGRATIONS.len()
        );
    }
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(current) {
        let tx = conn.unchecked_transaction()?;
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", (i + 1) as i64)?;
        tx.commit()?;
    }
    Ok(())
}

impl From<rusqlite::Error> for crate::scim::ScimError {
    fn from(e: rusqlite::Error) -> Self {
        tracing::error!("database error: {e}");
        crate::scim::ScimError::new(500, None, "the sandbox's database failed; see its log")
    }
}

/// Now, to the millisecond, as RFC 3339 text (what `meta` and the admin API show).
pub fn now() -> jiff::Timestamp {
    let t = jiff::Timestamp::now();
    jiff::Timestamp::from_millisecond(t.as_millisecond()).unwrap_or(t)
}
