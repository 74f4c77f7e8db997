//! Durations on the command line (`30d`, `12h`, `2w`, `90m`, `500ms`), for expiry windows and waits.

use std::time::Duration;

/// Parses `<number><unit>` with unit s, m, h, d or w; clap calls it for flags.
pub fn parse_window(text: &str) -> Result<Duration, String> {
    let t = text.trim();
    let split = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    let (num, unit) = t.split_at(split);
    let n: u64 = num
        .parse()
        .map_err(|_| format!("'{text}' is not a duration; write e.g. 30d, 12h or 2w"))?;
    let secs = match unit.trim() {
        "ms" => return Ok(Duration::from_millis(n)),
        "s" => 1,
        "m" => 60,
        "h" => 3600,
        "d" => 86_400,
        "w" => 7 * 86_400,
        "" => {
            return Err(format!(
                "'{text}' has no unit; write e.g. {n}d (days) or {n}h (hours)"
            ));
        }
        u => {
            return Err(format!(
                "unknown unit '{u}' in '{text}'; use ms, s, m, h, d or w"
            ));
        }
    };
    n.checked_mul(secs)
        .map(Duration::from_secs)
        .ok_or_else(|| format!("'{text}' is too long"))
}

/// "30d" back from a duration, for reports.
pub fn show_window(d: Duration) -> String {
    let s = d.as_secs();
    match s {
        0 => format!("{}ms", d.as_millis()),
        s if s % 86_400 == 0 => format!("{}d", s / 86_400),
        s if s % 3600 == 0 => format!("{}h", s / 3600),
        s if s % 60 == 0 => format!("{}m", s / 60),
        s => format!("{s}s"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_units_and_rejects_garbage() {
        assert_eq!(
            parse_window("30d").unwrap(),
            Duration::from_secs(30 * 86_400)
        );
        assert_eq!(
            parse_window("2w").unwrap(),
            Duration::from_secs(14 * 86_400)
        );
        assert_eq!(parse_window("12h").unwrap(), Duration::from_secs(12 * 3600));
        assert!(parse_window("30").unwrap_err().contains("no unit"));
        assert!(parse_window("30y").unwrap_err().contains("unknown unit"));
        assert!(parse_window("d").is_err());
        assert_eq!(show_window(parse_window("30d").unwrap()), "30d");
    }
}
