//! The catalogue is complete: both languages have every key with the same
//! arguments, codes are unique and stable in form, and every key the code
//! uses is in the catalogue (and every key in the catalogue is used).

use super::*;
use std::collections::BTreeSet;
use std::path::Path;

fn placeholders(e: &Entry) -> BTreeSet<String> {
    let texts: Vec<&str> = match e {
        Entry::Text(t) => vec![t],
        Entry::Plural { one, other } => vec![one, other],
    };
    let mut out = BTreeSet::new();
    for t in texts {
        let mut rest = t;
        while let Some(open) = rest.find('{') {
            let after = &rest[open + 1..];
            let Some(close) = after.find('}') else { break };
            out.insert(after[..close].to_string());
            rest = &after[close + 1..];
        }
    }
    // A plural form may leave out `{n}` ("1 Datei" for one).
    out.remove("n");
    out
}

#[test]
fn every_key_has_both_languages_with_the_same_arguments() {
    let cat = catalogue();
    let de: BTreeSet<&String> = cat.de.keys().collect();
    let en: BTreeSet<&String> = cat.en.keys().collect();
    let only_de: Vec<_> = de.difference(&en).collect();
    let only_en: Vec<_> = en.difference(&de).collect();
    assert!(only_de.is_empty(), "keys without English text: {only_de:?}");
    assert!(only_en.is_empty(), "keys without German text: {only_en:?}");
    for (key, d) in &cat.de {
        let e = &cat.en[key];
        assert_eq!(
            placeholders(d),
            placeholders(e),
            "`{key}` takes different arguments in de.toml and en.toml"
        );
    }
}

#[test]
fn codes_are_unique_well_formed_and_name_known_keys() {
    let cat = catalogue();
    let mut seen: BTreeMap<&str, &str> = BTreeMap::new();
    for (code, key) in codes_in_order() {
        assert!(
            code.len() == 5
                && code.starts_with('L')
                && code[1..].chars().all(|c| c.is_ascii_digit()),
            "`{key}`: code `{code}` is not like L0101"
        );
        if let Some(other) = seen.insert(code, key) {
            panic!("`{other}` and `{key}` share the code {code}");
        }
        assert!(
            cat.en.contains_key(key),
            "codes.toml names `{key}`, which has no text"
        );
    }
    assert_eq!(seen.len(), cat.codes.len());
}

/// Every `msg!("key"` in src/.
fn used_keys() -> BTreeMap<String, String> {
    fn walk(dir: &Path, out: &mut BTreeMap<String, String>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|x| x == "rs") {
                let text = std::fs::read_to_string(&p).unwrap();
                let mut rest = text.as_str();
                while let Some(at) = rest.find("msg!(") {
                    rest = &rest[at + 5..];
                    let s = rest.trim_start();
                    if let Some(s) = s.strip_prefix('"') {
                        let key = &s[..s.find('"').unwrap()];
                        out.entry(key.to_string())
                            .or_insert_with(|| p.display().to_string());
                    }
                }
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"), &mut out);
    // This module's own tests and docs name example keys.
    out.retain(|_, file| {
        !file.ends_with("messages/tests.rs") && !file.ends_with("messages/mod.rs")
    });
    out
}

#[test]
fn the_code_uses_only_keys_of_the_catalogue_and_all_of_them() {
    let cat = catalogue();
    let used = used_keys();
    let missing: Vec<String> = used
        .iter()
        .filter(|(k, _)| !cat.en.contains_key(*k))
        .map(|(k, f)| format!("{k} ({f})"))
        .collect();
    assert!(
        missing.is_empty(),
        "keys used in code but not in the catalogue: {missing:?}"
    );
    let unused: Vec<&String> = cat.en.keys().filter(|k| !used.contains_key(*k)).collect();
    assert!(
        unused.is_empty(),
        "keys in the catalogue that no code uses: {unused:?}"
    );
}

#[test]
fn arguments_fill_and_plurals_follow_n() {
    let m = Message::new("summary-errors").arg("n", 1usize);
    assert_eq!(m.text(Lang::De), "1 Fehler");
    assert_eq!(m.text(Lang::En), "1 error");
    let m = Message::new("summary-warnings").arg("n", 2usize);
    assert_eq!(m.text(Lang::De), "2 Warnungen");
    assert_eq!(m.text(Lang::En), "2 warnings");
    assert_eq!(
        fill("a {x} b {y}", &[("x", Arg::Num(3))], Lang::En),
        "a 3 b {y}"
    );
}

#[test]
fn the_language_follows_the_site_and_the_environment() {
    assert_eq!(Lang::for_site_language("de"), Lang::De);
    assert_eq!(Lang::for_site_language("de-AT"), Lang::De);
    assert_eq!(Lang::for_site_language("en"), Lang::En);
    assert_eq!(Lang::for_site_language("tr"), Lang::En);
    assert_eq!(Lang::from_env_value(Some("en")), Some(Lang::En));
    assert_eq!(Lang::from_env_value(Some("de_DE.UTF-8")), Some(Lang::De));
    assert_eq!(Lang::from_env_value(Some("fr")), None);
    assert_eq!(Lang::from_env_value(None), None);
}

/// docs/messages.md holds the table of codes between two markers; it is
/// generated from codes.toml and en.toml, and this test fails when it is
/// stale (run with `LOTSE_BLESS=1` to rewrite it).
#[test]
fn the_documented_table_of_codes_is_current() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/messages.md");
    let doc = std::fs::read_to_string(&path).unwrap();
    let (begin, end) = ("<!-- codes:begin -->\n", "<!-- codes:end -->");
    let (head, rest) = doc
        .split_once(begin)
        .expect("docs/messages.md lacks <!-- codes:begin -->");
    let (_, tail) = rest
        .split_once(end)
        .expect("docs/messages.md lacks <!-- codes:end -->");
    let fresh = format!("{head}{begin}{}{end}{tail}", code_table());
    if fresh != doc {
        if std::env::var_os("LOTSE_BLESS").is_some() {
            std::fs::write(&path, fresh).unwrap();
        } else {
            panic!(
                "the table of codes in docs/messages.md is stale; run `LOTSE_BLESS=1 cargo test --lib messages` to rewrite it"
            );
        }
    }
}

fn code_table() -> String {
    let cat = catalogue();
    let mut s = String::from("| code | name | English | Deutsch |\n|---|---|---|---|\n");
    for (code, key) in codes_in_order() {
        let text = |e: Option<&Entry>| match e {
            Some(Entry::Text(t)) => t.clone(),
            Some(Entry::Plural { other, .. }) => other.clone(),
            None => String::new(),
        };
        let cell = |t: String| t.replace('|', "\\|");
        s.push_str(&format!(
            "| {code} | `{key}` | {} | {} |\n",
            cell(text(cat.en.get(key))),
            cell(text(cat.de.get(key)))
        ));
    }
    s
}
