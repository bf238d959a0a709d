//! 读取上限: how much of a file from outside (a roster, a township package, a backup) BranchBook will read. Every
//! reader checks these before it allocates, because a failed allocation ends the process and cannot be caught.
//! The office PC has 4–8 GB; each value is far above what a real file of a branch or a township needs and far
//! below what would hurt that PC. Measured with `scripts/bad-files.sh` (time and peak memory per crafted file).

/// Size on disk of a spreadsheet or package. A 20,000-member roster is about 3 MB as .xlsx and 10 MB as .xls; a
/// township package of 1,500 members about 0.3 MB. 64 MB leaves room for a roster with its members' photos.
pub const FILE_BYTES: u64 = 64 * 1024 * 1024;

/// Size on disk of a backup to restore. A data file of 20,000 members with ten years of meetings and points is
/// about 400 MB; SQLite reads it page by page, so this only keeps a wrong choice (a disk image) from running for
/// minutes in the integrity check.
pub const BACKUP_BYTES: u64 = 4 * 1024 * 1024 * 1024;

/// Parts inside an .xlsx (a zip): how many there may be. A workbook has about 10 plus 2 per sheet.
pub const ZIP_ENTRIES: usize = 5_000;

/// One XML part after decompression. A 20,000 × 60 sheet with inline strings is about 90 MB of XML.
pub const XML_PART_BYTES: u64 = 160 * 1024 * 1024;

/// All XML parts together after decompression (each is read twice: once here to measure it, once to use it).
pub const XML_TOTAL_BYTES: u64 = 320 * 1024 * 1024;

/// Compression ratio of a part above [`RATIO_FLOOR_BYTES`]. Real sheet XML compresses 5–30 times; a sheet of a
/// million empty formatted rows about 150 times; deflate's maximum is 1,032. A bomb is found by this before the
/// byte limits, within a few MB of reading.
pub const RATIO: u64 = 400;
/// Parts smaller than this are not held to [`RATIO`] (a short repetitive part compresses very well).
pub const RATIO_FLOOR_BYTES: u64 = 4 * 1024 * 1024;

/// Shared strings of an .xlsx: the reader keeps them all in memory, and reserves room for as many as the file
/// announces. A 20,000-member roster has about 60,000.
pub const SHARED_STRINGS: u64 = 2_000_000;

/// Cells that hold a value, in the one sheet read. 20,000 members × 100 columns.
pub const CELLS: usize = 2_000_000;

/// Columns kept. A roster has at most about 60 (the national system's export about 80); .xls has 256. A value
/// further right is a stray far cell: it is left out and said, so that it cannot make the table 16,384 wide.
pub const COLUMNS: u32 = 256;

/// Empty rows that cut a sheet in two. A roster's rows follow each other (a blank line or a page's worth between
/// groups at most); a value a thousand rows below the table (备注 typed in A1000000) is a stray, not a member: the
/// block holding most of the values is the table, the rest is left out and said.
pub const ROW_GAP: u32 = 1_000;

/// The last row a sheet can have (Excel's 1,048,576). A value further down is not a cell of any spreadsheet.
pub const ROWS: u32 = 1_048_576;

/// An .xls is read whole into a rectangle from its first to its last cell (the old format has no other way);
/// a stray far cell would make that rectangle 65,536 × 256. 2,000,000 cells (64 MB) is 20,000 members × 100 columns.
pub const XLS_GRID: u64 = 2_000_000;

/// The hidden data of a township package (JSON). A package of 20,000 members is about 3 MB.
pub const PACKAGE_DATA_BYTES: usize = 32 * 1024 * 1024;

/// Files in one 乡镇汇总. A township has 10–60 branches; a county office merging its towns' packages a few hundred.
pub const PACKAGES: usize = 2_000;

/// Any one count in a package. No 党支部 (nor 党总支) has more members than this; a larger number is not a count.
pub const BRANCH_MEMBERS: i64 = 100_000;
