//! A `PrintTable` laid out as A4 PDF pages: what 打印 and 保存为 PDF produce on every platform.
//!
//! Printing the HTML print view depended on the webview: WebKitGTK (Linux, UOS, Kylin) ignores `@page` size and
//! margin boxes and does not repeat `<thead>`, so the paper differed from the screen. Here the core lays the same
//! table out itself: A4 in the table's (or the chosen) orientation, the title and subtitle lines on page 1, the
//! header row on every page, columns sized to their content, text wrapped (never clipped), and a footer with
//! 「第 N 页 共 M 页」 and the print date. Text uses a Chinese system font, subset into the file by krilla.
use crate::kernel::error::{Error, Result};
use crate::kernel::print_table::PrintTable;
use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use krilla::Document;
use std::path::Path;

mod font;
use font::*;

const MM: f32 = 72.0 / 25.4;
const A4: (f32, f32) = (210.0 * MM, 297.0 * MM);
const MARGIN_X: f32 = 14.0 * MM;
const MARGIN_TOP: f32 = 14.0 * MM;
/// Room under the table for the footer line.
const MARGIN_BOTTOM: f32 = 18.0 * MM;
/// Environment variable naming a font file to use instead of the system's (a .ttf, .otf or .ttc).
pub const FONT_ENV: &str = "BRANCHBOOK_PDF_FONT";

#[derive(Debug, Clone, Default)]
pub struct PdfOptions {
    /// 大字打印: larger type, the same layout rules.
    pub large: bool,
    /// Forces the orientation; the table's own choice when `None`.
    pub landscape: Option<bool>,
    /// The date printed in every page's footer (ISO).
    pub printed: String,
    /// Tables follow each other on a page when there is room (the 党内统计's one-row tables), instead of each
    /// starting a page.
    pub flow: bool,
}

#[derive(Debug, Clone, Copy)]
struct Sizes {
    body: f32,
    title: f32,
    sub: f32,
    pad_x: f32,
    pad_y: f32,
}

impl Sizes {
    fn new(large: bool, body: f32) -> Self {
        let k = body / 10.0;
        Sizes {
            body,
            title: if large { 20.0 } else { 16.0 },
            sub: if large { 12.5 } else { 10.0 },
            pad_x: 3.0 * k.max(0.7),
            pad_y: 2.5 * k.max(0.7),
        }
    }

    fn line(&self, size: f32) -> f32 {
        size * 1.3
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Align {
    Left,
    Center,
    Right,
}

enum Op {
    /// `room`: the width of the box the text was laid out in; the text never exceeds it.
    Text { x: f32, top: f32, size: f32, text: String, width: f32, room: f32 },
    Shade(Rect),
    /// A chart's bar: dark grey, so it reads printed in black and white.
    Bar(Rect),
    Line(f32, f32, f32, f32),
}

struct Laid {
    ops: Vec<Op>,
    size: (f32, f32),
}

/// Where the layout of one document stands: pages done, the page being filled, the cursor.
struct Pager {
    pages: Vec<Laid>,
    ops: Vec<Op>,
    y: f32,
    size: (f32, f32),
}

impl Pager {
    fn bottom(&self) -> f32 {
        self.size.1 - MARGIN_BOTTOM
    }

    fn new_page(&mut self) {
        if !self.ops.is_empty() || self.y > MARGIN_TOP {
            self.pages.push(Laid { ops: std::mem::take(&mut self.ops), size: self.size });
        }
        self.y = MARGIN_TOP;
    }
}

/// Draws `text` lines in a box, aligned, vertically centred within `height`.
#[allow(clippy::too_many_arguments)]
fn place_lines(ops: &mut Vec<Op>, sh: &mut Shaper, lines: &[String], x: f32, w: f32, top: f32, height: f32, size: f32, lh: f32, align: Align) {
    let block = lines.len() as f32 * lh;
    let mut y = top + (height - block) / 2.0;
    for line in lines {
        let tw = sh.width(line, size);
        let lx = match align {
            Align::Left => x,
            Align::Center => x + (w - tw) / 2.0,
            Align::Right => x + w - tw,
        };
        ops.push(Op::Text { x: lx, top: y + (lh - size) / 2.0, size, text: line.clone(), width: tw, room: w });
        y += lh;
    }
}

/// Column widths: content-sized; if the page is too narrow, wrappable text shrinks first, then the type.
fn column_widths(sh: &mut Shaper, table: &PrintTable, avail: f32, large: bool) -> (Sizes, Vec<f32>) {
    let start = if large { 13.0 } else { 10.0 };
    let floor = if large { 9.0 } else { 6.5 };
    let mut body = start;
    loop {
        let s = Sizes::new(large, body);
        let n = table.columns.len();
        let mut natural = vec![0.0f32; n];
        let mut min = vec![0.0f32; n];
        for (i, c) in table.columns.iter().enumerate() {
            let head = sh.width(&c.label, s.body);
            let head_chars = c.label.chars().count().max(1);
            // A header may wrap onto two lines.
            let head_min = sh.width(&c.label.chars().take(head_chars.div_ceil(2)).collect::<String>(), s.body);
            natural[i] = head;
            // At the smallest type a header may take as many lines as it needs.
            min[i] = if body <= floor { c.label.chars().map(|ch| sh.glyph(ch).1 * s.body).fold(0.0, f32::max) } else { head_min };
            if c.key == "sign" {
                natural[i] = natural[i].max(8.0 * s.body);
                min[i] = min[i].max(6.0 * s.body);
            }
        }
        for g in &table.groups {
            for row in &g.rows {
                for (i, cell) in row.iter().enumerate().take(n) {
                    if cell.is_empty() {
                        continue;
                    }
                    let w = cell.split('\n').map(|l| sh.width(l, s.body)).fold(0.0, f32::max);
                    natural[i] = natural[i].max(w);
                    let unit = sh.widest_unit(cell, s.body);
                    min[i] = min[i].max(unit.max(w.min(4.0 * s.body)));
                }
            }
        }
        let pad = 2.0 * s.pad_x;
        let natural: Vec<f32> = natural.iter().map(|w| w + pad).collect();
        let min: Vec<f32> = min.iter().zip(&natural).map(|(m, nat)| (m + pad).min(*nat)).collect();
        let sum_nat: f32 = natural.iter().sum();
        let sum_min: f32 = min.iter().sum();
        if sum_nat <= avail {
            // Spare room goes to every column in proportion, so the table spans the page like the screen's.
            let k = avail / sum_nat;
            return (s, natural.iter().map(|w| w * k).collect());
        }
        if sum_min <= avail {
            let f = (avail - sum_min) / (sum_nat - sum_min).max(0.001);
            return (s, min.iter().zip(&natural).map(|(m, nat)| m + (nat - m) * f).collect());
        }
        if body <= floor {
            let k = avail / sum_min;
            return (s, min.iter().map(|w| w * k).collect());
        }
        body -= 0.5;
    }
}

fn lay_table(p: &mut Pager, sh: &mut Shaper, table: &PrintTable, large: bool) {
    let avail = p.size.0 - 2.0 * MARGIN_X;
    let (s, widths) = column_widths(sh, table, avail, large);
    let x0 = MARGIN_X;
    // Title and subtitle lines, page 1 of the table.
    let tl = s.line(s.title);
    for line in sh.wrap(&table.title, s.title, avail) {
        place_lines(&mut p.ops, sh, &[line], x0, avail, p.y, tl, s.title, tl, Align::Center);
        p.y += tl;
    }
    p.y += 4.0;
    let sl = s.line(s.sub);
    let n_sub = table.subtitle.len();
    for (i, sub) in table.subtitle.iter().enumerate() {
        let text = if table.masked && i + 1 == n_sub { format!("{sub}　　（身份证号、电话已隐去部分数字）") } else { sub.clone() };
        for line in sh.wrap(&text, s.sub, avail) {
            place_lines(&mut p.ops, sh, &[line], x0, avail, p.y, sl, s.sub, sl, Align::Center);
            p.y += sl;
        }
    }
    p.y += 6.0;
    if let Some(chart) = &table.chart {
        lay_chart(p, sh, chart, s, avail);
    }

    let lh = s.line(s.body);
    let aligns: Vec<Align> = table
        .columns
        .iter()
        .map(|c| if c.numeric { Align::Right } else if c.center { Align::Center } else { Align::Left })
        .collect();
    let inner: Vec<f32> = widths.iter().map(|w| (w - 2.0 * s.pad_x).max(1.0)).collect();
    let head_lines: Vec<Vec<String>> = table.columns.iter().zip(&inner).map(|(c, w)| sh.wrap(&c.label, s.body, *w)).collect();
    let head_h = head_lines.iter().map(Vec::len).max().unwrap_or(1) as f32 * lh + 2.0 * s.pad_y;
    let signing = table.columns.iter().any(|c| c.key == "sign");
    let min_row = if signing { 9.0 * MM } else { 0.0 };
    let total_w: f32 = widths.iter().sum();

    let draw_header = |p: &mut Pager, sh: &mut Shaper| {
        let top = p.y;
        p.ops.push(Op::Shade(Rect::from_xywh(x0, top, total_w, head_h).unwrap()));
        let mut x = x0;
        for (i, lines) in head_lines.iter().enumerate() {
            place_lines(&mut p.ops, sh, lines, x + s.pad_x, inner[i], top + s.pad_y, head_h - 2.0 * s.pad_y, s.body, lh, Align::Center);
            x += widths[i];
        }
        grid(&mut p.ops, x0, top, &widths, head_h, true);
        p.y += head_h;
    };
    draw_header(p, sh);

    for g in &table.groups {
        let mut rows = g.rows.iter().peekable();
        if let Some(name) = &g.name {
            let text = format!("{name}（{} 人）", g.rows.len());
            let h = lh + 2.0 * s.pad_y;
            // Keep the group's heading with its first row.
            let first_h = rows.peek().map(|r| row_height(sh, r, &inner, s, lh, min_row)).unwrap_or(0.0);
            if p.y + h + first_h > p.bottom() {
                p.new_page();
                draw_header(p, sh);
            }
            p.ops.push(Op::Shade(Rect::from_xywh(x0, p.y, total_w, h).unwrap()));
            place_lines(&mut p.ops, sh, &[text], x0 + s.pad_x, total_w, p.y + s.pad_y, lh, s.body, lh, Align::Left);
            grid(&mut p.ops, x0, p.y, &[total_w], h, true);
            p.y += h;
        }
        for row in rows {
            let cells: Vec<Vec<String>> = row.iter().zip(&inner).map(|(c, w)| sh.wrap(c, s.body, *w)).collect();
            let h = (cells.iter().map(Vec::len).max().unwrap_or(1) as f32 * lh + 2.0 * s.pad_y).max(min_row);
            if p.y + h > p.bottom() {
                p.new_page();
                draw_header(p, sh);
            }
            let mut x = x0;
            for (i, lines) in cells.iter().enumerate() {
                place_lines(&mut p.ops, sh, lines, x + s.pad_x, inner[i], p.y + s.pad_y, h - 2.0 * s.pad_y, s.body, lh, aligns[i]);
                x += widths[i];
            }
            grid(&mut p.ops, x0, p.y, &widths, h, false);
            p.y += h;
        }
    }
    p.y += 6.0;
    for note in &table.notes {
        for line in sh.wrap(note, s.sub, avail) {
            if p.y + sl > p.bottom() {
                p.new_page();
            }
            place_lines(&mut p.ops, sh, &[line], x0, avail, p.y, sl, s.sub, sl, Align::Left);
            p.y += sl;
        }
    }
}

/// A bar chart above its table: `bars` one row per bar (label, bar, number), `columns` one column per bar with the
/// number above and the label below. Every bar carries its number, so nothing depends on colour.
fn lay_chart(p: &mut Pager, sh: &mut Shaper, chart: &crate::kernel::print_table::Chart, s: Sizes, avail: f32) {
    let size = s.body;
    let lh = s.line(size);
    let max = chart.bars.iter().map(|b| b.value).fold(0.0f64, f64::max);
    let scale = |v: f64, room: f32| if max > 0.0 { (v.max(0.0) / max) as f32 * room } else { 0.0 };
    let x0 = MARGIN_X;
    if chart.kind == "columns" {
        let height = 120.0;
        let top_room = lh + 2.0;
        let total = top_room + height + lh + 4.0;
        if p.y + total > p.bottom() {
            p.new_page();
        }
        let base = p.y + top_room + height;
        let n = chart.bars.len().max(1) as f32;
        let w = avail / n;
        for (i, b) in chart.bars.iter().enumerate() {
            let h = scale(b.value, height);
            let bx = x0 + w * i as f32 + w * 0.2;
            if h > 0.0 {
                if let Some(r) = Rect::from_xywh(bx, base - h, w * 0.6, h) {
                    p.ops.push(Op::Bar(r));
                }
            }
            place_lines(&mut p.ops, sh, &[b.shown.clone()], x0 + w * i as f32, w, base - h - lh - 1.0, lh, size * 0.9, lh, Align::Center);
            place_lines(&mut p.ops, sh, &[b.label.clone()], x0 + w * i as f32, w, base + 2.0, lh, size, lh, Align::Center);
        }
        p.ops.push(Op::Line(x0, base, x0 + avail, base));
        p.y += total + 8.0;
    } else {
        let label_w = chart.bars.iter().map(|b| sh.width(&b.label, size)).fold(0.0, f32::max).min(avail * 0.35) + 6.0;
        let num_w = chart.bars.iter().map(|b| sh.width(&b.shown, size)).fold(0.0, f32::max) + 8.0;
        let room = (avail - label_w - num_w).max(20.0);
        let row = lh * 1.3;
        for b in &chart.bars {
            if p.y + row > p.bottom() {
                p.new_page();
            }
            let label = sh.wrap(&b.label, size, label_w - 6.0).into_iter().next().unwrap_or_default();
            place_lines(&mut p.ops, sh, &[label], x0, label_w - 6.0, p.y, row, size, lh, Align::Right);
            let w = scale(b.value, room);
            if w > 0.0 {
                if let Some(r) = Rect::from_xywh(x0 + label_w, p.y + row * 0.15, w, row * 0.7) {
                    p.ops.push(Op::Bar(r));
                }
            }
            place_lines(&mut p.ops, sh, &[b.shown.clone()], x0 + label_w + w + 4.0, num_w, p.y, row, size, lh, Align::Left);
            p.y += row;
        }
        let top = p.y - row * chart.bars.len() as f32;
        p.ops.push(Op::Line(x0 + label_w, top, x0 + label_w, p.y));
        p.y += 8.0;
    }
}

fn row_height(sh: &mut Shaper, row: &[String], inner: &[f32], s: Sizes, lh: f32, min_row: f32) -> f32 {
    let lines = row.iter().zip(inner).map(|(c, w)| sh.wrap(c, s.body, *w).len()).max().unwrap_or(1);
    (lines as f32 * lh + 2.0 * s.pad_y).max(min_row)
}

/// The lines of one row: its box, and the separators between cells.
fn grid(ops: &mut Vec<Op>, x0: f32, top: f32, widths: &[f32], h: f32, with_top: bool) {
    let total: f32 = widths.iter().sum();
    if with_top {
        ops.push(Op::Line(x0, top, x0 + total, top));
    }
    ops.push(Op::Line(x0, top + h, x0 + total, top + h));
    let mut x = x0;
    ops.push(Op::Line(x, top, x, top + h));
    for w in widths {
        x += w;
        ops.push(Op::Line(x, top, x, top + h));
    }
}

/// A line of text as laid out, for tests and checks.
#[derive(Debug, Clone)]
pub struct TextRun {
    pub x: f32,
    pub top: f32,
    pub size: f32,
    pub text: String,
    pub width: f32,
    /// The width of the cell (or line) it was laid out in.
    pub room: f32,
}

/// A laid-out page: its size in points and its text, footer included.
#[derive(Debug, Clone)]
pub struct PageText {
    pub width: f32,
    pub height: f32,
    pub runs: Vec<TextRun>,
}

/// The pages as they will be drawn, footer included, without writing a PDF.
pub fn layout(tables: &[PrintTable], opts: &PdfOptions) -> Result<Vec<PageText>> {
    let font = load_font()?;
    let mut sh = Shaper::new(&font)?;
    let pages = lay_out(&mut sh, tables, opts);
    let total = pages.len();
    Ok(pages
        .into_iter()
        .enumerate()
        .map(|(n, mut page)| {
            footer(&mut page, &mut sh, n, total, opts);
            PageText {
                width: page.size.0,
                height: page.size.1,
                runs: page
                    .ops
                    .into_iter()
                    .filter_map(|op| match op {
                        Op::Text { x, top, size, text, width, room } => Some(TextRun { x, top, size, text, width, room }),
                        _ => None,
                    })
                    .collect(),
            }
        })
        .collect())
}

/// 「第 N 页 共 M 页」 in the middle, the print date on the right.
fn footer(page: &mut Laid, sh: &mut Shaper, n: usize, total: usize, opts: &PdfOptions) {
    let (w, h) = page.size;
    let fs = 9.0;
    let fy = h - MARGIN_BOTTOM + 6.0 * MM;
    let count = format!("第 {} 页 共 {} 页", n + 1, total);
    place_lines(&mut page.ops, sh, &[count], MARGIN_X, w - 2.0 * MARGIN_X, fy, fs * 1.3, fs, fs * 1.3, Align::Center);
    let date = format!("打印日期：{}", opts.printed);
    place_lines(&mut page.ops, sh, &[date], MARGIN_X, w - 2.0 * MARGIN_X, fy, fs * 1.3, fs, fs * 1.3, Align::Right);
}

fn lay_out(sh: &mut Shaper, tables: &[PrintTable], opts: &PdfOptions) -> Vec<Laid> {
    let mut p = Pager { pages: Vec::new(), ops: Vec::new(), y: MARGIN_TOP, size: A4 };
    for (i, t) in tables.iter().enumerate() {
        let landscape = opts.landscape.unwrap_or(t.landscape);
        let size = if landscape { (A4.1, A4.0) } else { A4 };
        // Flowing: the next table starts on the same page when it keeps the orientation and a third of the page is
        // left, so its title is not stranded at the foot.
        let room = p.bottom() - p.y;
        let follow = opts.flow && size == p.size && room > (size.1 - MARGIN_TOP - MARGIN_BOTTOM) / 3.0;
        if i > 0 && !follow {
            p.new_page();
        } else if i > 0 {
            p.y += 14.0;
        }
        p.size = size;
        lay_table(&mut p, sh, t, opts.large);
    }
    p.new_page();
    p.pages
}

/// One PDF of the tables, each starting on a new page; the footer counts the pages of the whole document.
pub fn render(tables: &[PrintTable], opts: &PdfOptions) -> Result<Vec<u8>> {
    let font = load_font()?;
    let mut sh = Shaper::new(&font)?;
    let pages = lay_out(&mut sh, tables, opts);
    let total = pages.len();
    let mut doc = Document::new();
    let black = || Fill { paint: rgb::Color::new(0, 0, 0).into(), opacity: NormalizedF32::ONE, rule: Default::default() };
    for (n, mut page) in pages.into_iter().enumerate() {
        footer(&mut page, &mut sh, n, total, opts);
        let (w, h) = page.size;
        let mut pg = doc.start_page_with(PageSettings::from_wh(w, h).unwrap());
        let mut surface = pg.surface();
        // Shading first, so lines and text sit on top.
        surface.set_stroke(None);
        surface.set_fill(Some(Fill { paint: rgb::Color::new(235, 235, 235).into(), opacity: NormalizedF32::ONE, rule: Default::default() }));
        for op in &page.ops {
            if let Op::Shade(r) = op {
                let mut pb = PathBuilder::new();
                pb.push_rect(*r);
                if let Some(path) = pb.finish() {
                    surface.draw_path(&path);
                }
            }
        }
        surface.set_fill(Some(Fill { paint: rgb::Color::new(85, 85, 85).into(), opacity: NormalizedF32::ONE, rule: Default::default() }));
        for op in &page.ops {
            if let Op::Bar(r) = op {
                let mut pb = PathBuilder::new();
                pb.push_rect(*r);
                if let Some(path) = pb.finish() {
                    surface.draw_path(&path);
                }
            }
        }
        let mut pb = PathBuilder::new();
        for op in &page.ops {
            if let Op::Line(x1, y1, x2, y2) = op {
                pb.move_to(*x1, *y1);
                pb.line_to(*x2, *y2);
            }
        }
        if let Some(path) = pb.finish() {
            surface.set_fill(None);
            surface.set_stroke(Some(Stroke { paint: rgb::Color::new(0, 0, 0).into(), width: 0.6, ..Default::default() }));
            surface.draw_path(&path);
            surface.set_stroke(None);
        }
        surface.set_fill(Some(black()));
        let ascent = 0.88;
        for op in &page.ops {
            if let Op::Text { x, top, size, text: s, .. } = op {
                if s.is_empty() {
                    continue;
                }
                let glyphs = sh.glyphs(s);
                surface.draw_glyphs(Point::from_xy(*x, top + ascent * size), &glyphs, font.font.clone(), s, *size, false);
            }
        }
        surface.finish();
        pg.finish();
    }
    doc.finish().map_err(|_| Error::Pdf { code: "PDF_FAILED", reason: "生成 PDF 失败：表格中可能有字体无法显示的字符。请改用“保存为 Excel”，或联系技术人员".into() })
}

/// Writes the PDF of the tables to `path`.
pub fn write(path: &Path, tables: &[PrintTable], opts: &PdfOptions) -> Result<()> {
    let bytes = render(tables, opts)?;
    std::fs::write(path, bytes)?;
    Ok(())
}
