//! The Daily Value table (`data/daily-values.yaml` in a pack): the RDIs and DRVs of 21 CFR
//! 101.9(c)(8)(iv) and (c)(9) by audience, the values before 2016, and how an amount on a
//! panel row becomes an amount in the Daily Value's unit (IU factors, folic acid as DFE).
//! Also the audience a label names, which picks the Daily Values its %DV is computed with.

use crate::document::front_matter::AmountUnit;
use crate::document::label::{Panel, Quantity, QuantityUnit, Row};
use crate::document::{BlockKind, Document};
use regex::Regex;
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};
use std::sync::LazyLock;

/// The audiences 21 CFR 101.9(c)(8)(iv) gives Daily Values for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Audience {
    /// Adults and children 4 years of age and older.
    Adults,
    /// Infants through 12 months of age.
    Infants,
    /// Children 1 through 3 years of age.
    #[serde(rename = "children-1-3")]
    Children1To3,
    /// Pregnant women and lactating women.
    PregnancyLactation,
}

impl Audience {
    /// As messages say it.
    pub fn describe(self) -> &'static str {
        match self {
            Audience::Adults => "adults and children 4 years and older",
            Audience::Infants => "infants through 12 months",
            Audience::Children1To3 => "children 1 through 3 years",
            Audience::PregnancyLactation => "pregnant and lactating women",
        }
    }
}

/// The unit of a Daily Value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DvUnit {
    /// Grams.
    G,
    /// Milligrams.
    Mg,
    /// Micrograms.
    Mcg,
    /// International units (only values before 2016).
    Iu,
}

impl DvUnit {
    /// The short spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            DvUnit::G => "g",
            DvUnit::Mg => "mg",
            DvUnit::Mcg => "mcg",
            DvUnit::Iu => "IU",
        }
    }

    /// Micrograms in one of this unit; `None` for IU.
    fn mcg(self) -> Option<f64> {
        match self {
            DvUnit::G => Some(1e6),
            DvUnit::Mg => Some(1e3),
            DvUnit::Mcg => Some(1.0),
            DvUnit::Iu => None,
        }
    }
}

/// An IU factor for the forms whose names contain one of `names`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IuForm {
    /// Words of the form's name ("d-alpha").
    pub names: Vec<String>,
    /// How many of the nutrient's unit one IU of the form is.
    pub iu: f64,
}

/// A factor for an amount stated with no basis in a named form (folic acid: 1.7 mcg DFE).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FormFactor {
    /// Words of the form's name.
    pub names: Vec<String>,
    /// How many of the basis one unit of the form is.
    pub factor: f64,
}

/// A value before 2016, with its unit.
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OldValue {
    /// The figure.
    pub value: f64,
    /// Its unit.
    pub unit: DvUnit,
}

/// One nutrient with its Daily Values.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct DvNutrient {
    /// Stable id.
    pub id: String,
    /// Names on a panel; the first is the one messages use.
    pub names: Vec<String>,
    /// The unit of the `dv` figures.
    pub unit: DvUnit,
    /// A Daily Reference Value (fat, carbohydrate, ...), not a vitamin or mineral.
    #[serde(default)]
    pub drv: bool,
    /// What the DV counts (`rae`, `dfe`, `ne`).
    #[serde(default)]
    pub basis: Option<String>,
    /// How many `unit` one IU is, whatever the form.
    #[serde(default)]
    pub iu: Option<f64>,
    /// IU factors by form.
    #[serde(default)]
    pub iu_forms: Vec<IuForm>,
    /// Factors to the basis for an amount stated in a named form with no basis.
    #[serde(default)]
    pub forms: Vec<FormFactor>,
    /// Forms whose amount with no basis cannot be put on the basis (not checked).
    #[serde(default)]
    pub unknown_forms: Vec<String>,
    /// The Daily Value by audience.
    pub dv: BTreeMap<Audience, f64>,
    /// The value for adults and children 4+ before 2016.
    #[serde(default)]
    pub before_2016: Option<OldValue>,
}

impl DvNutrient {
    /// The name messages use, with a vitamin's letter in capitals ("vitamin B12").
    pub fn display(&self) -> String {
        let name = &self.names[0];
        match name.strip_prefix("vitamin ") {
            Some(rest) => format!("vitamin {}", rest.to_uppercase()),
            None => name.clone(),
        }
    }
}

/// The table file as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TableFile {
    /// Its kind (`daily-values`).
    pub table: String,
    /// The nutrients.
    pub nutrients: Vec<DvNutrient>,
}

/// The Daily Value table, with its names looked up.
#[derive(Debug)]
pub struct DvTable {
    /// The nutrients.
    pub nutrients: Vec<DvNutrient>,
    by_name: HashMap<String, usize>,
    /// Every name, longest first, as one regex alternation (escaped).
    pub alternation: String,
}

/// Words that may stand before a nutrient's name on a row without changing it.
const MODIFIERS: &[&str] = &["elemental", "total", "natural", "supplemental", "chelated"];

/// A name as it is looked up: lowercase, hyphens between a letter and a figure dropped
/// ("vitamin b-12"), trailing symbols and colons dropped, single spaces.
pub fn normalize(name: &str) -> String {
    let lower = name.to_lowercase();
    let trimmed = lower.trim_end_matches(|c: char| {
        c == ':' || c == ' ' || c == '.' || crate::document::label::quantity::SYMBOLS.contains(&c)
    });
    let chars: Vec<char> = trimmed.chars().collect();
    let mut out = String::with_capacity(trimmed.len());
    for (i, &c) in chars.iter().enumerate() {
        if c == '-'
            && i > 0
            && chars[i - 1].is_alphabetic()
            && chars.get(i + 1).is_some_and(|n| n.is_ascii_digit())
        {
            continue;
        }
        out.push(c);
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

impl DvTable {
    /// Load and check the table; errors name the problem (and a nutrient's id).
    pub fn load(text: &str) -> Result<DvTable, String> {
        let file: TableFile = crate::yaml::from_str(text).map_err(|e| e.to_string())?;
        if file.table != "daily-values" {
            return Err(format!(
                "`table` is `{}`; a Daily Value table says `table: daily-values`",
                file.table
            ));
        }
        let mut by_name = HashMap::new();
        let mut names = Vec::new();
        for (i, n) in file.nutrients.iter().enumerate() {
            if n.names.is_empty() {
                return Err(format!("nutrient `{}` has no names", n.id));
            }
            if !n.dv.contains_key(&Audience::Adults) {
                return Err(format!(
                    "nutrient `{}` has no Daily Value for `adults`",
                    n.id
                ));
            }
            if let Some((a, v)) = n.dv.iter().find(|(_, v)| !(v.is_finite() && **v > 0.0)) {
                return Err(format!(
                    "nutrient `{}`: the Daily Value for {a:?} is {v}; it must be above 0",
                    n.id
                ));
            }
            for name in &n.names {
                let key = normalize(name);
                if by_name.insert(key.clone(), i).is_some() {
                    return Err(format!("the name `{name}` is in two entries"));
                }
                names.push(key);
            }
        }
        names.sort_by_key(|n| std::cmp::Reverse(n.len()));
        let alternation = names
            .iter()
            .map(|n| regex::escape(n).replace(' ', r"[\s-]+"))
            .collect::<Vec<_>>()
            .join("|");
        Ok(DvTable {
            nutrients: file.nutrients,
            by_name,
            alternation,
        })
    }

    /// The nutrient a name refers to, if the whole name (after modifiers) is one of the
    /// table's names.
    pub fn lookup(&self, name: &str) -> Option<usize> {
        let key = normalize(name);
        if let Some(&i) = self.by_name.get(&key) {
            return Some(i);
        }
        let mut rest = key.as_str();
        while let Some((first, after)) = rest.split_once(' ') {
            if !MODIFIERS.contains(&first) {
                break;
            }
            rest = after;
            if let Some(&i) = self.by_name.get(rest) {
                return Some(i);
            }
        }
        None
    }

    /// The nutrient of a panel row, by its name.
    pub fn row_nutrient(&self, row: &Row) -> Option<usize> {
        self.lookup(&row.name.text)
    }
}

/// Whether `text` (lowercase) contains any of `words` (lowercase).
fn names_any(text: &str, words: &[String]) -> bool {
    words.iter().any(|w| text.contains(w.as_str()))
}

/// A row's amount in its nutrient's Daily Value unit, on the DV's basis, with the factor from
/// the stated figure to it; `None` when it cannot be known (an IU amount of vitamin E in no
/// named form, a carotene amount with no RAE, an amount on another basis).
pub fn in_dv_unit(n: &DvNutrient, q: &Quantity, row_text: &str) -> Option<f64> {
    let QuantityUnit::Mass(unit) = q.unit else {
        return None;
    };
    let dv_mcg = n.unit.mcg()?;
    if unit == AmountUnit::Iu {
        let per_iu = n.iu.or_else(|| {
            n.iu_forms
                .iter()
                .find(|f| names_any(row_text, &f.names))
                .map(|f| f.iu)
        })?;
        return Some(q.value * per_iu);
    }
    let mcg = match unit {
        AmountUnit::G => q.value * 1e6,
        AmountUnit::Mg => q.value * 1e3,
        AmountUnit::Mcg => q.value,
        AmountUnit::Iu => unreachable!("handled above"),
    };
    let v = mcg / dv_mcg;
    match (q.basis, n.basis.as_deref()) {
        (Some(b), Some(want)) if b.as_str() == want => Some(v),
        (Some(_), _) => None,
        (None, None) => Some(v),
        (None, Some(_)) => {
            if let Some(f) = n.forms.iter().find(|f| names_any(row_text, &f.names)) {
                Some(v * f.factor)
            } else if names_any(row_text, &n.unknown_forms) {
                None
            } else {
                Some(v)
            }
        }
    }
}

/// A row's amount in a unit before 2016 (which may be IU), read from the figure as stated
/// with no basis factor: the pre-2016 values counted folic acid, not DFE, and vitamins A, D
/// and E in IU.
pub fn in_old_unit(n: &DvNutrient, old: OldValue, row: &Row, row_text: &str) -> Option<f64> {
    let quantities = [row.amount.as_ref(), row.alternate.as_ref()];
    if old.unit == DvUnit::Iu {
        if let Some(q) = quantities
            .iter()
            .flatten()
            .find(|q| q.unit == QuantityUnit::Mass(AmountUnit::Iu))
        {
            return Some(q.value);
        }
        let q = row.amount.as_ref()?;
        let per_iu = n.iu.or_else(|| {
            n.iu_forms
                .iter()
                .find(|f| names_any(row_text, &f.names))
                .map(|f| f.iu)
        })?;
        return in_dv_unit(n, q, row_text).map(|v| v / per_iu);
    }
    // A plain figure (no basis) first: "680 mcg DFE (400 mcg folic acid)".
    let q = quantities
        .iter()
        .flatten()
        .find(|q| {
            q.basis.is_none() && matches!(q.unit, QuantityUnit::Mass(u) if u != AmountUnit::Iu)
        })
        .copied()
        .or(row.amount.as_ref())?;
    let QuantityUnit::Mass(unit) = q.unit else {
        return None;
    };
    let mcg = match unit {
        AmountUnit::G => q.value * 1e6,
        AmountUnit::Mg => q.value * 1e3,
        AmountUnit::Mcg => q.value,
        AmountUnit::Iu => return None,
    };
    Some(mcg / old.unit.mcg()?)
}

/// Half of the last stated digit of a figure as written ("1.7 mg": 0.05; "400 mg": 0.5):
/// how far the actual amount may be from the declared one.
pub fn half_digit(text: &str) -> f64 {
    let figure: String = text
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.' || *c == ',')
        .collect();
    let decimals = figure
        .split_once('.')
        .map_or(0, |(_, d)| d.chars().filter(char::is_ascii_digit).count());
    0.5 * 10f64.powi(-(decimals as i32))
}

/// The lowest and highest %DV a declared amount can give: the %DV may be computed from the
/// actual amount, which rounds to the declared one (21 CFR 101.36(b)(2)(iii)(B)).
pub fn percent_range(amount_in_dv_unit: f64, q: &Quantity, dv: f64) -> (f64, f64) {
    let factor = if q.value > 0.0 {
        amount_in_dv_unit / q.value
    } else {
        1.0
    };
    let h = half_digit(&q.text);
    // IU factors are themselves rounded (0.67 mg of d-alpha-tocopherol).
    let slack = if q.unit == QuantityUnit::Mass(AmountUnit::Iu) {
        0.005
    } else {
        0.0
    };
    let lo = ((q.value - h).max(0.0) * factor) / dv * 100.0 * (1.0 - slack);
    let hi = ((q.value + h) * factor) / dv * 100.0 * (1.0 + slack);
    (lo, hi)
}

static INFANTS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\binfants?\b|\bbab(?:y|ies)\b|\b(?:0|birth)\s*(?:-|–|to)\s*12\s*months")
        .expect("valid regex")
});
static CHILDREN_1_3: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\bchildren\s+(?:ages?\s+)?(?:1|one)\s*(?:-|–|to|through)\s*(?:3|three)\b|\b(?:1|one)\s*(?:-|–|to|through)\s*(?:3|three)\s+years|\bchildren\s+(?:ages?\s+)?(?:2|two)\s*(?:-|–|&|and|to)\s*(?:3|three)\b|\btoddlers?\b|\bchildren\s+(?:less\s+than|under)\s+(?:4|four)\s+years\s+of\s+age\b")
        .expect("valid regex")
});
static PREGNANCY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\bpregnan|\blactat|\bnursing\s+(?:women|mothers|moms)|\bbreast-?feeding|\bprenatal\b",
    )
    .expect("valid regex")
});

/// The audiences a text names.
fn named(text: &str) -> Vec<Audience> {
    let mut out = Vec::new();
    if INFANTS.is_match(text) {
        out.push(Audience::Infants);
    }
    if CHILDREN_1_3.is_match(text) {
        out.push(Audience::Children1To3);
    }
    if PREGNANCY.is_match(text) {
        out.push(Audience::PregnancyLactation);
    }
    out
}

/// The audiences whose Daily Values a panel's %DV may be computed with, first the one
/// messages name. A panel that names an audience in its own text ("% Daily Value for
/// children 1 to 3 years") is held to that audience's values only; one whose product's
/// headings or directions name an audience ("Prenatal", "Children 1-3 years: ...") may use
/// those values or the general ones; otherwise the values for adults and children 4+. What
/// a product's copy names is read once per product.
#[derive(Debug, Default)]
pub struct Audiences {
    by_unit: HashMap<usize, Vec<Audience>>,
}

impl Audiences {
    /// The audiences of `panel`.
    pub fn of(&mut self, doc: &Document, panel: &Panel) -> Vec<Audience> {
        let own = doc
            .source
            .get(panel.span.start..panel.span.end)
            .map(named)
            .unwrap_or_default();
        if !own.is_empty() {
            return own;
        }
        let unit = doc.unit_key(panel.span.start);
        self.by_unit
            .entry(unit)
            .or_insert_with(|| product_audiences(doc, panel.span.start))
            .clone()
    }
}

/// The audiences the headings and directions of the product at `at` name, after the
/// general one.
fn product_audiences(doc: &Document, at: usize) -> Vec<Audience> {
    let mut out = vec![Audience::Adults];
    let mut add = |text: &str| {
        for a in named(text) {
            if !out.contains(&a) {
                out.push(a);
            }
        }
    };
    let (blocks, span) = super::unit_of(doc, at);
    let directions = &doc.label.directions;
    let from = directions.partition_point(|d| d.sentence.span.start < span.start);
    for d in directions[from..]
        .iter()
        .take_while(|d| d.sentence.span.start <= span.end)
    {
        if let Some(a) = &d.audience {
            add(&a.text);
        }
    }
    for b in &doc.blocks[blocks] {
        if matches!(b.kind, BlockKind::Heading | BlockKind::FrontMatter) && b.text.len() < 200 {
            add(&b.text);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_looked_up_without_hyphens_symbols_or_modifiers() {
        assert_eq!(normalize("Vitamin B-12 †"), "vitamin b12");
        assert_eq!(normalize("Vitamin D-3:"), "vitamin d3");
        assert_eq!(normalize("L-Theanine"), "l-theanine");
        let t = builtin();
        let id = |name: &str| t.lookup(name).map(|i| t.nutrients[i].id.as_str());
        assert_eq!(id("Elemental Magnesium"), Some("magnesium"));
        assert_eq!(id("Total Fat"), Some("total-fat"));
        assert_eq!(id("Vitamin B-12"), Some("vitamin-b12"));
        assert_eq!(id("Magnesium glycinate"), None);
    }

    #[test]
    fn the_last_stated_digit_bounds_the_actual_amount() {
        assert_eq!(half_digit("1.7 mg"), 0.05);
        assert_eq!(half_digit("400 mcg"), 0.5);
        assert_eq!(half_digit("1,000 IU"), 0.5);
    }

    #[test]
    fn a_bad_table_is_an_error_that_names_the_entry() {
        let err = |text: &str| DvTable::load(text).unwrap_err();
        assert!(err("table: upper-limits\nnutrients: []\n").contains("table: daily-values"));
        let no_adults = "table: daily-values\nnutrients:\n  - {id: x, names: [x], unit: mg, dv: {infants: 1}}\n";
        assert!(err(no_adults).contains("`x` has no Daily Value for `adults`"));
        let twice = "table: daily-values\nnutrients:\n  - {id: x, names: [zinc], unit: mg, dv: {adults: 1}}\n  - {id: y, names: [Zinc], unit: mg, dv: {adults: 2}}\n";
        assert!(err(twice).contains("`Zinc` is in two entries"));
        let zero =
            "table: daily-values\nnutrients:\n  - {id: x, names: [x], unit: mg, dv: {adults: 0}}\n";
        assert!(err(zero).contains("must be above 0"));
    }

    #[test]
    fn the_audiences_a_text_names() {
        assert_eq!(
            named("% Daily Value for Children 1 to 3 Years of Age"),
            [Audience::Children1To3]
        );
        assert_eq!(named("Children 2 & 3 years"), [Audience::Children1To3]);
        assert_eq!(named("Infants 0-12 months"), [Audience::Infants]);
        assert_eq!(
            named("For pregnant or lactating women"),
            [Audience::PregnancyLactation]
        );
        assert!(named("Keep out of reach of children. Adults take 2 daily.").is_empty());
    }

    fn builtin() -> DvTable {
        let pack = crate::rules::builtin_pack("us-fda").expect("pack");
        let file = pack
            .iter()
            .find(|f| f.rel == "data/daily-values.yaml")
            .expect("table");
        DvTable::load(&file.text).expect("the built-in table loads")
    }

    #[test]
    fn the_built_in_table_has_the_2016_adult_values() {
        let t = builtin();
        let adult = |id: &str| {
            let n = t.nutrients.iter().find(|n| n.id == id).expect(id);
            n.dv[&Audience::Adults]
        };
        // 21 CFR 101.9(c)(8)(iv) and (c)(9) as amended in 2016.
        assert_eq!(adult("vitamin-d"), 20.0);
        assert_eq!(adult("zinc"), 11.0);
        assert_eq!(adult("biotin"), 30.0);
        assert_eq!(adult("sodium"), 2300.0);
        assert_eq!(adult("dietary-fiber"), 28.0);
    }
}
