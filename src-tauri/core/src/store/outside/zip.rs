//! An .xlsx is a zip of XML parts. Before the spreadsheet reader opens it, every XML part is decompressed once here
//! into nothing, counting: its size, the whole, the compression ratio, and for the shared strings how many there
//! are and how many the file announces (the reader reserves room for that many at once). Media (pictures) are not
//! read by the spreadsheet reader and are not measured.
use super::limits;
use std::cell::Cell;
use std::fs::File;
use std::io::{BufReader, Read, Seek, SeekFrom};
use std::rc::Rc;

/// What a zip is, by the names of its parts.
fn kind(names: &[String]) -> Result<(), String> {
    let has = |n: &str| names.iter().any(|x| x.eq_ignore_ascii_case(n));
    let under = |p: &str| names.iter().any(|x| x.to_ascii_lowercase().starts_with(p));
    if has("xl/workbook.xml") {
        Ok(())
    } else if has("xl/workbook.bin") {
        Err("这是 Excel 二进制工作簿（.xlsb），不能直接读取。请在 Excel 中另存为“Excel 工作簿（.xlsx）”后再试".into())
    } else if under("word/") {
        Err("这是一个 Word 文档，不是表格。如果名单在 Word 表格里，请把表格复制到 Excel 或 WPS 表格，另存为 .xlsx 后再导入".into())
    } else if under("ppt/") {
        Err("这是一个 PowerPoint 演示文稿，不是表格".into())
    } else if has("mimetype") || has("content.xml") {
        Err("这是 OpenDocument 文件（.ods 等），不能直接读取。请用 WPS 或 Excel 打开，另存为 .xlsx 后再试".into())
    } else {
        Err("这是一个压缩包（.zip），不是表格。如果表格在压缩包里，请先解压，再选择其中的 .xlsx 文件".into())
    }
}

use super::DAMAGED;

/// Refuses a zip that is no workbook, or whose XML parts pass the limits.
pub(super) fn check(file: &File) -> Result<(), String> {
    let read = Rc::new(Cell::new(0u64));
    let reader = BufReader::new(Counting { inner: file.try_clone().map_err(|_| DAMAGED.to_string())?, read: read.clone() });
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| check_zip(reader, &read))).unwrap_or_else(|_| Err(DAMAGED.into()))
}

/// Counts the bytes read from the file, so that a part's ratio is measured as it is decompressed (what came out
/// against what went in so far), not only against the size its header claims.
struct Counting {
    inner: File,
    read: Rc<Cell<u64>>,
}

impl Read for Counting {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read.set(self.read.get() + n as u64);
        Ok(n)
    }
}

impl Seek for Counting {
    fn seek(&mut self, pos: SeekFrom) -> std::io::Result<u64> {
        self.inner.seek(pos)
    }
}

fn check_zip(reader: BufReader<Counting>, read: &Rc<Cell<u64>>) -> Result<(), String> {
    let mut zip = ::zip::ZipArchive::new(reader).map_err(|_| DAMAGED.to_string())?;
    if zip.len() > limits::ZIP_ENTRIES {
        return Err(format!("文件内部有 {} 个部件，超过了上限 {}，不是正常的表格文件", zip.len(), limits::ZIP_ENTRIES));
    }
    let names: Vec<String> = zip.file_names().map(|n| n.map(|n| n.to_string()).unwrap_or_default()).collect();
    kind(&names)?;
    let mut total = 0u64;
    let mut buf = vec![0u8; 64 * 1024];
    for i in 0..zip.len() {
        let name = names[i].to_ascii_lowercase();
        if !(name.ends_with(".xml") || name.ends_with(".rels")) {
            continue;
        }
        let mut part = match zip.by_index(i) {
            Ok(p) => p,
            Err(::zip::result::ZipError::UnsupportedArchive(m)) if m.to_ascii_lowercase().contains("password") => {
                return Err("文件设置了密码，请在 Excel 或 WPS 中取消密码后另存，再试".into())
            }
            Err(_) => return Err(DAMAGED.into()),
        };
        let start = read.get();
        let strings = name.ends_with("sharedstrings.xml");
        let mut scan = SiCounter::default();
        let mut n = 0u64;
        loop {
            let k = part.read(&mut buf).map_err(|_| DAMAGED.to_string())?;
            if k == 0 {
                break;
            }
            if strings {
                if n == 0 {
                    if let Some(c) = announced(&buf[..k]).filter(|c| *c > limits::SHARED_STRINGS) {
                        return Err(too_many_strings(c));
                    }
                }
                scan.feed(&buf[..k]);
                if scan.count > limits::SHARED_STRINGS {
                    return Err(too_many_strings(scan.count));
                }
            }
            n += k as u64;
            total += k as u64;
            // What went in so far, at least one buffer's worth (the reader reads ahead).
            let consumed = read.get().saturating_sub(start).max(64 * 1024);
            if n > limits::RATIO_FLOOR_BYTES && n / consumed > limits::RATIO {
                return Err(format!(
                    "文件内部的数据被异常地压缩（解压后是压缩前的 {} 倍以上，正常表格不超过几十倍），可能是恶意文件，没有读取。请让对方确认后重新发送正确的表格，不要再打开这个文件",
                    limits::RATIO
                ));
            }
            if n > limits::XML_PART_BYTES || total > limits::XML_TOTAL_BYTES {
                return Err(format!(
                    "表格内容解压后超过 {} MB，超过了可以读取的上限。请确认选对了文件；表格很大时，请只保留需要的工作表和列后另存再试",
                    (if n > limits::XML_PART_BYTES { limits::XML_PART_BYTES } else { limits::XML_TOTAL_BYTES }) / (1024 * 1024)
                ));
            }
        }
    }
    Ok(())
}

fn too_many_strings(n: u64) -> String {
    format!("表格中的文字有 {n} 条以上，超过了可以读取的上限 {}（一个支部的花名册通常只有几万条）", limits::SHARED_STRINGS)
}

/// The `uniqueCount` the shared-strings part announces on its first tag.
fn announced(first: &[u8]) -> Option<u64> {
    let key = b"uniqueCount=";
    let at = first.windows(key.len()).position(|w| w == key)? + key.len();
    let digits: Vec<u8> = first[at..].iter().skip(1).take_while(|b| b.is_ascii_digit()).copied().collect();
    if digits.is_empty() {
        return None;
    }
    // More digits than a u64 holds: the reader fails to parse it and reserves nothing, but it is no real count.
    Some(std::str::from_utf8(&digits).ok()?.parse::<u64>().unwrap_or(u64::MAX))
}

/// Counts `<si>` start tags (with or without a namespace prefix) across chunk boundaries.
#[derive(Default)]
struct SiCounter {
    count: u64,
    /// The bytes after the last `<` of the previous chunk, when its tag name was cut off.
    carry: Vec<u8>,
}

impl SiCounter {
    fn feed(&mut self, chunk: &[u8]) {
        let mut data = std::mem::take(&mut self.carry);
        data.extend_from_slice(chunk);
        let mut i = 0;
        while let Some(p) = data[i..].iter().position(|b| *b == b'<') {
            let start = i + p + 1;
            let end = data[start..].iter().position(|b| matches!(b, b'>' | b' ' | b'/' | b'\t' | b'\r' | b'\n')).map(|e| start + e);
            let Some(end) = end else {
                // The name runs past this chunk: keep it (bounded: a tag name longer than 64 is no `si`).
                if data.len() - start < 64 {
                    self.carry = data[i + p..].to_vec();
                }
                return;
            };
            let name = &data[start..end];
            if name == b"si" || name.ends_with(b":si") {
                self.count += 1;
            }
            i = end;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_si_across_chunks_and_prefixes() {
        let xml = b"<sst uniqueCount=\"3\"><si><t>a</t></si><x:si><x:t>b</x:t></x:si><si/></sst>";
        for cut in 1..xml.len() {
            let mut c = SiCounter::default();
            c.feed(&xml[..cut]);
            c.feed(&xml[cut..]);
            assert_eq!(c.count, 3, "cut at {cut}");
        }
        assert_eq!(announced(xml), Some(3));
        assert_eq!(announced(b"<sst uniqueCount='99999999999999999999999'>"), Some(u64::MAX));
        assert_eq!(announced(b"<sst>"), None);
    }
}
