//! `make bench`: size, startup, storage, interaction and memory of the release build in
//! headless Chromium, against a plain-JS baseline page measured in the same run. Prints a
//! table and writes BENCHMARKS.md. Numbers, not pass/fail: budgets are judged by reading them.

#[path = "../tests/support/mod.rs"]
mod support;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use deal_prep::domain::sample::generate;
use deal_prep::domain::{Minutes, Template};
use deal_prep::store::{codec, IndexEntry};
use fantoccini::{Client, Locator};
use serde_json::Value;
use support::{Driver, Server};

const LOADS: usize = 21;
const WARMUP: usize = 3;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn median(v: &mut [f64]) -> f64 {
    v.sort_by(f64::total_cmp);
    if v.is_empty() {
        f64::NAN
    } else {
        v[v.len() / 2]
    }
}

fn p95(v: &mut [f64]) -> f64 {
    v.sort_by(f64::total_cmp);
    if v.is_empty() {
        f64::NAN
    } else {
        v[((v.len() as f64 * 0.95).ceil() as usize).min(v.len()) - 1]
    }
}

fn compressed(path: &Path, tool: &str, args: &[&str]) -> usize {
    let out = Command::new(tool)
        .args(args)
        .arg(path)
        .output()
        .expect("gzip/brotli installed by the set-up");
    out.stdout.len()
}

/// The storage records a data set becomes, exactly as the store writes them.
fn seed_file(deals: usize, calls: usize, name: &str) -> (String, PathBuf) {
    let now = Minutes::parse("2026-11-26T09:00").expect("valid");
    let template = Template::default_template();
    let mut records = serde_json::Map::new();
    for deal in generate(deals, calls, 42, now) {
        let entry = IndexEntry::of(&deal, &template, now);
        records.insert(
            format!("deal-prep:index:{}", deal.id),
            Value::String(codec::encode(&entry)),
        );
        records.insert(
            format!("deal-prep:deal:{}", deal.id),
            Value::String(codec::encode(&deal)),
        );
    }
    let dir = root().join("target/bench");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, Value::Object(records).to_string()).unwrap();
    (name.to_owned(), path)
}

async fn seed(c: &Client, server: &Server, file: Option<&str>) {
    c.goto(&server.url("bench-baseline.html")).await.unwrap();
    let script = "const done = arguments[arguments.length - 1];
        localStorage.clear();
        if (!arguments[0]) { done(0); return; }
        fetch(arguments[0]).then(r => r.json()).then(o => {
          for (const [k, v] of Object.entries(o)) localStorage.setItem(k, v);
          done(localStorage.length);
        }).catch(e => done(String(e)));";
    let arg = file.map_or(Value::Null, |f| Value::String(f.to_owned()));
    c.execute_async(script, vec![arg]).await.unwrap();
}

/// Loads `url` in a new page and returns navigation start → ready mark and → largest
/// contentful paint, in ms. The ready mark is set by the page's own code (the app's after Yew
/// ran its effects, which may follow a paint; the baseline's right after appending the list,
/// before any layout), so the paint is the like-for-like measure of "the user sees the list".
async fn load(c: &Client, url: &str) -> (f64, f64) {
    let main = c.window().await.unwrap();
    let page = c.new_window(true).await.unwrap().handle;
    c.switch_to_window(page).await.unwrap();
    c.goto(url).await.unwrap();
    c.wait()
        .at_most(Duration::from_secs(60))
        .for_element(Locator::Css("#deal-prep[data-ready=true]"))
        .await
        .expect("ready");
    let t = c
        .execute(
            "const m = performance.getEntriesByName('deal-prep-ready')[0]; return m ? m.startTime : -1;",
            vec![],
        )
        .await
        .unwrap()
        .as_f64()
        .unwrap_or(-1.0);
    let lcp = c
        .execute_async(
            "const done = arguments[arguments.length - 1];
             new PerformanceObserver((list) => {
               const all = list.getEntries();
               done(all[all.length - 1].startTime);
             }).observe({ type: 'largest-contentful-paint', buffered: true });
             setTimeout(() => done(-1), 3000);",
            vec![],
        )
        .await
        .unwrap()
        .as_f64()
        .unwrap_or(-1.0);
    c.close_window().await.unwrap();
    c.switch_to_window(main).await.unwrap();
    (t, lcp)
}

/// A `data-*` attribute the app sets on its host element (timings, counters).
async fn host_attr_text(c: &Client, name: &str) -> Option<String> {
    let script = "return document.getElementById('deal-prep').getAttribute(arguments[0])";
    c.execute(script, vec![name.into()])
        .await
        .unwrap()
        .as_str()
        .map(str::to_owned)
}

async fn host_attr(c: &Client, name: &str) -> f64 {
    host_attr_text(c, name)
        .await
        .and_then(|s| s.parse().ok())
        .unwrap_or(f64::NAN)
}

/// Waits until the attribute holds a value other than `before`, and returns it.
async fn wait_attr_change(c: &Client, name: &str, before: Option<String>) -> String {
    for _ in 0..200 {
        if let Some(v) = host_attr_text(c, name)
            .await
            .filter(|v| Some(v) != before.as_ref())
        {
            return v;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    panic!("{name} never changed");
}

async fn memory(c: &Client) -> (f64, f64) {
    let v = c
        .execute(
            "return [performance.memory ? performance.memory.usedJSHeapSize : -1,
                     window.wasmBindings && window.wasmBindings.wasm_memory_bytes ? window.wasmBindings.wasm_memory_bytes() : -1];",
            vec![],
        )
        .await
        .unwrap();
    (v[0].as_f64().unwrap_or(-1.0), v[1].as_f64().unwrap_or(-1.0))
}

#[tokio::main]
async fn main() {
    let mut report = String::new();
    let mut out = |line: String| {
        println!("{line}");
        report.push_str(&line);
        report.push('\n');
    };

    // ---- Size
    let dist = support::dist_dir();
    out("## Size (release build, bytes)\n".into());
    out("| file | raw | gzip -9 | brotli |".into());
    out("|---|---:|---:|---:|".into());
    let mut wasm_js_gz = 0;
    for (label, ext) in [
        ("wasm", "wasm"),
        ("JS glue", "js"),
        ("CSS", "css"),
        ("HTML (index)", "html"),
    ] {
        let files: Vec<PathBuf> = std::fs::read_dir(&dist)
            .unwrap()
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == ext))
            .filter(|p| ext != "html" || p.file_name().is_some_and(|n| n == "index.html"))
            .collect();
        let raw: usize = files
            .iter()
            .map(|f| std::fs::metadata(f).unwrap().len() as usize)
            .sum();
        let gz: usize = files.iter().map(|f| compressed(f, "gzip", &["-9", "-c"])).sum();
        let br: usize = files
            .iter()
            .map(|f| compressed(f, "brotli", &["-c", "-q", "11"]))
            .sum();
        if ext == "wasm" || ext == "js" {
            wasm_js_gz += gz;
        }
        out(format!("| {label} | {raw} | {gz} | {br} |"));
    }
    out(format!(
        "\nwasm + JS gzip: {wasm_js_gz} bytes ({:.1} KB; gate: SIZE_BUDGET_BYTES in the Makefile, target 200 KB)\n",
        wasm_js_gz as f64 / 1024.0
    ));
    let single = dist.join("deal-prep.html");
    if single.exists() {
        out(format!(
            "Single-file build (dist/deal-prep.html, wasm inlined as base64): {} bytes raw, {} gzip, {} brotli\n",
            std::fs::metadata(&single).unwrap().len(),
            compressed(&single, "gzip", &["-9", "-c"]),
            compressed(&single, "brotli", &["-c", "-q", "11"])
        ));
    }

    // ---- Data sets and server
    let seeds = [
        seed_file(100, 20, "seed-100.json"),
        seed_file(1000, 20, "seed-1000.json"),
    ];
    let mut extra = vec![(
        "bench-baseline.html".to_owned(),
        root().join("bench/baseline.html"),
    )];
    extra.extend(seeds.iter().cloned());
    let server = Server::start_with(extra);
    let driver = Driver::start();
    let downloads = support::scratch_dir("bench-downloads");
    let c = driver
        .session_with_downloads(&["--enable-precise-memory-info"], Some(&downloads))
        .await;

    // ---- Startup
    out(format!("## Startup: navigation start → ready mark and → largest contentful paint, ms ({LOADS} loads each, alternating, new page per load)\n"));
    out("| data set | app ready median | app p95 | baseline ready median | baseline p95 | ratio (medians) | app paint median | baseline paint median | paint ratio |".into());
    out("|---|---:|---:|---:|---:|---:|---:|---:|---:|".into());
    let app_url = server.url("");
    let base_url = server.url("bench-baseline.html");
    let mut load_us = Vec::new();
    for (label, file) in [
        ("empty", None),
        ("100 deals × 20 calls", Some("seed-100.json")),
        ("1,000 deals × 20 calls", Some("seed-1000.json")),
    ] {
        seed(&c, &server, file).await;
        for _ in 0..WARMUP {
            load(&c, &app_url).await;
            load(&c, &base_url).await;
        }
        let (mut app, mut base) = (Vec::new(), Vec::new());
        let (mut app_paint, mut base_paint) = (Vec::new(), Vec::new());
        for _ in 0..LOADS {
            let (ready, paint) = load(&c, &app_url).await;
            app.push(ready);
            app_paint.push(paint);
            let (ready, paint) = load(&c, &base_url).await;
            base.push(ready);
            base_paint.push(paint);
        }
        let (am, bm) = (median(&mut app), median(&mut base));
        let (ap, bp) = (median(&mut app_paint), median(&mut base_paint));
        out(format!(
            "| {label} | {am:.1} | {:.1} | {bm:.1} | {:.1} | {:.2} | {ap:.1} | {bp:.1} | {:.2} |",
            p95(&mut app),
            p95(&mut base),
            am / bm,
            ap / bp
        ));
        if file == Some("seed-1000.json") {
            // The app's own measure of reading storage up to a renderable list.
            for _ in 0..5 {
                c.goto(&app_url).await.unwrap();
                c.refresh().await.unwrap();
                support::wait_ready(&c).await;
                load_us.push(host_attr(&c, "data-load-us").await / 1000.0);
            }
        }
    }

    // ---- Storage, with 1,000 × 20 stored
    let chars = c
        .execute(
            "let n = 0; for (let i = 0; i < localStorage.length; i++) { const k = localStorage.key(i);
               if (k.startsWith('deal-prep:')) n += k.length + localStorage.getItem(k).length; } return n;",
            vec![],
        )
        .await
        .unwrap()
        .as_f64()
        .unwrap_or(0.0);
    out("\n## Storage (1,000 deals × 20 calls stored)\n".into());
    out(format!("- characters used (keys + values): {chars:.0} ({:.0} % of 5 M characters; {:.1} MB as browsers count, × 2)", chars / 5e4, chars * 2.0 / 1_048_576.0));
    out(format!(
        "- first storage read → list renderable (index of 1,000 entries): median {:.1} ms",
        median(&mut load_us)
    ));

    // Open a deal's upcoming call; every keystroke in the objective is one saved edit.
    let ids = c
        .execute(
            "const k = Object.keys(localStorage).find(k => k.startsWith('deal-prep:deal:'));
             const d = JSON.parse(localStorage.getItem(k)).d;
             const now = (Date.now() - new Date().getTimezoneOffset() * 6e4) / 6e4;
             const call = d.cl.filter(c => !c.rv && c.at > now).sort((a, b) => a.at - b.at)[0] || d.cl[d.cl.length - 1];
             return [d.i, call.i];",
            vec![],
        )
        .await
        .unwrap();
    let (deal_id, call_id) = (
        ids[0].as_str().unwrap().to_owned(),
        ids[1].as_str().unwrap().to_owned(),
    );
    c.goto(&server.url(&format!("#/deal/{deal_id}/call/{call_id}")))
        .await
        .unwrap();
    c.refresh().await.unwrap();
    support::wait_ready(&c).await;
    let field = c
        .wait()
        .for_element(Locator::Css("textarea[name=objective]"))
        .await
        .unwrap();
    c.execute(
        "window.__frames = []; window.__toggles = [];
         document.addEventListener('keydown', e => { const t0 = e.timeStamp;
           requestAnimationFrame(() => window.__frames.push(performance.now() - t0)); }, true);
         document.addEventListener('click', e => {
           if (!e.target.matches || !e.target.matches('.dp-checklist__item input')) return;
           const t0 = e.timeStamp;
           const target = document.querySelector('.dp-call__score-value');
           const obs = new MutationObserver(() => { window.__toggles.push(performance.now() - t0); obs.disconnect(); });
           obs.observe(target, { childList: true, characterData: true, subtree: true });
         }, true);",
        vec![],
    )
    .await
    .unwrap();
    let (mut save_ms, mut save_chars) = (Vec::new(), Vec::new());
    let mut last = None;
    for _ in 0..50 {
        field.send_keys("x").await.unwrap();
        let v = wait_attr_change(&c, "data-save-at", last.clone()).await;
        save_ms.push(host_attr(&c, "data-save-us").await / 1000.0);
        // What one save wrote: the open deal's record and its index entry, as stored.
        let chars = c
            .execute(
                "const id = location.hash.split('/')[2];
                 return localStorage.getItem('deal-prep:deal:' + id).length + localStorage.getItem('deal-prep:index:' + id).length;",
                vec![],
            )
            .await
            .unwrap();
        save_chars.push(chars.as_f64().unwrap_or(0.0));
        last = Some(v);
    }
    out(format!(
        "- one edit saved (deal record + index entry): median {:.2} ms, p95 {:.2} ms; {:.0} characters written ({:.1} KB as browsers count)",
        median(&mut save_ms),
        p95(&mut save_ms),
        median(&mut save_chars),
        median(&mut save_chars) * 2.0 / 1024.0
    ));

    // ---- Interaction
    let frames: Vec<f64> = serde_json::from_value(c.execute("return window.__frames", vec![]).await.unwrap())
        .unwrap_or_default();
    for _ in 0..50 {
        click_hand_item(&c).await;
    }
    tokio::time::sleep(Duration::from_millis(300)).await;
    let toggles: Vec<f64> =
        serde_json::from_value(c.execute("return window.__toggles", vec![]).await.unwrap())
            .unwrap_or_default();
    out("\n## Interaction (1,000 × 20 stored, a call plan open; real input events via WebDriver)\n".into());
    let (mut f, mut t) = (frames.clone(), toggles.clone());
    out(format!(
        "- keystroke in the objective → next frame: median {:.1} ms, p95 {:.1} ms ({} events)",
        median(&mut f),
        p95(&mut f),
        frames.len()
    ));
    out(format!(
        "- checklist toggle → process score updated on screen: median {:.1} ms, p95 {:.1} ms ({} events)",
        median(&mut t),
        p95(&mut t),
        toggles.len()
    ));

    // ---- Memory
    let (heap, wasm) = memory(&c).await;
    for _ in 0..10 {
        field.send_keys(&"y".repeat(100)).await.unwrap();
    }
    tokio::time::sleep(Duration::from_millis(500)).await;
    let (heap2, wasm2) = memory(&c).await;
    out("\n## Memory (1,000 × 20 stored, call plan open)\n".into());
    out(format!(
        "- after load: JS heap {:.1} MB + wasm memory {:.1} MB = {:.1} MB (budget 24 MB)",
        heap / 1_048_576.0,
        wasm / 1_048_576.0,
        (heap + wasm) / 1_048_576.0
    ));
    out(format!(
        "- after 1,000 more edits: JS heap {:.1} MB + wasm memory {:.1} MB (growth {:+.1} MB)",
        heap2 / 1_048_576.0,
        wasm2 / 1_048_576.0,
        (heap2 + wasm2 - heap - wasm) / 1_048_576.0
    ));

    // ---- Export
    c.goto(&server.url("#/data")).await.unwrap();
    support::wait_ready(&c).await;
    support::click_button(&c, "Export everything (JSON)").await;
    wait_attr_change(&c, "data-export-at", None).await;
    let export_ms = host_attr(&c, "data-export-us").await / 1000.0;
    out(format!(
        "\n- full export of 1,000 × 20 (read and parse every record, build the JSON): {export_ms:.1} ms"
    ));

    // ---- The whole list re-sorted: Yew's keyed reorder of 1,000 rows (its changed middle is
    // searched in a `Vec`, vendor/README.md)
    c.goto(&app_url).await.unwrap();
    support::wait_ready(&c).await;
    support::click(&c, ".dp-deals__more").await;
    c.wait()
        .for_element(Locator::Css(".dp-deal-list li:nth-child(1000)"))
        .await
        .expect("1,000 rows");
    let mut sort_ms = Vec::new();
    for round in 0..15 {
        // Each sort differs from the one before (the list opens sorted by last touched).
        let sort = ["score", "next", "touched"][round % 3];
        let ms = c
            .execute_async(
                "const [sort, done] = arguments;
                 const select = document.querySelector('option[value=score]').parentElement;
                 const list = document.querySelector('.dp-deal-list');
                 const t0 = performance.now();
                 new MutationObserver((_, seen) => { seen.disconnect(); done(performance.now() - t0); })
                   .observe(list, { childList: true, subtree: true });
                 setTimeout(() => done(-1), 5000);
                 select.value = sort;
                 select.dispatchEvent(new Event('change', { bubbles: true }));",
                vec![sort.into()],
            )
            .await
            .unwrap()
            .as_f64()
            .unwrap_or(f64::NAN);
        sort_ms.push(ms);
    }
    out(format!(
        "- 1,000 rows shown, sort order changed → rows reordered in the page: median {:.1} ms, p95 {:.1} ms ({} changes)",
        median(&mut sort_ms),
        p95(&mut sort_ms),
        sort_ms.len()
    ));
    c.close().await.unwrap();

    // ---- Lighthouse (desktop), served gzip-compressed with cache headers
    out(
        "\n## Lighthouse 12.8.2 (desktop preset; gzip and cache headers as an intranet server would send)\n"
            .into(),
    );
    for line in lighthouse(&seeds).await {
        out(line);
    }

    let machine = machine();
    let doc = format!(
        "# Benchmarks\n\nWritten by `make bench` (benches/browser.rs) on {}.\n\nMachine: {machine}\n\n{report}\n\
         Method: one headless Chromium, a new page (window) per load, warm-up loads thrown away, app and \
         baseline pages alternated so drift hits both. The baseline (`bench/baseline.html`) is plain JS \
         reading the same index records and rendering the same list. The ready mark is each page's own \
         (the app's runs in a Yew effect, which comes after a layout and paint when the first render \
         took over 16 ms; the baseline's comes right after appending the list, before layout); the \
         largest contentful paint is the browser's, the same measure for both. Interaction timings are measured in \
         the page from the input event's timestamp to the next animation frame (keystroke) and to the \
         mutation of the score on screen (toggle).\n",
        today()
    );
    // The size history is kept by hand (each cut with what it saved): appended, never rewritten.
    let history = std::fs::read_to_string(root().join("bench/size-history.md")).unwrap_or_default();
    let doc = format!("{doc}\n{history}");
    std::fs::write(root().join("BENCHMARKS.md"), doc).unwrap();
    println!("\nwritten to BENCHMARKS.md");
}

/// Runs Lighthouse on the deals view and on a call view (with the sample data seeded into the
/// profile Lighthouse then uses, with storage reset disabled).
async fn lighthouse(seeds: &[(String, PathBuf); 2]) -> Vec<String> {
    let cli = root().join("bench/node_modules/.bin/lighthouse");
    if !cli.exists() {
        return vec!["- skipped: run `npm ci --prefix bench` (make bench does)".into()];
    }
    let dist = support::dist_dir();
    let gz_dir = root().join("target/bench/gz");
    let _ = std::fs::remove_dir_all(&gz_dir);
    std::fs::create_dir_all(&gz_dir).unwrap();
    for entry in std::fs::read_dir(&dist).unwrap().flatten() {
        let path = entry.path();
        if path
            .extension()
            .is_some_and(|x| ["wasm", "js", "css", "html"].iter().any(|e| x == *e))
        {
            let out = Command::new("gzip")
                .args(["-9", "-c"])
                .arg(&path)
                .output()
                .unwrap();
            std::fs::write(
                gz_dir.join(format!("{}.gz", entry.file_name().to_string_lossy())),
                out.stdout,
            )
            .unwrap();
        }
    }
    let mut extra = vec![(
        "bench-baseline.html".to_owned(),
        root().join("bench/baseline.html"),
    )];
    extra.extend(seeds.iter().cloned());
    let server = Server::start_full(extra, Some(gz_dir));
    let profile = support::scratch_dir("lighthouse-profile");
    let profile_flag = format!("--user-data-dir={}", profile.display());
    // Seed the sample deal into that profile and find its call's URL.
    let call_url = {
        let driver = Driver::start();
        let c = driver.session(&[&profile_flag]).await;
        c.goto(&server.url("")).await.unwrap();
        support::wait_ready(&c).await;
        let (_, call_url) = support::open_sample_deal(&c).await;
        c.close().await.unwrap();
        call_url
    };
    let mut lines = vec![
        "| view | performance | accessibility | best practices |".to_owned(),
        "|---|---:|---:|---:|".to_owned(),
    ];
    for (label, url) in [("deals", server.url("")), ("call plan", call_url)] {
        let report = root().join(format!(
            "target/bench/lighthouse-{}.json",
            label.replace(' ', "-")
        ));
        let flags = format!(
            "--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run {profile_flag}"
        );
        let status = Command::new("node")
            .arg(&cli)
            .arg(&url)
            .args([
                "--preset=desktop",
                "--only-categories=performance,accessibility,best-practices",
                "--output=json",
                "--quiet",
                "--disable-storage-reset",
            ])
            .arg(format!("--output-path={}", report.display()))
            .arg(format!("--chrome-flags={flags}"))
            .env("CHROME_PATH", "/usr/bin/chromium")
            .status();
        let scores = status
            .ok()
            .filter(|s| s.success())
            .and_then(|_| std::fs::read_to_string(&report).ok())
            .and_then(|t| {
                let v: Value = serde_json::from_str(&t).ok()?;
                let score = |k: &str| {
                    v["categories"][k]["score"]
                        .as_f64()
                        .map_or("error".to_owned(), |s| format!("{:.0}", s * 100.0))
                };
                Some(format!(
                    "| {label} | {} | {} | {} |",
                    score("performance"),
                    score("accessibility"),
                    score("best-practices")
                ))
            });
        lines.push(scores.unwrap_or_else(|| format!("| {label} | failed | failed | failed |")));
    }
    lines
}

async fn click_hand_item(c: &Client) {
    // The second item ("Agenda confirmed with the client") is ticked by hand; the first proves
    // itself from the plan.
    support::click(c, ".dp-checklist__item:nth-child(2) input").await;
}

fn today() -> String {
    Command::new("date")
        .arg("+%Y-%m-%d")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
        .unwrap_or_default()
}

fn machine() -> String {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("model name"))
                .map(|l| l.split(':').nth(1).unwrap_or("").trim().to_owned())
        })
        .unwrap_or_default();
    let cores = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(0);
    let chromium = Command::new("chromium")
        .arg("--version")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
        .unwrap_or_default();
    let mut s = String::new();
    let _ = write!(s, "{cores} cores ({cpu}), {chromium}");
    s
}
