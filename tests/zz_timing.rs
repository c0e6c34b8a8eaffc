#[test]
#[ignore]
fn timing() {
    let json = std::fs::read_to_string("/tmp/wl/workload-corpus.json").unwrap();
    let ws = alama::exchange::canonical::from_json("c", &json).unwrap();
    let t = std::time::Instant::now();
    let mut n = 0;
    for d in ws.documents() {
        n += alama::text::segment::segments(d.doc.text()).len();
    }
    eprintln!("segments {:?} {n}", t.elapsed());
}
