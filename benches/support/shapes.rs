//! Inputs of one extreme shape, made to any size: the cases where time or memory grew faster
//! than the input (issue 17). Each function returns about `bytes` bytes (a catalog, about
//! `rows` rows).

/// One sentence full of disease claims: "Our blend prevents cancer and cures flu, ...".
pub fn sentence_of_claims(bytes: usize) -> String {
    let part = "prevents cancer and cures flu, ";
    let mut s = String::from("Our blend ");
    while s.len() + part.len() < bytes {
        s.push_str(part);
    }
    s.push_str("and more.\n");
    s
}

/// One sentence listing doses of several nutrients: "Each daily serving gives you 100 mg
/// magnesium, 101 mcg selenium, ...".
pub fn sentence_of_doses(bytes: usize) -> String {
    const UNITS: &[&str] = &[
        "mg magnesium",
        "mcg selenium",
        "mg zinc",
        "IU vitamin D",
        "mg vitamin C",
        "mcg vitamin B12",
        "mg iron",
    ];
    let mut s = String::from("Each daily serving gives you ");
    let mut i = 0;
    while s.len() < bytes {
        s.push_str(&format!("{} {}, ", 100 + i % 900, UNITS[i % UNITS.len()]));
        i += 1;
    }
    s.push_str("and water.\n");
    s
}

/// A catalog export with `rows` products, each with a structure/function claim and no
/// disclaimer (one finding per product).
pub fn catalog(rows: usize) -> String {
    let mut s = String::from("Handle,Title,Body (HTML)\n");
    for i in 0..rows {
        s.push_str(&format!(
            "p{i},Calm {i},\"<p>Supports restful sleep and a calm mood.</p>\"\n"
        ));
    }
    s
}

/// One HTML start tag with `count` attributes, then a sentence.
pub fn tag_with_attributes(count: usize) -> String {
    let mut s = String::from("<p");
    for i in 0..count {
        s.push_str(&format!(" data-a{i}=\"x\""));
    }
    s.push_str(">Supports restful sleep.</p>\n");
    s
}
