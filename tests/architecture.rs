//! The engine is a pure core: it must not know about async runtimes, the language server,
//! the file system or the terminal. This test reads its sources and fails when one appears.

use std::fs;
use std::path::Path;

const FORBIDDEN: &[(&str, &str)] = &[
    ("tokio", "an async runtime"),
    ("tower", "the language server framework"),
    ("lsp", "the language server protocol"),
    ("std::fs", "the file system"),
    ("std::io", "input and output"),
    ("std::process", "processes"),
    ("std::env", "the environment"),
    ("std::net", "the network"),
    ("println!", "printing"),
    ("eprintln!", "printing"),
    ("print!", "printing"),
    ("eprint!", "printing"),
    ("dbg!", "printing"),
    ("crate::cli", "the command line shell"),
    ("crate::output", "report formatting"),
];

#[test]
fn the_engine_does_no_io_and_knows_no_shell() {
    let engine = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/engine");
    let mut problems = Vec::new();
    let mut files = 0;
    for entry in fs::read_dir(&engine).expect("src/engine exists") {
        let path = entry.expect("readable entry").path();
        if path.extension().is_none_or(|extension| extension != "rs") {
            continue;
        }
        files += 1;
        let text = fs::read_to_string(&path).expect("readable source");
        for (number, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            for (word, what) in FORBIDDEN {
                if code.contains(word) {
                    problems.push(format!(
                        "{}:{}: uses {what} (`{word}`)",
                        path.display(),
                        number + 1
                    ));
                }
            }
        }
    }
    assert!(
        files >= 5,
        "expected the engine's modules in {}",
        engine.display()
    );
    assert!(
        problems.is_empty(),
        "the engine must stay pure:\n{}",
        problems.join("\n")
    );
}
