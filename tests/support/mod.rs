//! End-to-end test support: serves the built `dist/` on 127.0.0.1 under an intranet-like
//! sub-path, starts chromedriver or geckodriver in its own process group, and ends both on every exit path
//! (the guards' `Drop` runs on failure too).
#![allow(dead_code)]

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread;
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::json;

/// The sub-path the site is served under, as an intranet server might.
pub const SUB_PATH: &str = "/some/intranet/path/";

pub fn dist_dir() -> PathBuf {
    let dist = Path::new(env!("CARGO_MANIFEST_DIR")).join("dist");
    assert!(
        dist.join("index.html").exists(),
        "dist/ is missing: build the site first (`make test` runs `trunk build --release` before this test)"
    );
    dist
}

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "js" => "text/javascript",
        "wasm" => "application/wasm",
        "css" => "text/css",
        "json" | "webmanifest" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        _ => "application/octet-stream",
    }
}

/// A static file server for `dist/` on an ephemeral port, stopped on drop.
pub struct Server {
    pub port: u16,
    stop: Arc<AtomicBool>,
    handle: Option<thread::JoinHandle<()>>,
}

impl Server {
    pub fn start() -> Server {
        Server::start_with(Vec::new())
    }

    /// Serves `dist/` plus `extra` files under the given names (e.g. a benchmark baseline page).
    pub fn start_with(extra: Vec<(String, PathBuf)>) -> Server {
        Server::start_full(extra, None)
    }

    /// Like [`Server::start_with`], and as a production intranet server would: files found
    /// pre-compressed as `<gz_dir>/<name>.gz` are sent gzip-encoded to clients that accept it,
    /// and hashed assets get a long cache lifetime.
    pub fn start_full(extra: Vec<(String, PathBuf)>, gz_dir: Option<PathBuf>) -> Server {
        Server::start_on(0, extra, gz_dir)
    }

    /// Serves on a given port (0: any free one); the same port means the same origin, so a
    /// restarted server keeps the browser's storage and service worker.
    pub fn start_on(port: u16, extra: Vec<(String, PathBuf)>, gz_dir: Option<PathBuf>) -> Server {
        Server::start_root(port, dist_dir(), extra, gz_dir)
    }

    /// Serves another build folder (e.g. a copy of `dist/` renamed as a new build would be).
    pub fn start_dir(root: PathBuf) -> Server {
        Server::start_root(0, root, Vec::new(), None)
    }

    fn start_root(
        port: u16,
        root: PathBuf,
        extra: Vec<(String, PathBuf)>,
        gz_dir: Option<PathBuf>,
    ) -> Server {
        let extra = Arc::new((extra, gz_dir));
        let listener = TcpListener::bind(("127.0.0.1", port)).expect("bind 127.0.0.1");
        let port = listener.local_addr().unwrap().port();
        listener.set_nonblocking(true).unwrap();
        let stop = Arc::new(AtomicBool::new(false));
        let flag = stop.clone();
        let handle = thread::spawn(move || {
            while !flag.load(Ordering::Relaxed) {
                match listener.accept() {
                    Ok((stream, _)) => {
                        let (root, extra) = (root.clone(), extra.clone());
                        thread::spawn(move || serve(stream, &root, &extra));
                    }
                    Err(_) => thread::sleep(Duration::from_millis(5)),
                }
            }
        });
        Server {
            port,
            stop,
            handle: Some(handle),
        }
    }

    pub fn url(&self, route: &str) -> String {
        format!("http://127.0.0.1:{}{SUB_PATH}{route}", self.port)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(h) = self.handle.take() {
            let _ = h.join();
        }
    }
}

fn serve(stream: TcpStream, root: &Path, options: &(Vec<(String, PathBuf)>, Option<PathBuf>)) {
    let (extra, gz_dir) = options;
    let _ = stream.set_nonblocking(false);
    let mut reader = BufReader::new(stream.try_clone().expect("clone stream"));
    let mut request_line = String::new();
    if reader.read_line(&mut request_line).is_err() {
        return;
    }
    // Read the headers; only Accept-Encoding matters here.
    let mut line = String::new();
    let mut gzip_ok = false;
    while reader.read_line(&mut line).map(|n| n > 2).unwrap_or(false) {
        let lower = line.to_ascii_lowercase();
        if lower.starts_with("accept-encoding:") && lower.contains("gzip") {
            gzip_ok = true;
        }
        line.clear();
    }
    let path = request_line.split_whitespace().nth(1).unwrap_or("/");
    let path = path.split(['?', '#']).next().unwrap_or("/");
    let mut stream = stream;
    let Some(rel) = path.strip_prefix(SUB_PATH) else {
        let _ = stream.write_all(b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        return;
    };
    let rel = if rel.is_empty() { "index.html" } else { rel };
    let (file, safe) = match extra.iter().find(|(name, _)| name == rel) {
        Some((_, path)) => (path.clone(), true),
        None => {
            let file = root.join(rel);
            let safe = !rel.contains("..") && file.starts_with(root);
            (file, safe)
        }
    };
    let gz = gz_dir
        .as_ref()
        .filter(|_| gzip_ok && safe)
        .map(|dir| dir.join(format!("{rel}.gz")))
        .filter(|p| p.exists());
    let encoding = if gz.is_some() {
        "Content-Encoding: gzip\r\nVary: Accept-Encoding\r\n"
    } else {
        ""
    };
    // Hashed file names never change content: cache them for a year; HTML must revalidate.
    let cache =
        if gz_dir.is_some() && !rel.ends_with(".html") && rel != "sw.js" && !rel.ends_with(".webmanifest") {
            "Cache-Control: public, max-age=31536000, immutable\r\n"
        } else {
            "Cache-Control: no-cache\r\n"
        };
    match std::fs::read(gz.as_ref().unwrap_or(&file)).ok().filter(|_| safe) {
        Some(body) => {
            let head = format!(
                // CORS allowed so a sandboxed iframe (opaque origin) can load the module and wasm.
                "HTTP/1.1 200 OK\r\nContent-Type: {}\r\nContent-Length: {}\r\n{encoding}{cache}Access-Control-Allow-Origin: *\r\nConnection: close\r\n\r\n",
                content_type(&file),
                body.len()
            );
            let _ = stream.write_all(head.as_bytes());
            let _ = stream.write_all(&body);
        }
        None => {
            let _ =
                stream.write_all(b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        }
    }
}

/// The browsers the journeys run in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Browser {
    Chromium,
    Firefox,
}

/// A WebDriver server (chromedriver or geckodriver) in its own process group; the group (driver
/// and its browsers) is killed on drop.
pub struct Driver {
    child: Child,
    pub port: u16,
    pub browser: Browser,
}

impl Driver {
    pub fn start() -> Driver {
        Driver::start_for(Browser::Chromium)
    }

    pub fn start_for(browser: Browser) -> Driver {
        Driver::start_in_zone(browser, None)
    }

    /// A driver whose browsers run in the time zone `zone` (`TZ`, e.g. "America/New_York").
    pub fn start_in_zone(browser: Browser, zone: Option<&str>) -> Driver {
        use std::os::unix::process::CommandExt;
        let port = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let (var, default) = match browser {
            Browser::Chromium => ("CHROMEDRIVER", "chromedriver"),
            Browser::Firefox => ("GECKODRIVER", "geckodriver"),
        };
        let binary = std::env::var(var).unwrap_or_else(|_| default.to_owned());
        let mut command = Command::new(binary);
        if let Some(zone) = zone {
            command.env("TZ", zone);
        }
        match browser {
            Browser::Chromium => command.arg(format!("--port={port}")),
            Browser::Firefox => command.args(["--host", "127.0.0.1", "--port", &port.to_string()]),
        };
        let child = command
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .process_group(0)
            .spawn()
            .expect("start the WebDriver server (is it installed? `make test` runs the set-up)");
        let driver = Driver { child, port, browser };
        let deadline = Instant::now() + Duration::from_secs(20);
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                Instant::now() < deadline,
                "the WebDriver server did not start listening"
            );
            thread::sleep(Duration::from_millis(50));
        }
        driver
    }

    /// A new browser session with a fresh profile. `extra` adds Chromium flags.
    pub async fn session(&self, extra: &[&str]) -> Client {
        self.session_with_downloads(extra, None).await
    }

    /// A session whose downloads land in `downloads`. `extra` are Chromium flags; for Firefox
    /// the ones that matter are translated (dark mode), the others ignored.
    pub async fn session_with_downloads(&self, extra: &[&str], downloads: Option<&Path>) -> Client {
        if self.browser == Browser::Firefox {
            return self.firefox_session(extra, downloads).await;
        }
        let mut args = vec![
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--window-size=1280,900",
        ];
        args.extend_from_slice(extra);
        let mut options = json!({ "binary": chromium_binary(), "args": args });
        if let Some(dir) = downloads {
            options["prefs"] = json!({
                "download.default_directory": dir.to_string_lossy(),
                "download.prompt_for_download": false,
            });
        }
        self.connect(json!({ "browserName": "chrome", "goog:chromeOptions": options }))
            .await
    }

    /// A session with these capabilities on this WebDriver server.
    async fn connect(&self, caps: serde_json::Value) -> Client {
        let serde_json::Value::Object(caps) = caps else {
            unreachable!("capabilities are a JSON object")
        };
        let connector = hyper_util::client::legacy::connect::HttpConnector::new();
        ClientBuilder::new(connector)
            .capabilities(caps)
            .connect(&format!("http://127.0.0.1:{}", self.port))
            .await
            .unwrap_or_else(|e| panic!("start a {:?} session: {e}", self.browser))
    }

    async fn firefox_session(&self, extra: &[&str], downloads: Option<&Path>) -> Client {
        let mut prefs = json!({
            "browser.shell.checkDefaultBrowser": false,
            "app.update.enabled": false,
            "datareporting.policy.dataSubmissionEnabled": false,
            "toolkit.telemetry.enabled": false,
        });
        if extra.contains(&"--force-dark-mode") {
            prefs["ui.systemUsesDarkTheme"] = json!(1);
            prefs["layout.css.prefers-color-scheme.content-override"] = json!(0);
        }
        if let Some(dir) = downloads {
            prefs["browser.download.folderList"] = json!(2);
            prefs["browser.download.dir"] = json!(dir.to_string_lossy());
            prefs["browser.download.useDownloadDir"] = json!(true);
            prefs["browser.download.always_ask_before_handling_new_types"] = json!(false);
            prefs["browser.helperApps.neverAsk.saveToDisk"] = json!("application/json");
        }
        let binary = std::env::var("FIREFOX").unwrap_or_else(|_| "/usr/bin/firefox-esr".to_owned());
        self.connect(json!({
            "browserName": "firefox",
            "moz:firefoxOptions": {
                "binary": binary,
                "args": ["-headless", "-width", "1280", "-height", "900"],
                "prefs": prefs
            }
        }))
        .await
    }
}

fn chromium_binary() -> String {
    std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".to_owned())
}

impl Drop for Driver {
    fn drop(&mut self) {
        let pgid = self.child.id() as i64;
        // Guard: never signal process group 0, 1 or -1 (that would hit every process we own).
        if pgid > 1 {
            let _ = Command::new("kill")
                .args(["-s", "KILL", "--", &format!("-{pgid}")])
                .status();
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Waits for the app to have rendered its first view.
pub async fn wait_ready(c: &Client) {
    c.wait()
        .at_most(Duration::from_secs(20))
        .for_element(Locator::Css("[data-ready=true] .deal-prep"))
        .await
        .expect("the app renders");
}

/// Waits until `css` matches an element whose text contains `text`.
pub async fn wait_text(c: &Client, css: &str, text: &str) -> fantoccini::elements::Element {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        for el in c.find_all(Locator::Css(css)).await.unwrap_or_default() {
            if el.text().await.unwrap_or_default().contains(text) {
                return el;
            }
        }
        assert!(Instant::now() < deadline, "no {css} containing {text:?}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// From the empty deals view: adds the sample deal, opens it, and returns the deal's URL and
/// the URL of its planned call.
pub async fn open_sample_deal(c: &Client) -> (String, String) {
    click_button(c, "Try a sample deal").await;
    wait_text(c, ".dp-deal-row", "Fleet tracking pilot").await;
    click(c, ".dp-deal-row__link").await;
    wait_text(c, ".dp-deal h1", "Fleet tracking pilot").await;
    let deal_url = c.current_url().await.unwrap().to_string();
    let href = c
        .find(Locator::Css(".dp-call-row a"))
        .await
        .unwrap()
        .attr("href")
        .await
        .unwrap()
        .unwrap();
    let call_url = format!("{}{href}", deal_url.split('#').next().unwrap_or_default());
    (deal_url, call_url)
}

/// The element `css` (or `xpath:…`) finds, waited for up to five seconds: a step right after a
/// link or a reload must not race the page's render (a busy CI machine renders later).
async fn found(c: &Client, css: &str) -> fantoccini::elements::Element {
    let locator = match css.strip_prefix("xpath:") {
        Some(xpath) => Locator::XPath(xpath),
        None => Locator::Css(css),
    };
    c.wait()
        .at_most(Duration::from_secs(5))
        .every(Duration::from_millis(50))
        .for_element(locator)
        .await
        .unwrap_or_else(|_| panic!("no {css}"))
}

/// Types into an input, replacing its value.
pub async fn fill(c: &Client, css: &str, text: &str) {
    let el = found(c, css).await;
    el.clear().await.unwrap();
    el.send_keys(text).await.unwrap();
}

pub async fn click(c: &Client, css: &str) {
    found(c, css).await.click().await.unwrap();
}

/// Clicks the button whose text is `label`.
pub async fn click_button(c: &Client, label: &str) {
    click(c, &format!("xpath://button[normalize-space()='{label}']")).await;
}

/// A fresh empty folder under target/e2e/.
pub fn scratch_dir(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("target/e2e")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Waits for a finished download (a `.json` file) in `dir` and returns its path.
pub async fn wait_download(dir: &Path) -> PathBuf {
    wait_download_of(dir, "json").await
}

/// Waits for a finished download whose name ends in `.{ext}`.
pub async fn wait_download_of(dir: &Path, ext: &str) -> PathBuf {
    wait_download_where(dir, &|p| p.extension().is_some_and(|x| x == ext)).await
}

/// Waits for a finished download whose path `wanted` accepts. Chromium reserves the final
/// name with an empty file while it writes a `.crdownload` beside it, so a file counts only
/// once it has content and nothing is still being written.
pub async fn wait_download_where(dir: &Path, wanted: &dyn Fn(&Path) -> bool) -> PathBuf {
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        let files: Vec<PathBuf> = std::fs::read_dir(dir)
            .unwrap()
            .filter_map(|e| e.ok().map(|e| e.path()))
            .collect();
        let writing = files
            .iter()
            .any(|p| p.extension().is_some_and(|x| x == "crdownload" || x == "part"));
        let found = files
            .into_iter()
            .find(|p| wanted(p) && std::fs::metadata(p).is_ok_and(|m| m.len() > 0));
        if let (Some(path), false) = (found, writing) {
            return path;
        }
        assert!(
            Instant::now() < deadline,
            "no download arrived in {}",
            dir.display()
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Runs axe-core (from node_modules) on the page and returns serious or critical violations.
pub async fn axe_violations(c: &Client) -> Vec<String> {
    let source = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("node_modules/axe-core/axe.min.js"),
    )
    .expect("axe-core is installed by the set-up (npm ci)");
    c.execute(&source, vec![]).await.expect("inject axe-core");
    let result = c
        .execute_async(
            "const done = arguments[arguments.length - 1];
             axe.run(document, { resultTypes: ['violations'] }).then(r => done(r.violations
               .filter(v => v.impact === 'serious' || v.impact === 'critical')
               .map(v => v.id + ' (' + v.impact + '): ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', '))));",
            vec![],
        )
        .await
        .expect("run axe-core");
    serde_json::from_value(result).unwrap_or_default()
}

/// Saves a PNG screenshot under target/screenshots/.
pub async fn screenshot(c: &Client, name: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("target/screenshots/{name}.png"));
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let png = c.screenshot().await.expect("screenshot");
    std::fs::write(path, png).unwrap();
}
