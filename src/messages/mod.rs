//! The message catalogue: every diagnostic, hint and line of command output
//! a coordinator reads, as a key with a German and an English text.
//!
//! Code names a message by its key and named arguments (`msg!("unknown-field",
//! field = "titel")`); the text is chosen when the message is printed, in the
//! [`Lang`] the command picked (the site's language, `LOTSE_LANG` over it).
//! The texts live in `de.toml` and `en.toml` beside this file, the stable
//! codes of diagnostics (`L0101`) in `codes.toml`; all three are embedded at
//! compile time and parsed once. How to add a message: docs/messages.md.

use std::collections::BTreeMap;
use std::sync::OnceLock;

/// The language messages are printed in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Lang {
    De,
    En,
}

impl Lang {
    /// German for a `de` site (also `de-AT`, …), English for any other:
    /// the coordinators of a site in another language read English more
    /// often than German.
    pub fn for_site_language(code: &str) -> Lang {
        let code = code.trim().to_ascii_lowercase();
        if code == "de" || code.starts_with("de-") || code.starts_with("de_") {
            Lang::De
        } else {
            Lang::En
        }
    }

    /// The language `LOTSE_LANG` asks for (`de…` or `en…`); `None` when it
    /// is unset or names neither.
    pub fn from_env_value(value: Option<&str>) -> Option<Lang> {
        let v = value?.trim().to_ascii_lowercase();
        if v.starts_with("de") {
            Some(Lang::De)
        } else if v.starts_with("en") {
            Some(Lang::En)
        } else {
            None
        }
    }

    /// The two-letter code.
    pub fn code(self) -> &'static str {
        match self {
            Lang::De => "de",
            Lang::En => "en",
        }
    }
}

/// One argument of a message: a text, a number (which also picks the
/// plural form) or another message, translated with it.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Arg {
    Text(String),
    Num(i64),
    Msg(Box<Message>),
}

impl From<String> for Arg {
    fn from(s: String) -> Self {
        Arg::Text(s)
    }
}
impl From<&String> for Arg {
    fn from(s: &String) -> Self {
        Arg::Text(s.clone())
    }
}
impl From<&str> for Arg {
    fn from(s: &str) -> Self {
        Arg::Text(s.to_string())
    }
}
impl From<std::borrow::Cow<'_, str>> for Arg {
    fn from(s: std::borrow::Cow<'_, str>) -> Self {
        Arg::Text(s.into_owned())
    }
}
impl From<Message> for Arg {
    fn from(m: Message) -> Self {
        Arg::Msg(Box::new(m))
    }
}
macro_rules! num_arg {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg {
            fn from(n: $t) -> Self {
                Arg::Num(n as i64)
            }
        }
    )*};
}
num_arg!(usize, u64, u32, u16, u8, i64, i32, i16, i8);

/// A message by key, with its named arguments; rendered in a language by
/// [`Message::text`].
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Message {
    pub key: &'static str,
    pub args: Vec<(&'static str, Arg)>,
    /// A text that may replace the marked span (the id a "did you mean"
    /// hint proposes), for editors and `lotse check --format json`.
    pub replacement: Option<String>,
}

/// A [`Message`]: `msg!("key", name = value, …)`. The key is a literal so
/// that a test can find every key the code uses in the catalogue.
#[macro_export]
macro_rules! msg {
    ($key:literal $(, $name:ident = $val:expr)* $(,)?) => {
        $crate::messages::Message::new($key)$(.arg(stringify!($name), $val))*
    };
}

impl Message {
    pub fn new(key: &'static str) -> Self {
        Message {
            key,
            args: Vec::new(),
            replacement: None,
        }
    }

    pub fn arg(mut self, name: &'static str, value: impl Into<Arg>) -> Self {
        self.args.push((name, value.into()));
        self
    }

    pub fn with_replacement(mut self, text: impl Into<String>) -> Self {
        self.replacement = Some(text.into());
        self
    }

    /// The stable code of the message (`L0101`), for diagnostics.
    pub fn code(&self) -> Option<&'static str> {
        catalogue().codes.get(self.key).copied()
    }

    /// The message in `lang`. A key the catalogue lacks (a test keeps that
    /// from happening) prints as the key with its arguments, never nothing.
    pub fn text(&self, lang: Lang) -> String {
        let cat = catalogue();
        let n = self.args.iter().find_map(|(k, v)| match v {
            Arg::Num(n) if *k == "n" => Some(*n),
            _ => None,
        });
        let template = cat.get(lang, self.key).map(|e| match e {
            Entry::Text(t) => t.as_str(),
            Entry::Plural { one, other } => {
                if n == Some(1) {
                    one.as_str()
                } else {
                    other.as_str()
                }
            }
        });
        match template {
            Some(t) => fill(t, &self.args, lang),
            None => {
                let args: Vec<String> = self
                    .args
                    .iter()
                    .map(|(k, v)| format!("{k}={}", arg_text(v, lang)))
                    .collect();
                format!("{} ({})", self.key, args.join(", "))
            }
        }
    }
}

fn arg_text(a: &Arg, lang: Lang) -> String {
    match a {
        Arg::Text(s) => s.clone(),
        Arg::Num(n) => n.to_string(),
        Arg::Msg(m) => m.text(lang),
    }
}

/// `{name}` in `template` replaced by the argument of that name.
fn fill(template: &str, args: &[(&'static str, Arg)], lang: Lang) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                let name = &after[..close];
                match args.iter().find(|(k, _)| *k == name) {
                    Some((_, v)) => out.push_str(&arg_text(v, lang)),
                    None => {
                        out.push('{');
                        out.push_str(name);
                        out.push('}');
                    }
                }
                rest = &after[close + 1..];
            }
            None => {
                out.push_str(&rest[open..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// One text of the catalogue: plain, or a singular and a plural form
/// chosen by the argument `n`.
#[derive(Clone, Debug, PartialEq)]
pub enum Entry {
    Text(String),
    Plural { one: String, other: String },
}

/// The parsed catalogue: texts per language and the codes of diagnostics.
#[derive(Debug)]
pub struct Catalogue {
    pub de: BTreeMap<String, Entry>,
    pub en: BTreeMap<String, Entry>,
    /// Key → stable code, for the keys that are diagnostics.
    pub codes: BTreeMap<&'static str, &'static str>,
}

impl Catalogue {
    pub fn get(&self, lang: Lang, key: &str) -> Option<&Entry> {
        match lang {
            Lang::De => self.de.get(key),
            Lang::En => self.en.get(key),
        }
    }
}

pub const DE: &str = include_str!("de.toml");
pub const EN: &str = include_str!("en.toml");
pub const CODES: &str = include_str!("codes.toml");

/// The embedded catalogue, parsed on first use. The files are part of the
/// program: a broken one is a bug that the unit tests catch, so parsing
/// panics rather than reporting.
pub fn catalogue() -> &'static Catalogue {
    static CAT: OnceLock<Catalogue> = OnceLock::new();
    CAT.get_or_init(|| Catalogue {
        de: parse_texts(DE).unwrap_or_else(|e| panic!("src/messages/de.toml: {e}")),
        en: parse_texts(EN).unwrap_or_else(|e| panic!("src/messages/en.toml: {e}")),
        codes: parse_codes(CODES).unwrap_or_else(|e| panic!("src/messages/codes.toml: {e}")),
    })
}

/// `key = "text"` or `[key]` with `one` and `other`.
pub fn parse_texts(text: &str) -> Result<BTreeMap<String, Entry>, String> {
    let table: toml::Table = text.parse().map_err(|e: toml::de::Error| e.to_string())?;
    let mut out = BTreeMap::new();
    for (key, value) in table {
        let entry = match &value {
            toml::Value::String(s) => Entry::Text(s.clone()),
            toml::Value::Table(t) => match (t.get("one"), t.get("other"), t.len()) {
                (Some(toml::Value::String(one)), Some(toml::Value::String(other)), 2) => {
                    Entry::Plural {
                        one: one.clone(),
                        other: other.clone(),
                    }
                }
                _ => return Err(format!("`{key}`: a table needs exactly `one` and `other`")),
            },
            _ => return Err(format!("`{key}`: a text or a table of `one` and `other`")),
        };
        out.insert(key, entry);
    }
    Ok(out)
}

/// `key = "L0101"` lines, kept in the order written (the order of the
/// documented table).
pub fn parse_codes(text: &'static str) -> Result<BTreeMap<&'static str, &'static str>, String> {
    let mut out = BTreeMap::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (key, code) = line
            .split_once('=')
            .ok_or_else(|| format!("line {}: expected `key = \"L0000\"`", i + 1))?;
        let code = code.trim().trim_matches('"');
        if out.insert(key.trim(), code).is_some() {
            return Err(format!("line {}: `{}` twice", i + 1, key.trim()));
        }
    }
    Ok(out)
}

/// The codes in the order of `codes.toml`: (code, key).
pub fn codes_in_order() -> Vec<(&'static str, &'static str)> {
    CODES
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .filter_map(|l| l.split_once('='))
        .map(|(k, c)| (c.trim().trim_matches('"'), k.trim()))
        .collect()
}

#[cfg(test)]
mod tests;
