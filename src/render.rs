//! Users and groups on stdout, in every output format: a table on a terminal,
//! tab-separated text when piped (no decoration, never truncated), JSON, NDJSON,
//! CSV, or ids only. All but the terminal table stream row by row.

use std::collections::HashMap;
use std::io::Write;

use serde_json::Value;

use crate::error::UserError;
use crate::output::OutputFormat;
use crate::scim::ResourceKind;

/// Who manages each resource, from our admin API (`idp` / `local`), when known.
pub type Managers = HashMap<String, crate::admin::ManagedBy>;

pub struct Column {
    pub name: &'static str,
    pub header: &'static str,
    pub wide_only: bool,
    /// Never shortened on a terminal (ids, userNames, emails): people copy them.
    pub protected: bool,
    get: fn(&Value, Option<&Managers>) -> String,
}

fn text(v: Option<&Value>) -> String {
    match v {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Null) | None => String::new(),
        Some(other) => other.to_string(),
    }
}

fn display_name(u: &Value) -> String {
    if let Some(d) = u
        .get("displayName")
        .and_then(Value::as_str)
        .filter(|d| !d.is_empty())
    {
        return d.to_owned();
    }
    let name = u.get("name");
    if let Some(f) = name
        .and_then(|n| n.get("formatted"))
        .and_then(Value::as_str)
    {
        return f.to_owned();
    }
    let part = |k: &str| {
        name.and_then(|n| n.get(k))
            .and_then(Value::as_str)
            .unwrap_or("")
    };
    format!("{} {}", part("givenName"), part("familyName"))
        .trim()
        .to_owned()
}

/// The work email, else the primary one, else the first.
fn work_email(u: &Value) -> String {
    let Some(emails) = u.get("emails").and_then(Value::as_array) else {
        return String::new();
    };
    let pick = emails
        .iter()
        .find(|e| {
            e.get("type")
                .and_then(Value::as_str)
                .is_some_and(|t| t.eq_ignore_ascii_case("work"))
        })
        .or_else(|| {
            emails
                .iter()
                .find(|e| e.get("primary").and_then(Value::as_bool) == Some(true))
        })
        .or_else(|| emails.first());
    text(pick.and_then(|e| e.get("value")))
}

fn managed(r: &Value, m: Option<&Managers>) -> String {
    let Some(m) = m else { return "?".into() };
    let id = r.get("id").and_then(Value::as_str).unwrap_or("");
    match m.get(id) {
        Some(crate::admin::ManagedBy::Idp) => "yes".into(),
        Some(crate::admin::ManagedBy::Local) => "no".into(),
        None => "?".into(),
    }
}

fn meta(r: &Value, k: &str) -> String {
    text(r.get("meta").and_then(|m| m.get(k)))
}

// Columns both kinds have.
const ID: Column = Column {
    name: "id",
    header: "ID",
    wide_only: false,
    protected: true,
    get: |r, _| text(r.get("id")),
};
const IDP_MANAGED: Column = Column {
    name: "idpManaged",
    header: "IDP-MANAGED",
    wide_only: false,
    protected: false,
    get: managed,
};
const EXTERNAL_ID: Column = Column {
    name: "externalId",
    header: "EXTERNAL ID",
    wide_only: true,
    protected: true,
    get: |r, _| text(r.get("externalId")),
};
const CREATED: Column = Column {
    name: "created",
    header: "CREATED",
    wide_only: true,
    protected: true,
    get: |r, _| meta(r, "created"),
};
const LAST_MODIFIED: Column = Column {
    name: "lastModified",
    header: "LAST MODIFIED",
    wide_only: true,
    protected: true,
    get: |r, _| meta(r, "lastModified"),
};

pub const USER_COLUMNS: &[Column] = &[
    ID,
    Column {
        name: "userName",
        header: "USERNAME",
        wide_only: false,
        protected: true,
        get: |r, _| text(r.get("userName")),
    },
    Column {
        name: "displayName",
        header: "DISPLAY NAME",
        wide_only: false,
        protected: false,
        get: |r, _| display_name(r),
    },
    Column {
        name: "active",
        header: "ACTIVE",
        wide_only: false,
        protected: false,
        get: |r, _| text(r.get("active")),
    },
    Column {
        name: "email",
        header: "WORK EMAIL",
        wide_only: false,
        protected: true,
        get: |r, _| work_email(r),
    },
    IDP_MANAGED,
    EXTERNAL_ID,
    CREATED,
    LAST_MODIFIED,
];

pub const GROUP_COLUMNS: &[Column] = &[
    ID,
    Column {
        name: "displayName",
        header: "NAME",
        wide_only: false,
        // A group's name is its handle (`groups get --name`).
        protected: true,
        get: |r, _| text(r.get("displayName")),
    },
    Column {
        name: "members",
        header: "MEMBERS",
        wide_only: false,
        protected: false,
        get: |r, _| {
            r.get("members")
                .and_then(Value::as_array)
                .map(|m| m.len().to_string())
                .unwrap_or_default()
        },
    },
    IDP_MANAGED,
    EXTERNAL_ID,
    CREATED,
    LAST_MODIFIED,
];

impl Column {
    /// This column's text for `r`.
    pub fn value(&self, r: &Value, managers: Option<&Managers>) -> String {
        (self.get)(r, managers)
    }
}

pub fn columns_for(kind: ResourceKind) -> &'static [Column] {
    match kind {
        ResourceKind::User => USER_COLUMNS,
        ResourceKind::Group => GROUP_COLUMNS,
    }
}

/// The columns to show: `--columns a,b,c` in that order, else the format's set.
pub fn select(
    kind: ResourceKind,
    format: OutputFormat,
    wanted: Option<&str>,
) -> Result<Vec<&'static Column>, UserError> {
    let all = columns_for(kind);
    let Some(list) = wanted else {
        return Ok(all
            .iter()
            .filter(|c| format == OutputFormat::Wide || format == OutputFormat::Csv || !c.wide_only)
            .collect());
    };
    list.split(',')
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .map(|n| {
            all.iter()
                .find(|c| c.name.eq_ignore_ascii_case(n))
                .ok_or_else(|| {
                    UserError::usage(format!("unknown column '{n}'")).hint(format!(
                        "columns: {}",
                        all.iter().map(|c| c.name).collect::<Vec<_>>().join(", ")
                    ))
                })
        })
        .collect()
}

/// Writes resources as they arrive.
pub struct Renderer<W: Write> {
    out: W,
    format: OutputFormat,
    columns: Vec<&'static Column>,
    headers: bool,
    terminal: bool,
    managers: Option<Managers>,
    /// The terminal table's rows, laid out at the end (widths need them all).
    table: Option<Vec<Vec<String>>>,
    count: usize,
}

/// A cell with control characters shown as escapes (tabs and newlines too, so
/// that no cell can forge another); JSON formats never come through here.
fn escape(s: String) -> String {
    match crate::term::escape(&s, crate::term::Keep::Nothing) {
        std::borrow::Cow::Borrowed(_) => s,
        std::borrow::Cow::Owned(escaped) => escaped,
    }
}

/// A CSV field, quoted when it must be (RFC 4180).
pub fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_owned()
    }
}

fn tsv_field(s: &str) -> String {
    s.replace(['\t', '\n', '\r'], " ")
}

impl<W: Write> Renderer<W> {
    pub fn new(
        out: W,
        format: OutputFormat,
        columns: Vec<&'static Column>,
        headers: bool,
        terminal: bool,
        managers: Option<Managers>,
    ) -> Self {
        Renderer {
            out,
            format,
            columns,
            headers,
            terminal,
            managers,
            table: None,
            count: 0,
        }
    }

    /// Who manages the rows about to come (one page's worth): rows whose id
    /// it lacks show "?".
    pub fn set_managers(&mut self, managers: Managers) {
        self.managers = Some(managers);
    }

    fn is_table(&self) -> bool {
        matches!(self.format, OutputFormat::Table | OutputFormat::Wide)
    }

    /// The row's cells, each safe for a terminal (server data may hold escapes).
    fn cells(&self, r: &Value) -> Vec<String> {
        self.columns
            .iter()
            .map(|c| escape((c.get)(r, self.managers.as_ref())))
            .collect()
    }

    pub fn begin(&mut self) -> std::io::Result<()> {
        match self.format {
            OutputFormat::Json => write!(self.out, "[")?,
            OutputFormat::Csv if self.headers => {
                let names: Vec<String> = self.columns.iter().map(|c| csv_field(c.name)).collect();
                writeln!(self.out, "{}", names.join(","))?;
            }
            _ if self.is_table() && self.terminal => self.table = Some(Vec::new()),
            _ if self.is_table() && self.headers => {
                let names: Vec<&str> = self.columns.iter().map(|c| c.header).collect();
                writeln!(self.out, "{}", names.join("\t"))?;
            }
            _ => {}
        }
        Ok(())
    }

    pub fn row(&mut self, r: &Value) -> std::io::Result<()> {
        match self.format {
            OutputFormat::Json => {
                writeln!(self.out, "{}", if self.count == 0 { "" } else { "," })?;
                serde_json::to_writer(&mut self.out, r)?;
            }
            OutputFormat::Ndjson => {
                serde_json::to_writer(&mut self.out, r)?;
                writeln!(self.out)?;
            }
            OutputFormat::Csv => {
                // Machine rows say booleans one way: true/false (an unknown
                // IdP-managed state is empty), as `active` does.
                let cells: Vec<String> = self
                    .cells(r)
                    .iter()
                    .zip(&self.columns)
                    .map(|(c, col)| match (col.name, c.as_str()) {
                        ("idpManaged", "yes") => "true".to_owned(),
                        ("idpManaged", "no") => "false".to_owned(),
                        ("idpManaged", "?") => String::new(),
                        _ => csv_field(c),
                    })
                    .collect();
                writeln!(self.out, "{}", cells.join(","))?;
            }
            OutputFormat::Name => writeln!(self.out, "{}", escape(text(r.get("id"))))?,
            _ => {
                let cells = self.cells(r);
                match &mut self.table {
                    Some(t) => t.push(cells),
                    None => {
                        let cells: Vec<String> = cells.iter().map(|c| tsv_field(c)).collect();
                        writeln!(self.out, "{}", cells.join("\t"))?;
                    }
                }
            }
        }
        self.count += 1;
        Ok(())
    }

    /// A resource as the server wrote it: copied through for JSON output (made
    /// single-line if the server pretty-printed it), parsed for the rest.
    pub fn row_raw(&mut self, raw: &serde_json::value::RawValue) -> std::io::Result<()> {
        let text = raw.get();
        match self.format {
            OutputFormat::Json | OutputFormat::Ndjson if !text.contains('\n') => {
                if self.format == OutputFormat::Json {
                    writeln!(self.out, "{}", if self.count == 0 { "" } else { "," })?;
                    self.out.write_all(text.as_bytes())?;
                } else {
                    self.out.write_all(text.as_bytes())?;
                    writeln!(self.out)?;
                }
                self.count += 1;
                Ok(())
            }
            _ => {
                let v: Value = serde_json::from_str(text).map_err(std::io::Error::other)?;
                self.row(&v)
            }
        }
    }

    pub fn end(mut self) -> std::io::Result<usize> {
        match self.format {
            OutputFormat::Json => {
                writeln!(self.out, "{}]", if self.count == 0 { "" } else { "\n" })?
            }
            _ => {
                if let Some(rows) = self.table.take() {
                    let headers: Vec<&str> = self.columns.iter().map(|c| c.header).collect();
                    let protected: Vec<bool> = self.columns.iter().map(|c| c.protected).collect();
                    let text =
                        crate::table::layout(&headers, &protected, &rows, crate::table::width());
                    let text = if self.headers {
                        text.as_str()
                    } else {
                        text.split_once('\n').map_or("", |(_, rest)| rest)
                    };
                    self.out.write_all(text.as_bytes())?;
                }
            }
        }
        self.out.flush()?;
        Ok(self.count)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn render(format: OutputFormat, rows: &[Value]) -> String {
        let cols = select(ResourceKind::User, format, None).unwrap();
        let mut buf = Vec::new();
        let mut r = Renderer::new(&mut buf, format, cols, true, false, None);
        r.begin().unwrap();
        for row in rows {
            r.row(row).unwrap();
        }
        r.end().unwrap();
        String::from_utf8(buf).unwrap()
    }

    #[test]
    fn formats_quote_and_stream() {
        let u = json!({"id": "1", "userName": "a@x", "name": {"givenName": "Ada", "familyName": "L, \"the\""},
                       "active": true, "emails": [{"value": "h@x", "type": "home"}, {"value": "w@x", "type": "work"}]});
        let csv = render(OutputFormat::Csv, std::slice::from_ref(&u));
        assert!(csv.contains("\"Ada L, \"\"the\"\"\""), "{csv}");
        // No managers known: the IdP-managed cell is empty, not "?".
        assert!(csv.lines().nth(1).unwrap().contains(",true,w@x,,"), "{csv}");
        assert!(csv.contains(",w@x,"), "{csv}");
        let tsv = render(OutputFormat::Table, std::slice::from_ref(&u));
        assert!(tsv.starts_with("ID\tUSERNAME"), "{tsv}");
        assert!(select(ResourceKind::User, OutputFormat::Table, Some("id,nope")).is_err());
        let cols = select(
            ResourceKind::Group,
            OutputFormat::Table,
            Some("displayName,id"),
        )
        .unwrap();
        assert_eq!(cols[0].name, "displayName");
    }

    #[test]
    fn json_is_a_valid_array_even_when_empty() {
        for rows in [vec![], vec![json!({"id": "1"}), json!({"id": "2"})]] {
            let cols = select(ResourceKind::User, OutputFormat::Json, None).unwrap();
            let mut buf = Vec::new();
            {
                let mut r = Renderer::new(&mut buf, OutputFormat::Json, cols, true, false, None);
                r.begin().unwrap();
                for row in &rows {
                    r.row(row).unwrap();
                }
                r.end().unwrap();
            }
            let v: Value = serde_json::from_slice(&buf).unwrap();
            assert_eq!(v.as_array().unwrap().len(), rows.len());
        }
    }
}
