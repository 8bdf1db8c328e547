//! A throwaway PostgreSQL cluster on a temporary directory and a Unix socket, for tests,
//! benchmarks and trying the backend out: `initdb`, `pg_ctl start`, and `pg_ctl stop` when
//! dropped. It runs the installed server (`/usr/lib/postgresql/<version>/bin`, or the directory
//! in `ROSETTA_PG_BIN`); as root, it runs it as the `postgres` system user (`initdb` refuses
//! root).

use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Versions looked for, newest first.
const VERSIONS: [u32; 5] = [17, 16, 15, 14, 13];

/// A running throwaway cluster; stopped and deleted when dropped.
pub struct TempCluster {
    dir: PathBuf,
    bin: PathBuf,
    port: u16,
    as_postgres_user: bool,
    /// The server's options (`pg_ctl -o`).
    options: String,
}

/// The directory of the installed server's binaries (`initdb`, `pg_ctl`), if any.
pub fn server_binaries() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("ROSETTA_PG_BIN") {
        return Some(PathBuf::from(dir)).filter(|d| d.join("initdb").exists());
    }
    VERSIONS
        .iter()
        .map(|v| PathBuf::from(format!("/usr/lib/postgresql/{v}/bin")))
        .find(|d| d.join("initdb").exists())
}

fn run(mut command: Command, what: &str) -> Result<(), String> {
    let output = command
        .output()
        .map_err(|e| format!("{what}: cannot run {command:?}: {e}"))?;
    if output.status.success() {
        Ok(())
    } else {
        Err(format!(
            "{what} failed ({}): {}{}",
            output.status,
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        ))
    }
}

impl TempCluster {
    /// Starts a cluster with the server's defaults plus `settings` (`name=value` pairs passed as
    /// `-c`, e.g. `fsync=off` for tests). An error says what is missing or what failed.
    pub fn start(settings: &[&str]) -> Result<TempCluster, String> {
        let bin = server_binaries().ok_or(
            "no PostgreSQL server found: install it (Debian: apt-get install -y postgresql-15) \
             or set ROSETTA_PG_BIN to the directory holding initdb and pg_ctl",
        )?;
        let root = std::fs::metadata("/proc/self")
            .map(|m| m.uid() == 0)
            .unwrap_or(false);
        let dir = std::env::temp_dir().join(format!(
            "rosetta-pg-{}-{}",
            std::process::id(),
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_nanos())
        ));
        std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        let mut cluster = TempCluster {
            dir,
            bin,
            // The socket is in the cluster's own directory, so any port number is free.
            port: 5432,
            as_postgres_user: root,
            options: String::new(),
        };
        if root {
            let mut chown = Command::new("chown");
            chown.arg("postgres:postgres").arg(&cluster.dir);
            run(chown, "giving the cluster directory to the postgres user")?;
        }
        let data = cluster.dir.join("data");
        let mut initdb = cluster.command("initdb");
        initdb.arg("-D").arg(&data).args([
            "-A",
            "trust",
            "-U",
            "postgres",
            "-E",
            "UTF8",
            "--locale=C",
            "--no-sync",
        ]);
        run(initdb, "initdb")?;
        let mut options = format!(
            "-p {} -k {} -c listen_addresses=''",
            cluster.port,
            cluster.dir.display()
        );
        for s in settings {
            options.push_str(" -c ");
            options.push_str(s);
        }
        cluster.options = options;
        cluster.restart()?;
        Ok(cluster)
    }

    /// Starts the server again (after [`TempCluster::kill`]), on the same data.
    pub fn restart(&self) -> Result<(), String> {
        let mut start = self.command("pg_ctl");
        start
            .arg("-D")
            .arg(self.dir.join("data"))
            .arg("-l")
            .arg(self.dir.join("server.log"))
            .arg("-o")
            .arg(&self.options)
            .args(["-w", "start"]);
        run(start, "pg_ctl start").map_err(|e| {
            let log = std::fs::read_to_string(self.dir.join("server.log")).unwrap_or_default();
            format!("{e}\nserver log:\n{log}")
        })
    }

    fn command(&self, program: &str) -> Command {
        let path = self.bin.join(program);
        if self.as_postgres_user {
            let mut c = Command::new("runuser");
            c.args(["-u", "postgres", "--"]).arg(path);
            c
        } else {
            Command::new(path)
        }
    }

    /// The directory holding the data, the log and the socket.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// A connection string for `database`.
    pub fn url(&self, database: &str) -> String {
        format!(
            "host={} port={} user=postgres dbname={database}",
            self.dir.display(),
            self.port
        )
    }

    /// Creates `database` (a plain identifier) and returns its connection string.
    pub fn create_database(&self, database: &str) -> Result<String, postgres::Error> {
        let mut client = postgres::Client::connect(&self.url("postgres"), postgres::NoTls)?;
        client.batch_execute(&format!("CREATE DATABASE {database}"))?;
        Ok(self.url(database))
    }

    /// Stops the server at once (as a crash would); the directory stays until drop.
    pub fn kill(&self) -> Result<(), String> {
        let mut stop = self.command("pg_ctl");
        stop.arg("-D")
            .arg(self.dir.join("data"))
            .args(["-m", "immediate", "-w", "stop"]);
        run(stop, "pg_ctl stop")
    }
}

impl Drop for TempCluster {
    fn drop(&mut self) {
        let _ = self.kill();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}
