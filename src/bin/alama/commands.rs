//! The commands: arguments (clap), what each one does, and the exit codes it documents.

use crate::consistency;
use crate::files::{self, Loaded, Problem};
use crate::tables;
use alama::Workspace;
use alama::exchange::adjudicate::{self, Decision, Undecided};
use alama::exchange::agree::{self, Annotator};
use alama::exchange::{self, ExportOptions, Format, Note, label_studio};
use clap::{Parser, Subcommand, ValueEnum};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

const EXIT_CODES: &str = "\
Exit codes:
  0  success
  1  an input was refused: not valid for its format, offsets that do not match the text, a
     sha256 that does not match, a bad decision; the message names the file, document and span
  2  usage error: unknown command, option or format, wrong number of files
  3  a file or folder could not be read or written
  4  done but incomplete: `convert --strict` would lose spans or data (nothing written);
     `merge` has disagreements without a decision (nothing written)";

#[derive(Parser)]
#[command(
    name = "alama",
    version,
    about = "Alama's command line: check, convert, count, compare and merge span annotation files.",
    long_about = "Alama's command line: check, convert, count, compare and merge span annotation files.\n\n\
Formats (--from, --to): alama (canonical JSON v1), jsonl (doccano / spaCy), brat (a folder or\n\
.zip of .txt + .ann files), label-studio (tasks JSON), conll (IOB2 columns), hf (Hugging Face\n\
token classification: a folder or .zip of data.jsonl, label_names.json and README.md),\n\
webanno (WebAnno TSV 3 for INCEpTION: a .tsv per document; a folder or .zip for several),\n\
prodigy (ner_manual tasks JSONL). Offsets are Unicode code points everywhere (WebAnno's TSV\n\
counts UTF-16 units, converted on the exact text). See docs/formats.md.",
    after_help = EXIT_CODES
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check files: their shape, every offset against the text, every sha256.
    #[command(after_help = EXIT_CODES)]
    Validate {
        /// Files (or brat, hf and webanno folders / .zip archives) to check.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        #[arg(long, value_parser = parse_format)]
        from: Option<Format>,
        /// Read Label Studio predictions instead of annotations.
        #[arg(long)]
        predictions: bool,
    },
    /// Convert a file from one format to another.
    #[command(after_help = EXIT_CODES)]
    Convert {
        input: PathBuf,
        /// The input's format (guessed from the name and content when left out).
        #[arg(long, value_parser = parse_format)]
        from: Option<Format>,
        #[arg(long, value_parser = parse_format)]
        to: Format,
        /// Where to write (stdout when left out). brat, hf, webanno with several documents: a
        /// folder, or a file ending in .zip.
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Label Studio in: read predictions instead of annotations. Out: write predictions.
        #[arg(long)]
        predictions: bool,
        /// Refuse (exit 4, nothing written) if the output would lose anything.
        #[arg(long)]
        strict: bool,
        /// Label Studio out: also write the labelling interface XML to this file.
        #[arg(long)]
        label_config: Option<PathBuf>,
    },
    /// Count spans per label and per document; with --consistency, also list what is
    /// inconsistent: the same string with different labels, a tagged string left untagged
    /// elsewhere, different boundaries for the same name (ال, proclitics).
    #[command(after_help = EXIT_CODES)]
    Stats {
        input: PathBuf,
        #[arg(long, value_parser = parse_format)]
        from: Option<Format>,
        #[arg(long)]
        predictions: bool,
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
        /// Add the corpus report: statuses, span lengths, top entities and the
        /// inconsistencies with their places and fixes (in JSON, under "consistency").
        #[arg(long)]
        consistency: bool,
    },
    /// Agreement between two or more annotators' files of the same documents (matched by
    /// sha256): exact and partial span F1 and token-level Cohen's kappa, per label and overall.
    #[command(after_help = EXIT_CODES)]
    Agree {
        /// Two or more files; the first of each pair is the reference.
        #[arg(required = true, num_args = 2..)]
        files: Vec<PathBuf>,
        /// Annotator names, comma-separated, in the order of the files (default: the
        /// spans' annotator name if a file has one, else the file name).
        #[arg(long, value_delimiter = ',')]
        names: Vec<String>,
        #[arg(long, value_parser = parse_format)]
        from: Option<Format>,
        /// Print JSON instead of tables.
        #[arg(long)]
        json: bool,
        /// With --json: include every document's tokens (code point offsets).
        #[arg(long)]
        tokens: bool,
    },
    /// Merge two annotators' files into one gold file (canonical JSON) with decisions on
    /// their disagreements; or write the decisions template to fill in (--template).
    #[command(after_help = EXIT_CODES)]
    Merge {
        a: PathBuf,
        b: PathBuf,
        /// Decisions: JSON, {"adjudicator": NAME, "decisions": [...]} as --template writes it.
        #[arg(short, long)]
        decisions: Option<PathBuf>,
        /// Write every disagreement as an undecided decision, for a person to fill in.
        #[arg(long)]
        template: bool,
        /// Where to write the gold file or the template (stdout when left out).
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Also write who decided what, span by span, to this JSON file.
        #[arg(long)]
        sources: Option<PathBuf>,
        #[arg(long, value_delimiter = ',')]
        names: Vec<String>,
        /// Who decided (when the decisions file does not say).
        #[arg(long)]
        adjudicator: Option<String>,
        /// What to do with disagreements that have no decision.
        #[arg(long, value_enum, default_value_t = UndecidedArg::Fail)]
        undecided: UndecidedArg,
        #[arg(long, value_parser = parse_format)]
        from: Option<Format>,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum UndecidedArg {
    /// Refuse to merge (exit 4) and list them.
    Fail,
    A,
    B,
    Both,
    Neither,
}

fn parse_format(name: &str) -> Result<Format, String> {
    Format::from_name(name).ok_or_else(|| {
        let names: Vec<&str> = Format::ALL.iter().map(|f| f.name()).collect();
        format!("unknown format “{name}”; use one of: {}", names.join(", "))
    })
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli.command) {
        Ok(()) => ExitCode::SUCCESS,
        Err(problem) => {
            eprintln!("alama: {problem}");
            ExitCode::from(problem.code())
        }
    }
}

fn print_notes(prefix: &str, notes: &[Note]) {
    for note in notes {
        eprintln!("{prefix}: {note}");
    }
}

fn run(command: Command) -> Result<(), Problem> {
    match command {
        Command::Validate { files, from, predictions } => validate(&files, from, predictions),
        Command::Convert { input, from, to, output, predictions, strict, label_config } => {
            let loaded = files::load(&input, from, predictions)?;
            print_notes("note", &loaded.notes);
            let base = output.as_deref().and_then(Path::file_stem).and_then(|s| s.to_str()).unwrap_or("alama").to_string();
            let exported =
                exchange::export(&loaded.workspace, to, &ExportOptions { as_predictions: predictions, base_name: String::new() });
            print_notes("lost", &exported.lost);
            if strict && !exported.lost.is_empty() {
                return Err(Problem::Incomplete(format!(
                    "--strict: {to} cannot carry what is listed above ({} notes); nothing was written",
                    exported.lost.len()
                )));
            }
            if let Some(path) = label_config {
                files::write(&path, label_studio::labeling_config(loaded.workspace.labels()).as_bytes())?;
            }
            files::write_export(exported, output.as_deref(), &base)
        }
        Command::Stats { input, from, predictions, json, consistency: with_report } => {
            let loaded = files::load(&input, from, predictions)?;
            print_notes("note", &loaded.notes);
            let stats = tables::stats(&loaded.workspace);
            let report = with_report.then(|| alama::suggest::consistency::report(&loaded.workspace));
            if json {
                let mut value = serde_json::to_value(&stats).unwrap_or_default();
                if let (Some(report), Some(map)) = (&report, value.as_object_mut()) {
                    map.insert("consistency".into(), serde_json::to_value(report).unwrap_or_default());
                }
                println!("{}", serde_json::to_string_pretty(&value).unwrap_or_default());
            } else {
                print!("{}", tables::stats_table(&stats));
                if let Some(report) = &report {
                    print!("{}", consistency::findings_text(report));
                }
            }
            Ok(())
        }
        Command::Agree { files: paths, names, from, json, tokens } => {
            let loaded: Vec<Loaded> = paths.iter().map(|p| files::load(p, from, false)).collect::<Result<_, _>>()?;
            let names = annotator_names(&paths, &loaded, &names)?;
            let annotators: Vec<Annotator> =
                names.iter().zip(&loaded).map(|(name, l)| Annotator { name, workspace: &l.workspace }).collect();
            let report = agree::agreement(&annotators, tokens).map_err(|e| Problem::Usage(e.to_string()))?;
            if json {
                println!("{}", serde_json::to_string_pretty(&report).unwrap_or_default());
            } else {
                print_notes("note", &report.notes);
                print!("{}", tables::agreement_table(&report));
            }
            Ok(())
        }
        Command::Merge { a, b, decisions, template, output, sources, names, adjudicator, undecided, from } => {
            let la = files::load(&a, from, false)?;
            let lb = files::load(&b, from, false)?;
            let pair = [la, lb];
            let names = annotator_names(&[a, b], &pair, &names)?;
            let [la, lb] = pair;
            let (na, nb) = (names[0].as_str(), names[1].as_str());
            if template {
                let cmp = adjudicate::compare(na, &la.workspace, nb, &lb.workspace);
                print_notes("note", &cmp.notes);
                let file = adjudicate::DecisionsFile::new(&cmp, &[], adjudicator.as_deref());
                return files::write_or_print(output.as_deref(), file.to_json().as_bytes());
            }
            let (file_adjudicator, list) = match &decisions {
                Some(path) => files::read_decisions(path)?,
                None => (None, vec![]),
            };
            let who = adjudicator.or(file_adjudicator).unwrap_or_else(|| "adjudicator".into());
            merge(&la.workspace, &lb.workspace, (na, nb), &list, &who, undecided, output.as_deref(), sources.as_deref())
        }
    }
}

fn validate(paths: &[PathBuf], from: Option<Format>, predictions: bool) -> Result<(), Problem> {
    let mut failed: Option<Problem> = None;
    for path in paths {
        match files::load(path, from, predictions) {
            Ok(loaded) => {
                let spans: usize = loaded.workspace.documents().iter().map(|d| d.spans.len()).sum();
                println!("OK: {}: {} documents, {spans} spans ({})", path.display(), loaded.workspace.documents().len(), loaded.format);
                print_notes("note", &loaded.notes);
            }
            Err(problem) => {
                eprintln!("alama: {problem}");
                // Keep the most serious exit code: I/O (3) over refused input (1).
                if failed.as_ref().is_none_or(|f| problem.code() > f.code()) {
                    failed = Some(problem);
                }
            }
        }
    }
    match failed {
        None => Ok(()),
        Some(problem) => Err(Problem::Quiet(problem.code())),
    }
}

/// Names for the annotators: `--names`, else the spans' one annotator name, else the file
/// name; made unique.
fn annotator_names(paths: &[PathBuf], loaded: &[Loaded], given: &[String]) -> Result<Vec<String>, Problem> {
    if !given.is_empty() && given.len() != paths.len() {
        return Err(Problem::Usage(format!("--names gives {} names for {} files", given.len(), paths.len())));
    }
    let mut names: Vec<String> = vec![];
    for (k, (path, l)) in paths.iter().zip(loaded).enumerate() {
        let mut name = match given.get(k) {
            Some(n) => n.trim().to_string(),
            None => {
                let mut who = l.workspace.documents().iter().flat_map(|d| d.spans.iter()).map(|s| s.annotator.as_deref());
                let first = who.next().flatten();
                match first {
                    Some(n) if who.all(|w| w == Some(n)) => n.to_string(),
                    _ => path.file_stem().and_then(|s| s.to_str()).unwrap_or("annotator").to_string(),
                }
            }
        };
        if given.is_empty() && names.contains(&name) {
            name = (2..).map(|n| format!("{name}-{n}")).find(|c| !names.contains(c)).unwrap_or(name);
        }
        names.push(name);
    }
    Ok(names)
}

#[allow(clippy::too_many_arguments)]
fn merge(
    a: &Workspace,
    b: &Workspace,
    (na, nb): (&str, &str),
    decisions: &[Decision],
    adjudicator: &str,
    undecided: UndecidedArg,
    output: Option<&Path>,
    sources: Option<&Path>,
) -> Result<(), Problem> {
    let rule = match undecided {
        UndecidedArg::Fail => Undecided::Fail,
        UndecidedArg::A => Undecided::A,
        UndecidedArg::B => Undecided::B,
        UndecidedArg::Both => Undecided::Both,
        UndecidedArg::Neither => Undecided::Neither,
    };
    let merged = adjudicate::merge((na, a), (nb, b), decisions, adjudicator, rule).map_err(|e| match e {
        adjudicate::MergeError::Undecided { .. } => Problem::Incomplete(format!(
            "{e} Decide them (alama merge --template writes the list), or pass --undecided a|b|both|neither; nothing was written"
        )),
        other => Problem::Refused(other.to_string()),
    })?;
    print_notes("note", &merged.notes);
    let spans: usize = merged.workspace.documents().iter().map(|d| d.spans.len()).sum();
    eprintln!(
        "merged {} documents, {spans} gold spans ({} agreed)",
        merged.workspace.documents().len(),
        merged.sources.iter().filter(|s| s.how == adjudicate::How::Agreed).count()
    );
    if let Some(path) = sources {
        let text = serde_json::to_string_pretty(&merged.sources).unwrap_or_default() + "\n";
        files::write(path, text.as_bytes())?;
    }
    files::write_or_print(output, exchange::canonical::to_json(&merged.workspace).as_bytes())
}
