//! 字体: finding a Chinese system font for the PDF (or the one `BRANCHBOOK_PDF_FONT` names), loading it once,
//! and measuring text with it; the layout in `pdf.rs` draws exactly what is measured here.
use super::FONT_ENV;
use crate::kernel::error::{Error, Result};
use krilla::text::{Font, GlyphId, KrillaGlyph};
use skrifa::instance::{LocationRef, Size};
use skrifa::raw::{FileRef, TableProvider};
use skrifa::string::StringId;
use skrifa::{FontRef, MetadataProvider};
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

/// The system fonts that can set Simplified Chinese, most preferred first.
pub(super) fn font_candidates() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = Vec::new();
    if let Some(p) = std::env::var_os(FONT_ENV) {
        v.push(PathBuf::from(p));
    }
    if cfg!(windows) {
        let windir = std::env::var_os("WINDIR").map(PathBuf::from).unwrap_or_else(|| PathBuf::from(r"C:\Windows"));
        for f in ["msyh.ttc", "msyh.ttf", "simsun.ttc", "simhei.ttf", "simkai.ttf", "Deng.ttf"] {
            v.push(windir.join("Fonts").join(f));
        }
    } else if cfg!(target_os = "macos") {
        for f in ["/System/Library/Fonts/PingFang.ttc", "/System/Library/Fonts/STHeiti Light.ttc", "/Library/Fonts/Arial Unicode.ttf"] {
            v.push(f.into());
        }
    } else {
        for f in [
            "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
            "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
            "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
            "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc",
            "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
            "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
            "/usr/share/fonts/wqy-microhei/wqy-microhei.ttc",
            "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
            "/usr/share/fonts/truetype/arphic/uming.ttc",
        ] {
            v.push(f.into());
        }
    }
    v
}

/// The face of a collection to use: the Simplified Chinese one of a CJK collection, else the first that has
/// Chinese characters.
pub(super) fn pick_face(data: &[u8]) -> Option<u32> {
    let count = match FileRef::new(data).ok()? {
        FileRef::Font(_) => 1,
        FileRef::Collection(c) => c.len(),
    };
    let sets_chinese = |i: u32| FontRef::from_index(data, i).is_ok_and(|f| "党支部台账".chars().all(|c| f.charmap().map(c).is_some()));
    let family = |i: u32| {
        FontRef::from_index(data, i)
            .ok()
            .and_then(|f| f.localized_strings(StringId::FAMILY_NAME).english_or_first().map(|s| s.to_string()))
            .unwrap_or_default()
    };
    (0..count)
        .find(|&i| family(i).ends_with(" SC") && sets_chinese(i))
        .or_else(|| (0..count).find(|&i| sets_chinese(i)))
}

pub(super) struct LoadedFont {
    pub(super) data: Arc<Vec<u8>>,
    pub(super) index: u32,
    pub(super) font: Font,
}

pub(super) static FONT: Mutex<Option<Arc<LoadedFont>>> = Mutex::new(None);

pub(super) fn load_font() -> Result<Arc<LoadedFont>> {
    let mut cache = FONT.lock().unwrap_or_else(|p| p.into_inner());
    if let Some(f) = cache.as_ref() {
        return Ok(f.clone());
    }
    for path in font_candidates() {
        let Ok(bytes) = std::fs::read(&path) else { continue };
        let Some(index) = pick_face(&bytes) else { continue };
        let data = Arc::new(bytes);
        let Some(font) = Font::new(data.clone().into(), index) else { continue };
        let loaded = Arc::new(LoadedFont { data, index, font });
        *cache = Some(loaded.clone());
        return Ok(loaded);
    }
    Err(Error::Pdf {
        code: "PDF_FONT_MISSING",
        reason: if cfg!(windows) {
            "找不到可用的中文字体（微软雅黑或宋体），无法生成 PDF。请确认 C:\\Windows\\Fonts 中有 msyh.ttc 或 simsun.ttc".into()
        } else {
            "找不到可用的中文字体，无法生成 PDF。请安装中文字体（如 fonts-noto-cjk 或文泉驿微米黑）后重试".into()
        },
    })
}

/// Maps text to glyphs of the font and measures it; what is measured is exactly what is drawn.
pub(super) struct Shaper<'a> {
    pub(super) face: FontRef<'a>,
    pub(super) upem: f32,
    pub(super) cache: HashMap<char, (u32, f32)>,
}

impl<'a> Shaper<'a> {
    pub(super) fn new(f: &'a LoadedFont) -> Result<Self> {
        let face = FontRef::from_index(&f.data, f.index).map_err(|_| Error::Pdf { code: "PDF_FAILED", reason: "系统的中文字体文件无法读取（可能已损坏），请重新安装字体后重试".into() })?;
        let upem = face.head().map(|h| h.units_per_em() as f32).unwrap_or(1000.0);
        Ok(Shaper { face, upem, cache: HashMap::new() })
    }

    /// Glyph id and advance in ems.
    pub(super) fn glyph(&mut self, c: char) -> (u32, f32) {
        if let Some(g) = self.cache.get(&c) {
            return *g;
        }
        let metrics = self.face.glyph_metrics(Size::unscaled(), LocationRef::default());
        let gid = self.face.charmap().map(c).or_else(|| self.face.charmap().map('□')).map(|g| g.to_u32()).unwrap_or(0);
        let adv = metrics.advance_width(gid.into()).unwrap_or(self.upem) / self.upem;
        self.cache.insert(c, (gid, adv));
        (gid, adv)
    }

    pub(super) fn width(&mut self, s: &str, size: f32) -> f32 {
        s.chars().filter(|c| !c.is_control()).map(|c| self.glyph(c).1).sum::<f32>() * size
    }

    pub(super) fn glyphs(&mut self, s: &str) -> Vec<KrillaGlyph> {
        s.char_indices()
            .filter(|(_, c)| !c.is_control())
            .map(|(i, c)| {
                let (gid, adv) = self.glyph(c);
                KrillaGlyph::new(GlyphId::new(gid), adv, 0.0, 0.0, 0.0, i..i + c.len_utf8(), None)
            })
            .collect()
    }

    /// Breaks `s` into lines no wider than `width`: between Chinese characters, at spaces, never inside a run of
    /// Latin letters and digits (an ID number, a phone, a date) unless the run alone is wider than the line.
    pub(super) fn wrap(&mut self, s: &str, size: f32, width: f32) -> Vec<String> {
        let mut lines = Vec::new();
        for para in s.split('\n') {
            let mut line = String::new();
            let mut line_w = 0.0;
            for unit in units(para) {
                let w = self.width(&unit, size);
                if line_w + w <= width + 0.01 || line.is_empty() && w <= width + 0.01 {
                    line.push_str(&unit);
                    line_w += w;
                    continue;
                }
                if !line.is_empty() && w <= width + 0.01 {
                    lines.push(std::mem::take(&mut line).trim_end().to_string());
                    let unit = unit.trim_start();
                    line_w = self.width(unit, size);
                    line.push_str(unit);
                    continue;
                }
                // A run wider than the column: break it by character.
                for c in unit.chars() {
                    let cw = self.glyph(c).1 * size;
                    if line_w + cw > width + 0.01 && !line.is_empty() {
                        lines.push(std::mem::take(&mut line));
                        line_w = 0.0;
                    }
                    line.push(c);
                    line_w += cw;
                }
            }
            lines.push(line.trim_end().to_string());
        }
        lines
    }

    /// The widest unit that should not be broken.
    pub(super) fn widest_unit(&mut self, s: &str, size: f32) -> f32 {
        units(s).iter().map(|u| self.width(u.trim(), size)).fold(0.0, f32::max)
    }
}

/// Closing punctuation stays with the character before it.
pub(super) fn closes(c: char) -> bool {
    "，。、；：？！）》」』”’,.;:?!)%".contains(c)
}

pub(super) fn keeps_together(c: char) -> bool {
    c.is_ascii_alphanumeric() || "*-./:_@#+×".contains(c)
}

pub(super) fn units(s: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut prev_keep = false;
    for c in s.chars() {
        let keep = keeps_together(c);
        match out.last_mut() {
            Some(last) if (keep && prev_keep) || closes(c) || (c == ' ' && !last.ends_with(' ')) => last.push(c),
            _ => out.push(c.to_string()),
        }
        prev_keep = keep;
    }
    out
}

