//! The `alama` binary run as a pipeline would run it: every command, every format in and
//! out, the golden files written in the other tools' own formats (tests/formats/golden), the
//! messages that name file, document and span, and the documented exit codes. Native only.

#![cfg(not(target_arch = "wasm32"))]

use alama::Workspace;
use alama::exchange::formats::canonical;
use serde_json::Value;
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const SEED: &str = include_str!("../seeds/000_7ae19593d920b671.txt");
const GOLDEN: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/formats/golden");

fn alama(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_alama")).args(args).output().expect("the alama binary runs")
}

fn code(out: &Output) -> i32 {
    out.status.code().unwrap_or(-1)
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// A fresh folder for one test.
fn folder(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("alama-cli-{}-{name}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    dir
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn chars_of(text: &str, needle: &str) -> (usize, usize) {
    let b = text.find(needle).unwrap();
    let start = text[..b].chars().count();
    (start, start + needle.chars().count())
}

/// A seed article with a nested span (LOC inside PER), a clitic left out (ب|بيونغ يانغ) and
/// a second document with an emoji and CRLF.
fn sample(nested: bool) -> Workspace {
    let mut ws = Workspace::new();
    let doc = ws.open_file("000_7ae19593d920b671.txt", SEED.as_bytes()).unwrap();
    for (needle, label) in
        [("زعيم كوريا الشمالية كيم جونغ أون", "PER"), ("فلاديمير بوتين", "PER"), ("بيونغ يانغ", "LOC"), ("سوخوي-35", "WEA")]
    {
        let (s, e) = chars_of(SEED, needle);
        ws.tag(&doc, s, e, label).unwrap();
    }
    if nested {
        let (s, e) = chars_of(SEED, "كوريا الشمالية");
        ws.tag(&doc, s, e, "LOC").unwrap();
    }
    let emoji = ws.open_file("emoji.txt", "😀 قال «بوتين»\r\nفي قمة موسكو 🇸🇦.".as_bytes()).unwrap();
    ws.tag(&emoji, 7, 14, "PER").unwrap();
    ws.tag(&emoji, 18, 27, "EVT").unwrap(); // قمة موسكو
    ws
}

fn write_sample(dir: &Path, name: &str, nested: bool) -> PathBuf {
    let path = dir.join(name);
    fs::write(&path, canonical::to_json(&sample(nested))).unwrap();
    path
}

/// {document id: sorted (start, end, label, text)} of a canonical file.
fn spans(path: &Path) -> BTreeMap<String, Vec<(u64, u64, String, String)>> {
    let value: Value = serde_json::from_str(&fs::read_to_string(path).unwrap()).unwrap();
    let mut out = BTreeMap::new();
    for d in value["documents"].as_array().unwrap() {
        let mut list: Vec<_> = d["spans"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| {
                (
                    s["start"].as_u64().unwrap(),
                    s["end"].as_u64().unwrap(),
                    s["label"].as_str().unwrap().to_string(),
                    s["text"].as_str().unwrap().to_string(),
                )
            })
            .collect();
        list.sort();
        out.insert(d["id"].as_str().unwrap().to_string(), list);
    }
    out
}

#[test]
fn help_lists_the_commands_and_exit_codes() {
    let out = alama(&["--help"]);
    assert_eq!(code(&out), 0);
    let help = stdout(&out);
    for word in ["validate", "convert", "stats", "merge", "agree", "Exit codes:", "4  done but incomplete"] {
        assert!(help.contains(word), "{word} missing from:\n{help}");
    }
    assert!(stdout(&alama(&["convert", "--help"])).contains("Exit codes:"));
    let unknown = alama(&["frobnicate"]);
    assert_eq!(code(&unknown), 2);
}

#[test]
fn validate_reports_ok_or_names_the_file_document_and_span() {
    let dir = folder("validate");
    let good = write_sample(&dir, "good.json", true);
    let out = alama(&["validate", s(&good)]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert!(stdout(&out).contains("good.json: 2 documents, 7 spans (alama)"), "{}", stdout(&out));

    let text = fs::read_to_string(&good).unwrap();
    let bad_sha = dir.join("bad-sha.json");
    fs::write(&bad_sha, text.replacen("\"sha256\": \"", "\"sha256\": \"00", 1)).unwrap();
    let bad_text = dir.join("bad-text.json");
    fs::write(&bad_text, text.replacen("\"text\":\"فلاديمير بوتين\"", "\"text\":\"فلاديمير\"", 1)).unwrap();
    let out = alama(&["validate", s(&good), s(&bad_sha), s(&bad_text)]);
    assert_eq!(code(&out), 1);
    let err = stderr(&out);
    assert!(err.contains("bad-sha.json") && err.contains("documents[0].sha256"), "{err}");
    assert!(err.contains("bad-text.json") && err.contains("documents[0].spans[2].text: is “فلاديمير”"), "{err}");
    assert!(stdout(&out).contains("OK: "), "the good file is still reported");

    let out = alama(&["validate", s(&dir.join("missing.json"))]);
    assert_eq!(code(&out), 3, "{}", stderr(&out));
    let out = alama(&["validate", "--from", "docx", s(&good)]);
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("unknown format “docx”"));
    let bad_jsonl = dir.join("bad.jsonl");
    fs::write(&bad_jsonl, "{\"id\": \"a\", \"text\": \"ab\", \"label\": [[0, 1, \"PER\"]]}\n{\"id\": \"b\", \"text\": \"cd\", \"label\": [[1, 7, \"PER\"]]}\n").unwrap();
    let err = stderr(&alama(&["validate", s(&bad_jsonl)]));
    assert!(err.contains("bad.jsonl”: document “b”, line 2, label[0]: offsets 1–7 are not inside the text"), "{err}");
    let unknown = dir.join("notes.txt");
    fs::write(&unknown, "x").unwrap();
    assert_eq!(code(&alama(&["validate", s(&unknown)])), 2);
}

#[test]
fn every_format_converts_out_and_back() {
    let dir = folder("convert");
    let source = write_sample(&dir, "source.json", true);
    let want = spans(&source);
    for (format, out_name, extra) in [
        ("jsonl", "out.jsonl", vec![]),
        ("label-studio", "out-ls.json", vec![]),
        ("label-studio", "out-pred.json", vec!["--predictions"]),
        ("brat", "brat-folder", vec![]),
        ("brat", "brat.zip", vec![]),
        ("alama", "copy.json", vec![]),
    ] {
        let out_path = dir.join(out_name);
        let mut args = vec!["convert", s(&source), "--to", format, "-o", s(&out_path)];
        args.extend(&extra);
        let out = alama(&args);
        assert_eq!(code(&out), 0, "{format}: {}", stderr(&out));
        assert!(!stderr(&out).contains("lost:"), "{format} lost something: {}", stderr(&out));
        let back = dir.join(format!("{out_name}.back.json"));
        let mut args = vec!["convert", s(&out_path), "--from", format, "--to", "alama", "-o", s(&back)];
        args.extend(&extra);
        let out = alama(&args);
        assert_eq!(code(&out), 0, "{format} back: {}", stderr(&out));
        assert_eq!(spans(&back), want, "{format}");
    }
    // Standard output when there is no -o.
    let out = alama(&["convert", s(&source), "--to", "jsonl"]);
    assert_eq!(stdout(&out).lines().count(), 2);
    // brat writes several files: it needs -o.
    assert_eq!(code(&alama(&["convert", s(&source), "--to", "brat"])), 2);
    let config = dir.join("config.xml");
    alama(&["convert", s(&source), "--to", "label-studio", "-o", s(&dir.join("ls.json")), "--label-config", s(&config)]);
    assert!(fs::read_to_string(&config).unwrap().contains("<Label value=\"WEA\""));
}

#[test]
fn hugging_face_webanno_and_prodigy_convert_out_and_back() {
    let dir = folder("new-formats");
    let source = write_sample(&dir, "source.json", true);
    let want = spans(&source);
    let mut flat = want.clone();
    flat.get_mut("000_7ae19593d920b671").unwrap().retain(|s| s.3 != "كوريا الشمالية");
    // (format, output, what must come back, what the export says it lost)
    for (format, out_name, back_want, lost) in [
        ("hf", "hf-folder", &want, Some("it is in \"spans\" but not in \"ner_tags\"")),
        ("hf", "hf.zip", &want, Some("it is in \"spans\" but not in \"ner_tags\"")),
        ("webanno", "tsv-folder", &want, None),
        ("webanno", "tsv.zip", &want, None),
        ("prodigy", "tasks.jsonl", &flat, Some("Prodigy's ner_manual holds one span per token, so it is not written")),
    ] {
        let out_path = dir.join(out_name);
        let out = alama(&["convert", s(&source), "--to", format, "-o", s(&out_path)]);
        assert_eq!(code(&out), 0, "{format}: {}", stderr(&out));
        match lost {
            Some(what) => assert!(stderr(&out).contains(what), "{format}: {}", stderr(&out)),
            None => assert!(!stderr(&out).contains("lost:"), "{format} lost something: {}", stderr(&out)),
        }
        let back = dir.join(format!("{out_name}.back.json"));
        // The format is told from the folder, archive or file.
        let out = alama(&["convert", s(&out_path), "--to", "alama", "-o", s(&back)]);
        assert_eq!(code(&out), 0, "{format} back: {}", stderr(&out));
        assert_eq!(&spans(&back), back_want, "{format}");
    }
    let names: Vec<String> = fs::read_dir(dir.join("hf-folder")).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    assert_eq!(names.len(), 3, "{names:?}");
    assert!(fs::read_to_string(dir.join("tsv-folder/emoji.tsv")).unwrap().starts_with("#FORMAT=WebAnno TSV 3.3\n"));
    assert_eq!(code(&alama(&["convert", s(&source), "--to", "prodigy", "--strict", "-o", s(&dir.join("strict.jsonl"))])), 4);
    // Several files need a folder or an archive.
    assert_eq!(code(&alama(&["convert", s(&source), "--to", "hf"])), 2);
    assert_eq!(code(&alama(&["convert", s(&source), "--to", "webanno"])), 2);
}

#[test]
fn webanno_files_from_inception_come_back_byte_for_byte() {
    let dir = folder("webanno-exact");
    let golden = Path::new(GOLDEN).join("webanno/stacked.tsv");
    let json = dir.join("stacked.json");
    assert_eq!(code(&alama(&["convert", s(&golden), "--to", "alama", "-o", s(&json)])), 0);
    let again = dir.join("stacked.tsv");
    let out = alama(&["convert", s(&json), "--to", "webanno", "-o", s(&again)]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(fs::read(&again).unwrap(), fs::read(&golden).unwrap());
    // A word list is no WebAnno file: the format cannot be told, and --from says why.
    let list = dir.join("names.tsv");
    fs::write(&list, "بوتين\tPER\n").unwrap();
    assert_eq!(code(&alama(&["validate", s(&list)])), 2);
    let out = alama(&["validate", "--from", "webanno", s(&list)]);
    assert_eq!(code(&out), 1);
    assert!(stderr(&out).contains("line 1: this is not a WebAnno TSV 3 file"), "{}", stderr(&out));
}

#[test]
fn conll_reports_what_iob2_cannot_hold_and_strict_refuses() {
    let dir = folder("conll");
    let source = write_sample(&dir, "source.json", true);
    let conll = dir.join("out.conll");
    let out = alama(&["convert", s(&source), "--to", "conll", "-o", s(&conll)]);
    assert_eq!(code(&out), 0);
    let err = stderr(&out);
    assert!(err.contains("lost: document “000_7ae19593d920b671”, span 5 (LOC “كوريا الشمالية”"), "{err}");
    let text = fs::read_to_string(&conll).unwrap();
    assert!(text.starts_with("# Alama CoNLL export. Tag scheme: IOB2"));
    assert!(text.contains("-DOCSTART-\tO\n# id = \"emoji\""));
    // ب|بيونغ يانغ: the clitic is its own token, outside the span.
    assert!(text.contains("ب\tO\nبيونغ\tB-LOC\nيانغ\tI-LOC\n"), "{text}");
    let back = dir.join("back.json");
    assert_eq!(code(&alama(&["convert", s(&conll), "--to", "alama", "-o", s(&back)])), 0);
    let mut want = spans(&source);
    want.get_mut("000_7ae19593d920b671").unwrap().retain(|s| s.3 != "كوريا الشمالية");
    assert_eq!(spans(&back), want);

    let strict = dir.join("strict.conll");
    let out = alama(&["convert", s(&source), "--to", "conll", "--strict", "-o", s(&strict)]);
    assert_eq!(code(&out), 4, "{}", stderr(&out));
    assert!(!strict.exists(), "nothing is written under --strict");
    let flat = write_sample(&dir, "flat.json", false);
    assert_eq!(code(&alama(&["convert", s(&flat), "--to", "conll", "--strict", "-o", s(&strict)])), 0);
}

#[test]
fn stats_counts_per_label_and_document() {
    let dir = folder("stats");
    let source = write_sample(&dir, "source.json", true);
    let out = alama(&["stats", s(&source), "--json"]);
    assert_eq!(code(&out), 0);
    let stats: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(stats["spans"], 7);
    assert_eq!(stats["labels"]["PER"], 3);
    assert_eq!(stats["documents"][0]["labels"]["LOC"], 2);
    assert_eq!(stats["documents"][1]["characters"], 31);
    let table = stdout(&alama(&["stats", s(&source)]));
    assert!(table.lines().last().unwrap().starts_with("total"), "{table}");
}

#[test]
fn agree_compares_annotators_by_fingerprint() {
    let dir = folder("agree");
    let a = write_sample(&dir, "ali.json", true);
    // mona: the same documents in the other order, under other names, one span relabelled.
    let mut ws = sample(false);
    let docs: Vec<_> = ws
        .documents()
        .iter()
        .rev()
        .cloned()
        .map(|mut d| {
            d.doc.id = format!("m-{}", d.doc.id);
            d
        })
        .collect();
    ws = Workspace::from_parts(ws.labels().to_vec(), docs);
    let id = ws.documents()[1].doc.id.clone();
    let span = ws.documents()[1].spans.iter().find(|s| s.label == "WEA").unwrap().id;
    ws.relabel(&id, span, "EVT").unwrap();
    let b = dir.join("mona.json");
    fs::write(&b, canonical::to_json(&ws)).unwrap();

    let out = alama(&["agree", s(&a), s(&b), "--json"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let report: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(report["annotators"], serde_json::json!(["ali", "mona"]));
    let pair = &report["pairs"][0];
    assert_eq!(pair["documents"], 2);
    assert_eq!(pair["overall"]["exact"]["matched"], 5);
    assert_eq!(pair["labels"]["PER"]["exact"]["f1"], 1.0);
    assert_eq!(pair["labels"]["WEA"]["exact"]["recall"], 0.0);
    let table = stdout(&alama(&["agree", s(&a), s(&b), "--names", "A,B"]));
    assert!(table.contains("A (reference) vs B: 2 documents") && table.contains("overall"), "{table}");
    assert_eq!(code(&alama(&["agree", s(&a)])), 2);
    assert_eq!(code(&alama(&["agree", s(&a), s(&b), "--names", "one"])), 2);
}

#[test]
fn merge_writes_a_template_then_gold_with_who_decided_what() {
    let dir = folder("merge");
    let a = write_sample(&dir, "ali.json", true);
    let b = write_sample(&dir, "mona.json", false);
    let template = dir.join("decisions.json");
    let out = alama(&["merge", s(&a), s(&b), "--template", "--adjudicator", "sara", "-o", s(&template)]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let mut decisions: Value = serde_json::from_str(&fs::read_to_string(&template).unwrap()).unwrap();
    let list = decisions["decisions"].as_array_mut().unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0]["kind"], "only_a");
    assert_eq!(list[0]["a"][0]["text"], "كوريا الشمالية");

    let gold = dir.join("gold.json");
    let out = alama(&["merge", s(&a), s(&b), "-d", s(&template), "-o", s(&gold)]);
    assert_eq!(code(&out), 4, "undecided: {}", stderr(&out));
    assert!(stderr(&out).contains("1 disagreements have no decision: “000_7ae19593d920b671” #1"), "{}", stderr(&out));
    assert!(!gold.exists());

    list[0]["choice"] = "a".into();
    fs::write(&template, decisions.to_string()).unwrap();
    let sources = dir.join("sources.json");
    let out = alama(&["merge", s(&a), s(&b), "-d", s(&template), "-o", s(&gold), "--sources", s(&sources)]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    assert_eq!(spans(&gold), spans(&a));
    let who: Value = serde_json::from_str(&fs::read_to_string(&sources).unwrap()).unwrap();
    let picked: Vec<&Value> = who.as_array().unwrap().iter().filter(|s| s["how"] == "picked").collect();
    assert_eq!(picked.len(), 1);
    assert_eq!((picked[0]["decided_by"].as_str(), picked[0]["annotators"][0].as_str()), (Some("sara"), Some("ali")));
    assert_eq!(code(&alama(&["validate", s(&gold)])), 0);

    // A decision made on other versions of the spans is refused.
    decisions["decisions"][0]["a"][0]["label"] = "PER".into();
    fs::write(&template, decisions.to_string()).unwrap();
    let out = alama(&["merge", s(&a), s(&b), "-d", s(&template), "-o", s(&gold)]);
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    assert!(stderr(&out).contains("disagreement 1: the decision was made on other versions"));
    let out = alama(&["merge", s(&a), s(&b), "--undecided", "neither", "-o", s(&gold)]);
    assert_eq!(code(&out), 0);
}

#[test]
fn golden_files_from_the_other_tools_import() {
    let dir = folder("golden");
    let expected: Value = serde_json::from_str(&fs::read_to_string(Path::new(GOLDEN).join("expected.json")).unwrap()).unwrap();
    for (key, docs) in expected.as_object().unwrap() {
        let mut parts = key.split(' ');
        let input = Path::new(GOLDEN).join(parts.next().unwrap());
        let out_path = dir.join(format!("{}.json", key.replace([' ', '/'], "_")));
        let mut args = vec!["convert", s(&input), "--to", "alama", "-o", s(&out_path)];
        args.extend(parts);
        let out = alama(&args);
        assert_eq!(code(&out), 0, "{key}: {}", stderr(&out));
        let got: Value = serde_json::from_str(&fs::read_to_string(&out_path).unwrap()).unwrap();
        let got_docs = got["documents"].as_array().unwrap();
        assert_eq!(got_docs.len(), docs.as_array().unwrap().len(), "{key}");
        for (g, want) in got_docs.iter().zip(docs.as_array().unwrap()) {
            assert_eq!(g["id"], want["id"], "{key}");
            if let Some(text) = want.get("text") {
                assert_eq!(&g["text"], text, "{key}");
            }
            let mut got_spans: Vec<(String, String)> = g["spans"]
                .as_array()
                .unwrap()
                .iter()
                .map(|s| (s["text"].as_str().unwrap().into(), s["label"].as_str().unwrap().into()))
                .collect();
            let mut want_spans: Vec<(String, String)> =
                want["spans"].as_array().unwrap().iter().map(|s| (s[0].as_str().unwrap().into(), s[1].as_str().unwrap().into())).collect();
            got_spans.sort();
            want_spans.sort();
            assert_eq!(got_spans, want_spans, "{key}, document {}", g["id"]);
        }
        assert_eq!(code(&alama(&["validate", s(&out_path)])), 0);
    }
    // Notes say what was ignored or converted, on stderr.
    let notes = stderr(&alama(&["validate", s(&Path::new(GOLDEN).join("label_studio.json"))]));
    assert!(notes.contains("UTF-16") && notes.contains("cancelled") && notes.contains("choices"), "{notes}");
    let notes = stderr(&alama(&["validate", s(&Path::new(GOLDEN).join("brat"))]));
    assert!(notes.contains("relations") && notes.contains("discontinuous"), "{notes}");
    let notes = stderr(&alama(&["validate", s(&Path::new(GOLDEN).join("webanno"))]));
    assert!(
        notes.contains("the layers de.tudarmstadt.ukp.dkpro.core.api.lexmorph.type.pos.POS")
            && notes.contains("3 named entities have no value"),
        "{notes}"
    );
    let notes = stderr(&alama(&["validate", s(&Path::new(GOLDEN).join("prodigy.jsonl"))]));
    assert!(notes.contains("1 tasks answered “reject” were skipped"), "{notes}");
    let notes = stderr(&alama(&["validate", s(&Path::new(GOLDEN).join("hf-conll2003"))]));
    assert!(notes.contains("rebuilt by joining the tokens") && notes.contains("read from \"ner_tags\""), "{notes}");
}

#[test]
fn stats_consistency_lists_the_inconsistencies_as_text_and_json() {
    let dir = folder("consistency");
    // The sample tags فلاديمير بوتين; tag a lone بوتين as LOC and another as PER, and
    // والكرملين with its و next to a bare الكرملين.
    let mut ws = sample(false);
    let doc = ws.documents()[0].doc.id.clone();
    let at = |needle: &str, nth: usize| {
        let b = SEED.match_indices(needle).nth(nth).unwrap().0;
        let s = SEED[..b].chars().count();
        (s, s + needle.chars().count())
    };
    let (a, b, c) = (at("الرئيس بوتين", 0), at("الكرملين", 0), at("وبوتين", 0));
    ws.add_span(&doc, a.0 + 7, a.1, "LOC").unwrap();
    ws.add_span(&doc, b.0, b.1, "LOC").unwrap();
    ws.add_span(&doc, c.0, c.1, "PER").unwrap();
    let source = dir.join("c.json");
    fs::write(&source, canonical::to_json(&ws)).unwrap();

    let out = alama(&["stats", s(&source), "--consistency", "--json"]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let v: Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(v["spans"], 9, "the counts stay as they were");
    let findings = v["consistency"]["findings"].as_array().unwrap();
    let kinds: Vec<&str> = findings.iter().map(|f| f["kind"].as_str().unwrap()).collect();
    for kind in ["labels", "untagged", "boundaries"] {
        assert!(kinds.contains(&kind), "{kinds:?}");
    }
    let labels = findings.iter().find(|f| f["kind"] == "labels").unwrap();
    assert_eq!(labels["text"], "بوتين");
    assert!(labels["fixes"][0]["relabel"]["spans"].is_array(), "{labels}");
    assert!(v["consistency"]["statuses"]["new"].is_number());

    let text = stdout(&alama(&["stats", s(&source), "--consistency"]));
    assert!(text.contains("inconsistencies"), "{text}");
    assert!(text.contains("labels  “بوتين”  "), "{text}");
    assert!(text.contains("boundaries  “"), "{text}");
    assert!(text.contains("[وبوتين]"), "{text}");
    // Without the flag, the output is as before.
    assert!(!stdout(&alama(&["stats", s(&source)])).contains("inconsistencies"));
}
