//! A simulation's report: a table for people ending in "N passed, M failed, K
//! warnings", JSON (docs/simulate.md) and JUnit XML for CI (the transcripts are
//! transcript.rs).

use std::io::Write;

use serde_json::json;

use super::Report;
use super::check::Verdict;
use crate::term::{Keep, escape};

/// The counts of a report; they add up to `planned`.
pub struct Summary {
    pub planned: usize,
    pub passed: usize,
    pub failed: usize,
    pub warnings: usize,
    pub blocked: usize,
    pub skipped: usize,
}

impl Report {
    /// Counts, with warnings as failures under `--strict`.
    pub fn summary(&self, strict: bool) -> Summary {
        let count = |v: Verdict| self.checks.iter().filter(|c| c.verdict == v).count();
        let warns = count(Verdict::Warn);
        Summary {
            planned: self.checks.len(),
            passed: count(Verdict::Pass),
            failed: count(Verdict::Fail) + if strict { warns } else { 0 },
            warnings: if strict { 0 } else { warns },
            blocked: count(Verdict::Blocked),
            skipped: count(Verdict::Skipped),
        }
    }

    pub fn write_table(
        &self,
        out: &mut impl Write,
        strict: bool,
        color: bool,
    ) -> std::io::Result<()> {
        let paint = |v: Verdict| {
            let (text, code) = match v {
                Verdict::Pass => ("pass", "32"),
                Verdict::Warn if strict => ("FAIL", "31"),
                Verdict::Warn => ("warn", "33"),
                Verdict::Fail => ("FAIL", "31"),
                Verdict::Blocked => ("blkd", "35"),
                Verdict::Skipped => ("skip", "2"),
            };
            if color {
                format!("\x1b[{code}m{text}\x1b[0m")
            } else {
                text.to_owned()
            }
        };
        // Reasons, URLs and bodies quote the server: escaped, so that they are
        // read on the terminal rather than obeyed by it.
        let shown = |s: &str| escape(s, Keep::Nothing).into_owned();
        writeln!(
            out,
            "simulate {} against {} (run {})",
            self.profile,
            shown(&self.target),
            self.run_id
        )?;
        if self.dry_run {
            writeln!(
                out,
                "dry run: nothing was sent; the requests below are the plan (ids are placeholders)"
            )?;
            for e in &self.exchanges {
                writeln!(out, "  {:<28} {} {}", e.step, e.method, shown(&e.url))?;
                if let Some(b) = &e.request_body {
                    writeln!(out, "  {:<28}   {}", "", shown(&b.to_string()))?;
                }
            }
            return Ok(());
        }
        let width = self.checks.iter().map(|c| c.id.len()).max().unwrap_or(0);
        for c in &self.checks {
            writeln!(out, "{}  {:width$}  {}", paint(c.verdict), c.id, c.title)?;
            // A pass shows its notes only; the rest say why, what it means, and where to read more.
            for r in &c.reasons {
                let label = if c.verdict == Verdict::Pass {
                    "note: "
                } else {
                    ""
                };
                writeln!(out, "      {label}{}", shown(r))?;
            }
            if matches!(c.verdict, Verdict::Fail | Verdict::Warn) {
                if !c.in_production.is_empty() {
                    let idp = if self.profile.starts_with("okta") {
                        "Okta"
                    } else {
                        "Entra"
                    };
                    writeln!(out, "      in production ({idp}): {}", c.in_production)?;
                }
                for src in &c.sources {
                    writeln!(out, "      see: {} <{}>", src.name, src.url)?;
                }
                writeln!(
                    out,
                    "      requests: #{} in the transcript",
                    join(&c.exchanges)
                )?;
            }
        }
        let s = self.summary(strict);
        if let Some(stop) = &self.stopped {
            writeln!(out, "stopped after {}: {}", stop.check, shown(&stop.reason))?;
        }
        writeln!(
            out,
            "{} passed, {} failed, {} warnings, {} blocked, {} skipped ({} check{}; {} requests, {:.0} ms)",
            s.passed,
            s.failed,
            s.warnings,
            s.blocked,
            s.skipped,
            s.planned,
            if s.planned == 1 { "" } else { "s" },
            self.exchanges.len(),
            self.duration_ms
        )
    }

    pub fn to_json(&self, strict: bool) -> serde_json::Value {
        let s = self.summary(strict);
        let checks: Vec<serde_json::Value> = self
            .checks
            .iter()
            .map(|c| {
                let mut v = serde_json::to_value(c).unwrap_or_default();
                if strict && c.verdict == Verdict::Warn {
                    v["verdict"] = json!("fail");
                }
                v["requests"] = json!(
                    c.exchanges
                        .iter()
                        .filter_map(|n| self.exchanges.get(n - 1))
                        .collect::<Vec<_>>()
                );
                v
            })
            .collect();
        json!({
            "profile": self.profile,
            "target": self.target,
            "run_id": self.run_id,
            "started_at": crate::timestamp::rfc3339_ms(self.started_at),
            "duration_ms": self.duration_ms,
            "dry_run": self.dry_run,
            "strict": strict,
            "summary": {"planned": s.planned, "passed": s.passed, "failed": s.failed, "warnings": s.warnings, "blocked": s.blocked, "skipped": s.skipped},
            "stopped": self.stopped,
            "checks": checks,
            "cleanup": self.exchanges.iter().filter(|e| e.step == "cleanup").collect::<Vec<_>>(),
        })
    }

    pub fn write_junit(&self, out: &mut impl Write, strict: bool) -> std::io::Result<()> {
        let s = self.summary(strict);
        writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
        writeln!(
            out,
            r#"<testsuite name="scimctl simulate {}" tests="{}" failures="{}" skipped="{}" time="{:.3}">"#,
            self.profile,
            self.checks.len(),
            s.failed,
            s.skipped + s.blocked,
            self.duration_ms / 1000.0
        )?;
        for c in &self.checks {
            let class = format!(
                "{}.{}",
                self.profile,
                c.id.split('.').next().unwrap_or("check")
            );
            write!(
                out,
                r#"  <testcase classname="{}" name="{}">"#,
                xml(&class),
                xml(c.id)
            )?;
            let sources: Vec<String> = c
                .sources
                .iter()
                .map(|s| format!("{} <{}>", s.name, s.url))
                .collect();
            let text = format!(
                "{}\nin production: {}\nsee: {}",
                c.reasons.join("\n"),
                c.in_production,
                sources.join("; ")
            );
            match c.verdict {
                Verdict::Fail => write!(
                    out,
                    r#"<failure message="{}">{}</failure>"#,
                    xml(c.reasons.first().map_or("", String::as_str)),
                    xml(&text)
                )?,
                Verdict::Warn if strict => write!(
                    out,
                    r#"<failure message="{}">{}</failure>"#,
                    xml(c.reasons.first().map_or("", String::as_str)),
                    xml(&text)
                )?,
                Verdict::Warn => write!(out, "<system-out>WARN: {}</system-out>", xml(&text))?,
                Verdict::Blocked | Verdict::Skipped => write!(
                    out,
                    r#"<skipped message="{}"/>"#,
                    xml(&c.reasons.join("; "))
                )?,
                Verdict::Pass => {}
            }
            writeln!(out, "</testcase>")?;
        }
        writeln!(out, "</testsuite>")
    }
}

fn join(ns: &[usize]) -> String {
    ns.iter()
        .map(usize::to_string)
        .collect::<Vec<_>>()
        .join(",")
}

/// Text for XML: control characters (which XML 1.0 forbids) escaped visibly.
fn xml(s: &str) -> String {
    escape(s, Keep::Newlines)
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
