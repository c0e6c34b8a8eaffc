//! Reading and writing for the command line: guessing an input's format from its name and
//! content, reading folders and zip archives (brat, Hugging Face, WebAnno), writing single
//! files, folders and zips; and the [`Problem`]s that map to the exit codes.

use alama::Workspace;
use alama::exchange::adjudicate::{Decision, DecisionsFile};
use alama::exchange::sniff::{sniff, sniff_set};
use alama::exchange::{self, Exported, Format, ImportOptions, Note, zip};
use std::fmt;
use std::fs;
use std::io::Write;
use std::path::Path;

/// Why a command stopped, and its exit code.
pub enum Problem {
    /// 1: an input was refused (the message names file, document, span).
    Refused(String),
    /// 2: usage.
    Usage(String),
    /// 3: reading or writing failed.
    Io(String),
    /// 4: done but incomplete; nothing written.
    Incomplete(String),
    /// Already reported; only the exit code is left.
    Quiet(u8),
}

impl Problem {
    pub fn code(&self) -> u8 {
        match self {
            Problem::Refused(_) => 1,
            Problem::Usage(_) => 2,
            Problem::Io(_) => 3,
            Problem::Incomplete(_) => 4,
            Problem::Quiet(code) => *code,
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::Refused(m) | Problem::Usage(m) | Problem::Io(m) | Problem::Incomplete(m) => f.write_str(m),
            Problem::Quiet(_) => Ok(()),
        }
    }
}

fn io(path: &Path, what: &str, e: std::io::Error) -> Problem {
    Problem::Io(format!("cannot {what} “{}”: {e}", path.display()))
}

pub struct Loaded {
    pub workspace: Workspace,
    pub notes: Vec<Note>,
    pub format: Format,
}

/// Reads `path` as `from`, or as the format its name and content suggest.
pub fn load(path: &Path, from: Option<Format>, predictions: bool) -> Result<Loaded, Problem> {
    let name = path.display().to_string();
    let meta = fs::metadata(path).map_err(|e| io(path, "read", e))?;
    let lower = name.to_ascii_lowercase();
    let files: Vec<(String, Vec<u8>)> = if meta.is_dir() {
        read_dir(path)?
    } else {
        let bytes = fs::read(path).map_err(|e| io(path, "read", e))?;
        if lower.ends_with(".zip") {
            zip::read(&name, &bytes).map_err(|e| Problem::Refused(e.to_string()))?.into_iter().map(|f| (f.path, f.bytes)).collect()
        } else {
            vec![(name.clone(), bytes)]
        }
    };
    let set = meta.is_dir() || lower.ends_with(".zip");
    let (format, predictions) = match from {
        Some(format) => (format, predictions),
        None if set => (sniff_set(&files), predictions),
        None => {
            let sniffed = sniff(&name, files.first().map(|f| f.1.as_slice()).unwrap_or_default()).ok_or_else(|| {
                let names: Vec<&str> = Format::ALL.iter().map(|f| f.name()).collect();
                Problem::Usage(format!("cannot tell the format of “{name}” from its name; say it with --from ({})", names.join(", ")))
            })?;
            (sniffed.format, predictions || sniffed.predictions)
        }
    };
    // Messages name the file or folder as given on the command line.
    let imported = match format {
        Format::Brat => exchange::brat::from_brat(&name, &files),
        Format::Hf => exchange::hf::from_hf(&name, &files),
        Format::Webanno => exchange::webanno::from_webanno(&name, &files),
        _ => match files.as_slice() {
            [(_, bytes)] => exchange::import(format, &[(name.clone(), bytes.clone())], ImportOptions { predictions }),
            _ => {
                return Err(Problem::Usage(format!("“{name}” holds several files; only brat, hf and webanno read a folder or an archive")));
            }
        },
    };
    let imported = imported.map_err(|e| Problem::Refused(e.to_string()))?;
    Ok(Loaded { workspace: imported.workspace, notes: imported.notes, format })
}

/// Every file under `dir`, with paths relative to it and `/` separators.
fn read_dir(dir: &Path) -> Result<Vec<(String, Vec<u8>)>, Problem> {
    let mut out = vec![];
    let mut stack = vec![dir.to_path_buf()];
    while let Some(current) = stack.pop() {
        for entry in fs::read_dir(&current).map_err(|e| io(&current, "read the folder", e))? {
            let entry = entry.map_err(|e| io(&current, "read the folder", e))?;
            let path = entry.path();
            // file_type does not follow symbolic links, so a link cycle cannot loop.
            if entry.file_type().is_ok_and(|t| t.is_dir()) {
                stack.push(path);
            } else {
                let rel = path
                    .strip_prefix(dir)
                    .unwrap_or(&path)
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy())
                    .collect::<Vec<_>>()
                    .join("/");
                out.push((rel, fs::read(&path).map_err(|e| io(&path, "read", e))?));
            }
        }
    }
    out.sort();
    Ok(out)
}

pub fn write(path: &Path, bytes: &[u8]) -> Result<(), Problem> {
    fs::write(path, bytes).map_err(|e| io(path, "write", e))
}

pub fn write_or_print(path: Option<&Path>, bytes: &[u8]) -> Result<(), Problem> {
    match path {
        Some(path) => write(path, bytes),
        None => std::io::stdout().write_all(bytes).map_err(|e| io(Path::new("standard output"), "write to", e)),
    }
}

/// Writes an export: one file to `output` (or stdout); several (brat, Hugging Face, WebAnno
/// with more than one document) into the folder `output`, or a zip archive when `output`
/// ends in `.zip`.
pub fn write_export(exported: Exported, output: Option<&Path>, base: &str) -> Result<(), Problem> {
    if let [file] = exported.files.as_slice() {
        return write_or_print(output, &file.bytes);
    }
    let Some(out) = output else {
        return Err(Problem::Usage("this format writes several files: give a folder or a .zip file with -o".into()));
    };
    if out.extension().is_some_and(|e| e.eq_ignore_ascii_case("zip")) {
        let files: Vec<_> =
            exported.files.into_iter().map(|f| exchange::OutFile { path: format!("{base}/{}", f.path), bytes: f.bytes }).collect();
        let bytes = zip::write_stored(&files, now()).map_err(|e| Problem::Refused(e.to_string()))?;
        return write(out, &bytes);
    }
    fs::create_dir_all(out).map_err(|e| io(out, "create the folder", e))?;
    for file in exported.files {
        let path = out.join(&file.path);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(|e| io(parent, "create the folder", e))?;
        }
        write(&path, &file.bytes)?;
    }
    Ok(())
}

/// The current UTC time as zip entries record it.
fn now() -> zip::DosTime {
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
    let (days, rest) = ((secs / 86_400) as i64, secs % 86_400);
    // Howard Hinnant's civil-from-days.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let year = (yoe + era * 400 + i64::from(month <= 2)) as u16;
    zip::DosTime { year, month, day, hour: (rest / 3600) as u8, minute: (rest / 60 % 60) as u8, second: (rest % 60) as u8 }
}

pub fn read_decisions(path: &Path) -> Result<(Option<String>, Vec<Decision>), Problem> {
    let text = fs::read_to_string(path).map_err(|e| io(path, "read", e))?;
    let file = DecisionsFile::from_json(&text)
        .map_err(|e| Problem::Refused(format!("Cannot read the decisions in “{}”: {e}.", path.display())))?;
    Ok((file.adjudicator, file.decisions))
}
