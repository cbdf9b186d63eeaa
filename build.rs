//! Rebuilds the binary when the embedded default theme or the `init`
//! scaffold change (they are included at compile time).

fn main() {
    println!("cargo:rerun-if-changed=themes/lotse");
    println!("cargo:rerun-if-changed=src/cmd/scaffold");
}
