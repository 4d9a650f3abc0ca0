//! Native benchmark of the domain core: scoring 1,000 deals, and serializing and parsing
//! 1,000 deals × 20 calls. Prints numbers (median of several runs); run with
//! `cargo bench --bench domain`. No pass/fail: budgets are judged by reading the numbers.

use std::hint::black_box;
use std::time::{Duration, Instant};

use deal_prep::domain::json;
use deal_prep::domain::sample::generate;
use deal_prep::domain::{forecast, score, Deal, Minutes, Template};

fn median(mut runs: Vec<Duration>) -> Duration {
    runs.sort();
    runs[runs.len() / 2]
}

fn time<T>(runs: usize, mut f: impl FnMut() -> T) -> Duration {
    median(
        (0..runs)
            .map(|_| {
                let start = Instant::now();
                black_box(f());
                start.elapsed()
            })
            .collect(),
    )
}

fn main() {
    let now = Minutes::parse("2026-11-26T09:00").expect("valid");
    let deals = generate(1_000, 20, 42, now);
    let template = Template::default_template();

    let scoring = time(21, || {
        deals
            .iter()
            .map(|d| u32::from(score(d, &template, now).total))
            .sum::<u32>()
    });
    let forecasting = time(21, || {
        deals
            .iter()
            .filter(|d| !forecast(d, &template, now).risks.is_empty())
            .count()
    });
    let texts: Vec<String> = deals.iter().map(json::to_string).collect();
    let chars: usize = texts.iter().map(|t| t.chars().count()).sum();
    let serializing = time(11, || {
        deals.iter().map(|d| json::to_string(d).len()).sum::<usize>()
    });
    let parsing = time(11, || {
        texts
            .iter()
            .map(|t| json::from_str::<Deal>(t).expect("parses").calls.len())
            .sum::<usize>()
    });

    println!("domain benchmark (native, median)");
    println!(
        "  score 1,000 deals:               {:>8.2} ms",
        scoring.as_secs_f64() * 1e3
    );
    println!(
        "  forecast 1,000 deals:            {:>8.2} ms",
        forecasting.as_secs_f64() * 1e3
    );
    println!(
        "  serialize 1,000 deals x 20 calls: {:>7.2} ms",
        serializing.as_secs_f64() * 1e3
    );
    println!(
        "  parse 1,000 deals x 20 calls:     {:>7.2} ms",
        parsing.as_secs_f64() * 1e3
    );
    println!(
        "  JSON size: {chars} characters ({:.0} % of a 5 M-character quota)",
        chars as f64 / 5e4
    );
}
