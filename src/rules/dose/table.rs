//! The nutrient table (`data/nutrients.yaml` in a pack): tolerable upper intake levels by life
//! stage, names, compounds with their elemental fractions, and IU factors; checked when it is
//! loaded, and rendered as the Markdown tables of `docs/dose-limits.md`.

use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};

/// The life stages a UL can be given for, youngest first, then pregnancy and lactation.
pub const STAGES: &[&str] = &[
    "infants-0-6m",
    "infants-7-12m",
    "children-1-3",
    "children-4-8",
    "children-9-13",
    "teens-14-18",
    "adults",
    "pregnancy",
    "lactation",
];

/// The mass unit a nutrient's ULs are given in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Unit {
    /// Milligrams.
    Mg,
    /// Micrograms.
    Mcg,
}

impl Unit {
    /// The short spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Unit::Mg => "mg",
            Unit::Mcg => "mcg",
        }
    }
}

/// The nutrient table file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Table {
    /// Its kind (`upper-limits`).
    pub table: String,
    /// The nutrients.
    pub nutrients: Vec<Nutrient>,
}

/// One nutrient with its ULs by life stage.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Nutrient {
    /// Stable id (`magnesium`).
    pub id: String,
    /// Names in copy; the first is the one messages use.
    pub names: Vec<String>,
    /// The unit of the UL figures.
    #[serde(default)]
    pub unit: Option<Unit>,
    /// What the UL covers (supplements only, synthetic forms only, ...).
    #[serde(default)]
    pub covers: Option<String>,
    /// Where the figures come from.
    #[serde(default)]
    pub source: Option<String>,
    /// UL per day by life stage; empty when the nutrient has none.
    #[serde(default)]
    pub ul: BTreeMap<String, f64>,
    /// How many `unit` one IU is.
    #[serde(default)]
    pub iu: Option<f64>,
    /// IU factors by form.
    #[serde(default)]
    pub iu_forms: Vec<IuForm>,
    /// Factors for amounts stated on another basis, by the word after the unit
    /// (`dfe: 0.588`: 1 mcg DFE counts as 0.588 mcg of folic acid).
    #[serde(default)]
    pub equivalents: BTreeMap<String, f64>,
    /// Salts and chelates sold by compound weight.
    #[serde(default)]
    pub compounds: Vec<Compound>,
}

/// An IU factor for a named form.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IuForm {
    /// The form's names.
    pub names: Vec<String>,
    /// How many `unit` one IU of this form is.
    pub iu: f64,
}

/// A compound with its elemental fraction by mass.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Compound {
    /// The compound's names.
    pub names: Vec<String>,
    /// Mass fraction of the nutrient in the usual commercial form (0 to 1).
    pub elemental_fraction: f64,
    /// The highest fraction of any common form sold under these names (the anhydrous salt
    /// when the usual form is a hydrate); the most elemental a stated weight can hold.
    #[serde(default)]
    pub elemental_fraction_max: Option<f64>,
}

impl Compound {
    /// The most elemental nutrient one unit of weight of this compound can hold.
    pub fn max_fraction(&self) -> f64 {
        self.elemental_fraction_max
            .unwrap_or(self.elemental_fraction)
            .max(self.elemental_fraction)
    }
}

impl Nutrient {
    /// The name messages use: the first name, with the letter of a vitamin in capitals
    /// ("vitamin D", "vitamin B6").
    pub fn name(&self) -> String {
        let first = self.names.first().map_or(self.id.as_str(), String::as_str);
        match first.strip_prefix("vitamin ") {
            Some(letter) if letter.len() <= 3 => format!("vitamin {}", letter.to_uppercase()),
            _ => first.to_string(),
        }
    }

    /// The UL for a life stage, if the IOM set one.
    pub fn ul(&self, stage: &str) -> Option<f64> {
        self.ul.get(stage).copied()
    }
}

/// What a name in the table refers to.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum NameRef {
    /// A nutrient by one of its names (index into [`Table::nutrients`]).
    Nutrient(usize),
    /// A compound: the nutrient and the compound's index in its `compounds`.
    Compound(usize, usize),
    /// A form with its own IU factor.
    Form(usize, f64),
}

impl NameRef {
    /// The nutrient the name belongs to.
    pub fn nutrient(self) -> usize {
        match self {
            NameRef::Nutrient(n) | NameRef::Compound(n, _) | NameRef::Form(n, _) => n,
        }
    }
}

impl Table {
    /// Parse and check a table: known life stages, units where there are ULs, fractions
    /// between 0 and 1, positive figures, and every name in exactly one place.
    pub fn load(text: &str) -> Result<Table, (String, Option<usize>)> {
        let table: Table = crate::yaml::from_str(text).map_err(|e| (e.message, e.line))?;
        let line_of = |needle: &str| {
            text.find(needle)
                .map(|at| text[..at].matches('\n').count() + 1)
        };
        let mut seen: HashMap<String, String> = HashMap::new();
        for n in &table.nutrients {
            // The line is looked for only when there is an error to point at it.
            let fail = |msg: String| Err((msg, line_of(&format!("id: {}", n.id))));
            if n.names.is_empty() {
                return fail(format!("`{}` has no names", n.id));
            }
            if !n.ul.is_empty() && n.unit.is_none() {
                return fail(format!("`{}` has ULs but no `unit`", n.id));
            }
            for (stage, v) in &n.ul {
                if !STAGES.contains(&stage.as_str()) {
                    return fail(format!(
                        "`{}` has a UL for an unknown life stage `{stage}` (known: {})",
                        n.id,
                        STAGES.join(", ")
                    ));
                }
                if !(v.is_finite() && *v > 0.0) {
                    return fail(format!(
                        "`{}` has a UL for `{stage}` that is not above 0",
                        n.id
                    ));
                }
            }
            let factors = n.iu.iter().chain(n.iu_forms.iter().map(|f| &f.iu));
            if factors
                .chain(n.equivalents.values())
                .any(|f| !(f.is_finite() && *f > 0.0))
            {
                return fail(format!(
                    "`{}` has an IU or equivalence factor that is not above 0",
                    n.id
                ));
            }
            for c in &n.compounds {
                let fractions =
                    std::iter::once(c.elemental_fraction).chain(c.elemental_fraction_max);
                if fractions.into_iter().any(|f| !(f > 0.0 && f <= 1.0)) {
                    return fail(format!(
                        "`{}` has an elemental fraction outside 0..1",
                        c.names.join("/")
                    ));
                }
            }
            let names = n
                .names
                .iter()
                .chain(n.compounds.iter().flat_map(|c| &c.names))
                .chain(n.iu_forms.iter().flat_map(|f| &f.names));
            for name in names {
                let key = name.trim().to_lowercase();
                if let Some(other) = seen.insert(key.clone(), n.id.clone()) {
                    return Err((
                        format!(
                            "the name `{key}` is listed twice (in `{other}` and `{}`)",
                            n.id
                        ),
                        line_of(name),
                    ));
                }
            }
        }
        Ok(table)
    }

    /// Every name with what it refers to, in table order.
    pub fn names(&self) -> Vec<(&str, NameRef)> {
        let mut out = Vec::new();
        for (i, n) in self.nutrients.iter().enumerate() {
            out.extend(n.names.iter().map(|s| (s.as_str(), NameRef::Nutrient(i))));
            for (ci, c) in n.compounds.iter().enumerate() {
                out.extend(
                    c.names
                        .iter()
                        .map(|s| (s.as_str(), NameRef::Compound(i, ci))),
                );
            }
            for f in &n.iu_forms {
                out.extend(f.names.iter().map(|s| (s.as_str(), NameRef::Form(i, f.iu))));
            }
        }
        out
    }

    /// The compound a [`NameRef::Compound`] points at.
    pub fn compound(&self, n: usize, c: usize) -> &Compound {
        &self.nutrients[n].compounds[c]
    }
}

/// A life stage in words ("children aged 4-8", "breastfeeding").
pub fn stage_words(stage: &str) -> String {
    match stage {
        "lactation" => "breastfeeding".into(),
        "infants-0-6m" => "infants aged 0-6 months".into(),
        "infants-7-12m" => "infants aged 7-12 months".into(),
        other => match other.split_once('-') {
            Some((group, ages)) => format!("{group} aged {ages}"),
            None => other.to_string(),
        },
    }
}

/// The ages in years a life stage covers (pregnancy and lactation: `None`).
pub fn stage_ages(stage: &str) -> Option<(f64, f64)> {
    Some(match stage {
        "infants-0-6m" => (0.0, 0.5),
        "infants-7-12m" => (0.5, 1.0),
        "children-1-3" => (1.0, 4.0),
        "children-4-8" => (4.0, 9.0),
        "children-9-13" => (9.0, 14.0),
        "teens-14-18" => (14.0, 19.0),
        "adults" => (19.0, f64::INFINITY),
        _ => return None,
    })
}

fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

/// A figure for a table cell: no trailing zeros, thousands separated.
fn table_figure(v: f64) -> String {
    if v.fract() == 0.0 {
        super::amount::figure(v)
    } else {
        let s = format!("{v}");
        let (int, frac) = s.split_once('.').unwrap_or((&s, ""));
        let int: f64 = int.parse().unwrap_or(0.0);
        format!("{}.{frac}", super::amount::figure(int))
    }
}

/// The Markdown tables of `docs/dose-limits.md`: ULs by nutrient and life stage, nutrients
/// with no UL, compounds and IU factors. Generated so the document cannot drift from the data.
pub fn limits_markdown(table: &Table) -> String {
    let mut out = String::new();
    out.push_str("### Upper limits\n\n");
    out.push_str("| nutrient | life stage | UL per day | covers | source |\n");
    out.push_str("|---|---|---|---|---|\n");
    for n in table.nutrients.iter().filter(|n| !n.ul.is_empty()) {
        let unit = n.unit.map_or("", Unit::as_str);
        let mut first = true;
        for stage in STAGES {
            let Some(v) = n.ul(stage) else {
                continue;
            };
            let (name, covers, source) = if first {
                (
                    n.name(),
                    cell(n.covers.as_deref().unwrap_or("")),
                    cell(n.source.as_deref().unwrap_or("")),
                )
            } else {
                Default::default()
            };
            first = false;
            let iu =
                n.iu.map(|f| format!(" ({} IU)", table_figure((v / f).round())))
                    .unwrap_or_default();
            out.push_str(&format!(
                "| {name} | {} | {} {unit}{iu} | {covers} | {source} |\n",
                stage_words(stage),
                table_figure(v)
            ));
        }
    }
    out.push_str("\n### Listed without an upper limit\n\n");
    out.push_str("| nutrient | why | source |\n|---|---|---|\n");
    for n in table.nutrients.iter().filter(|n| n.ul.is_empty()) {
        out.push_str(&format!(
            "| {} | {} | {} |\n",
            n.name(),
            cell(n.covers.as_deref().unwrap_or("")),
            cell(n.source.as_deref().unwrap_or(""))
        ));
    }
    out.push_str("\n### Compounds\n\n");
    out.push_str("| compound | nutrient | elemental fraction | most in any common form |\n");
    out.push_str("|---|---|---|---|\n");
    for n in &table.nutrients {
        for c in &n.compounds {
            out.push_str(&format!(
                "| {} | {} | {:.3} | {:.3} |\n",
                cell(&c.names.join(", ")),
                n.name(),
                c.elemental_fraction,
                c.max_fraction()
            ));
        }
    }
    out.push_str("\n### Other units\n\n");
    out.push_str("| nutrient | names | 1 IU or 1 unit of the basis is |\n|---|---|---|\n");
    for n in &table.nutrients {
        let unit = n.unit.map_or("", Unit::as_str);
        if let Some(f) = n.iu {
            out.push_str(&format!("| {} | (default) | {f} {unit} |\n", n.name()));
        }
        for form in &n.iu_forms {
            out.push_str(&format!(
                "| {} | {} | {} {unit} |\n",
                n.name(),
                cell(&form.names.join(", ")),
                form.iu
            ));
        }
        for (basis, f) in &n.equivalents {
            out.push_str(&format!(
                "| {} | {unit} {} | {f} {unit} |\n",
                n.name(),
                basis.to_uppercase()
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINI: &str = "table: upper-limits\nnutrients:\n  - id: magnesium\n    names: [magnesium]\n    unit: mg\n    ul: {adults: 350}\n    compounds:\n      - names: [magnesium oxide]\n        elemental_fraction: 0.603\n";

    #[test]
    fn a_well_formed_table_loads() {
        let t = Table::load(MINI).unwrap();
        assert_eq!(t.nutrients[0].ul("adults"), Some(350.0));
        assert_eq!(t.names().len(), 2);
        assert_eq!(t.names()[1], ("magnesium oxide", NameRef::Compound(0, 0)));
    }

    #[test]
    fn an_unknown_life_stage_is_an_error_with_its_line() {
        let text = MINI.replace("adults: 350", "adult: 350");
        let (msg, line) = Table::load(&text).unwrap_err();
        assert!(msg.contains("unknown life stage `adult`"), "{msg}");
        assert_eq!(line, Some(3));
    }

    #[test]
    fn a_name_in_two_entries_is_an_error() {
        let text = MINI.replace("[magnesium oxide]", "[magnesium]");
        let (msg, _) = Table::load(&text).unwrap_err();
        assert_eq!(
            msg,
            "the name `magnesium` is listed twice (in `magnesium` and `magnesium`)"
        );
    }

    #[test]
    fn fractions_outside_zero_to_one_are_errors() {
        let text = MINI.replace("0.603", "1.5");
        let (msg, _) = Table::load(&text).unwrap_err();
        assert_eq!(
            msg,
            "`magnesium oxide` has an elemental fraction outside 0..1"
        );
    }

    #[test]
    fn stages_read_as_words() {
        assert_eq!(stage_words("children-4-8"), "children aged 4-8");
        assert_eq!(stage_words("lactation"), "breastfeeding");
        assert_eq!(stage_words("adults"), "adults");
    }

    #[test]
    fn the_markdown_table_lists_each_stage() {
        let t = Table::load(MINI).unwrap();
        let md = limits_markdown(&t);
        assert!(
            md.contains("| magnesium | adults | 350 mg |  |  |\n"),
            "{md}"
        );
        assert!(
            md.contains("| magnesium oxide | magnesium | 0.603 | 0.603 |\n"),
            "{md}"
        );
    }
}
