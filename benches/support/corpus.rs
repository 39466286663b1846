//! A deterministic generator of supplement marketing copy for benchmarks.
//!
//! Pages mix what real product copy holds: structure/function claims that pass, disease
//! claims, dose directions (some above the upper limit), evidence claims with and without
//! references, reference placeholders, links, tables and the DSHEA disclaimer (exact, slightly
//! wrong, or missing). Every sentence template here was written for this generator. The same
//! seed always gives the same bytes: a tiny splitmix64 drives every choice, no clock, no
//! network.
//!
//! Shared by `benches/lint.rs` (an in-memory sample) and `examples/gen_corpus.rs` (the corpus
//! on disk that `scripts/bench-e2e.sh` lints).

#![allow(dead_code)]

use std::fmt::Write as _;

/// splitmix64: small, fast, and good enough to pick templates.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator for `seed`.
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }

    /// One element of `items`.
    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

/// The markup of a generated page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageFormat {
    /// Markdown with YAML front matter.
    Markdown,
    /// Plain text with bullet lines.
    Text,
    // HTML: when `Format::Html` lands (the html branch), add `Html` here, give it an
    // extension in `extension()`, a share in `format_for()`, and a renderer beside
    // `render_markdown`/`render_text` that writes <h2>, <p>, <ul>/<li> and a <table>.
}

impl PageFormat {
    /// The file extension claimlint recognises for this format.
    pub fn extension(self) -> &'static str {
        match self {
            PageFormat::Markdown => "md",
            PageFormat::Text => "txt",
        }
    }
}

/// One generated page.
#[derive(Debug, Clone)]
pub struct Page {
    /// A relative path: `NN/NNNNN-slug.ext`.
    pub path: String,
    /// Its format.
    pub format: PageFormat,
    /// The copy.
    pub text: String,
}

const PRODUCTS: &[&str] = &[
    "Evenfall Magnesium",
    "Northgate Daily Multi",
    "Brightleaf Vitamin D3",
    "Tidewell Omega Blend",
    "Copperhill Zinc Plus",
    "Quietroot Ashwagandha",
    "Morningside B-Complex",
    "Harbor Iron Gentle",
    "Saltmarsh Iodine Drops",
    "Ridgeway Calcium Chews",
    "Fernbrook Vitamin C",
    "Lanternfly Sleep Formula",
];

const NUTRIENTS: &[&str] = &[
    "magnesium",
    "zinc",
    "vitamin D",
    "vitamin C",
    "iron",
    "calcium",
    "vitamin B6",
    "niacin",
    "selenium",
    "iodine",
    "vitamin E",
    "folic acid",
];

/// Nutrient, unit and a few daily amounts, some under and some over the adult UL.
const DOSES: &[(&str, &str, &[&str])] = &[
    ("magnesium", "mg", &["120", "200", "350", "500", "750"]),
    ("zinc", "mg", &["8", "15", "25", "40", "60"]),
    (
        "vitamin D",
        "IU",
        &["600", "1,000", "2,000", "4,000", "10,000"],
    ),
    ("vitamin C", "mg", &["90", "250", "500", "1,000", "3,000"]),
    ("iron", "mg", &["9", "18", "27", "45", "65"]),
    ("calcium", "mg", &["300", "600", "1,000", "2,500", "3,000"]),
    ("vitamin B6", "mg", &["2", "10", "25", "100", "150"]),
    ("niacin", "mg", &["16", "20", "35", "250", "500"]),
    ("selenium", "mcg", &["55", "100", "200", "400", "800"]),
    ("iodine", "mcg", &["150", "225", "500", "1,100", "2,000"]),
];

const FUNCTIONS: &[&str] = &[
    "muscle function",
    "energy metabolism",
    "a calm, balanced mood",
    "restful sleep",
    "healthy bones and teeth",
    "the normal function of the immune system",
    "cognitive performance",
    "healthy skin, hair and nails",
    "cardiovascular health",
    "joint comfort after exercise",
    "digestive regularity",
    "focus during long workdays",
];

const STRUCTURES: &[&str] = &[
    "bones",
    "muscles",
    "nerve signalling",
    "red blood cells",
    "collagen",
    "thyroid function",
    "circulation",
    "the gut lining",
];

const CONDITIONS: &[&str] = &[
    "depression",
    "migraines",
    "arthritis",
    "insomnia",
    "high blood pressure",
    "osteoporosis",
    "type 2 diabetes",
    "anxiety",
    "ADHD",
    "eczema",
    "asthma",
    "heart disease",
    "the common cold",
    "anemia",
    "Alzheimer's disease",
    "irritable bowel syndrome",
];

const DRUGS: &[&str] = &[
    "statins",
    "Prozac",
    "ibuprofen",
    "metformin",
    "antidepressants",
    "sleeping pills",
];

const BIOMARKERS: &[&str] = &[
    "blood pressure",
    "LDL cholesterol",
    "blood sugar",
    "triglycerides",
];

const FORMS: &[&str] = &["capsules", "softgels", "gummies", "tablets", "drops"];

const HEADINGS: &[&str] = &[
    "Why it works",
    "How to take it",
    "What is inside",
    "Our sourcing",
    "Frequently asked questions",
    "The science",
    "Who it is for",
    "Quality you can check",
    "Customer stories",
    "Ingredients",
];

const COMPLIANT: &[&str] = &[
    "{Product} supports {function} as part of a balanced diet.",
    "Each serving delivers {nutrient} in a gentle, well-absorbed form.",
    "{Nutrient} plays a part in {function}.",
    "Take two {form} with a meal, or as your healthcare practitioner directs.",
    "Our {form} are made in a facility that follows current good manufacturing practice.",
    "Store in a cool, dry place and keep out of the reach of children.",
    "Many customers make {Product} part of their evening routine.",
    "{Nutrient} helps maintain healthy {structure}.",
    "The formula contains no gluten, soy, dairy or artificial colours.",
    "Each bottle holds a sixty-day supply, so you can build a steady habit.",
    "We test every batch for purity and potency before it leaves our lab.",
    "Helps you wind down in the evening and wake up feeling refreshed.",
    "May relieve occasional sleeplessness when taken an hour before bed.",
    "{Nutrient} contributes to {function} — a small daily step that adds up.",
    "Our team spent two years choosing a form of {nutrient} that is easy on the stomach.",
    "If you are pregnant, nursing or taking medication, talk to your doctor before use.",
    "Pairs well with a balanced breakfast and a glass of water.",
    "The capsules are small, so they are easy to swallow.",
    "We ship in recyclable glass jars with a plant-based seal.",
    "Supports {function} on busy days.",
];

const DISEASE: &[&str] = &[
    "{Product} prevents {condition} and keeps you feeling your best.",
    "Many readers tell us it helped with their {condition}.",
    "A gentle way to treat {condition} at home.",
    "Our formula relieves the symptoms of {condition} within days.",
    "A natural alternative to {drug} for everyday use.",
    "Lowers {biomarker} in as little as two weeks.",
    "Fight {condition} the natural way.",
    "{Nutrient} may reduce the risk of {condition}.",
    "Customers with {condition} say they finally found relief.",
];

const DOSE: &[&str] = &[
    "Take {amount} {unit} of {dnutrient} per day with food.",
    "Each daily serving provides {amount} {unit} of {dnutrient}.",
    "Adults should not exceed {amount} {unit} of {dnutrient} daily.",
    "For best results, use {amount} {unit} of {dnutrient} each day.",
    "One scoop a day gives you {amount} {unit} {dnutrient}.",
];

const EVIDENCE: &[&str] = &[
    "Studies show {nutrient} supports {function} (ref).",
    "Clinically proven to support {function} [1].",
    "Research suggests {nutrient} helps maintain {structure} [citation needed].",
    "Scientists agree that {nutrient} is essential for {function}.",
];

const CITED: &[&str] = &[
    "A 2019 review found that {nutrient} supports {function}.",
    "Studies show {nutrient} contributes to {function}.",
];

const MIRACLE: &[&str] = &[
    "Guaranteed results or your money back.",
    "It is 100% safe with no side effects.",
    "Customers call it a small miracle in a bottle.",
];

const TESTIMONIALS: &[&str] = &[
    "\u{201c}I take it every morning and feel steadier through the afternoon.\u{201d} \u{2014} Dana, Ohio",
    "\u{201c}The gummies taste great and my kids remind me to take mine.\u{201d} \u{2014} Luis, Texas",
    "\u{201c}Easy on my stomach, which is rare for iron.\u{201d} \u{2014} Priya, Oregon",
    "\u{201c}Caf\u{e9} mornings feel calmer since I started.\u{201d} \u{2014} Ren\u{e9}e, Qu\u{e9}bec",
];

/// The disclaimer 21 CFR 101.93(c)(1) prescribes, word for word.
const DSHEA: &str = "These statements have not been evaluated by the Food and Drug Administration. This product is not intended to diagnose, treat, cure, or prevent any disease.";
const DSHEA_NEAR_MISS: &str = "These statements have not been evaluated by the FDA. This product is not intended to diagnose, treat, cure or prevent any disease.";
const GENERIC_DISCLAIMER: &str =
    "This information is for education only and is not medical advice.";

/// One kind of sentence, drawn with these weights (per thousand). Copy that is linted in CI
/// is mostly compliant: about one sentence in ten is a problem here, which, with the pages
/// that lack the disclaimer, gives about one finding per 1.3 KB (docs/performance.md has
/// the exact count).
const MIX: &[(u32, &[&str])] = &[
    (900, COMPLIANT),
    (25, DISEASE),
    (35, DOSE),
    (12, EVIDENCE),
    (8, CITED),
    (5, MIRACLE),
    (15, TESTIMONIALS),
];

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// Fill a template's slots.
fn fill(rng: &mut Rng, template: &str, product: &str) -> String {
    let (dnutrient, unit, amounts) = DOSES[rng.below(DOSES.len())];
    let amount = rng.pick(amounts);
    let nutrient = rng.pick(NUTRIENTS);
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let close = open + rest[open..].find('}').expect("closed slot");
        let slot = &rest[open + 1..close];
        match slot {
            "Product" => out.push_str(product),
            "nutrient" => out.push_str(nutrient),
            "Nutrient" => out.push_str(&capitalise(nutrient)),
            "function" => out.push_str(rng.pick(FUNCTIONS)),
            "structure" => out.push_str(rng.pick(STRUCTURES)),
            "condition" => out.push_str(rng.pick(CONDITIONS)),
            "drug" => out.push_str(rng.pick(DRUGS)),
            "biomarker" => out.push_str(rng.pick(BIOMARKERS)),
            "form" => out.push_str(rng.pick(FORMS)),
            "amount" => out.push_str(amount),
            "unit" => out.push_str(unit),
            "dnutrient" => out.push_str(dnutrient),
            other => panic!("unknown slot {other}"),
        }
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    out
}

fn sentence(rng: &mut Rng, product: &str) -> String {
    let mut roll = rng.below(1000) as u32;
    for (weight, templates) in MIX {
        if roll < *weight {
            let t = rng.pick(templates);
            return fill(rng, t, product);
        }
        roll -= weight;
    }
    fill(rng, COMPLIANT[0], product)
}

fn paragraph(rng: &mut Rng, product: &str) -> String {
    let n = 2 + rng.below(4);
    (0..n)
        .map(|_| sentence(rng, product))
        .collect::<Vec<_>>()
        .join(" ")
}

fn slug(s: &str) -> String {
    s.to_ascii_lowercase()
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}

fn render_markdown(rng: &mut Rng, product: &str, target: usize) -> String {
    let mut out = String::with_capacity(target + 2048);
    let _ = write!(
        out,
        "---\ntitle: \"{product}\"\ndescription: \"{}\"\nsku: CL-{:05}\nprice: {}.{:02}\ntags: [{}, {}]\n---\n\n# {product}\n\n",
        fill(rng, "Daily {nutrient} that supports {function}.", product),
        rng.below(100_000),
        9 + rng.below(40),
        rng.below(100),
        slug(rng.pick(NUTRIENTS)),
        rng.pick(FORMS),
    );
    while out.len() < target {
        let _ = write!(out, "## {}\n\n", rng.pick(HEADINGS));
        for _ in 0..1 + rng.below(3) {
            out.push_str(&paragraph(rng, product));
            out.push_str("\n\n");
        }
        match rng.below(6) {
            0 | 1 => {
                for _ in 0..2 + rng.below(4) {
                    let _ = writeln!(out, "- {}", sentence(rng, product));
                }
                out.push('\n');
            }
            2 => {
                out.push_str("| Nutrient | Amount per serving |\n|---|---|\n");
                for _ in 0..2 + rng.below(4) {
                    let (n, unit, amounts) = DOSES[rng.below(DOSES.len())];
                    let _ = writeln!(out, "| {} | {} {unit} |", capitalise(n), rng.pick(amounts));
                }
                out.push('\n');
            }
            3 => {
                let _ = write!(
                    out,
                    "Read [our testing report](https://example.org/reports/{}) or the [{} fact sheet](https://example.org/facts/{}).\n\n",
                    rng.below(1000),
                    rng.pick(NUTRIENTS),
                    rng.below(100)
                );
            }
            4 if rng.chance(0.3) => {
                out.push_str("```\nLot 24-118, best before 2027-03\n```\n\n");
            }
            _ => {}
        }
    }
    match rng.below(10) {
        0..=5 => {
            let _ = writeln!(out, "\\* {DSHEA}");
        }
        6 => {
            let _ = writeln!(out, "\\* {DSHEA_NEAR_MISS}");
        }
        7 => {
            let _ = writeln!(out, "{GENERIC_DISCLAIMER}");
        }
        _ => {}
    }
    out
}

fn render_text(rng: &mut Rng, product: &str, target: usize) -> String {
    let mut out = String::with_capacity(target + 2048);
    let _ = write!(out, "{product}\n\n");
    while out.len() < target {
        let _ = write!(out, "{}\n\n", rng.pick(HEADINGS));
        for _ in 0..1 + rng.below(3) {
            // Wrapped at about 90 columns, as copy pasted from a CMS often is.
            let p = paragraph(rng, product);
            let mut line = 0;
            for word in p.split(' ') {
                if line > 0 && line + word.len() > 90 {
                    out.push('\n');
                    line = 0;
                } else if line > 0 {
                    out.push(' ');
                    line += 1;
                }
                out.push_str(word);
                line += word.len();
            }
            out.push_str("\n\n");
        }
        if rng.chance(0.4) {
            for _ in 0..2 + rng.below(3) {
                let _ = writeln!(out, "  \u{2022} {}", sentence(rng, product));
            }
            out.push('\n');
        }
    }
    if rng.chance(0.7) {
        let _ = writeln!(out, "* {DSHEA}");
    }
    out
}

/// The format of page `index`: three pages in four are Markdown.
fn format_for(rng: &mut Rng) -> PageFormat {
    if rng.below(4) < 3 {
        PageFormat::Markdown
    } else {
        PageFormat::Text
    }
}

/// A page size between 1 KB and 200 KB, log-uniform (many small pages, a few large ones;
/// about 37 KB on average).
fn page_size(rng: &mut Rng) -> usize {
    let (lo, hi) = (1024f64.ln(), (200.0 * 1024.0f64).ln());
    let u = (rng.next_u64() >> 11) as f64 / (1u64 << 53) as f64;
    (lo + u * (hi - lo)).exp() as usize
}

/// Page `index` of the corpus for `seed`, about `size` bytes.
pub fn page(seed: u64, index: usize, size: usize) -> Page {
    let mut rng = Rng::new(seed ^ (index as u64).wrapping_mul(0xA24B_AED4_963E_E407));
    let product = rng.pick(PRODUCTS);
    let format = format_for(&mut rng);
    let text = match format {
        PageFormat::Markdown => render_markdown(&mut rng, product, size),
        PageFormat::Text => render_text(&mut rng, product, size),
    };
    Page {
        path: format!(
            "{:02}/{index:05}-{}.{}",
            index % 20,
            slug(product),
            format.extension()
        ),
        format,
        text,
    }
}

/// Pages for `seed` until they hold at least `total` bytes, sizes from 1 KB to 200 KB.
pub fn corpus(seed: u64, total: usize) -> impl Iterator<Item = Page> {
    let mut sizes = Rng::new(seed);
    let mut written = 0usize;
    (0..).map_while(move |index| {
        if written >= total {
            return None;
        }
        let p = page(seed, index, page_size(&mut sizes));
        written += p.text.len();
        Some(p)
    })
}

/// The seed of the standard corpus.
pub const STANDARD_SEED: u64 = 0xC1A1_0001;
/// The size of the standard corpus: 50 MB.
pub const STANDARD_SIZE: usize = 50 * 1000 * 1000;
