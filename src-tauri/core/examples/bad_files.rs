//! Writes the crafted corpus of files from outside (issue 24) into a folder: `cargo run -p branchbook-core
//! --example bad_files -- DIR`. `scripts/bad-files.sh` measures each; the E2E test imports and merges some.
#[path = "../tests/crafted/mod.rs"]
mod crafted;

fn main() {
    let dir = std::env::args().nth(1).unwrap_or_else(|| "bad-files".into());
    for p in crafted::corpus(std::path::Path::new(&dir)) {
        println!("{}", p.display());
    }
}
