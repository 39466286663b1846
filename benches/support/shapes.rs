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

/// One sentence that names a condition again and again after a lead: a caution before a
/// list ("Ask a doctor before use: gout, arthritis, ..."), or a story that joins them with
/// "and" ("Our stories: gout and arthritis and ..."). Every mention asks the same questions
/// of the sentence, so one that reads the whole sentence each time grows with its square.
pub fn sentence_of_mentions(bytes: usize, caution: bool) -> String {
    const CONDITIONS: &[&str] = &[
        "gout",
        "arthritis",
        "psoriasis",
        "eczema",
        "asthma",
        "migraine",
        "insomnia",
        "lupus",
    ];
    let (lead, sep) = if caution {
        ("Ask a doctor before use: ", ", ")
    } else {
        ("Our stories: ", " and ")
    };
    let mut s = String::from(lead);
    let mut i = 0;
    while s.len() < bytes {
        if i > 0 {
            s.push_str(sep);
        }
        s.push_str(CONDITIONS[i % CONDITIONS.len()]);
        i += 1;
    }
    s.push_str(".\n");
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

/// A catalog export of one product whose `Body` cell holds about `bytes` of copy: claims,
/// doses and evidence among ordinary sentences, quotes doubled as CSV has them.
pub fn catalog_cell(bytes: usize) -> String {
    const SENTENCES: &[&str] = &[
        "Our magnesium blend supports a calm mood and restful sleep. ",
        "Studies show it prevents migraines and cures gout. ",
        "Take 2 capsules twice daily with 500 mg of magnesium each. ",
        "Grown on small farms by families who care about \"\"quality\"\". ",
        "It is 100% safe with no side effects, a natural alternative to statins. ",
    ];
    let mut s = String::from("Handle,Title,Body\np1,Calm,\"");
    let mut i = 0;
    while s.len() < bytes {
        s.push_str(SENTENCES[i % SENTENCES.len()]);
        i += 1;
    }
    s.push_str("\"\n");
    s
}

/// A page of `entries` paragraphs that each cite a numbered reference, and the entries.
pub fn page_of_references(entries: usize) -> String {
    let mut s = String::new();
    for i in 0..entries {
        s.push_str(&format!("Studies show magnesium helps sleep [{i}].\n\n"));
    }
    for i in 0..entries {
        s.push_str(&format!(
            "[{i}] Smith J. Sleep study {i}. J Sleep. 2020.\n\n"
        ));
    }
    s
}
