fn main() {
    let now = deal_prep::domain::Minutes::parse("2026-11-26T09:00").unwrap();
    let d = deal_prep::domain::sample::generate(1, 20, 42, now).remove(0);
    println!("{}", deal_prep::domain::json::to_string(&d));
}
