fn main() {
    // include_dir! does not notice new rule files on stable: rebuild when rules/ changes.
    println!("cargo::rerun-if-changed=rules");
}
