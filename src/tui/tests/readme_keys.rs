//! The README's key table lists every key the desk binds, so staff reading
//! it never miss one (it once lacked g/G, Ctrl-d/Ctrl-u and `<`/`>`).

use std::collections::HashSet;

use crossterm::event::{KeyCode, KeyModifiers};

use super::super::keys::{BINDINGS, Key};

/// How the README writes a key.
fn readme_name(key: &Key) -> String {
    match key.code {
        KeyCode::Char(c) if key.mods.contains(KeyModifiers::CONTROL) => format!("Ctrl-{c}"),
        KeyCode::Char(c) => c.to_string(),
        KeyCode::Up | KeyCode::Down | KeyCode::Left | KeyCode::Right => "arrows".to_string(),
        KeyCode::PageUp => "PgUp".to_string(),
        KeyCode::PageDown => "PgDn".to_string(),
        KeyCode::BackTab => "Shift-Tab".to_string(),
        other => other.to_string(),
    }
}

/// The keys in the README's key table: in its first column, each code
/// span whole (`` `/` `` is a key) and the plain words between them.
fn readme_keys() -> HashSet<String> {
    let readme = std::fs::read_to_string(super::data_dir().join("../README.md"))
        .unwrap_or_else(|e| panic!("README.md: {e}"));
    let table = readme
        .split("### Keys")
        .nth(1)
        .unwrap_or_else(|| panic!("README.md has no \"### Keys\" section"));
    table
        .lines()
        .skip_while(|line| !line.starts_with('|'))
        .take_while(|line| line.starts_with('|'))
        .filter_map(|line| line.split('|').nth(1))
        .flat_map(|keys| {
            let mut words = Vec::new();
            for (i, piece) in keys.split('`').enumerate() {
                if i % 2 == 1 {
                    words.push(piece.to_string());
                } else {
                    let plain = piece.split(['/', ',', ' ']).filter(|w| !w.is_empty());
                    words.extend(plain.map(str::to_string));
                }
            }
            words
        })
        .collect()
}

#[test]
fn the_readme_key_table_lists_every_bound_key() {
    let listed = readme_keys();
    let missing: Vec<String> = BINDINGS
        .iter()
        .flat_map(|binding| binding.keys.iter().map(readme_name))
        .filter(|name| !listed.contains(name))
        .collect();
    assert!(missing.is_empty(), "README key table misses {missing:?}");
}
