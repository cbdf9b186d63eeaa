//! The local write API of the browser editor (`/admin/api/v1`): Decap
//! CMS's local-backend protocol (POST a JSON `{action, params}`), so that
//! `lotse serve` alone lets a coordinator edit in the browser. Saved files
//! reach the watcher like any edit: the site is rebuilt, and `lotse
//! check`'s diagnostics show in the editor's error overlay.
//!
//! Guarded, because a page on any other site can make the browser send
//! requests here: the server must listen on loopback; `Host` must name
//! the server itself (a DNS-rebinding page has its own name there) and
//! `Origin` must be that same address; the body must be JSON (a cross-site
//! form cannot send that without a preflight, which is never allowed).
//! Files are read and written only below `content/` and `static/media/`,
//! never through a symlink out of them, and each write goes to a
//! temporary file renamed into place, so a half-written file never reaches
//! the build.
//!
//! A multilingual site keeps its default language in `x.md`; Decap names
//! every language's file `x.<lang>.md`. Paths are mapped both ways here.

use super::respond::{self, Body};
use crate::model::translation;
use base64::Engine;
use serde_json::{Value, json};
use std::io::Read;
use std::path::{Path, PathBuf};
use tiny_http::{Method, Request};

/// The largest request body taken (an upload of a large PDF, in base64).
const MAX_BODY: u64 = 64 * 1024 * 1024;

/// What the API needs to know of the server.
pub struct Api<'a> {
    /// The site's folder (canonical).
    pub root: &'a Path,
    /// The port the server listens on.
    pub port: u16,
    /// Whether it listens on loopback only; else the API is off.
    pub loopback: bool,
    /// The served `admin/config.yml`: the languages of the site.
    pub config: &'a [u8],
}

/// Answers one request to the API.
pub fn handle(mut req: Request, api: &Api) {
    let (status, body) = match check(&req, api) {
        Err(why) => (403, json!({ "error": why })),
        Ok(()) => {
            let mut text = String::new();
            let read = req.as_reader().take(MAX_BODY + 1).read_to_string(&mut text);
            match read {
                Ok(n) if (n as u64) <= MAX_BODY => match serde_json::from_str::<Value>(&text) {
                    Ok(v) => answer(&v, api),
                    Err(e) => (400, json!({ "error": format!("no JSON: {e}") })),
                },
                _ => (413, json!({ "error": "request too large or not UTF-8" })),
            }
        }
    };
    let bytes = serde_json::to_vec(&body).unwrap_or_default();
    let r = respond::bytes(status, "application/json", Body::Owned(bytes));
    respond::send(req, r);
}

/// The hosts the server answers to on `port`.
fn own_hosts(port: u16) -> [String; 3] {
    [
        format!("127.0.0.1:{port}"),
        format!("localhost:{port}"),
        format!("[::1]:{port}"),
    ]
}

/// Whether the request may use the API; the reason when not.
pub fn check(req: &Request, api: &Api) -> Result<(), &'static str> {
    if !api.loopback {
        return Err("the editor's local API is only served on a loopback address");
    }
    if *req.method() != Method::Post {
        return Err("only POST");
    }
    let header = |name: &'static str| {
        req.headers()
            .iter()
            .find(|h| h.field.equiv(name))
            .map(|h| h.value.as_str().to_string())
    };
    let own = own_hosts(api.port);
    let host = header("Host").ok_or("no Host")?;
    if !own.contains(&host) {
        return Err("Host is not this server");
    }
    let origin = header("Origin").ok_or("no Origin")?;
    if origin != format!("http://{host}") {
        return Err("Origin is not this server");
    }
    let ct = header("Content-Type").unwrap_or_default();
    if !ct.starts_with("application/json") {
        return Err("Content-Type must be application/json");
    }
    Ok(())
}

/// The site's languages from the served editor configuration: the
/// default and all (empty for a site in one language).
fn languages(config: &[u8]) -> (String, Vec<String>) {
    let v: Value = serde_json::from_slice(config).unwrap_or(Value::Null);
    let i18n = &v["i18n"];
    let default = i18n["default_locale"].as_str().unwrap_or("").to_string();
    let all = i18n["locales"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|l| l.as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default();
    (default, all)
}

/// Maps between Decap's names and lotse's: `x.de.md` (Decap, default
/// language) is `x.md` on disk.
struct Names {
    default: String,
    all: Vec<String>,
}

impl Names {
    /// The file on disk for a path the editor names.
    fn to_disk(&self, path: &str) -> String {
        if !self.default.is_empty()
            && path.starts_with("content/")
            && let Some(stem) = path.strip_suffix(&format!(".{}.md", self.default))
        {
            return format!("{stem}.md");
        }
        path.to_string()
    }

    /// The editor's name for a file on disk.
    fn to_editor(&self, path: &str) -> String {
        if self.default.is_empty() || !path.starts_with("content/") {
            return path.to_string();
        }
        let Some(stem) = path.strip_suffix(".md") else {
            return path.to_string();
        };
        let translated = stem
            .rsplit_once('.')
            .is_some_and(|(_, lang)| self.all.iter().any(|l| l == lang));
        if translated {
            path.to_string()
        } else {
            format!("{stem}.{}.md", self.default)
        }
    }
}

/// Decap writes the relation fields into every language's file, though
/// their i18n is off; lotse refuses a translation that repeats a field of
/// its source (model::translation). A translation keeps only what a
/// translation holds: the type's text fields, its text lists and `updated`.
fn translation_only(path: &str, raw: &str, names: &Names) -> String {
    let kind = path
        .strip_prefix("content/")
        .and_then(|p| p.split_once('/'))
        .and_then(|(dir, file)| {
            let (_, lang) = file.strip_suffix(".md")?.rsplit_once('.')?;
            let translated = lang != names.default && names.all.iter().any(|l| l == lang);
            translated.then_some(crate::model::Kind::from_dir(dir)?)
        });
    let Some(kind) = kind else {
        return raw.to_string();
    };
    let split = raw
        .strip_prefix("+++\n")
        .and_then(|rest| rest.find("\n+++").map(|end| rest.split_at(end + 1)));
    let Some((front, after)) = split else {
        return raw.to_string();
    };
    let Ok(mut table) = front.parse::<toml::Table>() else {
        return raw.to_string();
    };
    let before = table.len();
    table.retain(|k, _| {
        k == "updated"
            || translation::COMMON_TEXT.contains(&k)
            || translation::text_fields(kind).contains(&k)
            || translation::text_lists(kind).contains(&k)
    });
    if table.len() == before {
        return raw.to_string();
    }
    match toml::to_string(&table) {
        Ok(text) => format!("+++\n{text}{after}"),
        Err(_) => raw.to_string(),
    }
}

/// Checks a path the editor names: relative, below `content/` or
/// `static/media/`, no dot segment or hidden name, no separator tricks.
pub fn allowed(path: &str) -> bool {
    let under = path.starts_with("content/") || path.starts_with("static/media/");
    let clean = path
        .split('/')
        .all(|s| !s.is_empty() && !s.starts_with('.'))
        && !path.contains('\\')
        && !path.chars().any(|c| c.is_control() || c == ':');
    under && clean
}

/// The file for `path` below the root, also when a folder on the way is a
/// symlink out of the allowed areas (refused then).
fn resolve(root: &Path, path: &str) -> Result<PathBuf, String> {
    if !allowed(path) {
        return Err(format!("not below content/ or static/media/: {path}"));
    }
    let full = root.join(path);
    // The deepest folder that exists must lie in the area after resolving
    // symlinks.
    let area = root.join(if path.starts_with("content/") {
        "content"
    } else {
        "static/media"
    });
    let mut existing = full.parent().map(Path::to_path_buf);
    while let Some(dir) = &existing {
        if dir.exists() {
            break;
        }
        existing = dir.parent().map(Path::to_path_buf);
    }
    let Some(dir) = existing else {
        return Err(format!("no folder for {path}"));
    };
    let real = dir.canonicalize().map_err(|e| e.to_string())?;
    let area_real = area.canonicalize().unwrap_or(area.clone());
    let root_real = root.canonicalize().unwrap_or(root.to_path_buf());
    if !(real.starts_with(&area_real)
        || (area_real.starts_with(&real) && real.starts_with(&root_real)))
    {
        return Err(format!("{path} leads out of its folder"));
    }
    if full.is_symlink() {
        return Err(format!("{path} is a symbolic link"));
    }
    Ok(full)
}

/// Writes `bytes` to `path` atomically: a temporary file in the same
/// folder (ignored by the watcher), then a rename.
fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().ok_or(std::io::ErrorKind::InvalidInput)?;
    std::fs::create_dir_all(dir)?;
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("file");
    let tmp = dir.join(format!(".{name}.{}.part", std::process::id()));
    let result = std::fs::write(&tmp, bytes).and_then(|()| std::fs::rename(&tmp, path));
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// A short stable id of a file's contents (Decap compares them).
fn content_id(bytes: &[u8]) -> String {
    use std::hash::{Hash, Hasher};
    let mut h = std::hash::DefaultHasher::new();
    bytes.hash(&mut h);
    format!("{:016x}", h.finish())
}

/// The answer to one action: status and JSON.
fn answer(v: &Value, api: &Api) -> (u16, Value) {
    match run(v, api) {
        Ok(body) => (200, body),
        Err((status, msg)) => (status, json!({ "error": msg })),
    }
}

type Answer = Result<Value, (u16, String)>;

fn param<'a>(p: &'a Value, key: &str) -> Result<&'a str, (u16, String)> {
    p[key]
        .as_str()
        .ok_or_else(|| (422, format!("`{key}` is missing")))
}

fn run(v: &Value, api: &Api) -> Answer {
    let (default, all) = languages(api.config);
    let names = Names { default, all };
    let p = &v["params"];
    let root = api.root;
    let refused = |e: String| (403, e);
    let io = |e: std::io::Error| (500, e.to_string());
    match v["action"].as_str().unwrap_or("") {
        "info" => Ok(json!({
            "repo": root.file_name().and_then(|n| n.to_str()).unwrap_or("site"),
            "publish_modes": ["simple"],
            "type": "local_fs",
        })),
        "entriesByFolder" => {
            let folder = param(p, "folder")?.trim_end_matches('/');
            let ext = p["extension"].as_str().unwrap_or("");
            let depth = p["depth"].as_u64().unwrap_or(1).clamp(1, 8) as usize;
            let dir = resolve(root, &format!("{folder}/x")).map_err(refused)?;
            let dir = dir.parent().map(Path::to_path_buf).unwrap_or_default();
            let mut files = Vec::new();
            list(&dir, depth, &mut files);
            files.sort();
            let entries: Vec<Value> = files
                .iter()
                .filter_map(|f| f.strip_prefix(root).ok())
                .filter_map(|f| f.to_str().map(String::from))
                .filter(|f| f.ends_with(&format!(".{ext}")) || ext.is_empty())
                .filter(|f| allowed(f))
                .map(|f| entry(root, &names, &names.to_editor(&f)))
                .collect();
            Ok(Value::Array(entries))
        }
        "entriesByFiles" => {
            let files = p["files"].as_array().cloned().unwrap_or_default();
            let entries: Vec<Value> = files
                .iter()
                .filter_map(|f| f["path"].as_str())
                .map(|path| entry(root, &names, path))
                .collect();
            Ok(Value::Array(entries))
        }
        "getEntry" => {
            let path = param(p, "path")?;
            resolve(root, &names.to_disk(path)).map_err(refused)?;
            Ok(entry(root, &names, path))
        }
        "persistEntry" => {
            let mut data: Vec<Value> = p["dataFiles"].as_array().cloned().unwrap_or_default();
            if data.is_empty() && p["entry"].is_object() {
                data.push(p["entry"].clone());
            }
            // Every path is checked before anything is written.
            let mut writes = Vec::new();
            for d in &data {
                let path = names.to_disk(param(d, "path")?);
                let raw = translation_only(&path, param(d, "raw")?, &names).into_bytes();
                writes.push((resolve(root, &path).map_err(refused)?, raw));
                if let Some(new) = d["newPath"].as_str() {
                    resolve(root, &names.to_disk(new)).map_err(refused)?;
                }
            }
            for a in p["assets"].as_array().map(Vec::as_slice).unwrap_or(&[]) {
                let path = param(a, "path")?;
                writes.push((resolve(root, path).map_err(refused)?, decode(a)?));
            }
            for (file, bytes) in &writes {
                write_atomic(file, bytes).map_err(io)?;
            }
            for d in &data {
                if let Some(new) = d["newPath"].as_str() {
                    let from = resolve(root, &names.to_disk(param(d, "path")?)).map_err(refused)?;
                    let to = resolve(root, &names.to_disk(new)).map_err(refused)?;
                    std::fs::rename(from, to).map_err(io)?;
                }
            }
            Ok(json!({ "message": "entry persisted" }))
        }
        "getMedia" => {
            let folder = param(p, "mediaFolder")?.trim_end_matches('/');
            let dir = resolve(root, &format!("{folder}/x")).map_err(refused)?;
            let dir = dir.parent().map(Path::to_path_buf).unwrap_or_default();
            let mut files = Vec::new();
            list(&dir, 1, &mut files);
            files.sort();
            let media: Vec<Value> = files
                .iter()
                .filter_map(|f| f.strip_prefix(root).ok()?.to_str().map(String::from))
                .filter_map(|f| media(root, &f).ok())
                .collect();
            Ok(Value::Array(media))
        }
        "getMediaFile" => media(root, param(p, "path")?),
        "persistMedia" => {
            let asset = &p["asset"];
            let path = param(asset, "path")?;
            let file = resolve(root, path).map_err(refused)?;
            write_atomic(&file, &decode(asset)?).map_err(io)?;
            media(root, path)
        }
        "deleteFile" | "deleteFiles" => {
            let paths: Vec<String> = match p["paths"].as_array() {
                Some(a) => a
                    .iter()
                    .filter_map(|x| x.as_str().map(String::from))
                    .collect(),
                None => vec![param(p, "path")?.to_string()],
            };
            let files = paths
                .iter()
                .map(|x| resolve(root, &names.to_disk(x)))
                .collect::<Result<Vec<_>, _>>()
                .map_err(refused)?;
            for f in files {
                match std::fs::remove_file(&f) {
                    Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(io(e)),
                    _ => {}
                }
            }
            Ok(json!({ "message": "deleted" }))
        }
        "getDeployPreview" => Ok(Value::Null),
        other => Err((422, format!("unknown action `{other}`"))),
    }
}

/// The files below `dir`, `depth` folder levels deep (hidden ones and
/// temporary files left out).
fn list(dir: &Path, depth: usize, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    for e in rd.flatten() {
        let name = e.file_name();
        let name = name.to_string_lossy();
        if name.starts_with('.') || crate::load::is_ignored(&name) {
            continue;
        }
        let Ok(ft) = e.file_type() else { continue };
        if ft.is_dir() && depth > 1 {
            list(&e.path(), depth - 1, out);
        } else if ft.is_file() {
            out.push(e.path());
        }
    }
}

/// One entry as Decap expects it: text and file (path, id); `data` null
/// when the file is missing.
fn entry(root: &Path, names: &Names, path: &str) -> Value {
    let read = resolve(root, &names.to_disk(path))
        .and_then(|f| std::fs::read(f).map_err(|e| e.to_string()));
    match read {
        Ok(bytes) => json!({
            "data": String::from_utf8_lossy(&bytes),
            "file": { "path": path, "id": content_id(&bytes) },
        }),
        Err(_) => json!({ "data": null, "file": { "path": path, "id": null } }),
    }
}

/// A media file as Decap expects it (contents in base64).
fn media(root: &Path, path: &str) -> Answer {
    let file = resolve(root, path).map_err(|e| (403, e))?;
    let bytes = std::fs::read(&file).map_err(|e| (404, e.to_string()))?;
    Ok(json!({
        "id": content_id(&bytes),
        "content": base64::engine::general_purpose::STANDARD.encode(&bytes),
        "encoding": "base64",
        "path": path,
        "name": path.rsplit('/').next().unwrap_or(path),
    }))
}

/// The bytes of an uploaded asset (`content` in `encoding`, base64 or
/// text).
fn decode(asset: &Value) -> Result<Vec<u8>, (u16, String)> {
    let content = param(asset, "content")?;
    match asset["encoding"].as_str() {
        Some("base64") => base64::engine::general_purpose::STANDARD
            .decode(content)
            .map_err(|e| (400, format!("bad base64: {e}"))),
        _ => Ok(content.as_bytes().to_vec()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_paths_below_content_and_media() {
        for ok in [
            "content/offers/x.md",
            "content/_index.md",
            "static/media/logo.svg",
        ] {
            assert!(allowed(ok), "{ok}");
        }
        for bad in [
            "site.toml",
            "content/../site.toml",
            "content/./x.md",
            "/etc/passwd",
            "content//x.md",
            "content/.git/config",
            "static/lotse.css",
            "static/media/../../site.toml",
            "content\\..\\site.toml",
            "templates/base.html",
            "C:/x",
            "content/x\u{0}.md",
            "",
        ] {
            assert!(!allowed(bad), "{bad}");
        }
    }

    #[test]
    fn default_language_files_have_no_suffix_on_disk() {
        let n = Names {
            default: "de".into(),
            all: vec!["de".into(), "en".into()],
        };
        assert_eq!(n.to_disk("content/offers/x.de.md"), "content/offers/x.md");
        assert_eq!(
            n.to_disk("content/offers/x.en.md"),
            "content/offers/x.en.md"
        );
        assert_eq!(n.to_editor("content/offers/x.md"), "content/offers/x.de.md");
        assert_eq!(
            n.to_editor("content/offers/x.en.md"),
            "content/offers/x.en.md"
        );
        assert_eq!(n.to_editor("static/media/a.md"), "static/media/a.md");
        let one = Names {
            default: String::new(),
            all: Vec::new(),
        };
        assert_eq!(one.to_editor("content/offers/x.md"), "content/offers/x.md");
        assert_eq!(
            one.to_disk("content/offers/x.de.md"),
            "content/offers/x.de.md"
        );
    }

    #[test]
    fn a_translation_keeps_only_its_text_fields() {
        let n = Names {
            default: "de".into(),
            all: vec!["de".into(), "en".into()],
        };
        let raw = "+++\ntitle = \"Fair\"\nproviders = [\"a\"]\nregions = [\"b\"]\nschedule = \"Sat\"\n+++\nText.\n";
        let out = translation_only("content/offers/x.en.md", raw, &n);
        let front: toml::Table = out[4..out.rfind("+++").unwrap()].parse().unwrap();
        let keys: Vec<&str> = front.keys().map(String::as_str).collect();
        assert_eq!(keys.len(), 2, "{out}");
        assert!(
            keys.contains(&"title") && keys.contains(&"schedule"),
            "{out}"
        );
        assert!(out.ends_with("+++\nText.\n"), "{out}");
        // The source and other files are written as sent.
        assert_eq!(translation_only("content/offers/x.md", raw, &n), raw);
        assert_eq!(translation_only("static/media/x.en.md", raw, &n), raw);
    }

    #[test]
    fn refuses_a_symlink_out_of_content() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("content")).unwrap();
        std::fs::create_dir_all(root.join("elsewhere")).unwrap();
        std::os::unix::fs::symlink(root.join("elsewhere"), root.join("content/link")).unwrap();
        assert!(resolve(root, "content/link/x.md").is_err());
        assert!(resolve(root, "content/offers/new.md").is_ok());
        assert!(resolve(root, "static/media/new.png").is_ok());
    }
}
