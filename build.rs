//! Embeds every `rules/*.toml` file in the binary.

use std::fs;
use std::path::Path;

fn main() {
    println!("cargo:rerun-if-changed=rules");
    let manifest_dir = std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let rules_dir = Path::new(&manifest_dir).join("rules");
    let mut names: Vec<String> = fs::read_dir(&rules_dir)
        .expect("the rules/ folder exists")
        .filter_map(|entry| entry.ok())
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".toml"))
        .collect();
    names.sort();
    let mut code = String::from(
        "/// (file name, contents) of each bundled rule.\npub static BUNDLED_RULES: &[(&str, &str)] = &[\n",
    );
    for name in &names {
        let path = rules_dir.join(name);
        println!("cargo:rerun-if-changed={}", path.display());
        code.push_str(&format!(
            "    ({name:?}, include_str!({:?})),\n",
            path.display().to_string()
        ));
    }
    code.push_str("];\n");
    let out =
        Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("bundled_rules.rs");
    fs::write(out, code).expect("OUT_DIR is writable");
}
