//! A zip archive of several export files (brat's `.txt`/`.ann` pairs) as one download.
//!
//! Entries are *stored*, not compressed: the page only needs one file to save, the texts are
//! small, and a stored archive is about 120 lines of code here, 3.6 KB of Wasm. A zip crate
//! would add 34 KB (`rawzip`) to 79 KB (`zip` without default features) for the same
//! result (measured with this project's release profile and wasm-opt flags). The archives
//! are checked by reading them back with `rawzip` and Python's `zipfile`. Names are UTF-8
//! (flag bit 11), sizes and offsets 32-bit (no ZIP64: at most 65,535 entries and 4 GiB, far
//! above any annotation set). Reading archives, which needs DEFLATE, is for the command line
//! only ([`read`], with `rawzip` and `miniz_oxide`; not compiled for wasm32).

use super::OutFile;
use std::fmt;

/// A modification time for every entry, in the archive's MS-DOS form (local time, 2-second
/// steps, years 1980–2107). The default is 1980-01-01 00:00, which keeps archives
/// byte-for-byte reproducible.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DosTime {
    pub year: u16,
    pub month: u8,
    pub day: u8,
    pub hour: u8,
    pub minute: u8,
    pub second: u8,
}

impl Default for DosTime {
    fn default() -> Self {
        DosTime { year: 1980, month: 1, day: 1, hour: 0, minute: 0, second: 0 }
    }
}

impl DosTime {
    fn time(&self) -> u16 {
        (u16::from(self.hour.min(23)) << 11) | (u16::from(self.minute.min(59)) << 5) | u16::from(self.second.min(59) / 2)
    }

    fn date(&self) -> u16 {
        let year = self.year.clamp(1980, 2107) - 1980;
        (year << 9) | (u16::from(self.month.clamp(1, 12)) << 5) | u16::from(self.day.clamp(1, 31))
    }
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum ZipError {
    #[serde(rename = "zip_too_many_files")]
    TooManyFiles { files: usize },
    #[serde(rename = "zip_too_large")]
    TooLarge { path: String },
    /// Absolute, empty, or climbing out of the archive (`..`).
    #[serde(rename = "zip_bad_path")]
    BadPath { path: String },
    /// Reading: the archive is damaged or uses something this reader does not know.
    #[serde(rename = "zip_unreadable")]
    Unreadable { archive: String, problem: String },
}

impl fmt::Display for ZipError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ZipError::TooManyFiles { files } => write!(f, "a zip archive holds at most 65,535 files, not {files}"),
            ZipError::TooLarge { path } => write!(f, "“{path}” is too large for a zip archive without ZIP64 (4 GiB)"),
            ZipError::BadPath { path } => write!(f, "“{path}” cannot be a path in a zip archive"),
            ZipError::Unreadable { archive, problem } => write!(f, "Cannot read the zip archive “{archive}”: {problem}."),
        }
    }
}

impl std::error::Error for ZipError {}

/// The CRC-32 (IEEE, as zip uses it) of `bytes`.
pub fn crc32(bytes: &[u8]) -> u32 {
    const TABLE: [u32; 256] = {
        let mut table = [0u32; 256];
        let mut i = 0;
        while i < 256 {
            let mut c = i as u32;
            let mut k = 0;
            while k < 8 {
                c = if c & 1 != 0 { 0xEDB8_8320 ^ (c >> 1) } else { c >> 1 };
                k += 1;
            }
            table[i] = c;
            i += 1;
        }
        table
    };
    !bytes.iter().fold(!0u32, |c, &b| TABLE[((c ^ u32::from(b)) & 0xFF) as usize] ^ (c >> 8))
}

fn check_path(path: &str) -> Result<(), ZipError> {
    let bad = path.is_empty()
        || path.starts_with('/')
        || path.contains('\\')
        || path.contains('\0')
        || path.split('/').any(|part| part.is_empty() || part == "." || part == "..");
    if bad { Err(ZipError::BadPath { path: path.into() }) } else { Ok(()) }
}

/// A zip archive holding `files`, stored, every entry dated `time`.
pub fn write_stored(files: &[OutFile], time: DosTime) -> Result<Vec<u8>, ZipError> {
    let count = u16::try_from(files.len()).map_err(|_| ZipError::TooManyFiles { files: files.len() })?;
    let (dos_time, dos_date) = (time.time(), time.date());
    let mut out: Vec<u8> = Vec::new();
    let mut central: Vec<u8> = Vec::new();
    let too_large = |path: &str| ZipError::TooLarge { path: path.into() };
    for file in files {
        check_path(&file.path)?;
        let name = file.path.as_bytes();
        let name_len = u16::try_from(name.len()).map_err(|_| too_large(&file.path))?;
        let size = u32::try_from(file.bytes.len()).map_err(|_| too_large(&file.path))?;
        let offset = u32::try_from(out.len()).map_err(|_| too_large(&file.path))?;
        let crc = crc32(&file.bytes);
        // Fields shared by the local header and the central directory entry: version needed
        // (2.0), flags (UTF-8 names), method (stored), time, date, crc, sizes, name length.
        let mut common = Vec::with_capacity(26);
        for v in [20u16, 0x0800, 0, dos_time, dos_date] {
            common.extend_from_slice(&v.to_le_bytes());
        }
        for v in [crc, size, size] {
            common.extend_from_slice(&v.to_le_bytes());
        }
        common.extend_from_slice(&name_len.to_le_bytes());

        out.extend_from_slice(&0x0403_4b50u32.to_le_bytes());
        out.extend_from_slice(&common);
        out.extend_from_slice(&0u16.to_le_bytes()); // extra field length
        out.extend_from_slice(name);
        out.extend_from_slice(&file.bytes);

        central.extend_from_slice(&0x0201_4b50u32.to_le_bytes());
        central.extend_from_slice(&0x031Eu16.to_le_bytes()); // made by: Unix, zip 3.0
        central.extend_from_slice(&common);
        for v in [0u16, 0, 0, 0] {
            central.extend_from_slice(&v.to_le_bytes()); // extra, comment, disk, internal attributes
        }
        central.extend_from_slice(&(0o100644u32 << 16).to_le_bytes()); // a regular file, rw-r--r--
        central.extend_from_slice(&offset.to_le_bytes());
        central.extend_from_slice(name);
    }
    let central_offset = u32::try_from(out.len()).map_err(|_| ZipError::TooLarge { path: "the archive".into() })?;
    let central_size = u32::try_from(central.len()).map_err(|_| ZipError::TooLarge { path: "the archive".into() })?;
    out.extend_from_slice(&central);
    out.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
    for v in [0u16, 0, count, count] {
        out.extend_from_slice(&v.to_le_bytes());
    }
    out.extend_from_slice(&central_size.to_le_bytes());
    out.extend_from_slice(&central_offset.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes()); // comment length
    Ok(out)
}

/// The files of a zip archive (stored or DEFLATE), directories left out, paths normalised
/// and checked. Command line only: the page opens the files themselves.
#[cfg(not(target_arch = "wasm32"))]
pub fn read(archive_name: &str, bytes: &[u8]) -> Result<Vec<OutFile>, ZipError> {
    use std::io::Read;
    let fail = |problem: String| ZipError::Unreadable { archive: archive_name.into(), problem };
    let archive = rawzip::ZipArchive::from_slice(bytes).map_err(|e| fail(e.to_string()))?;
    let mut files = vec![];
    let mut entries = archive.entries();
    while let Some(entry) = entries.next_entry().map_err(|e| fail(e.to_string()))? {
        if entry.is_dir() {
            continue;
        }
        let path = entry.file_path().try_normalize().map_err(|e| fail(e.to_string()))?.as_ref().to_string();
        let local = archive.get_entry(entry.wayfinder()).map_err(|e| fail(format!("{path}: {e}")))?;
        let mut data = Vec::new();
        let method = entry.compression_method();
        let read = if method == rawzip::CompressionMethod::STORE {
            local.verifying_reader(local.data()).read_to_end(&mut data)
        } else if method == rawzip::CompressionMethod::DEFLATE {
            let inflated = miniz_oxide::inflate::decompress_to_vec(local.data())
                .map_err(|e| fail(format!("{path}: the compressed data is damaged ({e:?})")))?;
            local.verifying_reader(inflated.as_slice()).read_to_end(&mut data)
        } else {
            return Err(fail(format!("{path} is compressed with {method:?}, which this reader does not know; use stored or DEFLATE")));
        };
        read.map_err(|e| fail(format!("{path}: {e}")))?;
        files.push(OutFile { path, bytes: data });
    }
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(not(target_arch = "wasm32"))]
    fn files() -> Vec<OutFile> {
        vec![
            OutFile { path: "brat/annotation.conf".into(), bytes: b"[entities]\nPER\n".to_vec() },
            OutFile { path: "brat/خبر.txt".into(), bytes: "قال بوتين".as_bytes().to_vec() },
            OutFile { path: "brat/empty.ann".into(), bytes: vec![] },
        ]
    }

    #[test]
    fn crc32_matches_the_standard_check_value() {
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        assert_eq!(crc32(b""), 0);
    }

    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn archives_read_back_with_a_zip_library() {
        let time = DosTime { year: 2025, month: 3, day: 14, hour: 15, minute: 9, second: 26 };
        let bytes = write_stored(&files(), time).unwrap();
        assert_eq!(read("a.zip", &bytes).unwrap(), files());
        let archive = rawzip::ZipArchive::from_slice(&bytes).unwrap();
        let mut entries = archive.entries();
        let first = entries.next_entry().unwrap().unwrap();
        let modified = first.last_modified_dos();
        assert_eq!(
            (modified.year(), modified.month(), modified.day(), modified.hour(), modified.minute(), modified.second()),
            (2025, 3, 14, 15, 9, 26)
        );
        assert_eq!(write_stored(&files(), time).unwrap(), bytes, "the same input gives the same bytes");
    }

    #[test]
    fn bad_paths_are_refused() {
        for path in ["", "/etc/x", "a/../b", "a//b", "a\\b"] {
            let file = OutFile { path: path.into(), bytes: vec![] };
            assert_eq!(write_stored(&[file], DosTime::default()), Err(ZipError::BadPath { path: path.into() }));
        }
    }

    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn damaged_archives_are_refused() {
        let err = read("x.zip", b"not a zip").unwrap_err().to_string();
        assert!(err.starts_with("Cannot read the zip archive “x.zip”"), "{err}");
    }
}
