#![allow(clippy::unwrap_used, clippy::expect_used)]
//! The README's command-line examples (its `console` blocks) are run
//! against the real binary by trycmd, from the crate root, so the README
//! cannot drift from what the tool prints.

#[test]
fn readme_examples_print_what_the_readme_says() {
    trycmd::TestCases::new()
        .register_bin("matchslate", trycmd::cargo::cargo_bin!("matchslate"))
        .case("README.md");
}
