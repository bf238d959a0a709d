//! The map of the core (分层), checked: a module uses only lower ranks, siblings do not use each other, and SQL on a
//! table appears only in its owner's `store.rs` / `store/` folder. See `shared/architecture.md` and README
//! "Architecture". It reads the sources, skipping comments and `#[cfg(test)]` code (tests may reach anywhere).
//!
//! Keep it green by moving code, not by adding exceptions: every ALLOW entry says why it exists.

use std::collections::{BTreeSet, HashMap};
use std::fs;
use std::path::{Path, PathBuf};

/// Areas and their ranks: a file may use only areas of a lower rank, or its own area.
const RANKS: &[(&str, u8)] = &[
    ("kernel", 0),
    ("store", 1),
    ("org", 2),
    ("safety", 2),
    ("members", 3),
    ("points", 4),
    ("meetings", 5),
    ("dues", 6),
    ("mobile", 6),
    ("care", 6),
    ("development", 7),
    ("appraisal", 7),
    ("reports", 8),
    ("settings", 8),
    ("demo", 8),
];

/// Which area owns each table. A table created by a migration and missing here fails the test.
const OWNERS: &[(&str, &str)] = &[
    ("setting", "store"),
    ("audit_log", "store"),
    ("org", "org"),
    ("branch", "org"),
    ("party_group", "org"),
    ("member", "members"),
    ("status_history", "members"),
    ("class_history", "members"),
    ("meeting", "meetings"),
    ("attendance", "meetings"),
    ("study_plan", "meetings"),
    ("pairing", "meetings"),
    ("point_rule", "points"),
    ("point_entry", "points"),
    ("point_month", "points"),
    ("point_talk", "points"),
    ("point_meeting_roll", "points"),
    ("dues_standard", "dues"),
    ("dues_relief", "dues"),
    ("dues_payment", "dues"),
    ("dues_remit", "dues"),
    ("dues_alert_handling", "dues"),
    ("dev_person", "development"),
    ("dev_step", "development"),
    ("mobile_card", "mobile"),
    ("mobile_contact", "mobile"),
    ("transfer", "mobile"),
    ("care_hardship", "care"),
    ("care_visit", "care"),
    ("care_medal", "care"),
    ("appraisal", "appraisal"),
    ("appraisal_entry", "appraisal"),
    ("appraisal_action", "appraisal"),
];

/// Root items of `lib.rs` that are re-exports of the kernel (`crate::Result` is `kernel::error::Result`).
const ROOT_KERNEL_ITEMS: &[&str] = &["Error", "ErrorPayload", "FieldError", "Result"];

/// Known exceptions, each with its reason: (file relative to src/, the offending text). Keep empty if you can.
const ALLOW: &[(&str, &str, &str)] = &[
    (
        "store/db.rs",
        "crate::org",
        "opening a file set up by an earlier version stamps its branch identity (org::stamp_identity) after every check; \
         moving the call out of db::open would change what the app, the CLI and every test get from open",
    ),
    (
        "safety/backup.rs",
        "crate::org",
        "a backup is matched to its branch (org::identity) and a rescue is signed by the secretary (org::actor); org and \
         safety share rank 2, and moving the identity below would put SQL on org outside its owner",
    ),
    (
        "safety/backup.rs",
        "member",
        "checking a backup counts the members in good standing of that other file, opened read-only before any schema \
         check; members (rank 3) sits above safety",
    ),
];

fn src_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

#[derive(Debug, Clone, PartialEq)]
enum Seg {
    Code(String),
    Str(String),
}

/// Splits Rust source into code and string literals, dropping comments. Char literals stay in code as `' '` so that
/// a `'{'` does not unbalance braces; lifetimes are left alone.
fn lex(src: &str) -> Vec<Seg> {
    let b: Vec<char> = src.chars().collect();
    let mut out = Vec::new();
    let mut code = String::new();
    let mut i = 0;
    let flush = |code: &mut String, out: &mut Vec<Seg>| {
        if !code.is_empty() {
            out.push(Seg::Code(std::mem::take(code)));
        }
    };
    while i < b.len() {
        let c = b[i];
        let next = b.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < b.len() && b[i] != '\n' {
                i += 1;
            }
            continue;
        }
        if c == '/' && next == Some('*') {
            let mut depth = 0;
            while i < b.len() {
                if b[i] == '/' && b.get(i + 1) == Some(&'*') {
                    depth += 1;
                    i += 2;
                } else if b[i] == '*' && b.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    i += 1;
                }
            }
            code.push(' ');
            continue;
        }
        let prev_ident = i > 0 && (b[i - 1].is_alphanumeric() || b[i - 1] == '_');
        // Raw strings: r"..", r#".."#, br#".."#.
        if !prev_ident && (c == 'r' || (c == 'b' && next == Some('r'))) {
            let mut j = if c == 'b' { i + 2 } else { i + 1 };
            let mut hashes = 0;
            while b.get(j) == Some(&'#') {
                hashes += 1;
                j += 1;
            }
            if b.get(j) == Some(&'"') {
                j += 1;
                let start = j;
                loop {
                    if j >= b.len() {
                        break;
                    }
                    if b[j] == '"' && (0..hashes).all(|k| b.get(j + 1 + k) == Some(&'#')) {
                        break;
                    }
                    j += 1;
                }
                flush(&mut code, &mut out);
                out.push(Seg::Str(b[start..j.min(b.len())].iter().collect()));
                i = j + 1 + hashes;
                continue;
            }
        }
        if c == '"' || (c == 'b' && next == Some('"') && !prev_ident) {
            let mut j = if c == 'b' { i + 2 } else { i + 1 };
            let mut s = String::new();
            while j < b.len() && b[j] != '"' {
                if b[j] == '\\' {
                    s.push(b[j]);
                    j += 1;
                }
                if j < b.len() {
                    s.push(b[j]);
                }
                j += 1;
            }
            flush(&mut code, &mut out);
            out.push(Seg::Str(s));
            i = j + 1;
            continue;
        }
        if c == '\'' {
            // A char literal: 'x', '\n', '\u{3000}'. A lifetime has no closing quote right after.
            if next == Some('\\') {
                let mut j = i + 2;
                while j < b.len() && b[j] != '\'' {
                    j += 1;
                }
                code.push_str("' '");
                i = j + 1;
                continue;
            }
            if b.get(i + 2) == Some(&'\'') {
                code.push_str("' '");
                i += 3;
                continue;
            }
        }
        code.push(c);
        i += 1;
    }
    flush(&mut code, &mut out);
    out
}

/// Drops every item marked `#[cfg(test)]` (a `mod tests { .. }`, a function, a `use`), and returns the names of
/// `#[cfg(test)] mod name;` declarations, whose files are test code too.
fn strip_test_items(segs: Vec<Seg>) -> (Vec<Seg>, Vec<String>) {
    // Work on one flat char stream with strings marked, so braces inside strings do not count.
    let mut chars: Vec<(char, Option<usize>)> = Vec::new(); // (char, Some(string index)) for strings
    let mut strings = Vec::new();
    for s in segs {
        match s {
            Seg::Code(c) => chars.extend(c.chars().map(|ch| (ch, None))),
            Seg::Str(t) => {
                chars.push(('"', Some(strings.len())));
                strings.push(t);
            }
        }
    }
    let code_at = |k: usize, chars: &Vec<(char, Option<usize>)>| chars.get(k).filter(|c| c.1.is_none()).map(|c| c.0);
    let mut keep = vec![true; chars.len()];
    let mut test_mods = Vec::new();
    let pat: Vec<char> = "#[cfg(test)]".chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let hit = (0..pat.len()).all(|k| code_at(i + k, &chars) == Some(pat[k]));
        if !hit {
            i += 1;
            continue;
        }
        let mut j = i + pat.len();
        let mut depth = 0i32;
        let mut text = String::new();
        while j < chars.len() {
            let (ch, s) = chars[j];
            if s.is_none() {
                text.push(ch);
                match ch {
                    '{' => depth += 1,
                    '}' => {
                        depth -= 1;
                        if depth == 0 {
                            break;
                        }
                    }
                    ';' if depth == 0 => break,
                    _ => {}
                }
            }
            j += 1;
        }
        let t = text.split_whitespace().collect::<Vec<_>>().join(" ");
        if let Some(rest) = t.strip_prefix("mod ").or_else(|| t.strip_prefix("pub mod ")).or_else(|| t.strip_prefix("pub(crate) mod ")) {
            if let Some(name) = rest.strip_suffix(';') {
                test_mods.push(name.trim().to_string());
            }
        }
        for k in keep.iter_mut().take((j + 1).min(chars.len())).skip(i) {
            *k = false;
        }
        i = j + 1;
    }
    let mut out = Vec::new();
    let mut code = String::new();
    for (k, (ch, s)) in chars.into_iter().enumerate() {
        if !keep[k] {
            continue;
        }
        match s {
            None => code.push(ch),
            Some(n) => {
                if !code.is_empty() {
                    out.push(Seg::Code(std::mem::take(&mut code)));
                }
                out.push(Seg::Str(strings[n].clone()));
            }
        }
    }
    if !code.is_empty() {
        out.push(Seg::Code(code));
    }
    (out, test_mods)
}

/// The module path of a file: `members/store/activity.rs` → [members, store, activity]; `members/mod.rs` → [members].
fn module_path(rel: &Path) -> Vec<String> {
    let mut parts: Vec<String> = rel.iter().map(|p| p.to_string_lossy().to_string()).collect();
    let last = parts.pop().unwrap();
    let stem = last.trim_end_matches(".rs");
    if stem != "mod" && stem != "lib" {
        parts.push(stem.to_string());
    }
    parts
}

fn ident_at(s: &[char], mut k: usize) -> (String, usize) {
    while k < s.len() && s[k].is_whitespace() {
        k += 1;
    }
    let start = k;
    while k < s.len() && (s[k].is_alphanumeric() || s[k] == '_') {
        k += 1;
    }
    (s[start..k].iter().collect(), k)
}

/// Every first segment a piece of code reaches through `crate::` (with `{a, b}` groups) or `super::` chains that
/// climb out of the crate root.
fn targets(code: &str, module: &[String]) -> Vec<String> {
    let s: Vec<char> = code.chars().collect();
    let mut out = Vec::new();
    let mut k = 0;
    while k < s.len() {
        let boundary = k == 0 || !(s[k - 1].is_alphanumeric() || s[k - 1] == '_' || s[k - 1] == ':');
        let rest: String = s[k..(k + 7).min(s.len())].iter().collect();
        if boundary && rest.starts_with("crate::") {
            collect_after(&s, k + 7, &mut out);
            k += 7;
            continue;
        }
        if boundary && rest.starts_with("super::") {
            let mut n = 0;
            let mut j = k;
            while s[j..].iter().take(7).collect::<String>() == "super::" {
                n += 1;
                j += 7;
            }
            // `super` from a file `a/b.rs` (module a::b) is `a`; n supers leave module.len() - n segments.
            if n >= module.len() {
                collect_after(&s, j, &mut out);
            }
            k = j;
            continue;
        }
        k += 1;
    }
    out
}

/// After `crate::`: one identifier, or a `{ .. }` group whose items each start with an identifier.
fn collect_after(s: &[char], k: usize, out: &mut Vec<String>) {
    let mut j = k;
    while j < s.len() && s[j].is_whitespace() {
        j += 1;
    }
    if s.get(j) == Some(&'{') {
        let mut depth = 0;
        let mut item_start = true;
        j += 1;
        while j < s.len() {
            match s[j] {
                '{' => depth += 1,
                '}' if depth == 0 => break,
                '}' => depth -= 1,
                ',' if depth == 0 => item_start = true,
                c if item_start && (c.is_alphanumeric() || c == '_') => {
                    let (id, e) = ident_at(s, j);
                    out.push(id);
                    item_start = false;
                    j = e;
                    continue;
                }
                _ => {}
            }
            j += 1;
        }
    } else {
        let (id, _) = ident_at(s, j);
        if !id.is_empty() {
            out.push(id);
        }
    }
}

/// Tables an SQL string literal names after FROM / JOIN / INTO / UPDATE / TABLE. Only literals that read as SQL
/// (an upper-case statement keyword) count, so Chinese messages and English words are left alone.
fn sql_tables(lit: &str, tables: &BTreeSet<String>) -> Vec<String> {
    let words: Vec<&str> = lit.split(|c: char| !(c.is_alphanumeric() || c == '_')).filter(|w| !w.is_empty()).collect();
    let is_sql = words.iter().any(|w| matches!(*w, "SELECT" | "INSERT" | "UPDATE" | "DELETE" | "FROM" | "JOIN" | "REPLACE"));
    if !is_sql {
        return Vec::new();
    }
    let mut out = Vec::new();
    for w in words.windows(2) {
        if matches!(w[0], "FROM" | "JOIN" | "INTO" | "UPDATE" | "TABLE") && tables.contains(w[1]) {
            out.push(w[1].to_string());
        }
    }
    out
}

fn rs_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            rs_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

fn migration_tables() -> BTreeSet<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations");
    let mut out = BTreeSet::new();
    for e in fs::read_dir(dir).unwrap() {
        let text = fs::read_to_string(e.unwrap().path()).unwrap();
        let words: Vec<&str> = text.split(|c: char| !(c.is_alphanumeric() || c == '_')).filter(|w| !w.is_empty()).collect();
        for w in words.windows(4) {
            if w[0].eq_ignore_ascii_case("CREATE") && w[1].eq_ignore_ascii_case("TABLE") {
                // CREATE TABLE IF NOT EXISTS name
                let name = if w[2].eq_ignore_ascii_case("IF") { None } else { Some(w[2]) };
                if let Some(n) = name {
                    out.insert(n.to_string());
                }
            }
        }
        for w in words.windows(6) {
            if w[0].eq_ignore_ascii_case("CREATE") && w[1].eq_ignore_ascii_case("TABLE") && w[2].eq_ignore_ascii_case("IF") {
                out.insert(w[5].to_string());
            }
        }
    }
    out
}

/// Everything the map forbids, one line each.
fn problems(src: &Path) -> Vec<String> {
    let ranks: HashMap<&str, u8> = RANKS.iter().copied().collect();
    let owners: HashMap<&str, &str> = OWNERS.iter().copied().collect();
    let tables = migration_tables();
    let mut found = Vec::new();
    for t in &tables {
        if !owners.contains_key(t.as_str()) {
            found.push(format!("migrations: table `{t}` has no owner in OWNERS"));
        }
    }
    let mut files = Vec::new();
    rs_files(src, &mut files);
    files.sort();
    // First pass: strip test code and learn which files are `#[cfg(test)] mod x;` files.
    let used = std::cell::RefCell::new(BTreeSet::new());
    let mut stripped = Vec::new();
    let mut test_files = BTreeSet::new();
    for f in &files {
        let rel = f.strip_prefix(src).unwrap().to_path_buf();
        let (segs, test_mods) = strip_test_items(lex(&fs::read_to_string(f).unwrap()));
        let dir: PathBuf = module_path(&rel).iter().collect();
        for m in test_mods {
            test_files.insert(dir.join(format!("{m}.rs")));
            test_files.insert(dir.join(&m).join("mod.rs"));
            test_files.insert(dir.join(&m)); // a whole folder of test files
        }
        stripped.push((rel, segs));
    }
    for (rel, segs) in stripped {
        let shown = rel.to_string_lossy().replace('\\', "/");
        if rel.starts_with("bin") || shown == "lib.rs" {
            continue; // lib.rs only declares modules; a binary is its own crate.
        }
        if test_files.iter().any(|t| rel.starts_with(t)) {
            continue;
        }
        let module = module_path(&rel);
        let area = module[0].clone();
        let Some(&rank) = ranks.get(area.as_str()) else {
            found.push(format!("{shown}: in no known area (`{area}`); add the area to RANKS and architecture.md"));
            continue;
        };
        let allowed = |text: &str| {
            let hit = ALLOW.iter().position(|(f, t, _)| *f == shown && *t == text);
            if let Some(i) = hit {
                used.borrow_mut().insert(i);
            }
            hit.is_some()
        };
        let code: String = segs.iter().map(|s| if let Seg::Code(c) = s { c.as_str() } else { " \"\" " }).collect();
        for t in BTreeSet::<String>::from_iter(targets(&code, &module)) {
            if t == area {
                continue;
            }
            let text = format!("crate::{t}");
            let target_rank = match ranks.get(t.as_str()) {
                Some(&r) => r,
                None if ROOT_KERNEL_ITEMS.contains(&t.as_str()) => 0,
                None => {
                    found.push(format!("{shown}: uses `{text}`, which is in no known area"));
                    continue;
                }
            };
            if target_rank >= rank && !allowed(&text) {
                let how = if target_rank == rank { "sideways" } else { "upward" };
                found.push(format!("{shown} (rank {rank}): {how} use of `{text}` (rank {target_rank})"));
            }
        }
        for s in &segs {
            let Seg::Str(lit) = s else { continue };
            for t in sql_tables(lit, &tables) {
                let owner = owners.get(t.as_str()).copied().unwrap_or("?");
                let in_owner_store = module[0] == owner && (owner == "store" || module.get(1).is_some_and(|m| m == "store"));
                if !in_owner_store && !allowed(&t) {
                    found.push(format!("{shown}: SQL on `{t}` outside `{owner}`'s store"));
                }
            }
        }
    }
    // An exception that no longer matches anything is removed, so that the list stays the truth.
    for (i, (f, t, _)) in ALLOW.iter().enumerate() {
        if !used.borrow().contains(&i) {
            found.push(format!("ALLOW entry ({f}, {t}) matches nothing any more: remove it"));
        }
    }
    found.sort();
    found.dedup();
    found
}

#[test]
fn the_core_only_looks_down_and_each_table_has_one_owner() {
    let found = problems(&src_dir());
    assert!(found.is_empty(), "{} problems with the layers of the core:\n{}", found.len(), found.join("\n"));
}

#[test]
fn every_allowlist_entry_gives_its_reason() {
    for (f, t, why) in ALLOW {
        assert!(why.len() > 10, "{f} {t}: say why this exception exists");
    }
}

#[test]
fn the_checker_catches_what_it_should() {
    let m = |p: &str| module_path(Path::new(p));
    // `crate::` paths, groups, and `super` climbing out of the root.
    let code = "use crate::{store::audit, members::member}; fn f() { crate::org::get(); super::super::points::x(); }";
    assert_eq!(targets(code, &m("safety/backup.rs")), ["store", "members", "org", "points"]);
    assert!(targets("super::x()", &m("safety/backup.rs")).is_empty());
    // Test code and comments are skipped; braces inside strings do not end a test module early.
    let src = "// crate::demo\nfn a() {}\n#[cfg(test)]\nmod tests { fn t() { let s = \"}\"; crate::demo::load(); } }\nfn b() { crate::kernel::x(); }";
    let (segs, _) = strip_test_items(lex(src));
    let code: String = segs.iter().map(|s| if let Seg::Code(c) = s { c.clone() } else { String::new() }).collect();
    assert_eq!(targets(&code, &m("store/db.rs")), ["kernel"]);
    let (_, mods) = strip_test_items(lex("#[cfg(test)]\nmod tests;\n"));
    assert_eq!(mods, ["tests"]);
    // SQL literals name their tables; prose does not.
    let tables: BTreeSet<String> = ["member", "org"].iter().map(|s| s.to_string()).collect();
    assert_eq!(sql_tables("SELECT m.name FROM member m JOIN org o ON 1", &tables), ["member", "org"]);
    assert!(sql_tables("moved from member list", &tables).is_empty());
}
