//! An .xls is an Office compound file holding a `Workbook` stream of BIFF records. The spreadsheet reader turns
//! each sheet into one rectangle from its first to its last cell, and first reserves the rectangle the sheet's
//! DIMENSIONS record announces; a stray far cell, or a forged DIMENSIONS, would make that rectangle gigabytes.
//! So the records are walked here first (a record is a type, a length and its bytes) and each sheet's rectangle
//! measured, before the reader is allowed to build it.
use super::limits;
use std::fs::File;
use std::io::Read;

use super::DAMAGED;

pub(super) fn check(file: &File) -> Result<(), String> {
    let f = file.try_clone().map_err(|_| DAMAGED.to_string())?;
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| check_cfb(f))).unwrap_or_else(|_| Err(DAMAGED.into()))
}

fn check_cfb(f: File) -> Result<(), String> {
    let mut cf = cfb::CompoundFile::open(f).map_err(|_| DAMAGED.to_string())?;
    let stream = if cf.is_stream("/Workbook") {
        "/Workbook"
    } else if cf.is_stream("/Book") {
        "/Book"
    } else if cf.is_stream("/EncryptedPackage") || cf.is_stream("/EncryptionInfo") {
        return Err("文件设置了打开密码，请在 Excel 或 WPS 中取消密码后另存，再试".into());
    } else if cf.is_stream("/WordDocument") {
        return Err("这是一个 Word 文档（.doc），不是表格。如果名单在 Word 表格里，请把表格复制到 Excel 或 WPS 表格，另存为 .xlsx 后再导入".into());
    } else if cf.is_stream("/PowerPoint Document") {
        return Err("这是一个 PowerPoint 演示文稿，不是表格".into());
    } else {
        return Err("这是一个 Office 旧格式文件，但不是 Excel 表格。请选择 Excel（.xlsx、.xls）或 CSV 文件".into());
    };
    let mut s = cf.open_stream(stream).map_err(|_| DAMAGED.to_string())?;
    let mut data = Vec::new();
    s.by_ref().take(limits::FILE_BYTES * 2).read_to_end(&mut data).map_err(|_| DAMAGED.to_string())?;
    measure(&data)
}

/// A sheet's rectangle so far: first and last row and column of its cells.
#[derive(Default, Clone, Copy)]
struct Bounds(Option<(u32, u32, u32, u32)>);

impl Bounds {
    fn add(&mut self, row: u32, col: u32) {
        self.0 = Some(match self.0 {
            None => (row, row, col, col),
            Some((r0, r1, c0, c1)) => (r0.min(row), r1.max(row), c0.min(col), c1.max(col)),
        });
    }
    fn area(&self) -> u64 {
        self.0.map(|(r0, r1, c0, c1)| (r1 - r0 + 1) as u64 * (c1 - c0 + 1) as u64).unwrap_or(0)
    }
    fn far(&self) -> (u32, u32) {
        self.0.map(|(_, r1, _, c1)| (r1, c1)).unwrap_or((0, 0))
    }
}

fn u16_at(b: &[u8], at: usize) -> u32 {
    b.get(at..at + 2).map(|x| u16::from_le_bytes([x[0], x[1]]) as u32).unwrap_or(0)
}

fn u32_at(b: &[u8], at: usize) -> u32 {
    b.get(at..at + 4).map(|x| u32::from_le_bytes([x[0], x[1], x[2], x[3]])).unwrap_or(0)
}

/// Walks the BIFF records: every sheet's rectangle (by its cells, and as its DIMENSIONS announces it) must stay
/// within [`limits::XLS_GRID`], and all sheets together within twice that (the reader keeps them all).
pub(super) fn measure(data: &[u8]) -> Result<(), String> {
    let mut sheet = Bounds::default();
    let mut depth = 0u32;
    let mut total = 0u64;
    let mut i = 0usize;
    let finish = |b: &Bounds, total: &mut u64| -> Result<(), String> {
        let area = b.area();
        *total += area;
        if area > limits::XLS_GRID || *total > 2 * limits::XLS_GRID {
            let (r, c) = b.far();
            return Err(format!(
                "表格里有离数据很远的单元格（最远在第 {} 行第 {} 列），旧的 .xls 格式只能把整块区域都读进来，太大了。请在 Excel 或 WPS 中删除这些多余的单元格，或把文件另存为 .xlsx 后再试",
                r + 1,
                super::super::sheet::column_name(c)
            ));
        }
        Ok(())
    };
    while i + 4 <= data.len() {
        let typ = u16_at(data, i);
        let len = u16_at(data, i + 2) as usize;
        let body = &data[i + 4..(i + 4 + len).min(data.len())];
        i += 4 + len;
        match typ {
            // BOF: a substream begins — the globals, a sheet, or a chart inside a sheet (whose cells the reader
            // skips; counting them with their sheet only errs on the safe side).
            0x0809 => {
                if depth == 0 {
                    sheet = Bounds::default();
                }
                depth += 1;
            }
            // EOF: the substream ends; a sheet is measured when its own substream ends.
            0x000A => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    finish(&sheet, &mut total)?;
                    sheet = Bounds::default();
                }
            }
            // DIMENSIONS, read as the reader reads it (BIFF5 10 bytes; BIFF8 14, some writers 16).
            0x0200 => {
                let (rf, rl, cf, cl) = match body.len() {
                    10 => (u16_at(body, 0), u16_at(body, 2), u16_at(body, 4), u16_at(body, 6)),
                    14 | 16 => (u32_at(body, 0), u32_at(body, 4), u16_at(body, 8), u16_at(body, 10)),
                    _ => continue,
                };
                let cf = if cf > 0xFF || cl < cf { 0 } else { cf };
                if rl >= 1 && cl >= 1 {
                    if rf > rl - 1 {
                        // The reader would subtract past zero.
                        return Err(DAMAGED.into());
                    }
                    let mut d = Bounds::default();
                    d.add(rf, cf);
                    d.add(rl - 1, cl - 1);
                    finish(&d, &mut 0)?;
                }
            }
            // Cells with (row, column) first: FORMULA, LABELSST, NUMBER, LABEL, BOOLERR, RK, RSTRING.
            0x0006 | 0x00FD | 0x0203 | 0x0204 | 0x0205 | 0x027E | 0x00D6 if body.len() >= 4 => {
                sheet.add(u16_at(body, 0), u16_at(body, 2));
            }
            // MULRK: a row of RK values from a first to a last column.
            0x00BD if body.len() >= 6 => {
                let (row, first, last) = (u16_at(body, 0), u16_at(body, 2), u16_at(body, body.len() - 2));
                sheet.add(row, first);
                sheet.add(row, last.max(first));
            }
            _ => {}
        }
    }
    finish(&sheet, &mut total)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rec(typ: u16, body: &[u8]) -> Vec<u8> {
        let mut v = typ.to_le_bytes().to_vec();
        v.extend((body.len() as u16).to_le_bytes());
        v.extend(body);
        v
    }

    fn number(row: u16, col: u16) -> Vec<u8> {
        let mut b = row.to_le_bytes().to_vec();
        b.extend(col.to_le_bytes());
        b.extend([0u8; 10]);
        rec(0x0203, &b)
    }

    #[test]
    fn a_far_cell_or_a_forged_dimension_is_refused() {
        let near: Vec<u8> = [rec(0x0809, &[0; 16]), number(0, 0), number(200, 40)].concat();
        assert!(measure(&near).is_ok());
        let far: Vec<u8> = [rec(0x0809, &[0; 16]), number(0, 0), number(65535, 255)].concat();
        let e = measure(&far).unwrap_err();
        assert!(e.contains("第 65536 行第 IV 列"), "{e}");
        let mut dims = 0u32.to_le_bytes().to_vec();
        dims.extend(u32::MAX.to_le_bytes());
        dims.extend([0, 0, 0xFF, 0, 0, 0]);
        assert!(measure(&[rec(0x0809, &[0; 16]), rec(0x0200, &dims)].concat()).is_err());
        // rwMic after rwMac: the reader would wrap around.
        let mut back = 9u32.to_le_bytes().to_vec();
        back.extend(3u32.to_le_bytes());
        back.extend([0, 0, 2, 0, 0, 0]);
        assert!(measure(&[rec(0x0809, &[0; 16]), rec(0x0200, &back)].concat()).is_err());
        // A truncated last record is no reason to fail here (the reader says so itself).
        assert!(measure(&[0x03, 0x02, 0xFF]).is_ok());
    }
}
