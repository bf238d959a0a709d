//! Writing a print table as an .xlsx that Excel and WPS open the same way it prints: title rows, a frozen header
//! with autofilter, ID numbers and phones as text (never 3.40524E+17), widths that fit Chinese, A4 page setup.
use crate::kernel::error::Result;
use crate::kernel::print_table::PrintTable;
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Formula, Workbook, Worksheet};
use std::path::Path;

/// Display width in Excel character units: a CJK character takes two.
pub fn display_width(s: &str) -> f64 {
    s.chars().map(|c| if (c as u32) < 0x2E80 { 1.0 } else { 2.0 }).sum()
}

pub fn write_table(path: &Path, table: &PrintTable) -> Result<()> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    fill_sheet(ws, table, "名单")?;
    save(&mut wb, path)?;
    Ok(())
}

/// A chart table's own chart, native to Excel and WPS: categories from the first column, values from the second,
/// one dark series with its numbers on the bars (readable printed in black and white), right of the table.
fn insert_chart(ws: &mut Worksheet, chart: &crate::kernel::print_table::Chart, sheet: &str, first: u32, ncols: u16) -> Result<()> {
    use rust_xlsxwriter::{Chart, ChartDataLabel, ChartFormat, ChartSolidFill, ChartType};
    if chart.bars.is_empty() {
        return Ok(());
    }
    let last = first + chart.bars.len() as u32 - 1;
    let mut c = Chart::new(if chart.kind == "columns" { ChartType::Column } else { ChartType::Bar });
    c.add_series()
        .set_categories((sheet, first, 0, last, 0))
        .set_values((sheet, first, 1, last, 1))
        .set_format(ChartFormat::new().set_solid_fill(ChartSolidFill::new().set_color("#555555")))
        .set_data_label(ChartDataLabel::new().show_value());
    c.legend().set_hidden();
    if chart.kind != "columns" {
        // Excel draws a bar chart's first category at the bottom; the table reads top to bottom (x is the category axis).
        c.x_axis().set_reverse();
    }
    ws.insert_chart(first.saturating_sub(1), ncols + 1, &c)?;
    Ok(())
}

/// A workbook of several tables, a sheet each (names as given, made unique and Excel-safe), and optionally a hidden
/// sheet carrying `data` (a program's own copy, split into cells of at most 30,000 characters, read back by
/// `reports::township::package::open`).
pub fn write_book(path: &Path, sheets: &[(String, &PrintTable)], data: Option<(&str, &str)>) -> Result<()> {
    let mut wb = Workbook::new();
    let mut used: Vec<String> = Vec::new();
    for (name, table) in sheets {
        // Excel: at most 31 characters, none of []:*?/\, unique.
        let mut base: String = name.chars().filter(|c| !"[]:*?/\\".contains(*c)).take(28).collect();
        if base.is_empty() {
            base = "表".into();
        }
        let mut unique = base.clone();
        let mut n = 2;
        while used.contains(&unique) {
            unique = format!("{base}{n}");
            n += 1;
        }
        used.push(unique.clone());
        let ws = wb.add_worksheet();
        fill_sheet(ws, table, &unique)?;
    }
    if let Some((name, text)) = data {
        let ws = wb.add_worksheet();
        ws.set_name(name)?;
        let chars: Vec<char> = text.chars().collect();
        for (i, chunk) in chars.chunks(30_000).enumerate() {
            ws.write_string(i as u32, 0, chunk.iter().collect::<String>())?;
        }
        ws.set_hidden(true);
    }
    save(&mut wb, path)?;
    Ok(())
}

/// Saves a workbook; a failure to write names the file and what to do (a read-only folder, a full stick, the file
/// open in Excel), never the library's words.
pub fn save(wb: &mut Workbook, path: &Path) -> Result<()> {
    match wb.save(path) {
        Err(rust_xlsxwriter::XlsxError::IoError(e)) => Err(crate::kernel::error::Error::writing(path, &e)),
        other => Ok(other?),
    }
}

pub(crate) fn fill_sheet(ws: &mut Worksheet, table: &PrintTable, name: &str) -> Result<()> {
    ws.set_name(name)?;
    let ncols = table.columns.len() as u16;
    let last_col = ncols.saturating_sub(1);
    let font = "Microsoft YaHei";
    let title = Format::new().set_font_name(font).set_bold().set_font_size(16).set_align(FormatAlign::Center).set_align(FormatAlign::VerticalCenter);
    let sub = Format::new().set_font_name(font).set_font_size(10).set_align(FormatAlign::Center).set_align(FormatAlign::VerticalCenter).set_text_wrap();
    let head = Format::new()
        .set_font_name(font)
        .set_bold()
        .set_border(FormatBorder::Thin)
        .set_background_color("#EEEEEE")
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_text_wrap();
    // Every cell is text ("@"), so Excel keeps 18-digit IDs, leading zeros and phone numbers exactly.
    let text = Format::new().set_font_name(font).set_border(FormatBorder::Thin).set_num_format("@").set_align(FormatAlign::VerticalCenter);
    let centered = text.clone().set_align(FormatAlign::Center);
    // A numeric column's text (「85.7%」) is right-aligned like its numbers.
    let right = text.clone().set_align(FormatAlign::Right);
    let number = Format::new().set_font_name(font).set_border(FormatBorder::Thin).set_align(FormatAlign::Right).set_align(FormatAlign::VerticalCenter);
    let money = number.clone().set_num_format("0.00");
    let group = Format::new().set_font_name(font).set_bold().set_border(FormatBorder::Thin).set_background_color("#F5F5F5");

    let mut row: u32 = 0;
    if ncols > 1 {
        ws.merge_range(row, 0, row, last_col, &table.title, &title)?;
    } else {
        ws.write_string_with_format(row, 0, &table.title, &title)?;
    }
    ws.set_row_height(row, 30)?;
    row += 1;
    // One line per subtitle in one wrapped cell: a long legend stays whole, and the header stays on row 3.
    let subtitle = table.subtitle.join("\n");
    if ncols > 1 {
        ws.merge_range(row, 0, row, last_col, &subtitle, &sub)?;
    } else {
        ws.write_string_with_format(row, 0, &subtitle, &sub)?;
    }
    ws.set_row_height(row, 4.0 + 15.0 * table.subtitle.len().max(1) as f64)?;
    row += 1;
    let header_row = row;
    // A label may break over lines (「10.10\n主题党日」): its widest line sets the column, its line count the row.
    let mut widths: Vec<f64> = table.columns.iter().map(|c| c.label.lines().map(display_width).fold(0.0, f64::max) + 2.0).collect();
    for (i, c) in table.columns.iter().enumerate() {
        ws.write_string_with_format(row, i as u16, &c.label, &head)?;
    }
    let lines = table.columns.iter().map(|c| c.label.lines().count()).max().unwrap_or(1).max(1);
    ws.set_row_height(row, 8.0 + 14.0 * lines as f64)?;
    row += 1;
    // Data rows, 1-based as formulas name them; group heading rows count too, so take the whole span.
    let first_data = header_row + 2;
    let data_rows: u32 = table.groups.iter().map(|g| g.rows.len() as u32 + u32::from(g.name.is_some())).sum();
    let last_data = header_row + 1 + data_rows;
    for g in &table.groups {
        if let Some(name) = &g.name {
            let label = format!("{name}（{} 人）", g.rows.len());
            if ncols > 1 {
                ws.merge_range(row, 0, row, last_col, &label, &group)?;
            } else {
                ws.write_string_with_format(row, 0, &label, &group)?;
            }
            row += 1;
        }
        for cells in &g.rows {
            for (i, (value, c)) in cells.iter().zip(&table.columns).enumerate() {
                let col = i as u16;
                let fmt = if c.center { &centered } else if c.numeric { &right } else { &text };
                if let Some(f) = c.formula.as_deref().filter(|_| !value.is_empty()) {
                    let f = f.replace("{r}", &(row + 1).to_string()).replace("{first}", &first_data.to_string()).replace("{last}", &last_data.to_string());
                    ws.write_formula_with_format(row, col, Formula::new(f).set_result(value), if c.numeric { &number } else { fmt })?;
                    widths[i] = widths[i].max(display_width(value) + 2.0);
                    continue;
                }
                match value.parse::<f64>() {
                    Ok(n) if c.numeric => ws.write_number_with_format(row, col, n, if c.money { &money } else { &number })?,
                    _ if value.is_empty() => ws.write_blank(row, col, &text)?,
                    _ => ws.write_string_with_format(row, col, value, fmt)?,
                };
                widths[i] = widths[i].max(display_width(value) + 2.0);
            }
            // A handwriting column needs room to sign.
            ws.set_row_height(row, if table.columns.iter().any(|c| c.key == "sign") { 28 } else { 18 })?;
            row += 1;
        }
    }
    // Notes sit one blank row under the table, outside its filter.
    for (i, note) in table.notes.iter().enumerate() {
        let r = row + 1 + i as u32;
        if ncols > 1 {
            ws.merge_range(r, 0, r, last_col, note, &sub)?;
        } else {
            ws.write_string_with_format(r, 0, note, &sub)?;
        }
    }
    for (i, c) in table.columns.iter().enumerate() {
        let w = if c.key == "sign" { 30.0 } else { widths[i].min(40.0) };
        ws.set_column_width(i as u16, w)?;
    }
    if let Some(chart) = &table.chart {
        insert_chart(ws, chart, name, header_row + 1, ncols)?;
    }
    ws.set_freeze_panes(header_row + 1, 0)?;
    if row > header_row + 1 {
        ws.autofilter(header_row, 0, row - 1, last_col)?;
    }
    ws.set_paper_size(9); // A4
    if table.landscape {
        ws.set_landscape();
    }
    ws.set_margins(0.6, 0.6, 0.6, 0.7, 0.3, 0.3);
    ws.set_repeat_rows(header_row, header_row)?;
    ws.set_print_fit_to_pages(1, 0);
    ws.set_print_center_horizontally(true);
    ws.set_footer("&C第 &P 页 共 &N 页");
    Ok(())
}
