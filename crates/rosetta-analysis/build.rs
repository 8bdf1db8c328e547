//! Compiles the built-in gazetteer (`data/gazetteer/*.tsv`, the plain files stay the source) into
//! static lookup tables, with the crate's own parsing and normalization code (the modules
//! below are the library's files, not copies), so a process never parses them.
//! `gazetteer::compiled` has the table layout; a test checks the tables against the
//! files parsed at run time.

#![allow(dead_code)]

#[path = "src/entity/arabic.rs"]
mod arabic;
#[path = "src/entity/cyrillic.rs"]
mod cyrillic;
#[path = "src/entity/gazetteer.rs"]
mod gazetteer;
#[path = "src/normalize.rs"]
mod normalize;
#[path = "src/entity/phonetic.rs"]
mod phonetic;
#[path = "src/script.rs"]
mod script;
#[path = "src/segment.rs"]
mod segment;
#[path = "src/vietnamese/tone.rs"]
mod tone;

use script::Script;

mod vietnamese {
    pub fn canonicalize_tone(syllable: &str, out: &mut String) -> bool {
        super::tone::canonicalize(syllable, out)
    }
}

/// The built-in files, in the order `entity::BUILTIN` adds them.
const FILES: [&str; 3] = ["countries.tsv", "cities.tsv", "entities.tsv"];

fn main() {
    // The included source files recompile (and so rerun) this script themselves.
    println!("cargo:rerun-if-changed=data/gazetteer");
    println!("cargo:rerun-if-changed=build.rs");
    let mut g = gazetteer::Gazetteer::default();
    for name in FILES {
        let path = format!("data/gazetteer/{name}");
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        // The shipped files are tested; a broken one is a build defect.
        g.add_tsv(name, &text)
            .unwrap_or_else(|e| panic!("built-in gazetteer: {e}"));
    }
    let source = gazetteer::compiled::rust_source(&g, "BUILTIN_TABLES", "super::gazetteer");
    let out = std::path::PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    std::fs::write(out.join("gazetteer.rs"), source).expect("OUT_DIR is writable");
}
