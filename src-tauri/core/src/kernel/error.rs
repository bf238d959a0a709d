//! Errors of the core. Each becomes `{code, message, fields}` at the boundary: a stable English code for programs
//! and tests, and a Chinese message that tells a branch secretary what went wrong and what to do.
use serde::Serialize;

pub type Result<T> = std::result::Result<T, Error>;

/// One rejected form field: which field, and what is wrong with it.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
pub struct FieldError {
    /// English field key, the same as in the member JSON (`id_number`).
    pub field: String,
    pub code: &'static str,
    /// Chinese sentence naming the field (「公民身份号码校验位不正确，请核对最后一位」).
    pub message: String,
}

impl FieldError {
    pub fn new(field: &str, code: &'static str, message: impl Into<String>) -> Self {
        Self { field: field.to_string(), code, message: message.into() }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("invalid input: {0:?}")]
    Invalid(Vec<FieldError>),
    #[error("{entity} {id} not found")]
    NotFound { entity: &'static str, id: i64 },
    #[error("the organisation is not set up yet")]
    NotSetUp,
    #[error("the organisation is already set up")]
    AlreadySetUp,
    #[error("database schema {found} is newer than this program ({supported})")]
    SchemaTooNew { found: i64, supported: i64 },
    #[error("not a BranchBook database")]
    ForeignDatabase,
    #[error("cannot open data file {path}: {source}")]
    Open { path: String, source: rusqlite::Error },
    #[error("database: {0}")]
    Db(#[from] rusqlite::Error),
    #[error("migration: {0}")]
    Migration(#[from] rusqlite_migration::Error),
    #[error("io: {0}")]
    Io(#[from] std::io::Error),
    #[error("json: {0}")]
    Json(#[from] serde_json::Error),
    #[error("xlsx: {0}")]
    Xlsx(#[from] rust_xlsxwriter::XlsxError),
    #[error("cannot use folder {path}")]
    Folder { path: String },
    #[error("data file {path} is damaged")]
    Corrupt { path: String },
    #[error("backup {file} cannot be used: {reason}")]
    BadBackup { file: String, reason: String },
    #[error("the app is locked")]
    Locked,
    /// Another BranchBook process (the app, or the CLI) has the data file open.
    #[error("data file {path} is in use by another BranchBook process")]
    InUse { path: String },
    /// Restoring a backup of another branch needs an explicit yes naming both.
    #[error("backup {file} belongs to branch {backup_branch}, not {current_branch}")]
    OtherBranch { file: String, backup_branch: String, current_branch: String },
    /// A spreadsheet or CSV that cannot be read at all (not a row-level problem).
    #[error("cannot read {file}: {reason}")]
    Unreadable { file: String, reason: String },
    /// No Chinese font for PDF output, or the PDF could not be laid out.
    #[error("pdf: {reason}")]
    Pdf { code: &'static str, reason: String },
    /// A file read or written outside the data file failed; `message` is the whole Chinese sentence, made by
    /// [`Error::reading`] / [`Error::writing`] from the OS error's kind (its text never reaches a person).
    #[error("file {path}: {code}")]
    File { code: &'static str, path: String, message: String },
    /// Not enough room on the disk a file is written to (a backup to a USB stick, an export).
    #[error("disk full at {dir}: need {need} bytes, {free} free")]
    DiskFull { dir: String, need: u64, free: u64 },
}

impl Error {
    pub fn invalid(field: &str, code: &'static str, message: impl Into<String>) -> Self {
        Error::Invalid(vec![FieldError::new(field, code, message)])
    }

    pub fn code(&self) -> &'static str {
        match self {
            Error::Invalid(errs) => errs.first().map(|e| e.code).unwrap_or("INVALID"),
            Error::NotFound { .. } => "NOT_FOUND",
            Error::NotSetUp => "NOT_SET_UP",
            Error::AlreadySetUp => "ALREADY_SET_UP",
            Error::SchemaTooNew { .. } => "SCHEMA_TOO_NEW",
            Error::ForeignDatabase => "FOREIGN_DATABASE",
            Error::Open { .. } => "OPEN_FAILED",
            Error::Db(e) if is_busy(e) => "DB_BUSY",
            Error::Db(e) if is_readonly_or_full(e) => "DB_WRITE_FAILED",
            Error::Db(e) if is_corrupt(e) => "DB_CORRUPT",
            Error::Db(_) => "DB_ERROR",
            Error::Migration(_) => "MIGRATION_FAILED",
            Error::Io(_) => "IO_ERROR",
            Error::Json(_) => "BAD_JSON",
            Error::Xlsx(_) => "XLSX_WRITE_FAILED",
            Error::Unreadable { .. } => "FILE_UNREADABLE",
            Error::Corrupt { .. } => "DB_CORRUPT",
            Error::Folder { .. } => "FOLDER_UNWRITABLE",
            Error::BadBackup { .. } => "BAD_BACKUP",
            Error::Locked => "LOCKED",
            Error::InUse { .. } => "DB_IN_USE",
            Error::OtherBranch { .. } => "OTHER_BRANCH",
            Error::Pdf { code, .. } => code,
            Error::File { code, .. } => code,
            Error::DiskFull { .. } => "DISK_FULL",
        }
    }

    /// The sentence a secretary reads.
    pub fn message(&self) -> String {
        match self {
            Error::Invalid(errs) => errs.iter().map(|e| e.message.as_str()).collect::<Vec<_>>().join("；"),
            Error::NotFound { entity, id } => format!("找不到{}（编号 {id}），可能已被更改，请刷新后重试", entity_zh(entity)),
            Error::NotSetUp => "还没有设置本支部信息，请先完成首次设置".into(),
            Error::AlreadySetUp => "本支部信息已经设置过，如需修改请到“设置”页面".into(),
            Error::SchemaTooNew { found, supported } => format!(
                "这个数据文件由更新版本的支部台账创建（数据版本 {found}，本程序支持到 {supported}），为防止损坏数据，本程序不会打开它。请安装最新版本的支部台账后再打开。"
            ),
            Error::ForeignDatabase => "这个文件不是支部台账的数据文件，请检查所选文件".into(),
            Error::Open { path, .. } => format!("无法打开数据文件 {path}，请检查该文件夹是否存在、是否有写入权限"),
            Error::Db(e) if is_busy(e) => "数据文件正被另一个程序使用，请关闭其他支部台账窗口后重试".into(),
            Error::Db(e) if is_readonly_or_full(e) => {
                "无法写入数据文件（磁盘已满或文件夹只读），本次修改没有保存，已保存的数据不受影响。请清理磁盘空间或检查文件夹权限后重试".into()
            }
            Error::Db(e) if is_corrupt(e) => {
                "数据文件已损坏，无法读取。请不要删除它；可以从最近的备份恢复，损坏的文件会被改名保留，供技术人员抢救".into()
            }
            Error::Db(e) => format!(
                "数据库出错（错误代码 {}）。已保存的数据不受影响，请重试；如反复出现请联系技术人员",
                e.sqlite_error().map(|s| s.extended_code).unwrap_or(-1)
            ),
            Error::Migration(_) => "升级数据文件失败，原数据未被修改。请联系技术人员，并保留数据文件".into(),
            Error::Io(e) => format!("读写文件出错：{}", io_reason(e)),
            Error::Json(e) if e.line() > 0 => format!("数据格式不正确（第 {} 行第 {} 个字符附近）", e.line(), e.column()),
            Error::Json(_) => "数据格式不正确".into(),
            Error::Xlsx(rust_xlsxwriter::XlsxError::IoError(e)) => format!(
                "保存表格文件失败：{}。如果该文件正在 Excel 或 WPS 中打开，请先关闭后重试",
                io_reason(e)
            ),
            Error::Xlsx(_) => "保存表格文件失败：表格内容超出了 Excel 的限制（如一个单元格超过 32767 个字）".into(),
            Error::Folder { path } => format!(
                "无法使用数据文件夹“{path}”：它是只读的、没有写入权限，或不存在且无法创建。已有的数据没有被改动。请让电脑管理员给这个文件夹写入权限，或把数据文件放到“文档”等可以写入的文件夹（命令行用 --db 指定位置）"
            ),
            Error::Corrupt { path } => format!(
                "数据文件 {path} 已损坏，无法打开。请不要删除它；可以从最近的备份恢复，损坏的文件会被改名保留，供技术人员抢救"
            ),
            Error::BadBackup { file, reason } => format!("备份“{file}”不能使用：{reason}。请选择其他备份"),
            Error::Locked => "支部台账已锁定，请输入密码解锁".into(),
            Error::InUse { path } => format!(
                "数据文件正在被支部台账使用，请先关闭程序（{path}）。为防止数据丢失，同一个数据文件同时只能由一个支部台账窗口或命令打开"
            ),
            Error::OtherBranch { file, backup_branch, current_branch } => format!(
                "注意：备份“{file}”属于“{backup_branch}”，不是当前的“{current_branch}”。恢复后，“{current_branch}”现在的数据会被“{backup_branch}”的数据替换（替换前会自动另存一份）。确实要恢复吗？"
            ),
            Error::Pdf { reason, .. } => reason.clone(),
            Error::Unreadable { file, reason } => format!("无法读取文件“{file}”：{reason}"),
            Error::File { message, .. } => message.clone(),
            Error::DiskFull { dir, need, free } => format!(
                "“{dir}”所在的磁盘（或U盘）空间不够：需要 {}，只剩 {}。没有写入任何文件，已有的数据不受影响。请删去U盘上不需要的文件，或换一个U盘后重试",
                size_text(*need),
                size_text(*free)
            ),
        }
    }

    /// Reading `path` failed: which file, and what to do, from the kind of the OS error.
    pub fn reading(path: &std::path::Path, e: &std::io::Error) -> Self {
        use std::io::ErrorKind as K;
        let p = path.display().to_string();
        let (code, message) = match e.kind() {
            K::NotFound => ("FILE_NOT_FOUND", format!("找不到文件“{p}”：它可能已被移动、改名或删除，或者U盘已拔出。请重新选择")),
            K::PermissionDenied => (
                "FILE_NO_PERMISSION",
                format!("没有读取“{p}”的权限。请把文件复制到“文档”或桌面后再选择，或请电脑管理员开放这个文件的读取权限"),
            ),
            K::IsADirectory => ("FILE_IS_FOLDER", format!("“{p}”是一个文件夹，不是文件。请打开这个文件夹，选择其中的文件")),
            K::UnexpectedEof | K::InvalidData => ("FILE_DAMAGED", format!("文件“{p}”不完整或已损坏（可能复制时没有复制完整），请重新复制一份后再试")),
            _ => ("FILE_READ_FAILED", format!("无法读取文件“{p}”：{}。请确认文件没有在其他程序中打开、U盘没有拔出，然后重试", io_reason(e))),
        };
        Error::File { code, path: p, message }
    }

    /// Writing `path` failed: which file or folder, and what to do.
    pub fn writing(path: &std::path::Path, e: &std::io::Error) -> Self {
        use std::io::ErrorKind as K;
        let p = path.display().to_string();
        let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).map(|d| d.display().to_string()).unwrap_or_else(|| p.clone());
        let (code, message) = match e.kind() {
            K::PermissionDenied | K::ReadOnlyFilesystem => {
                // Only a table or a PDF may be held open by another program; a backup is not.
                let ext = path.extension().map(|e| e.to_string_lossy().to_lowercase()).unwrap_or_default();
                let held = match ext.as_str() {
                    "xlsx" | "xls" | "csv" => "，或这个文件正在 Excel、WPS 中打开（请先关闭它）",
                    "pdf" => "，或这个文件正在 PDF 阅读器中打开（请先关闭它）",
                    _ => "",
                };
                (
                    "FOLDER_READ_ONLY",
                    format!("无法保存“{p}”：这个位置是只读的、没有写入权限（U盘可能打开了写保护开关）{held}。文件没有保存，已有的数据不受影响。请换一个文件夹（如“文档”或桌面）后重试"),
                )
            }
            K::StorageFull | K::QuotaExceeded => (
                "DISK_FULL",
                format!("“{dir}”所在的磁盘（或U盘）已满，文件没有保存，已有的数据不受影响。请清理空间或换一个位置后重试"),
            ),
            K::NotFound => ("FOLDER_NOT_FOUND", format!("找不到文件夹“{dir}”：它可能已被删除，或者U盘已拔出。请重新选择保存位置")),
            K::IsADirectory => ("FILE_IS_FOLDER", format!("“{p}”是一个文件夹，不能用作文件名。请换一个文件名")),
            _ => ("FILE_WRITE_FAILED", format!("无法保存文件“{p}”：{}。如果该文件正在 Excel、WPS 或其他程序中打开，请先关闭后重试", io_reason(e))),
        };
        Error::File { code, path: p, message }
    }

    pub fn payload(&self) -> ErrorPayload {
        ErrorPayload {
            code: self.code().to_string(),
            message: self.message(),
            fields: match self {
                Error::Invalid(errs) => errs.clone(),
                _ => Vec::new(),
            },
        }
    }
}

/// What the UI and CLI receive for any failure.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct ErrorPayload {
    pub code: String,
    pub message: String,
    pub fields: Vec<FieldError>,
}

/// A size as a person reads it: 292 KB, 1.3 MB.
pub fn size_text(bytes: u64) -> String {
    if bytes < 1024 * 1024 {
        format!("{} KB", bytes.div_ceil(1024))
    } else {
        format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0))
    }
}

/// What an OS error means, in a few Chinese words, from its kind (and the OS's number, for a technician): the OS's
/// own text is English (or the system's language) and names no file.
pub fn io_reason(e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    let what = match e.kind() {
        K::NotFound => "文件或文件夹不存在",
        K::PermissionDenied => "没有权限",
        K::IsADirectory => "这是一个文件夹",
        K::NotADirectory => "路径中的某一级不是文件夹",
        K::ReadOnlyFilesystem => "这个位置是只读的",
        K::StorageFull | K::QuotaExceeded => "磁盘已满",
        K::UnexpectedEof | K::InvalidData => "文件不完整或已损坏",
        K::AlreadyExists => "文件已存在",
        K::WouldBlock | K::ResourceBusy => "文件正被其他程序使用",
        K::TimedOut => "读写超时（U盘或网络位置可能已断开）",
        K::InvalidFilename => "文件名不合适（太长或含有不允许的字符）",
        K::FileTooLarge => "文件太大",
        K::OutOfMemory => "内存不足",
        _ => "系统拒绝了读写",
    };
    match e.raw_os_error() {
        Some(n) => format!("{what}（系统错误代码 {n}）"),
        None => what.to_string(),
    }
}

fn entity_zh(entity: &str) -> &'static str {
    match entity {
        "member" => "党员",
        "party_group" => "党小组",
        "branch" => "支部",
        "meeting" => "会议",
        "pairing" => "结对记录",
        "point_rule" => "积分规则",
        "point_entry" => "积分记录",
        _ => "记录",
    }
}

fn is_busy(e: &rusqlite::Error) -> bool {
    matches!(e.sqlite_error_code(), Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked))
}

fn is_corrupt(e: &rusqlite::Error) -> bool {
    matches!(e.sqlite_error_code(), Some(rusqlite::ErrorCode::DatabaseCorrupt | rusqlite::ErrorCode::NotADatabase))
}

fn is_readonly_or_full(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(rusqlite::ErrorCode::ReadOnly | rusqlite::ErrorCode::DiskFull | rusqlite::ErrorCode::CannotOpen)
    )
}
