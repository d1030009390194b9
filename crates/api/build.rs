//! Declares the operations' handler files: every `src/handlers/<tag>/<operation>.rs` is a
//! module of its tag's folder by being there. For each folder this writes
//! `$OUT_DIR/handlers/<tag>.rs`, one `mod` a file, which the folder's `mod.rs` includes; so
//! adding an operation is adding its file (which registers its routes itself, `route!`).

use std::path::{Component, Path, PathBuf};

/// `to` as a path relative to the directory `from`. The modules are named by a path relative
/// to the generated file (rustc resolves a `#[path]` there), not an absolute one: a target
/// directory copied into another checkout (the warm `target/` of a worktree) then still
/// compiles that checkout's files, even before this script runs again.
fn relative(from: &Path, to: &Path) -> PathBuf {
    let from: Vec<Component> = from.components().collect();
    let to: Vec<Component> = to.components().collect();
    let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    let mut path = PathBuf::new();
    for _ in common..from.len() {
        path.push("..");
    }
    for c in &to[common..] {
        path.push(c.as_os_str());
    }
    path
}

fn main() {
    let manifest = std::env::var("CARGO_MANIFEST_DIR").expect("CARGO_MANIFEST_DIR");
    let handlers = Path::new(&manifest).join("src/handlers");
    let out = Path::new(&std::env::var("OUT_DIR").expect("OUT_DIR")).join("handlers");
    std::fs::create_dir_all(&out).expect("creating $OUT_DIR/handlers");
    // A directory: cargo runs this again when anything under it changes.
    println!("cargo:rerun-if-changed=src/handlers");
    let mut tags: Vec<_> = std::fs::read_dir(&handlers).expect("src/handlers").filter_map(|e| e.ok()).map(|e| e.path()).filter(|p| p.is_dir()).collect();
    tags.sort();
    for tag in tags {
        let mut files: Vec<_> = std::fs::read_dir(&tag)
            .expect("a handlers folder")
            .filter_map(|e| e.ok())
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "rs") && !p.ends_with("mod.rs"))
            .collect();
        files.sort();
        let mut text = format!("// Written by crates/api/build.rs: the files of src/handlers/{}/.\n", tag.file_name().unwrap().to_string_lossy());
        for file in files {
            let name = file.file_stem().unwrap().to_string_lossy().into_owned();
            assert!(
                !name.is_empty() && name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'),
                "{}: a handler file's name must be a module name (snake_case)",
                file.display()
            );
            text.push_str(&format!("#[path = {:?}]\nmod {name};\n", relative(&out, &file).display().to_string()));
        }
        let target = out.join(format!("{}.rs", tag.file_name().unwrap().to_string_lossy()));
        if std::fs::read_to_string(&target).ok().as_deref() != Some(text.as_str()) {
            std::fs::write(&target, text).expect("writing the handler modules");
        }
    }
}
