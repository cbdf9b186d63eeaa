//! Open data: one JSON array and one RFC 4180 CSV file per content type
//! (`/daten/<type>.json|csv`), built from the front matter as written plus
//! the derived fields (CONTENT-MODEL.md §4).

use crate::link::Site;
use crate::load::node::{Node, Table, Value};
use crate::model::Kind;
use crate::url::entity_path;
use serde::ser::{SerializeMap, SerializeSeq};
use serde::{Serialize, Serializer};
use std::collections::HashMap;

// The data files are part of the route plan, which owns their kinds,
// formats and paths.
pub use crate::routes::files::{DATA_KINDS, Format, data_path as path};

/// The type's own fields in schema order (CSV columns after id, url, title).
pub use crate::model::entities::own_fields as fields;

/// Derived fields of a type, after the written ones.
pub fn derived(kind: Kind) -> &'static [&'static str] {
    match kind {
        Kind::Region => &["offers", "practice", "agreements"],
        Kind::Partner => &["regions", "offers", "practice", "agreements"],
        Kind::Agreement => &["status", "current_term_end"],
        _ => &[],
    }
}

/// Common fields at the end of a CSV row.
const TRAILING: [&str; 4] = ["summary", "easy_summary", "updated", "checked"];

/// The key of a nested table that names it in flattened CSV cells.
fn primary_key(field: &str) -> &'static str {
    match field {
        "steering_group" | "parties" => "partner",
        "milestones" => "indicator",
        "bodies" | "contacts" => "name",
        "goals" => "goal",
        _ => "",
    }
}

/// A value of a row: as written, or derived.
enum Cell<'a> {
    Written(&'a Node),
    Str(String),
    Ids(Vec<&'a str>),
    /// `translations` of a multilingual site: language → title and URL
    /// of each translated version (JSON only).
    Translations(Vec<(&'a str, &'a str, String)>),
    Null,
}

struct Row<'a> {
    cells: Vec<(&'a str, Cell<'a>)>,
}

/// The rows of a type, one per entity, in id order, each made when it is
/// written: at 50,000 entities all rows at once took some 80 MB per file.
fn rows(site: &Site, kind: Kind) -> impl Iterator<Item = Row<'_>> {
    (0..site.count(kind)).map(move |i| row(site, kind, i))
}

/// All rows of a type as a JSON array.
struct Rows<'a>(&'a Site, Kind);

impl Serialize for Rows<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(rows(self.0, self.1))
    }
}

fn row(site: &Site, kind: Kind, i: usize) -> Row<'_> {
    let c = site.common(kind, i);
    let mut cells: Vec<(&str, Cell)> = vec![
        ("id", Cell::Str(c.id.clone())),
        (
            "url",
            Cell::Str(site.urls.absolute(&entity_path(kind, &c.id))),
        ),
    ];
    for e in &c.front.entries {
        match e.key.as_str() {
            "summary" | "id" => {}
            // `url` is the page's address; an offer's own web address
            // keeps its place under the partners' name for one.
            "url" if kind == Kind::Offer => cells.push((OWN_URL, Cell::Written(&e.node))),
            "url" => {}
            key => cells.push((key, Cell::Written(&e.node))),
        }
    }
    let b = &site.back;
    let ids = |kind: Kind, list: &[usize]| -> Cell {
        Cell::Ids(
            list.iter()
                .map(|&j| site.common(kind, j).id.as_str())
                .collect(),
        )
    };
    match kind {
        Kind::Region => {
            cells.push(("offers", ids(Kind::Offer, &b.region_offers[i])));
            cells.push(("practice", ids(Kind::Practice, &b.region_practices[i])));
            cells.push(("agreements", ids(Kind::Agreement, &b.region_agreements[i])));
        }
        Kind::Partner => {
            cells.push(("regions", ids(Kind::Region, &b.partner_regions[i])));
            cells.push(("offers", ids(Kind::Offer, &b.partner_offers[i])));
            cells.push(("practice", ids(Kind::Practice, &b.partner_practices[i])));
            cells.push(("agreements", ids(Kind::Agreement, &b.partner_agreements[i])));
        }
        Kind::Agreement => {
            let t = site.terms[i];
            cells.push(("status", Cell::Str(t.status.as_str().to_string())));
            cells.push((
                "current_term_end",
                t.current_term_end
                    .map_or(Cell::Null, |d| Cell::Str(d.to_string())),
            ));
        }
        _ => {}
    }
    let summary = site.summary(kind, i);
    cells.push((
        "summary",
        summary.map_or(Cell::Null, |s| Cell::Str(s.to_string())),
    ));
    if site.config.languages.len() > 1 {
        cells.push(("translations", translations(site, kind, &c.id)));
    }
    Row { cells }
}

/// The translated versions of an entity, in the site's language order.
fn translations<'s>(site: &'s Site, kind: Kind, id: &str) -> Cell<'s> {
    let path = entity_path(kind, id);
    Cell::Translations(
        site.config
            .languages
            .iter()
            .skip(1)
            .filter_map(|lang| {
                let t = site.translations.get(lang, kind, id)?;
                let title = t
                    .text("title")
                    .unwrap_or(&site.common(kind, site.index.get(kind, id)?).title);
                let url = crate::link::version::urls_in(site, lang).absolute(&path);
                Some((lang.as_str(), title, url))
            })
            .collect(),
    )
}

// ───────────────────────────── JSON ─────────────────────────────

/// A front-matter node as JSON: tables keep the author's key order, dates
/// are written "YYYY-MM-DD".
pub struct NodeJson<'a>(pub &'a Node);

impl Serialize for NodeJson<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match &self.0.value {
            Value::Str(v) => s.serialize_str(v),
            Value::Int(v) => s.serialize_i64(*v),
            Value::Float(v) if v.is_finite() => s.serialize_f64(*v),
            Value::Float(_) => s.serialize_none(),
            Value::Bool(v) => s.serialize_bool(*v),
            Value::Datetime(d) => s.serialize_str(&d.to_string()),
            Value::Array(items) => {
                let mut seq = s.serialize_seq(Some(items.len()))?;
                for n in items {
                    seq.serialize_element(&NodeJson(n))?;
                }
                seq.end()
            }
            Value::Table(t) => TableJson(t).serialize(s),
        }
    }
}

struct TableJson<'a>(&'a Table);

impl Serialize for TableJson<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.entries.len()))?;
        for e in &self.0.entries {
            map.serialize_entry(&e.key, &NodeJson(&e.node))?;
        }
        map.end()
    }
}

impl Serialize for Cell<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Cell::Written(n) => NodeJson(n).serialize(s),
            Cell::Str(v) => s.serialize_str(v),
            Cell::Ids(ids) => ids.serialize(s),
            Cell::Translations(list) => {
                let mut map = s.serialize_map(Some(list.len()))?;
                for (lang, title, url) in list {
                    map.serialize_entry(lang, &serde_json::json!({"title": title, "url": url}))?;
                }
                map.end()
            }
            Cell::Null => s.serialize_none(),
        }
    }
}

impl Serialize for Row<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.cells.len()))?;
        for (k, v) in &self.cells {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

/// `/daten/<type>.json`: a JSON array, one object per entity.
pub fn json(site: &Site, kind: Kind) -> Vec<u8> {
    let mut out = Vec::new();
    let _ = write_json(site, kind, &mut out);
    out
}

/// `json`, written to `w` as it is made.
pub fn write_json(site: &Site, kind: Kind, w: &mut dyn std::io::Write) -> std::io::Result<()> {
    use std::io::Write as _;
    let mut w = std::io::BufWriter::with_capacity(64 * 1024, w);
    serde_json::to_writer_pretty(&mut w, &Rows(site, kind))?;
    w.write_all(b"\n")?;
    w.flush()
}

// ───────────────────────────── CSV ─────────────────────────────

/// The data name of an offer's own `url` field: `url` in a data row is the
/// page's address (CONTENT-MODEL.md §4).
pub const OWN_URL: &str = "website";

/// The CSV header of a type.
pub fn columns(kind: Kind) -> Vec<&'static str> {
    let mut cols = vec!["id", "url", "title"];
    cols.extend(
        fields(kind)
            .iter()
            .map(|&f| if f == "url" { OWN_URL } else { f }),
    );
    cols.extend(derived(kind));
    cols.extend(TRAILING);
    cols
}

/// Guards a cell against formula injection in spreadsheets: a cell that
/// starts with `=`, `+`, `-`, `@` (or a tab or carriage return) gets a
/// leading `'`.
pub fn guard(cell: String) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell
    }
}

/// A scalar as text.
fn scalar(n: &Node) -> String {
    match &n.value {
        Value::Str(s) => s.clone(),
        Value::Int(i) => i.to_string(),
        Value::Float(f) => f.to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Datetime(d) => d.to_string(),
        Value::Array(items) => items.iter().map(scalar).collect::<Vec<_>>().join(", "),
        Value::Table(t) => flatten_table(t, ""),
    }
}

/// A nested table as one line: `primary (key: value, key: value)`.
fn flatten_table(t: &Table, primary: &str) -> String {
    let head = t.get(primary).map(scalar);
    let rest: Vec<String> = t
        .entries
        .iter()
        .filter(|e| e.key != primary)
        .map(|e| format!("{}: {}", e.key, scalar(&e.node)))
        .collect();
    match (head, rest.is_empty()) {
        (Some(h), true) => h,
        (Some(h), false) => format!("{h} ({})", rest.join(", ")),
        (None, _) => rest.join(", "),
    }
}

/// A written value as a CSV cell: lists joined with `; `, nested tables
/// flattened one per list entry.
fn written_cell(field: &str, n: &Node) -> String {
    match &n.value {
        Value::Array(items) => items
            .iter()
            .map(|item| match &item.value {
                Value::Table(t) => flatten_table(t, primary_key(field)),
                _ => scalar(item),
            })
            .collect::<Vec<_>>()
            .join("; "),
        _ => scalar(n),
    }
}

fn cell_text(field: &str, c: Option<&Cell>) -> String {
    match c {
        Some(Cell::Written(n)) => written_cell(field, n),
        Some(Cell::Str(s)) => s.clone(),
        Some(Cell::Ids(ids)) => ids.join("; "),
        Some(Cell::Null | Cell::Translations(_)) | None => String::new(),
    }
}

/// `/daten/<type>.csv`: RFC 4180 (CRLF, quotes where needed), UTF-8,
/// header row.
pub fn csv(site: &Site, kind: Kind) -> Vec<u8> {
    let mut out = Vec::new();
    let _ = write_csv(site, kind, &mut out);
    out
}

/// `csv`, written to `w` as it is made.
pub fn write_csv(site: &Site, kind: Kind, w: &mut dyn std::io::Write) -> std::io::Result<()> {
    let cols = columns(kind);
    // The csv writer buffers (64 KiB) itself.
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .buffer_capacity(64 * 1024)
        .from_writer(w);
    w.write_record(&cols)?;
    // Each row's cells put in column order once, rather than every column
    // looked for among the cells (types have 20 to 30 columns).
    let at: HashMap<&str, usize> = cols.iter().enumerate().map(|(i, c)| (*c, i)).collect();
    debug_assert_eq!(at.len(), cols.len(), "a column named twice: {cols:?}");
    for row in rows(site, kind) {
        let mut slots: Vec<Option<&Cell>> = vec![None; cols.len()];
        for (key, cell) in &row.cells {
            if let Some(&i) = at.get(key) {
                // TOML has no key twice; a written field that a derived
                // one repeats keeps the written value.
                slots[i].get_or_insert(cell);
            }
        }
        let record = cols
            .iter()
            .zip(&slots)
            .map(|(col, cell)| guard(cell_text(col, *cell)));
        w.write_record(record)?;
    }
    w.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guards_formula_cells() {
        assert_eq!(guard("=HYPERLINK(\"x\")".into()), "'=HYPERLINK(\"x\")");
        assert_eq!(guard("+1".into()), "'+1");
        assert_eq!(guard("-2".into()), "'-2");
        assert_eq!(guard("@SUM(A1)".into()), "'@SUM(A1)");
        assert_eq!(guard("Ausbildung".into()), "Ausbildung");
        assert_eq!(guard("a=b".into()), "a=b");
    }

    #[test]
    fn flattens_nested_tables_and_lists() {
        let t = crate::load::node::parse(
            "x = [1, 2]\nwhen = 2013-05-29\n[[steering_group]]\nrole = \"Vorsitz\"\npartner = \"ihk\"\n[[steering_group]]\npartner = \"aa\"\n",
            0,
        )
        .unwrap();
        assert_eq!(written_cell("x", t.get("x").unwrap()), "1; 2");
        assert_eq!(written_cell("when", t.get("when").unwrap()), "2013-05-29");
        assert_eq!(
            written_cell("steering_group", t.get("steering_group").unwrap()),
            "ihk (role: Vorsitz); aa"
        );
        let json = serde_json::to_string(&NodeJson(t.get("steering_group").unwrap())).unwrap();
        assert_eq!(
            json,
            r#"[{"role":"Vorsitz","partner":"ihk"},{"partner":"aa"}]"#
        );
    }

    #[test]
    fn no_column_is_named_twice() {
        for kind in DATA_KINDS {
            let c = columns(kind);
            let set: std::collections::HashSet<_> = c.iter().collect();
            assert_eq!(set.len(), c.len(), "{kind:?}: {c:?}");
        }
    }

    #[test]
    fn columns_follow_schema_order() {
        let c = columns(Kind::Agreement);
        assert_eq!(&c[..4], ["id", "url", "title", "regions"]);
        assert!(c.contains(&"status") && c.contains(&"current_term_end"));
        assert_eq!(c.last(), Some(&"checked"));
    }
}
