//! Crafted files from outside (issue 24): what a careless or hostile sender can put in a roster, a township
//! package or a backup. Made here, at test time, so no binary is committed; shared by the core's tests
//! (`tests/outside.rs`), the example that writes the corpus for `scripts/bad-files.sh` and the E2E test
//! (`examples/bad_files.rs`), by `#[path]`.
#![allow(dead_code)]
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

/// A roster of `n` members, as a secretary's Excel has it: a title row, a header row, then the members.
pub fn roster(path: &Path, n: usize) -> PathBuf {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.write_string(0, 0, "东风村党员花名册").unwrap();
    for (c, h) in ["姓名", "性别", "出生日期", "入党日期", "联系电话"].iter().enumerate() {
        ws.write_string(1, c as u16, *h).unwrap();
    }
    for i in 0..n {
        let r = i as u32 + 2;
        ws.write_string(r, 0, format!("党员{i:05}")).unwrap();
        ws.write_string(r, 1, if i % 2 == 0 { "男" } else { "女" }).unwrap();
        ws.write_string(r, 2, format!("{}-03-15", 1950 + i % 50)).unwrap();
        ws.write_string(r, 3, format!("{}-07-01", 1980 + i % 40)).unwrap();
        ws.write_string(r, 4, format!("138{:08}", i)).unwrap();
    }
    wb.save(path).unwrap();
    path.to_path_buf()
}

/// A small roster with one value typed in the sheet's last cell, XFD1048576.
pub fn far_cell(path: &Path) -> PathBuf {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    write_small(ws);
    ws.write_string(1_048_575, 16_383, "x").unwrap();
    wb.save(path).unwrap();
    path.to_path_buf()
}

/// A small roster with one value a million rows down.
pub fn far_row(path: &Path) -> PathBuf {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    write_small(ws);
    ws.write_string(999_999, 0, "备注").unwrap();
    wb.save(path).unwrap();
    path.to_path_buf()
}

/// A real roster whose first column is formatted (a blank cell with a style) down to row 1,048,576.
pub fn formatted_to_the_end(path: &Path) -> PathBuf {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let fmt = rust_xlsxwriter::Format::new().set_border(rust_xlsxwriter::FormatBorder::Thin);
    let ws = wb.add_worksheet();
    write_small(ws);
    for r in 4..1_048_576u32 {
        ws.write_blank(r, 0, &fmt).unwrap();
    }
    wb.save(path).unwrap();
    path.to_path_buf()
}

fn write_small(ws: &mut rust_xlsxwriter::Worksheet) {
    ws.write_string(0, 0, "姓名").unwrap();
    ws.write_string(0, 1, "公民身份号码").unwrap();
    ws.write_string(1, 0, "王伟").unwrap();
    ws.write_string(1, 1, "340524196503150013").unwrap();
    ws.write_string(2, 0, "李秀英").unwrap();
    ws.write_string(2, 1, "110105194912310021").unwrap();
}

/// Raw deflate of `prefix`, then `repeat` MiB of `unit` repeated, then `suffix`: each piece flushed on a byte
/// boundary so a megabyte compressed once can be repeated (a bomb of gigabytes in a few MB, made in milliseconds).
fn deflate_repeated(prefix: &[u8], unit: &[u8], repeat: usize, suffix: &[u8]) -> (Vec<u8>, u64, u32) {
    use flate2::{Compress, Compression, FlushCompress};
    let piece = |data: &[u8], flush: FlushCompress| -> Vec<u8> {
        let mut c = Compress::new(Compression::best(), false);
        let mut out = Vec::with_capacity(data.len() + 1024);
        c.compress_vec(data, &mut out, flush).unwrap();
        out
    };
    let mib: Vec<u8> = unit.iter().copied().cycle().take(((1 << 20) / unit.len()).max(1) * unit.len()).collect();
    let head = piece(prefix, FlushCompress::Full);
    let body = piece(&mib, FlushCompress::Full);
    let tail = piece(suffix, FlushCompress::Finish);
    let mut out = head;
    for _ in 0..repeat {
        out.extend_from_slice(&body);
    }
    out.extend_from_slice(&tail);
    let mut crc = crc32fast::Hasher::new();
    crc.update(prefix);
    let mut block = crc32fast::Hasher::new();
    block.update(&mib);
    // The CRC of the whole is not needed by the checks, which stop long before the end; a reader that got there
    // would rightly call the file damaged.
    let size = prefix.len() as u64 + mib.len() as u64 * repeat as u64 + suffix.len() as u64;
    (out, size, 0)
}

/// One part of a zip: its name, method (0 stored, 8 deflate), bytes as stored, uncompressed size, CRC-32.
struct Part {
    name: String,
    method: u16,
    data: Vec<u8>,
    size: u64,
    crc: u32,
}

/// The parts of a real zip, as stored (not decompressed).
fn parts_of(path: &Path) -> Vec<Part> {
    let mut z = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    (0..z.len())
        .map(|i| {
            let mut f = z.by_index_raw(i).unwrap();
            let (name, size, crc) = (f.name().unwrap().to_string(), f.size(), f.crc32());
            let method = match f.compression() {
                zip::CompressionMethod::Stored => 0,
                _ => 8,
            };
            let mut data = Vec::new();
            f.read_to_end(&mut data).unwrap();
            Part { name, method, data, size, crc }
        })
        .collect()
}

/// Writes a zip of `parts` (no zip64: every size below 4 GB).
fn write_zip(path: &Path, parts: &[Part]) {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for p in parts {
        let offset = out.len() as u32;
        let header = |sig: u32, central: bool| {
            let mut h = Vec::new();
            h.extend(sig.to_le_bytes());
            if central {
                h.extend(20u16.to_le_bytes());
            }
            h.extend(20u16.to_le_bytes());
            h.extend(0u16.to_le_bytes());
            h.extend(p.method.to_le_bytes());
            h.extend(0u16.to_le_bytes());
            h.extend(0x21u16.to_le_bytes());
            h.extend(p.crc.to_le_bytes());
            h.extend((p.data.len() as u32).to_le_bytes());
            h.extend((p.size.min(u32::MAX as u64) as u32).to_le_bytes());
            h.extend((p.name.len() as u16).to_le_bytes());
            h.extend(0u16.to_le_bytes());
            if central {
                h.extend([0u8; 10]);
                h.extend(offset.to_le_bytes());
            }
            h.extend(p.name.as_bytes());
            h
        };
        out.extend(header(0x0403_4b50, false));
        out.extend(&p.data);
        central.extend(header(0x0201_4b50, true));
    }
    let cd_offset = out.len() as u32;
    out.extend(&central);
    out.extend(0x0605_4b50u32.to_le_bytes());
    out.extend([0u8; 4]);
    out.extend((parts.len() as u16).to_le_bytes());
    out.extend((parts.len() as u16).to_le_bytes());
    out.extend((central.len() as u32).to_le_bytes());
    out.extend(cd_offset.to_le_bytes());
    out.extend(0u16.to_le_bytes());
    std::fs::write(path, out).unwrap();
}

/// A real roster whose sheet is replaced by a bomb: `gib` GB of spaces after the sheet's opening tags (3.9 GB
/// in about 4 MB).
pub fn zip_bomb(path: &Path, mib: usize) -> PathBuf {
    let base = path.with_extension("base.xlsx");
    far_row(&base);
    let mut parts = parts_of(&base);
    let _ = std::fs::remove_file(&base);
    let sheet = parts.iter_mut().find(|p| p.name == "xl/worksheets/sheet1.xml").unwrap();
    let (data, size, crc) = deflate_repeated(
        br#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>"#,
        b" ",
        mib,
        b"</t></is></c></row></sheetData></worksheet>",
    );
    (sheet.method, sheet.data, sheet.size, sheet.crc) = (8, data, size, crc);
    write_zip(path, &parts);
    path.to_path_buf()
}

/// A real roster whose shared strings are inflated: `mib` MB of `<si><t>x</t></si>` (or, `varied`, of different
/// short strings, which compress only about ten times) behind a `uniqueCount` that says 3.
pub fn shared_strings_bomb(path: &Path, mib: usize, varied: bool) -> PathBuf {
    let base = path.with_extension("base.xlsx");
    far_row(&base);
    let mut parts = parts_of(&base);
    let _ = std::fs::remove_file(&base);
    let sst = parts.iter_mut().find(|p| p.name == "xl/sharedStrings.xml").unwrap();
    let (data, size, crc) = deflate_repeated(
        br#"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="3" uniqueCount="3">"#,
        &if varied { (0..60_000).map(|i| format!("<si><t>{i:05}</t></si>")).collect::<String>().into_bytes() } else { b"<si><t>x</t></si>".to_vec() },
        mib,
        b"</sst>",
    );
    (sst.method, sst.data, sst.size, sst.crc) = (8, data, size, crc);
    write_zip(path, &parts);
    path.to_path_buf()
}

/// A small workbook whose shared strings announce a trillion entries (the reader reserves room for them at once).
pub fn shared_strings_announced(path: &Path) -> PathBuf {
    let base = path.with_extension("base.xlsx");
    far_row(&base);
    let mut parts = parts_of(&base);
    let _ = std::fs::remove_file(&base);
    let sst = parts.iter_mut().find(|p| p.name == "xl/sharedStrings.xml").unwrap();
    let xml = br#"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1000000000000"><si><t>x</t></si></sst>"#;
    (sst.method, sst.data, sst.size, sst.crc) = (0, xml.to_vec(), xml.len() as u64, crc32fast::hash(xml));
    write_zip(path, &parts);
    path.to_path_buf()
}

/// A workbook whose sheet and shared strings are the given XML (stored, not compressed): for generated input.
pub fn xlsx_with(path: &Path, sheet: &[u8], shared_strings: &[u8]) -> PathBuf {
    let base = path.with_extension("base.xlsx");
    far_row(&base);
    let mut parts = parts_of(&base);
    let _ = std::fs::remove_file(&base);
    for p in parts.iter_mut() {
        let xml = match p.name.as_str() {
            "xl/worksheets/sheet1.xml" => sheet,
            "xl/sharedStrings.xml" => shared_strings,
            _ => continue,
        };
        (p.method, p.data, p.size, p.crc) = (0, xml.to_vec(), xml.len() as u64, crc32fast::hash(xml));
    }
    write_zip(path, &parts);
    path.to_path_buf()
}

/// A compound file whose `Workbook` stream is `stream`, as given (for generated BIFF records).
pub fn xls_stream(path: &Path, stream: &[u8]) -> PathBuf {
    let mut cf = cfb::create(path).unwrap();
    let mut s = cf.create_stream("/Workbook").unwrap();
    s.write_all(stream).unwrap();
    drop(s);
    cf.flush().unwrap();
    path.to_path_buf()
}

/// A BIFF8 record, for generated streams.
pub fn biff(typ: u16, body: &[u8]) -> Vec<u8> {
    rec(typ, body)
}

/// The first half of a real roster.
pub fn truncated(path: &Path) -> PathBuf {
    let base = path.with_extension("base.xlsx");
    roster(&base, 200);
    let bytes = std::fs::read(&base).unwrap();
    let _ = std::fs::remove_file(&base);
    std::fs::write(path, &bytes[..bytes.len() / 2]).unwrap();
    path.to_path_buf()
}

/// A BIFF8 record.
fn rec(typ: u16, body: &[u8]) -> Vec<u8> {
    let mut v = typ.to_le_bytes().to_vec();
    v.extend((body.len() as u16).to_le_bytes());
    v.extend(body);
    v
}

/// A real .xls (BIFF8 in a compound file, as Excel 97–2003 saves it) with the given text cells; `dims` forges
/// the sheet's DIMENSIONS record (rwMic, rwMac, colMic, colMac) instead of the true one.
pub fn xls(path: &Path, cells: &[(u16, u16, &str)], dims: Option<(u32, u32, u16, u16)>) -> PathBuf {
    let bof = |dt: u16| {
        let mut b = 0x0600u16.to_le_bytes().to_vec();
        b.extend(dt.to_le_bytes());
        b.extend([0u8; 12]);
        rec(0x0809, &b)
    };
    let name: Vec<u8> = "Sheet1".encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
    let boundsheet = |pos: u32| {
        let mut b = pos.to_le_bytes().to_vec();
        b.extend([0, 0, 6, 1]);
        b.extend(&name);
        rec(0x0085, &b)
    };
    let globals_len = bof(5).len() + rec(0x0042, &1200u16.to_le_bytes()).len() + boundsheet(0).len() + rec(0x000A, &[]).len();
    let mut stream = [bof(5), rec(0x0042, &1200u16.to_le_bytes()), boundsheet(globals_len as u32), rec(0x000A, &[])].concat();
    stream.extend(bof(0x10));
    let (rf, rl, cf, cl) = dims.unwrap_or_else(|| {
        let rl = cells.iter().map(|c| c.0 as u32 + 1).max().unwrap_or(0);
        let cl = cells.iter().map(|c| c.1 + 1).max().unwrap_or(0);
        (0, rl, 0, cl)
    });
    let mut d = rf.to_le_bytes().to_vec();
    d.extend(rl.to_le_bytes());
    d.extend(cf.to_le_bytes());
    d.extend(cl.to_le_bytes());
    d.extend([0, 0]);
    stream.extend(rec(0x0200, &d));
    for (r, c, text) in cells {
        let utf16: Vec<u8> = text.encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
        let mut b = r.to_le_bytes().to_vec();
        b.extend(c.to_le_bytes());
        b.extend(0u16.to_le_bytes());
        b.extend((text.encode_utf16().count() as u16).to_le_bytes());
        b.push(1);
        b.extend(utf16);
        stream.extend(rec(0x0204, &b));
    }
    stream.extend(rec(0x000A, &[]));
    let mut cf = cfb::create(path).unwrap();
    let mut s = cf.create_stream("/Workbook").unwrap();
    s.write_all(&stream).unwrap();
    drop(s);
    cf.flush().unwrap();
    path.to_path_buf()
}

/// The small roster as an .xls.
pub fn small_xls(path: &Path) -> PathBuf {
    xls(path, &[(0, 0, "姓名"), (0, 1, "公民身份号码"), (1, 0, "王伟"), (1, 1, "340524196503150013"), (2, 0, "李秀英"), (2, 1, "110105194912310021")], None)
}

/// A Word document in a zip (what a wrong pick in the dialog brings).
pub fn docx(path: &Path) -> PathBuf {
    let xml = b"<w:document/>";
    write_zip(path, &[Part { name: "word/document.xml".into(), method: 0, data: xml.to_vec(), size: xml.len() as u64, crc: crc32fast::hash(xml) }]);
    path.to_path_buf()
}

/// Every crafted roster under its own name, in `dir` (the corpus of `scripts/bad-files.sh`).
pub fn corpus(dir: &Path) -> Vec<PathBuf> {
    std::fs::create_dir_all(dir).unwrap();
    let csv = dir.join("CSV改名为xlsx.xlsx");
    std::fs::write(&csv, "姓名,公民身份号码\n王伟,340524196503150013\n").unwrap();
    let xls_named = dir.join("xls改名为xlsx.xlsx");
    small_xls(&xls_named);
    let empty = dir.join("空文件.xlsx");
    std::fs::write(&empty, b"").unwrap();
    let folder = dir.join("一个文件夹.xlsx");
    std::fs::create_dir_all(&folder).unwrap();
    vec![
        roster(&dir.join("正常花名册1500人.xlsx"), 1500),
        far_cell(&dir.join("XFD1048576有值.xlsx")),
        far_row(&dir.join("第1000000行有值.xlsx")),
        formatted_to_the_end(&dir.join("格式设到最后一行.xlsx")),
        zip_bomb(&dir.join("压缩炸弹.xlsx"), 3_900),
        shared_strings_bomb(&dir.join("共享字符串炸弹.xlsx"), 1_000, false),
        shared_strings_bomb(&dir.join("十万条以上的共享字符串.xlsx"), 60, true),
        shared_strings_announced(&dir.join("共享字符串声明一万亿条.xlsx")),
        truncated(&dir.join("只复制了一半.xlsx")),
        xls_named,
        xls(&dir.join("xls远处单元格.xls"), &[(0, 0, "姓名"), (1, 0, "王伟"), (65_535, 255, "x")], None),
        xls(&dir.join("xls伪造范围.xls"), &[(0, 0, "姓名"), (1, 0, "王伟")], Some((0, u32::MAX, 0, 255))),
        csv,
        docx(&dir.join("其实是Word.xlsx")),
        empty,
        folder,
    ]
}
