//! Output formats and the renderers shared by commands: a table for people (on a
//! terminal, or plain aligned text when piped), JSON for programs. Data goes to
//! stdout; everything else goes to stderr.

use std::io::Write;

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum OutputFormat {
    /// Human-readable table (undecorated when stdout is not a terminal)
    #[default]
    Table,
    /// The table with more columns (externalId, created, last modified)
    Wide,
    /// One JSON document (lists: an array)
    Json,
    /// One JSON resource per line, streamed
    Ndjson,
    /// Comma-separated values with a header
    Csv,
    /// Only the ids, one per line
    Name,
    /// JUnit XML (simulate reports, for CI)
    Junit,
}

/// The formats a command prints, declared beside it (`FORMATS`).
pub const TABLE_ONLY: &[OutputFormat] = &[OutputFormat::Table];
/// A status or an outcome: a key/value table or one JSON document.
pub const FIELDS: &[OutputFormat] = &[OutputFormat::Table, OutputFormat::Json];
/// Users and groups: every list format.
pub const RESOURCES: &[OutputFormat] = &[
    OutputFormat::Table,
    OutputFormat::Wide,
    OutputFormat::Json,
    OutputFormat::Ndjson,
    OutputFormat::Csv,
    OutputFormat::Name,
];
/// A simulate report: table, JSON, JUnit.
pub const REPORT: &[OutputFormat] = &[OutputFormat::Table, OutputFormat::Json, OutputFormat::Junit];

impl OutputFormat {
    /// The name `-o` takes.
    pub fn name(self) -> String {
        clap::ValueEnum::to_possible_value(&self)
            .map(|v| v.get_name().to_owned())
            .unwrap_or_default()
    }
}

/// Refuses `-o asked` for a command that cannot print it (exit 2), naming the
/// formats it can: a format silently ignored would hand a script the wrong shape.
pub fn ensure_supported(
    command: &str,
    supported: &[OutputFormat],
    asked: OutputFormat,
) -> Result<(), crate::error::UserError> {
    if supported.contains(&asked) {
        return Ok(());
    }
    let names: Vec<String> = supported.iter().map(|f| f.name()).collect();
    Err(crate::error::UserError::usage(format!(
        "`scimctl {command}` cannot print -o {}",
        asked.name()
    ))
    .hint(if names.len() == 1 {
        format!("it prints {} only: leave -o out", names[0])
    } else {
        format!("it prints: {}", names.join(", "))
    }))
}

/// Prints `value` as pretty JSON on stdout.
pub fn print_json<T: Serialize>(value: &T) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    serde_json::to_writer_pretty(&mut out, value)?;
    writeln!(out)?;
    out.flush()?;
    Ok(())
}

/// A key/value view (status screens, one resource): on a terminal the values
/// wrap between words to its width; piped, one aligned line per key.
pub fn print_fields(rows: &[(String, String)], decorated: bool) -> anyhow::Result<()> {
    let rows: Vec<(String, String)> = rows
        .iter()
        .map(|(k, v)| {
            (
                crate::term::escape(k, crate::term::Keep::Nothing).into_owned(),
                crate::term::escape(v, crate::term::Keep::Newlines).into_owned(),
            )
        })
        .collect();
    let width = if decorated {
        crate::table::width()
    } else {
        usize::MAX
    };
    let mut out = std::io::stdout().lock();
    out.write_all(crate::table::fields(&rows, width).as_bytes())?;
    out.flush()?;
    Ok(())
}

/// Prints a secret alone on stdout: the one place a token is written on purpose.
pub fn print_secret(secret: &crate::secret::Secret) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    writeln!(out, "{}", secret.expose())?;
    out.flush()?;
    Ok(())
}

/// "in 364 days", "3 days ago", "1 minute ago", "now", for a timestamp
/// relative to now.
pub fn relative(ts: jiff::Timestamp) -> String {
    relative_to(ts.as_second() - jiff::Timestamp::now().as_second())
}

fn relative_to(secs: i64) -> String {
    let (n, unit) = match secs.unsigned_abs() {
        0 => return "now".to_owned(),
        s if s < 90 => (s, "second"),
        s if s < 90 * 60 => (s / 60, "minute"),
        s if s < 36 * 3600 => (s / 3600, "hour"),
        s => (s / 86400, "day"),
    };
    let unit = if n == 1 {
        unit.to_owned()
    } else {
        format!("{unit}s")
    };
    if secs > 0 {
        format!("in {n} {unit}")
    } else {
        format!("{n} {unit} ago")
    }
}

/// Whole seconds from now until `ts` (negative once it has passed).
pub fn seconds_until(ts: jiff::Timestamp) -> i64 {
    ts.as_second() - jiff::Timestamp::now().as_second()
}

/// Whole days from now until `ts`, rounded down.
pub fn days_until(ts: jiff::Timestamp) -> i64 {
    seconds_until(ts).div_euclid(86_400)
}

/// An RFC 3339 time to the second, UTC.
pub fn when(ts: jiff::Timestamp) -> String {
    ts.strftime("%Y-%m-%d %H:%M:%SZ").to_string()
}

#[cfg(test)]
mod tests {
    use super::relative_to;

    #[test]
    fn relative_times_read_as_people_say_them() {
        assert_eq!(relative_to(0), "now");
        assert_eq!(relative_to(-1), "1 second ago");
        assert_eq!(relative_to(-90), "1 minute ago");
        assert_eq!(relative_to(-150), "2 minutes ago");
        assert_eq!(relative_to(3 * 86_400), "in 3 days");
        assert_eq!(relative_to(86_400 * 2 - 1), "in 1 day");
    }
}
