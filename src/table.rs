//! Terminal layout that never breaks an id: aligned columns without borders (as
//! kubectl prints them), where ids, userNames and emails keep their full width
//! and only low-value columns are shortened (with an ellipsis) to fit the
//! terminal; when even that is not enough the lines overflow rather than wrap
//! inside a value. Key/value views wrap long text at word boundaries. Machine
//! formats never come through here.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Space between columns.
const GAP: usize = 3;
/// A shortened column keeps at least this many characters (with the ellipsis).
const MIN_SHORTENED: usize = 8;

/// The width of the terminal stdout is on: the window size, else `$COLUMNS`,
/// else 80.
pub fn width() -> usize {
    #[cfg(unix)]
    {
        let mut ws = libc::winsize {
            ws_row: 0,
            ws_col: 0,
            ws_xpixel: 0,
            ws_ypixel: 0,
        };
        // SAFETY: TIOCGWINSZ writes one winsize into the struct we own.
        let rc = unsafe { libc::ioctl(libc::STDOUT_FILENO, libc::TIOCGWINSZ, &mut ws) };
        if rc == 0 && ws.ws_col > 0 {
            return ws.ws_col as usize;
        }
    }
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse().ok())
        .filter(|c: &usize| *c > 0)
        .unwrap_or(80)
}

/// `s` cut to `max` columns, the last one an ellipsis when anything was cut.
fn shorten(s: &str, max: usize) -> String {
    if s.width() <= max {
        return s.to_owned();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > max {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    out
}

fn pad(s: &str, width: usize) -> String {
    let fill = width.saturating_sub(s.width());
    format!("{s}{}", " ".repeat(fill))
}

/// The rows under `headers` laid out for `width` columns. `protected[i]` marks a
/// column whose values are never shortened (ids, userNames, emails).
pub fn layout(headers: &[&str], protected: &[bool], rows: &[Vec<String>], width: usize) -> String {
    let n = headers.len();
    let mut widths: Vec<usize> = headers.iter().map(|h| h.width()).collect();
    for row in rows {
        for (i, cell) in row.iter().enumerate().take(n) {
            widths[i] = widths[i].max(cell.width());
        }
    }
    let total = |w: &[usize]| w.iter().sum::<usize>() + GAP * n.saturating_sub(1);
    // Shorten the widest shortenable column, one character at a time, until the
    // table fits or nothing can give more.
    while total(&widths) > width {
        let candidate = (0..n)
            .filter(|&i| !protected.get(i).copied().unwrap_or(false))
            .filter(|&i| widths[i] > MIN_SHORTENED.max(headers[i].width()))
            .max_by_key(|&i| widths[i]);
        let Some(i) = candidate else { break };
        widths[i] -= 1;
    }
    let mut out = String::new();
    let line = |cells: Vec<String>| {
        let mut l = String::new();
        for (i, c) in cells.iter().enumerate() {
            if i > 0 {
                l.push_str(&" ".repeat(GAP));
            }
            l.push_str(&pad(&shorten(c, widths[i]), widths[i]));
        }
        l.trim_end().to_owned()
    };
    out.push_str(&line(headers.iter().map(|h| (*h).to_owned()).collect()));
    out.push('\n');
    for row in rows {
        out.push_str(&line(row.iter().take(n).cloned().collect()));
        out.push('\n');
    }
    out
}

/// `text` wrapped at word boundaries to `width` columns; a word longer than a
/// line stays whole on its own line (never split).
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let mut line = String::new();
        for word in paragraph.split(' ').filter(|w| !w.is_empty()) {
            if !line.is_empty() && line.width() + 1 + word.width() > width {
                lines.push(std::mem::take(&mut line));
            }
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
        lines.push(line);
    }
    lines
}

/// `text` as a paragraph: the first line after `first`, the others after
/// `rest` (a hanging indent), wrapped between words to `width` when there is
/// one (a terminal's), else on one line.
pub fn hanging(first: &str, rest: &str, text: &str, width: Option<usize>) -> String {
    let Some(w) = width else {
        return format!("{first}{text}\n");
    };
    let mut out = String::new();
    for (i, l) in wrap(text, w.saturating_sub(first.width()).max(20))
        .iter()
        .enumerate()
    {
        out.push_str(if i == 0 { first } else { rest });
        out.push_str(l);
        out.push('\n');
    }
    out
}

/// A key/value view: keys aligned, values wrapped at word boundaries to fit.
pub fn fields(rows: &[(String, String)], width: usize) -> String {
    let key_width = rows.iter().map(|(k, _)| k.width()).max().unwrap_or(0);
    let value_width = width.saturating_sub(key_width + GAP).max(20);
    let key_width = key_width.min(width);
    let mut out = String::new();
    for (k, v) in rows {
        for (i, part) in wrap(v, value_width).iter().enumerate() {
            let key = if i == 0 { k.as_str() } else { "" };
            out.push_str(format!("{}{}{part}", pad(key, key_width), " ".repeat(GAP)).trim_end());
            out.push('\n');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const ID: &str = "57c70985-3e18-461d-a44c-64a1f2b3c4d5";

    #[test]
    fn protected_columns_keep_their_width_and_others_shorten_to_fit() {
        let rows = vec![vec![
            ID.to_owned(),
            "ada.lovelace@example.com".to_owned(),
            "Augusta Ada King, Countess of Lovelace".to_owned(),
        ]];
        let t = layout(
            &["ID", "USERNAME", "DISPLAY NAME"],
            &[true, true, false],
            &rows,
            80,
        );
        assert!(t.lines().all(|l| l.width() <= 80), "{t}");
        assert!(
            t.contains(ID) && t.contains("ada.lovelace@example.com"),
            "{t}"
        );
        assert!(t.contains('…'), "{t}");
        // Too narrow even for the ids: the line overflows, the id stays whole.
        let t = layout(
            &["ID", "USERNAME", "DISPLAY NAME"],
            &[true, true, false],
            &rows,
            40,
        );
        assert!(t.contains(ID), "{t}");
        // Wide enough: nothing is shortened.
        let t = layout(
            &["ID", "USERNAME", "DISPLAY NAME"],
            &[true, true, false],
            &rows,
            220,
        );
        assert!(
            t.contains("Countess of Lovelace") && !t.contains('…'),
            "{t}"
        );
    }

    #[test]
    fn text_wraps_between_words_only() {
        let lines = wrap("Applications > (our app) > General: Edit, tick Enable", 20);
        assert!(lines.iter().all(|l| l.width() <= 20), "{lines:?}");
        assert_eq!(
            lines.join(" "),
            "Applications > (our app) > General: Edit, tick Enable"
        );
        assert_eq!(wrap(ID, 10), vec![ID.to_owned()]);
        let f = fields(
            &[("id".into(), ID.into()), ("note".into(), "a b c".into())],
            30,
        );
        assert!(f.contains(ID), "{f}");
    }
}
