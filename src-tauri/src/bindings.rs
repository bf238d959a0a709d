//! The UI's TypeScript types are generated from the Rust types that cross IPC (ts-rs), into
//! `ui/src/lib/api/bindings.ts`. `cargo test -p branchbook bindings` fails when that file is stale or when a command
//! takes or returns a type missing from `ROOTS` below; `make bindings` rewrites the file.
//!
//! The roots are the argument and result types of the commands; everything they contain follows by itself.
#![cfg(test)]

use branchbook_core::kernel::{codes, print_table};
use branchbook_core::meetings::{compliance, meeting, participation, sign_in, study};
use branchbook_core::members::{classify, import, member, roster, search};
use branchbook_core::reports::{audit, catalog, home, print_docs, stats, township};
use branchbook_core::safety::{backup, lock};
use branchbook_core::{appraisal, care, development, dues, mobile, org, points, settings};
use std::any::TypeId;
use std::collections::{BTreeMap, HashSet};
use ts_rs::{Config, TypeVisitor, TS};

/// Collects the declaration of every named type reachable from the roots, once each, sorted by name.
struct Collect {
    cfg: Config,
    seen: HashSet<TypeId>,
    decls: BTreeMap<String, (String, String)>,
    roots: Vec<String>,
}

impl TypeVisitor for Collect {
    fn visit<T: TS + 'static + ?Sized>(&mut self) {
        if !self.seen.insert(TypeId::of::<T>()) {
            return;
        }
        if T::output_path().is_none() {
            // Option, Vec, primitives: not declared themselves; what they hold may be.
            T::visit_generics(self);
            T::visit_dependencies(self);
            return;
        }
        let name = T::ident(&self.cfg);
        let rust = std::any::type_name::<T>().to_string();
        let docs = T::docs().map(|d| format!("{d}\n")).unwrap_or_default();
        let decl = format!("{docs}export {}", T::decl(&self.cfg));
        if let Some((other, same)) = self.decls.get(&name) {
            if *same == decl {
                return; // serde_json's Value and ts-rs's stand-in for it
            }
            panic!("two Rust types are both `{name}` in TypeScript ({other} and {rust}): give one #[ts(rename = \"…\")]");
        }
        self.decls.insert(name, (rust, decl));
        T::visit_dependencies(self);
    }
}

impl Collect {
    fn root<T: TS + 'static>(&mut self) {
        let rust = std::any::type_name::<T>();
        self.roots.push(rust.rsplit("::").next().unwrap_or(rust).to_string());
        self.visit::<T>();
    }
}

macro_rules! roots {
    ($c:ident; $($t:ty),* $(,)?) => { $( $c.root::<$t>(); )* };
}

fn generate() -> (String, Vec<String>) {
    // IDs are INTEGER in SQLite and far below 2^53: JSON numbers, `number` in TypeScript.
    let mut c = Collect { cfg: Config::new().with_large_int("number"), seen: HashSet::new(), decls: BTreeMap::new(), roots: Vec::new() };
    roots!(c;
        crate::commands::app::AppInfo, codes::CodeLists, branchbook_core::ErrorPayload,
        org::Org, org::Group, org::SetupInput,
        settings::Settings,
        member::MemberData, member::MemberRecord, member::MemberDetail, member::StatusChange,
        search::MemberQuery, search::MemberList, classify::Reclassify, classify::BatchResult, classify::Overview,
        crate::commands::members::RosterColumns, roster::RosterRequest, print_table::PrintTable,
        import::Preview, import::CommitOptions, import::ImportResult,
        meeting::Meeting, meeting::MeetingQuery, meeting::MeetingSummary, meeting::MeetingDetail, meeting::MeetingInput, meeting::Makeup,
        meeting::Attendee, compliance::CalendarRequest, compliance::Calendar, sign_in::SignInRequest,
        participation::Participation, participation::MemberParticipation, participation::Inactive,
        study::StudyPlans, study::PlanInput, study::PairInput, study::Partner,
        points::Rule, points::RuleData, points::EntryInput, points::AddResult, points::Entry, points::EntryQuery,
        points::TableRequest, points::MonthTable, points::Alert, points::MemberHistory, points::Talk, points::TalkInput,
        dues::StandardInput, dues::Standard, dues::BulkInput, dues::Review, dues::ReliefInput, dues::Relief, dues::Sheet, dues::PayInput, dues::PayResult,
        dues::Payment, dues::MemberDues, dues::ArrearsList, dues::HandleInput, dues::Handling, dues::RemitInput, dues::Remit, dues::Remits,
        dues::Deduction, dues::TableRequest, dues::DuesSettings,
        development::Person, development::PersonInput, development::StepInput, development::StepResult,
        mobile::Board, mobile::Card, mobile::CardInput, mobile::Contact, mobile::ContactInput, mobile::Transfer, mobile::OutInput,
        mobile::InInput, mobile::Lost, mobile::LostInput,
        care::Hardship, care::HardshipInput, care::Visit, care::VisitInput, care::Elder, care::Medals, care::Birthday,
        care::CareSettings, care::TableRequest,
        appraisal::Appraisal, appraisal::AppraisalInput, appraisal::TallyInput, appraisal::GradeInput, appraisal::ActionInput,
        home::Todo, audit::AuditQuery, audit::AuditPage,
        catalog::Item, catalog::Period, stats::Report, township::Township, township::config::Settings,
        backup::BackupInfo, lock::LockStatus, print_docs::PdfRequest,
    );
    let mut out = String::from(
        "// Generated from the Rust types that cross IPC (src-tauri/src/bindings.rs, ts-rs). Do not edit:\n\
         // change the Rust type and run `make bindings`.\n",
    );
    for (_, (_, decl)) in &c.decls {
        out.push('\n');
        out.push_str(decl);
        out.push('\n');
    }
    (out, c.roots)
}

fn bindings_path() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/src/lib/api/bindings.ts")
}

#[test]
fn bindings_are_current() {
    let (fresh, _) = generate();
    let path = bindings_path();
    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        std::fs::write(&path, &fresh).unwrap();
        return;
    }
    let saved = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(saved == fresh, "{} is stale: a Rust type that crosses IPC changed. Run `make bindings` and commit the file.", path.display());
}

/// The command sources, as text: `src/commands/*.rs` and `src/files.rs`.
fn command_sources() -> String {
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = vec![src.join("files.rs")];
    if let Ok(dir) = std::fs::read_dir(src.join("commands")) {
        files.extend(dir.flatten().map(|e| e.path()));
    }
    files.iter().filter_map(|f| std::fs::read_to_string(f).ok()).collect::<Vec<_>>().join("\n")
}

/// Every type a command takes (inside `Arg<…>`) or returns is a root, so its TypeScript is generated.
#[test]
fn every_command_type_is_a_root() {
    let (_, roots) = generate();
    let plain = ["Arg", "Res", "State", "Option", "Vec", "String", "AppHandle", "Runtime", "Mutex", "Store", "ImportSession", "T", "R"];
    let src = command_sources();
    let mut missing = Vec::new();
    for sig in src.split("#[tauri::command").skip(1) {
        let sig = &sig[..sig.find('{').unwrap_or(sig.len())];
        let sig = sig.split_once(']').map(|(_, s)| s).unwrap_or(sig);
        let name = sig.split("fn ").nth(1).and_then(|s| s.split(['(', '<']).next()).unwrap_or("?").trim().to_string();
        let (args, ret) = sig.split_once("->").unwrap_or((sig, ""));
        let mut types: Vec<&str> = args.split("Arg<").skip(1).collect();
        types.push(ret);
        for t in types {
            for word in t.split(|ch: char| !ch.is_alphanumeric() && ch != '_') {
                if word.starts_with(|ch: char| ch.is_ascii_uppercase()) && !plain.contains(&word) && !roots.iter().any(|r| r == word) {
                    missing.push(format!("{name}: {word}"));
                }
            }
        }
    }
    assert!(missing.is_empty(), "types that cross IPC but are not roots in bindings.rs: {missing:?}");
}
