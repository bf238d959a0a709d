//! 外来文件: a file a person chose (a roster, a township package) opened under the limits of [`super::limits`],
//! and recognised by its content, not its name — an .xls renamed .xlsx is read as .xls, a CSV named .xlsx as CSV,
//! and a Word document, a picture or a zip of other things is named as what it is. Nothing here allocates by what
//! the file announces before the announcement is checked: a failed allocation ends the process.
mod xls;
mod zip;

use super::limits;
use crate::kernel::error::{Error, Result};
use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::path::Path;

/// What a file really is, as far as reading it goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Xlsx,
    Xls,
    Csv,
}

/// A file opened for reading, its size checked and its content recognised (and, for a workbook, measured).
pub struct Opened {
    pub file: File,
    /// The file's name, as a person calls it in a message.
    pub name: String,
    pub format: Format,
    pub len: u64,
}

impl std::fmt::Debug for Opened {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Opened").field("name", &self.name).field("format", &self.format).field("len", &self.len).finish()
    }
}

/// What a file whose structure breaks off is, for every reader of outside files.
pub(crate) const DAMAGED: &str = "文件不完整或已损坏（可能复制或下载时没有完成）。请让对方重新发送，或重新复制一份后再试";

pub(crate) fn file_name(path: &Path) -> String {
    path.file_name().map(|f| f.to_string_lossy().to_string()).unwrap_or_else(|| path.display().to_string())
}

fn mb(bytes: u64) -> u64 {
    bytes.div_ceil(1024 * 1024)
}

/// Opens `path` as a spreadsheet: the checks every reader of outside files shares. A refusal is a sentence that
/// names the file and says what it is or which limit it passes.
pub fn open(path: &Path) -> Result<Opened> {
    let name = file_name(path);
    let refuse = |reason: String| Error::Unreadable { file: name.clone(), reason };
    let meta = std::fs::metadata(path).map_err(|e| Error::reading(path, &e))?;
    if meta.is_dir() {
        return Err(Error::reading(path, &std::io::Error::from(std::io::ErrorKind::IsADirectory)));
    }
    if meta.len() == 0 {
        return Err(refuse("文件是空的（0 字节），可能复制时没有复制完整。请重新复制一份后再试".into()));
    }
    if meta.len() > limits::FILE_BYTES {
        return Err(refuse(format!(
            "文件有 {} MB，超过了可以读取的上限 {} MB。花名册和上报包通常只有几 MB：请确认选对了文件，或删去表格中的图片后另存再试",
            mb(meta.len()),
            mb(limits::FILE_BYTES)
        )));
    }
    let mut file = File::open(path).map_err(|e| Error::reading(path, &e))?;
    let mut head = Vec::with_capacity(8192);
    (&mut file).take(8192).read_to_end(&mut head).map_err(|e| Error::reading(path, &e))?;
    file.seek(SeekFrom::Start(0)).map_err(|e| Error::reading(path, &e))?;
    let format = if head.starts_with(b"PK\x03\x04") || head.starts_with(b"PK\x05\x06") {
        zip::check(&file).map_err(refuse)?;
        Format::Xlsx
    } else if head.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        xls::check(&file).map_err(refuse)?;
        Format::Xls
    } else if let Some(what) = not_a_table(&head) {
        return Err(refuse(what));
    } else {
        Format::Csv
    };
    file.seek(SeekFrom::Start(0)).map_err(|e| Error::reading(path, &e))?;
    Ok(Opened { file, name, format, len: meta.len() })
}

/// A file that is neither a zip nor an Office compound file: a sentence when its first bytes say what else it
/// is; `None` for text, which is read as CSV whatever its name.
fn not_a_table(head: &[u8]) -> Option<String> {
    let starts = |m: &[u8]| head.starts_with(m);
    let text = String::from_utf8_lossy(&head[..head.len().min(512)]).trim_start_matches('\u{feff}').trim_start().to_ascii_lowercase();
    let known = if starts(b"SQLite format 3\0") {
        "这是一个数据库文件（如支部台账的数据文件或备份），不是表格。备份请在“数据安全”中恢复"
    } else if starts(b"%PDF") {
        "这是一个 PDF 文件，不是表格。请选择原来的 Excel 或 CSV 文件"
    } else if starts(b"\x89PNG") || starts(b"\xFF\xD8\xFF") || starts(b"GIF8") || starts(b"BM") {
        "这是一张图片，不是表格。请选择 Excel（.xlsx、.xls）或 CSV 文件"
    } else if starts(b"Rar!") || starts(b"7z\xBC\xAF\x27\x1C") || starts(b"\x1F\x8B") {
        "这是一个压缩包（RAR、7z 或 gz），不是表格。请先解压，再选择其中的表格文件"
    } else if starts(b"{\\rtf") {
        "这是一个 RTF 文档，不是表格。请在 Word 或 WPS 中把其中的表格复制到 Excel，另存为 .xlsx 后再试"
    } else if text.starts_with("<html") || text.starts_with("<!doctype html") || text.starts_with("<table") {
        "这个文件其实是网页（HTML）格式，只是扩展名像表格（一些系统导出的 .xls 是这样的）。请用 Excel 或 WPS 打开它，另存为 .xlsx 后再导入"
    } else if text.starts_with("<?xml") {
        "这个文件是 XML 格式（如 Excel 2003 XML 表格），不能直接读取。请用 Excel 或 WPS 打开它，另存为 .xlsx 后再导入"
    } else if head.contains(&0) && !looks_utf16(head) {
        "无法识别这个文件的格式，它不是 Excel（.xlsx、.xls）或 CSV 表格。若是 WPS 表格（.et），请先另存为 .xlsx"
    } else if looks_utf16(head) {
        "这个文本文件是 UTF-16 编码（如 Excel 的“Unicode 文本”），不能直接读取。请用 Excel 或 WPS 打开它，另存为 .xlsx 或“CSV（逗号分隔）”后再导入"
    } else {
        return None;
    };
    Some(known.to_string())
}

fn looks_utf16(head: &[u8]) -> bool {
    head.starts_with(b"\xFF\xFE") || head.starts_with(b"\xFE\xFF")
}

