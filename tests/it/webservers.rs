//! The web server examples `lotse init` writes (`deploy/`), run for real:
//! Debian's nginx with the snippet and Apache with the `.htaccess`, each on
//! a free port serving a site built for `https://www.kreis-coesfeld.de/kaoa/`
//! under `/kaoa/`. A page, the folder without its slash, a missing page
//! (the site's own 404.html with status 404), a style sheet and open data,
//! each with the Content-Security-Policy and the cache header. Both servers
//! are required: scripts/test-all.sh installs them.

use crate::harness::TODAY;
use crate::publish::NewSite;
use crate::serve::{Resp, get};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The policy of `deploy/`: `default-src 'self'` and what it leaves out;
/// the browser suite serves every page under it (tests/browser).
const CSP: &str = "default-src 'self'; object-src 'none'; base-uri 'self'; \
                   form-action 'self'; frame-ancestors 'none'";

/// A server binary from `/usr/sbin` (not on a normal user's PATH) or PATH.
fn server_binary(name: &str, package: &str) -> PathBuf {
    let sbin = Path::new("/usr/sbin").join(name);
    let bin = if sbin.is_file() {
        sbin
    } else {
        PathBuf::from(name)
    };
    if let Err(e) = Command::new(&bin).arg("-v").output() {
        panic!(
            "this test needs `{name}` ({e}); install it (Debian: apt-get install {package}) \
             or run scripts/test-all.sh, which does"
        );
    }
    bin
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn is_root() -> bool {
    let out = Command::new("id").arg("-u").output().unwrap();
    String::from_utf8_lossy(&out.stdout).trim() == "0"
}

/// A server process, stopped (TERM, then KILL) when dropped.
struct Running {
    child: Child,
    port: u16,
}

impl Running {
    /// Starts `cmd`, which logs its errors into `log` (read when it fails).
    fn start(mut cmd: Command, port: u16, what: &str, log: &Path) -> Running {
        let child = cmd
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {what}: {e}"));
        let mut r = Running { child, port };
        let deadline = Instant::now() + Duration::from_secs(20);
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            if let Ok(Some(status)) = r.child.try_wait() {
                let log = std::fs::read_to_string(log).unwrap_or_default();
                panic!("{what} ended at start: {status}\n{log}");
            }
            assert!(
                Instant::now() < deadline,
                "{what} did not start listening\n{}",
                std::fs::read_to_string(log).unwrap_or_default()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        r
    }

    fn get(&self, path: &str) -> Resp {
        get(self.port, path)
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        // TERM lets the main process stop its workers.
        let _ = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status();
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A new site built for the sub-path `/kaoa/`, readable by a server's
/// worker user (the temporary folder is private by default).
fn kaoa_site() -> NewSite {
    let site = NewSite::init();
    site.set_base_url("https://www.kreis-coesfeld.de/kaoa/");
    crate::harness::run_in(&site.root, &["build", "--today", TODAY]).ok();
    use std::os::unix::fs::PermissionsExt;
    for dir in [site.tmp.path(), &site.root] {
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    site
}

/// What both servers must answer.
fn check_answers(srv: &Running, name: &str) {
    let header = |r: &Resp, h: &str| r.header(h).unwrap_or_default();
    let home = srv.get("/kaoa/");
    assert_eq!(home.status, 200, "{name}: {home:?}");
    assert!(header(&home, "content-type").starts_with("text/html"));
    assert_eq!(header(&home, "content-security-policy"), CSP, "{name}");
    assert_eq!(header(&home, "cache-control"), "no-cache", "{name}");
    // Links of the page lead to pages the server has.
    let text = home.text();
    assert!(text.contains("href=\"/kaoa/angebote/\""), "{name}");
    let offers = srv.get("/kaoa/angebote/");
    assert_eq!(offers.status, 200, "{name}");
    assert!(offers.text().contains("<title>Angebote"), "{name}");

    let bare = srv.get("/kaoa");
    assert_eq!(bare.status, 301, "{name}");
    assert!(header(&bare, "location").ends_with("/kaoa/"), "{name}");

    for missing in ["/kaoa/gibt-es-nicht/", "/kaoa/angebote/nein.html"] {
        let nf = srv.get(missing);
        assert_eq!(nf.status, 404, "{name} {missing}");
        assert!(
            nf.text().contains("<title>Seite nicht gefunden"),
            "{name}: not the site's 404.html: {}",
            nf.text()
        );
        assert_eq!(header(&nf, "content-security-policy"), CSP, "{name}");
    }

    let css = srv.get("/kaoa/lotse.css");
    assert_eq!(css.status, 200, "{name}");
    assert!(header(&css, "content-type").starts_with("text/css"));
    assert_eq!(header(&css, "cache-control"), "public, max-age=3600");
    assert_eq!(header(&css, "content-security-policy"), CSP, "{name}");

    for (path, ty) in [
        ("/kaoa/daten/angebote.csv", "text/csv; charset=utf-8"),
        ("/kaoa/daten/angebote.ics", "text/calendar; charset=utf-8"),
        ("/kaoa/daten/angebote.json", "application/json"),
        // GovData's harvester reads the catalogue as its Content-Type says.
        ("/kaoa/daten/katalog.ttl", "text/turtle; charset=utf-8"),
        ("/kaoa/daten/katalog.rdf", "application/rdf+xml"),
    ] {
        let r = srv.get(path);
        assert_eq!(r.status, 200, "{name} {path}");
        // JSON is UTF-8 by definition; a charset parameter is harmless.
        assert!(
            header(&r, "content-type").starts_with(ty),
            "{name} {path}: {r:?}"
        );
        assert_eq!(header(&r, "cache-control"), "no-cache", "{name} {path}");
    }
}

#[test]
fn nginx_serves_the_sub_path_site_with_the_snippet() {
    let nginx = server_binary("nginx", "nginx");
    let site = kaoa_site();
    let conf = site.tmp.path().join("nginx");
    std::fs::create_dir_all(&conf).unwrap();
    // The snippet as written, pointed at the built site.
    let snippet = std::fs::read_to_string(site.root.join("deploy/nginx/kaoa.conf")).unwrap();
    assert!(snippet.contains("alias /var/www/kaoa/;"));
    let public = format!("{}/", site.root.join("public").display());
    std::fs::write(
        conf.join("kaoa.conf"),
        snippet.replace("/var/www/kaoa/", &public),
    )
    .unwrap();
    let port = free_port();
    let d = conf.display();
    let main = format!(
        "worker_processes 1;\npid {d}/nginx.pid;\nerror_log {d}/error.log;\n\
         events {{ worker_connections 64; }}\n\
         http {{\n  access_log off;\n  client_body_temp_path {d}/body;\n  proxy_temp_path {d}/proxy;\n\
           fastcgi_temp_path {d}/fastcgi;\n  uwsgi_temp_path {d}/uwsgi;\n  scgi_temp_path {d}/scgi;\n\
           include /etc/nginx/mime.types;\n  default_type application/octet-stream;\n\
           server {{\n    listen 127.0.0.1:{port};\n    include {d}/kaoa.conf;\n  }}\n}}\n"
    );
    std::fs::write(conf.join("nginx.conf"), main).unwrap();
    let args = |cmd: &mut Command| {
        cmd.arg("-p")
            .arg(&conf)
            .arg("-c")
            .arg(conf.join("nginx.conf"))
            .arg("-e")
            .arg(conf.join("error.log"));
    };
    let mut test = Command::new(&nginx);
    args(&mut test);
    let out = test.arg("-t").output().unwrap();
    assert!(
        out.status.success(),
        "nginx -t: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut cmd = Command::new(&nginx);
    args(&mut cmd);
    cmd.args(["-g", "daemon off;"]);
    let srv = Running::start(cmd, port, "nginx", &conf.join("error.log"));
    check_answers(&srv, "nginx");
}

#[test]
fn apache_serves_the_sub_path_site_with_the_htaccess() {
    let apache = server_binary("apache2", "apache2");
    let site = kaoa_site();
    let conf = site.tmp.path().join("apache");
    // The document root holds the site's folder `kaoa/`: public/ and the
    // .htaccess, as the guide says.
    let www = conf.join("www");
    let kaoa = www.join("kaoa");
    crate::harness::copy_dir(&site.root.join("public"), &kaoa);
    std::fs::copy(
        site.root.join("deploy/apache/.htaccess"),
        kaoa.join(".htaccess"),
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt;
    for dir in [&conf, &www] {
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    let port = free_port();
    let m = "/usr/lib/apache2/modules";
    // The least a Debian server has, with .htaccess allowed as the file
    // asks (AllowOverride FileInfo Indexes).
    let mut main = format!(
        "ServerRoot {c}\nServerName 127.0.0.1\nPidFile {c}/httpd.pid\nListen 127.0.0.1:{port}\n\
         ErrorLog {c}/error.log\nLogLevel warn\n\
         LoadModule mpm_event_module {m}/mod_mpm_event.so\n\
         LoadModule authz_core_module {m}/mod_authz_core.so\n\
         LoadModule dir_module {m}/mod_dir.so\n\
         LoadModule mime_module {m}/mod_mime.so\n\
         LoadModule headers_module {m}/mod_headers.so\n\
         TypesConfig /etc/mime.types\nDocumentRoot {w}\n\
         <Directory />\n  AllowOverride None\n  Require all denied\n</Directory>\n\
         <Directory {w}>\n  AllowOverride FileInfo Indexes\n  Require all granted\n</Directory>\n\
         <FilesMatch \"^\\.ht\">\n  Require all denied\n</FilesMatch>\n",
        c = conf.display(),
        w = www.display(),
    );
    if is_root() {
        main.push_str("User www-data\nGroup www-data\n");
    }
    std::fs::write(conf.join("httpd.conf"), main).unwrap();
    let out = Command::new(&apache)
        .arg("-t")
        .arg("-f")
        .arg(conf.join("httpd.conf"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "apache2 -t: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut cmd = Command::new(&apache);
    cmd.arg("-f")
        .arg(conf.join("httpd.conf"))
        .arg("-DFOREGROUND");
    let srv = Running::start(cmd, port, "apache2", &conf.join("error.log"));
    check_answers(&srv, "apache");
    // The .htaccess itself is not served.
    assert_eq!(srv.get("/kaoa/.htaccess").status, 403);
}
