//! Typed reading of a spanned TOML table: each getter checks type and range,
//! records a diagnostic at the value's span instead of failing, and
//! remembers the keys it read so that unknown keys can be warned about.

use super::Ref;
use crate::diagnostics::{Diagnostic, Severity, Source};
use crate::load::node::{Node, Span, Table, Value};
use crate::messages::Message;
use crate::msg;
use crate::text::suggest::did_you_mean;
use jiff::civil::Date;
use std::cell::RefCell;

/// Reads fields from one table of one file.
pub struct Reader<'a> {
    pub source: &'a Source,
    pub table: &'a Table,
    /// Where "missing field" messages point: the table's header or the
    /// front matter's opening line.
    pub anchor: Span,
    /// A prefix for messages about nested tables (`steering_group[2].`).
    pub context: String,
    diags: &'a RefCell<Vec<Diagnostic>>,
    /// Every key asked for, with its table's context (`milestones[1].phase`):
    /// the unit test of `fields` compares them with the field table.
    #[cfg(test)]
    pub asked: std::rc::Rc<RefCell<std::collections::BTreeSet<String>>>,
}

impl<'a> Reader<'a> {
    pub fn new(
        source: &'a Source,
        table: &'a Table,
        anchor: Span,
        diags: &'a RefCell<Vec<Diagnostic>>,
    ) -> Self {
        Reader {
            source,
            table,
            anchor,
            context: String::new(),
            diags,
            #[cfg(test)]
            asked: Default::default(),
        }
    }

    pub fn error(&self, span: Span, message: Message) -> Diagnostic {
        Diagnostic::at(Severity::Error, self.source, span, message)
    }

    pub fn push(&self, d: Diagnostic) {
        self.diags.borrow_mut().push(d);
    }

    fn field(&self, key: &str) -> String {
        format!("{}{key}", self.context)
    }

    fn node(&self, key: &str) -> Option<&'a Node> {
        #[cfg(test)]
        self.asked.borrow_mut().insert(self.field(key));
        self.table.get(key)
    }

    fn missing(&self, key: &str) {
        self.push(
            self.error(
                self.anchor.clone(),
                msg!("missing-field", field = self.field(key)),
            )
            .with_help(msg!("missing-field-help", key = key)),
        );
    }

    fn wrong_type(&self, key: &str, node: &Node, expected: Message) {
        self.push(self.error(
            node.span.clone(),
            msg!(
                "wrong-type",
                field = self.field(key),
                expected = expected,
                found = node.value.type_name()
            ),
        ));
    }

    fn as_str(&self, key: &str, node: &Node) -> Option<String> {
        match &node.value {
            Value::Str(s) => Some(s.clone()),
            _ => {
                self.wrong_type(key, node, msg!("type-string"));
                None
            }
        }
    }

    pub fn str_opt(&self, key: &str) -> Option<String> {
        self.node(key).and_then(|n| self.as_str(key, n))
    }

    /// An address on the web (`website`, `url`): a string whose scheme
    /// cannot run code when the link is followed.
    pub fn url_opt(&self, key: &str) -> Option<String> {
        let n = self.node(key)?;
        let s = self.as_str(key, n)?;
        if let Some(scheme) = crate::url::dangerous_scheme(&s) {
            self.push(
                self.error(
                    n.span.clone(),
                    msg!("dangerous-url", field = self.field(key), scheme = scheme),
                )
                .with_help(msg!("dangerous-url-help")),
            );
            return None;
        }
        if let Some(fixed) = crate::url::missing_scheme(&s) {
            // Shown as text, not a link: say so, with the value to write.
            self.push(
                Diagnostic::at(
                    Severity::Warning,
                    self.source,
                    n.span.clone(),
                    msg!("url-without-scheme", field = self.field(key), url = &s),
                )
                .with_help(
                    msg!("url-without-scheme-help", fixed = &fixed)
                        .with_replacement(format!("\"{fixed}\"")),
                ),
            );
        }
        Some(s)
    }

    /// A phone number, normalised to E.164; one that cannot be dialled
    /// as written is an error at its value.
    pub fn phone_opt(&self, key: &str) -> Option<super::Phone> {
        use crate::text::contact::{PhoneError, e164};
        let n = self.node(key)?;
        let written = self.as_str(key, n)?;
        let why = match e164(&written) {
            Ok(e164) => return Some(super::Phone { written, e164 }),
            Err(PhoneError::BadCharacter(c)) => {
                msg!("phone-bad-character", character = c.to_string())
            }
            Err(PhoneError::NoAreaCode) => msg!("phone-no-area-code"),
            Err(PhoneError::ZeroAfterCountryCode) => msg!("phone-zero-after-country-code"),
            Err(PhoneError::Length(n)) => msg!("phone-length", digits = n as i64),
        };
        self.push(
            self.error(
                n.span.clone(),
                msg!("invalid-phone", field = self.field(key), phone = &written),
            )
            .with_help(why),
        );
        None
    }

    /// An e-mail address; one of the wrong shape is an error at its value.
    pub fn email_opt(&self, key: &str) -> Option<String> {
        let n = self.node(key)?;
        let s = self.as_str(key, n)?;
        if crate::text::contact::is_email(s.trim()) {
            return Some(s.trim().to_string());
        }
        self.push(
            self.error(
                n.span.clone(),
                msg!("invalid-email", field = self.field(key), email = &s),
            )
            .with_help(msg!("invalid-email-help")),
        );
        None
    }

    /// A required, non-empty string.
    pub fn str_req(&self, key: &str) -> Option<String> {
        let Some(n) = self.node(key) else {
            self.missing(key);
            return None;
        };
        let s = self.as_str(key, n)?;
        if s.trim().is_empty() {
            self.push(self.error(n.span.clone(), msg!("empty-field", field = self.field(key))));
            return None;
        }
        Some(s)
    }

    pub fn bool_opt(&self, key: &str) -> Option<bool> {
        let n = self.node(key)?;
        match n.value {
            Value::Bool(b) => Some(b),
            _ => {
                self.wrong_type(key, n, msg!("type-bool"));
                None
            }
        }
    }

    /// An integer within `min..=max`.
    pub fn int_opt(&self, key: &str, min: i64, max: i64) -> Option<i64> {
        let n = self.node(key)?;
        self.int_node(key, n, min, max)
    }

    fn int_node(&self, key: &str, n: &Node, min: i64, max: i64) -> Option<i64> {
        match n.value {
            Value::Int(i) if (min..=max).contains(&i) => Some(i),
            Value::Int(i) => {
                let range = if max == i64::MAX {
                    msg!("range-at-least", min = min)
                } else {
                    msg!("range-between", min = min, max = max)
                };
                self.push(self.error(
                    n.span.clone(),
                    msg!(
                        "out-of-range",
                        field = self.field(key),
                        range = range,
                        found = i
                    ),
                ));
                None
            }
            _ => {
                self.wrong_type(key, n, msg!("type-integer"));
                None
            }
        }
    }

    /// A required value left empty (`kind = ""`, as `lotse new` writes
    /// it): says so instead of "`` is not …".
    fn empty(&self, key: &str, n: &Node, help: Message) -> bool {
        let is_empty = matches!(&n.value, Value::Str(s) if s.trim().is_empty());
        if is_empty {
            self.push(
                self.error(n.span.clone(), msg!("empty-field", field = self.field(key)))
                    .with_help(help),
            );
        }
        is_empty
    }

    fn date_node(&self, key: &str, n: &Node) -> Option<Date> {
        if self.empty(key, n, msg!("empty-date-help")) {
            return None;
        }
        let parsed = match &n.value {
            Value::Datetime(dt) => match dt.date {
                Some(d) => Date::new(d.year as i16, d.month as i8, d.day as i8).ok(),
                None => None,
            },
            Value::Str(s) => parse_date(s),
            _ => {
                self.wrong_type(key, n, msg!("type-date-like"));
                return None;
            }
        };
        if parsed.is_none() {
            // `"31.09.2026"`, `"2026-02-30"`: name the fix.
            let trap = match &n.value {
                Value::Str(s) => crate::text::traps::german_date(s)
                    .or_else(|| crate::text::traps::no_such_date(s)),
                _ => None,
            };
            let d = match trap {
                Some(trap) => {
                    let line = format!("{key} = {}", node_text(&n.value));
                    let (message, help) = crate::text::traps::message(&trap, &line);
                    self.error(n.span.clone(), message).with_help(help)
                }
                None => self
                    .error(
                        n.span.clone(),
                        msg!("invalid-date", field = self.field(key)),
                    )
                    .with_help(msg!("date-format-help")),
            };
            self.push(d);
        }
        parsed
    }

    pub fn date_opt(&self, key: &str) -> Option<Date> {
        let n = self.node(key)?;
        self.date_node(key, n)
    }

    /// A required date. Returns `None` (after a diagnostic) when missing or bad.
    pub fn date_req(&self, key: &str) -> Option<Date> {
        match self.node(key) {
            Some(n) => self.date_node(key, n),
            None => {
                self.missing(key);
                None
            }
        }
    }

    fn list(&self, key: &str) -> Option<&'a [Node]> {
        let n = self.node(key)?;
        match &n.value {
            Value::Array(items) => Some(items),
            _ => {
                self.wrong_type(key, n, msg!("type-list-of"));
                None
            }
        }
    }

    pub fn str_list(&self, key: &str) -> Vec<String> {
        self.list(key)
            .unwrap_or_default()
            .iter()
            .filter_map(|n| self.as_str(key, n))
            .collect()
    }

    /// A list of ids (references or vocabulary terms) with their spans.
    pub fn ref_list(&self, key: &str) -> Vec<Ref> {
        self.list(key)
            .unwrap_or_default()
            .iter()
            .filter_map(|n| {
                self.as_str(key, n).map(|id| Ref {
                    id,
                    span: n.span.clone(),
                })
            })
            .collect()
    }

    /// A list of ids that must have at least one entry.
    pub fn ref_list_req(&self, key: &str) -> Vec<Ref> {
        match self.node(key) {
            None => {
                self.missing(key);
                Vec::new()
            }
            Some(n) => {
                let refs = self.ref_list(key);
                if matches!(&n.value, Value::Array(a) if a.is_empty()) {
                    self.push(
                        self.error(n.span.clone(), msg!("empty-list", field = self.field(key))),
                    );
                }
                refs
            }
        }
    }

    pub fn ref_opt(&self, key: &str) -> Option<Ref> {
        let n = self.node(key)?;
        if self.empty(key, n, msg!("empty-choice-help")) {
            return None;
        }
        self.as_str(key, n).map(|id| Ref {
            id,
            span: n.span.clone(),
        })
    }

    pub fn ref_req(&self, key: &str) -> Option<Ref> {
        if self.node(key).is_none() {
            self.missing(key);
            return None;
        }
        self.ref_opt(key)
    }

    pub fn int_list(&self, key: &str, min: i64, max: i64) -> Vec<i64> {
        self.list(key)
            .unwrap_or_default()
            .iter()
            .filter_map(|n| self.int_node(key, n, min, max))
            .collect()
    }

    /// A string that must be one of `values` (English, or its German
    /// alias: `erledigt` for `done`); returns the English value.
    pub fn choice(
        &self,
        key: &str,
        values: &[(&'static str, &'static str)],
        required: bool,
    ) -> Option<String> {
        let n = match self.node(key) {
            Some(n) => n,
            None => {
                if required {
                    self.missing(key);
                }
                return None;
            }
        };
        let s = self.as_str(key, n)?;
        if let Some(en) = super::fields::canonical(values, &s) {
            return Some(en.to_string());
        }
        let allowed = super::fields::choices(values);
        // `done` (`erledigt`): the German word is as good as the English.
        let list: Vec<String> = values
            .iter()
            .map(|(en, de)| match de {
                &"" => format!("`{en}`"),
                de => format!("`{en}` (`{de}`)"),
            })
            .collect();
        self.push(
            self.error(
                n.span.clone(),
                msg!(
                    "not-allowed",
                    field = self.field(key),
                    allowed = list.join(", "),
                    found = &s
                ),
            )
            .maybe_help(did_you_mean(&s, allowed.iter().copied())),
        );
        None
    }

    /// An array of tables (`[[steering_group]]`): one reader per row.
    pub fn tables(&self, key: &str) -> Vec<Reader<'a>> {
        let Some(items) = self.list(key) else {
            return Vec::new();
        };
        items
            .iter()
            .enumerate()
            .filter_map(|(i, n)| match &n.value {
                Value::Table(t) => Some(Reader {
                    source: self.source,
                    table: t,
                    anchor: n.span.clone(),
                    context: format!("{}{key}[{}].", self.context, i + 1),
                    diags: self.diags,
                    #[cfg(test)]
                    asked: self.asked.clone(),
                }),
                _ => {
                    self.wrong_type(key, n, msg!("type-table-array"));
                    None
                }
            })
            .collect()
    }

    /// A single sub-table (`[markdown]`).
    pub fn tables_or_table(&self, key: &str) -> Option<Reader<'a>> {
        let n = self.node(key)?;
        match &n.value {
            Value::Table(t) => Some(Reader {
                source: self.source,
                table: t,
                anchor: n.span.clone(),
                context: format!("{}{key}.", self.context),
                diags: self.diags,
                #[cfg(test)]
                asked: self.asked.clone(),
            }),
            _ => {
                self.wrong_type(key, n, msg!("type-table"));
                None
            }
        }
    }

    /// The keys of a row of `[[table]]`: a key the row does not take but
    /// the document does at its top (`top`) was written below the table by
    /// mistake and would be lost, an error; any other unknown key is a
    /// warning as in [`Reader::unknown_keys`].
    pub fn row_keys(&self, known: &[&str], top: &[&str], table: &str) {
        let misplaced: Vec<&str> = self
            .table
            .entries
            .iter()
            .map(|e| e.key.as_str())
            .filter(|k| !known.contains(k) && top.contains(k))
            .collect();
        for e in &self.table.entries {
            if misplaced.contains(&e.key.as_str()) {
                let (key, table) = (e.key.as_str(), table);
                self.push(
                    self.error(
                        e.key_span.clone(),
                        msg!("misplaced-key", key = key, table = table),
                    )
                    .with_help(msg!(
                        "misplaced-key-help",
                        key = key,
                        table = table
                    )),
                );
            }
        }
        let mut all = known.to_vec();
        all.extend(misplaced);
        self.unknown_keys(&all);
    }

    /// Warns about every key not in `known`, with the nearest known key.
    pub fn unknown_keys(&self, known: &[&str]) {
        for e in &self.table.entries {
            if !known.contains(&e.key.as_str()) {
                self.push(
                    Diagnostic::at(
                        Severity::Warning,
                        self.source,
                        e.key_span.clone(),
                        msg!(
                            "unknown-field",
                            field = format!("{}{}", self.context, e.key)
                        ),
                    )
                    .maybe_help(did_you_mean(&e.key, known.iter().copied())),
                );
            }
        }
    }
}

/// A string value without its quotes, for a fixed line in a hint.
fn node_text(v: &Value) -> String {
    match v {
        Value::Str(s) => s.clone(),
        _ => String::new(),
    }
}

/// `YYYY-MM-DD`, also with surrounding whitespace.
pub fn parse_date(s: &str) -> Option<Date> {
    let s = s.trim();
    if s.len() != 10 {
        return None;
    }
    s.parse::<Date>().ok()
}
