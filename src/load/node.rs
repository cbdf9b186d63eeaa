//! A spanned, owned TOML tree: the front matter as written, with byte spans
//! into the file so that every later message can point at its value.

use std::ops::Range;
use toml::de::{DeTable, DeValue};

pub type Span = Range<usize>;

/// A TOML value with the span of its text in the source file.
#[derive(Clone, Debug)]
pub struct Node {
    pub span: Span,
    pub value: Value,
}

#[derive(Clone, Debug)]
pub enum Value {
    Str(String),
    Int(i64),
    Float(f64),
    Bool(bool),
    /// A TOML date/time, kept as written; dates are validated where they are read.
    Datetime(toml::value::Datetime),
    Array(Vec<Node>),
    Table(Table),
}

/// A TOML table with its keys in source order.
#[derive(Clone, Debug, Default)]
pub struct Table {
    pub entries: Vec<Entry>,
}

#[derive(Clone, Debug)]
pub struct Entry {
    pub key: String,
    pub key_span: Span,
    pub node: Node,
}

impl Table {
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.entries.iter().find(|e| e.key == key).map(|e| &e.node)
    }
}

impl Value {
    /// The TOML type name, for "expected a string, found an integer".
    pub fn type_name(&self) -> crate::messages::Message {
        match self {
            Value::Str(_) => crate::msg!("type-string"),
            Value::Int(_) => crate::msg!("type-integer"),
            Value::Float(_) => crate::msg!("type-float"),
            Value::Bool(_) => crate::msg!("type-boolean"),
            Value::Datetime(_) => crate::msg!("type-date"),
            Value::Array(_) => crate::msg!("type-list"),
            Value::Table(_) => crate::msg!("type-table"),
        }
    }
}

/// A TOML syntax error with its span (relative to the parsed text).
#[derive(Debug)]
pub struct SyntaxError {
    pub message: String,
    pub span: Span,
}

/// Parses a TOML document. `offset` is added to every span so that spans
/// point into the whole file, not just the front matter. Of several syntax
/// errors only the first is returned: the parser's recovery after a
/// mistake (an unclosed `[` or `"`) reports follow-on errors on lines that
/// are fine.
pub fn parse(text: &str, offset: usize) -> Result<Table, Vec<SyntaxError>> {
    let (table, errors) = DeTable::parse_recoverable(text);
    if !errors.is_empty() {
        return Err(errors
            .into_iter()
            .take(1)
            .map(|e| {
                let span = e.span().unwrap_or(0..0);
                SyntaxError {
                    message: first_line(e.message()),
                    span: span.start + offset..span.end + offset,
                }
            })
            .collect());
    }
    Ok(convert_table(table.get_ref(), offset))
}

fn first_line(s: &str) -> String {
    s.lines().next().unwrap_or(s).trim().to_string()
}

fn convert_table(t: &DeTable<'_>, offset: usize) -> Table {
    let mut entries: Vec<Entry> = t
        .iter()
        .map(|(k, v)| {
            let ks = k.span();
            Entry {
                key: k.get_ref().to_string(),
                key_span: ks.start + offset..ks.end + offset,
                node: convert(v.get_ref(), v.span(), offset),
            }
        })
        .collect();
    // The parser's map is sorted by key; restore the author's order.
    entries.sort_by_key(|e| e.key_span.start);
    Table { entries }
}

fn convert(v: &DeValue<'_>, span: Span, offset: usize) -> Node {
    let value = match v {
        DeValue::String(s) => Value::Str(s.to_string()),
        DeValue::Integer(i) => match i64::from_str_radix(i.as_str(), i.radix()) {
            Ok(n) => Value::Int(n),
            Err(_) => Value::Float(f64::INFINITY),
        },
        DeValue::Float(f) => Value::Float(f.as_str().replace('_', "").parse().unwrap_or(f64::NAN)),
        DeValue::Boolean(b) => Value::Bool(*b),
        DeValue::Datetime(d) => Value::Datetime(*d),
        DeValue::Array(a) => Value::Array(
            a.iter()
                .map(|n| convert(n.get_ref(), n.span(), offset))
                .collect(),
        ),
        DeValue::Table(t) => Value::Table(convert_table(t, offset)),
    };
    Node {
        span: span.start + offset..span.end + offset,
        value,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_spans_and_order() {
        let t = parse("title = \"A\"\nkind = \"b\"\n[[x]]\np = 1\n", 4).unwrap();
        let keys: Vec<_> = t.entries.iter().map(|e| e.key.as_str()).collect();
        assert_eq!(keys, ["title", "kind", "x"]);
        let kind = t.get("kind").unwrap();
        assert_eq!(kind.span, 4 + 19..4 + 22);
        let Value::Array(items) = &t.get("x").unwrap().value else {
            panic!()
        };
        let Value::Table(row) = &items[0].value else {
            panic!()
        };
        assert!(matches!(row.get("p").unwrap().value, Value::Int(1)));
    }

    #[test]
    fn reports_syntax_errors_with_span() {
        let errs = parse("title = \n", 10).unwrap_err();
        assert!(!errs.is_empty());
        assert!(errs[0].span.start >= 10);
    }

    #[test]
    fn reports_only_the_first_syntax_error() {
        let errs = parse("language = [\"de\"\ntheme = \"lotse\"\ntitle = \"x\"\n", 0).unwrap_err();
        assert_eq!(errs.len(), 1, "{errs:?}");
    }
}
