//! `kind: statement`: the statements a label must carry, and one a copy must not make.
//!
//! `check:` picks which:
//! - `iron-warning`: the warning of 21 CFR 101.17(e), word for word, on a solid oral dosage
//!   form that holds iron as an iron source;
//! - `allergens`: the major food allergens (21 U.S.C. 321(qq)) declared as 21 U.S.C. 343(w)
//!   asks, in a "Contains" statement or in the ingredient list;
//! - `identity`: "dietary supplement" or a permitted variant (21 CFR 101.3(g));
//! - `net-quantity`: the net quantity of contents (21 CFR 101.105);
//! - `place-of-business`: the name and place of business (21 CFR 101.5);
//! - `adverse-event-contact`: a US address or phone number for reports of serious adverse
//!   events (21 U.S.C. 343(y));
//! - `approval`: "FDA approved" and the like, anywhere in the copy.
//!
//! All but `approval` run only on documents marked as labels (`labels:` in claimlint.yaml,
//! `kind: label` in front matter): a product page or a blog post is copy about a product,
//! not its package, and is never asked for a net quantity.

mod address;
mod allergen;
mod approval;
mod identity;
mod iron;

pub use allergen::TableFile as AllergenTable;

use super::{Compiler, Context, RuleMeta, rule_file};
use crate::diagnostic::{Diagnostic, Span};
use crate::document::label::{Direction, Panel, Statement};
use crate::document::{BlockKind, Document};
use serde::Deserialize;
use std::ops::Range;

rule_file! {
    /// A statement rule as written in YAML.
    StatementFile {
        /// Which statement: `iron-warning`, `allergens`, `identity`, `net-quantity`,
        /// `place-of-business`, `adverse-event-contact` or `approval`.
        check: String,
        /// For `iron-warning`: the required words.
        #[serde(default)]
        text: Option<String>,
        /// For `allergens`: the allergen table, a data file of the pack.
        #[serde(default)]
        table: Option<String>,
    }
}

/// The checks a statement rule can make.
#[derive(Debug)]
enum Check {
    Iron(iron::IronWarning),
    Allergens(allergen::Allergens),
    Identity,
    NetQuantity,
    PlaceOfBusiness,
    AdverseEventContact,
    Approval,
}

/// A compiled statement rule.
#[derive(Debug)]
pub struct StatementRule {
    check: Check,
}

/// The names `check:` takes.
const CHECKS: &str = "iron-warning, allergens, identity, net-quantity, place-of-business, \
                      adverse-event-contact, approval";

/// Compile a statement rule file.
pub fn compile(f: StatementFile, c: &mut Compiler) -> Result<StatementRule, (String, String)> {
    let unused = |field: &str, what: &Option<String>| -> Result<(), (String, String)> {
        match what {
            Some(_) => Err((
                format!("{field}:"),
                format!("`{field}` is not read by `check: {}`", f.check),
            )),
            None => Ok(()),
        }
    };
    let check = match f.check.as_str() {
        "iron-warning" => {
            unused("table", &f.table)?;
            let Some(text) = &f.text else {
                return Err((
                    "check:".into(),
                    "`check: iron-warning` needs `text`, the required words".into(),
                ));
            };
            Check::Iron(iron::IronWarning::new(text).map_err(|e| ("text:".to_string(), e))?)
        }
        "allergens" => {
            unused("text", &f.text)?;
            let Some(table) = &f.table else {
                return Err((
                    "check:".into(),
                    "`check: allergens` needs `table`, the allergen data file".into(),
                ));
            };
            Check::Allergens(allergen::Allergens::load(table, c)?)
        }
        other => {
            unused("text", &f.text)?;
            unused("table", &f.table)?;
            match other {
                "identity" => Check::Identity,
                "net-quantity" => Check::NetQuantity,
                "place-of-business" => Check::PlaceOfBusiness,
                "adverse-event-contact" => Check::AdverseEventContact,
                "approval" => Check::Approval,
                _ => {
                    return Err((
                        format!("check: {other}"),
                        format!("unknown statement check `{other}`; use one of: {CHECKS}"),
                    ));
                }
            }
        }
    };
    Ok(StatementRule { check })
}

/// One label of a document: the whole document, or one product of a catalog export, with
/// the parts of the label model that stand in it.
pub(crate) struct LabelUnit<'a> {
    /// The document.
    pub doc: &'a Document,
    /// Its blocks.
    pub blocks: Range<usize>,
    /// Its bytes.
    pub span: Span,
    /// Panels inside it.
    pub panels: Vec<&'a Panel>,
    /// Statements ("Other ingredients", "Contains:") inside it.
    pub statements: Vec<&'a Statement>,
    /// Directions inside it.
    pub directions: Vec<&'a Direction>,
}

impl<'a> LabelUnit<'a> {
    /// The labels of a document: one per catalog product, or the whole document.
    fn all(doc: &'a Document) -> Vec<LabelUnit<'a>> {
        let label = &doc.label;
        let parts: Vec<(Range<usize>, Span)> = if doc.units.is_empty() {
            vec![(0..doc.blocks.len(), Span::new(0, doc.source.len()))]
        } else {
            doc.units
                .iter()
                .map(|u| (u.blocks.clone(), u.span))
                .collect()
        };
        parts
            .into_iter()
            .map(|(blocks, span)| LabelUnit {
                doc,
                blocks,
                span,
                panels: within(&label.panels, span, |p| p.span).iter().collect(),
                statements: within(&label.statements, span, |s| s.span).iter().collect(),
                directions: within(&label.directions, span, |d| d.sentence.span)
                    .iter()
                    .collect(),
            })
            .collect()
    }

    /// Where a finding about something the label lacks points: the product's name (the
    /// first heading or title), else the first block.
    pub fn anchor(&self) -> Span {
        let blocks = &self.doc.blocks[self.blocks.clone()];
        blocks
            .iter()
            .find(|b| matches!(b.kind, BlockKind::Heading | BlockKind::FrontMatter))
            .or_else(|| blocks.iter().find(|b| !b.text.trim().is_empty()))
            .map_or(Span::new(self.span.start, self.span.start), |b| {
                let text = b.text.trim_end();
                b.span(0..text.len())
            })
    }

    /// The unit's blocks with their indexes.
    pub fn block_iter(&self) -> impl Iterator<Item = (usize, &'a crate::document::Block)> + '_ {
        self.blocks.clone().map(|i| (i, &self.doc.blocks[i]))
    }

    /// Whether `span` lies inside a panel's serving size or a direction: a count of units
    /// there is a dose, not the contents.
    pub fn in_serving_or_directions(&self, span: Span) -> bool {
        self.panels
            .iter()
            .filter_map(|p| p.serving.as_ref())
            .any(|s| s.span.contains(span) || overlaps(s.span, span))
            || self
                .directions
                .iter()
                .any(|d| d.sentence.span.contains(span))
    }
}

/// The items of `items` (in source order) that lie inside `span`: a binary search, so that a
/// catalog of many labels is not read once per product.
fn within<T>(items: &[T], span: Span, at: impl Fn(&T) -> Span) -> &[T] {
    let lo = items.partition_point(|i| at(i).start < span.start);
    let hi = lo + items[lo..].partition_point(|i| at(i).start < span.end);
    let mut end = hi;
    while end > lo && at(&items[end - 1]).end > span.end {
        end -= 1;
    }
    &items[lo..end]
}

/// Whether two spans share a byte.
pub(crate) fn overlaps(a: Span, b: Span) -> bool {
    a.start < b.end && b.start < a.end
}

impl StatementRule {
    /// Run the rule over a document.
    pub fn check(&self, meta: &RuleMeta, ctx: &Context<'_>, out: &mut Vec<Diagnostic>) {
        let doc = ctx.doc;
        if let Check::Approval = self.check {
            approval::check(meta, doc, out);
            return;
        }
        // What only a package must carry is asked only of a label.
        if !doc.label.is_label() {
            return;
        }
        for unit in LabelUnit::all(doc) {
            match &self.check {
                Check::Iron(w) => w.check(meta, &unit, out),
                Check::Allergens(a) => a.check(meta, &unit, out),
                Check::Identity => identity::identity(meta, &unit, out),
                Check::NetQuantity => identity::net_quantity(meta, &unit, out),
                Check::PlaceOfBusiness => address::place_of_business(meta, &unit, out),
                Check::AdverseEventContact => address::adverse_event_contact(meta, &unit, out),
                Check::Approval => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::document::{Document, Format, ParseOptions};
    use crate::rules::RuleSet;

    fn label_rules(src: &str, format: Format) -> Vec<String> {
        let rules = RuleSet::builtin().unwrap();
        let options = ParseOptions {
            label: true,
            ..ParseOptions::default()
        };
        let doc = Document::parse_with(src.into(), format, &options);
        let mut fired: Vec<String> = rules
            .check(&doc)
            .into_iter()
            .filter(|d| d.category == crate::diagnostic::Category::Label)
            .map(|d| d.rule)
            .collect();
        fired.dedup();
        fired
    }

    #[test]
    fn characters_whose_case_changes_their_length_do_not_break_the_checks() {
        // "ſ" lowercases to "s" (one byte less), "İ" to two characters, and the Kelvin
        // sign matches "k" without case.
        let src = "İron Tablets ſoy\n\nOther Ingredients: wheyſ, \u{212a}amut, İ, ſesame.\n\
                   Contains: ſoy, İ milk.\n\nMade for İnc, Austİn, TX 78701.\n";
        for format in [Format::Text, Format::Markdown, Format::Html] {
            let _ = label_rules(src, format);
        }
    }

    #[test]
    fn a_compliant_label_is_silent_and_each_missing_statement_is_one_finding() {
        let good = "# Daily Magnesium\n\nDietary Supplement · 60 Capsules\n\n\
            Supplement Facts\nServing Size: 2 Capsules\n\
            Magnesium (as magnesium glycinate)   200 mg   48%\n\n\
            Other Ingredients: hypromellose (capsule), rice flour.\n\n\
            Directions: Adults take 2 capsules daily.\n\n\
            Distributed by Fernhill Nutrition, Austin, TX 78701. 1-800-555-0142.\n";
        assert_eq!(label_rules(good, Format::Markdown), Vec::<String>::new());
        for (cut, rule) in [
            ("Dietary Supplement · ", "us-fda/statement-of-identity"),
            (" · 60 Capsules", "us-fda/net-quantity"),
        ] {
            assert_eq!(
                label_rules(&good.replace(cut, ""), Format::Markdown),
                [rule],
                "without {cut:?}"
            );
        }
        assert_eq!(
            label_rules(
                &good.replace(", Austin, TX 78701. 1-800-555-0142", ""),
                Format::Markdown
            ),
            ["us-fda/adverse-event-contact", "us-fda/place-of-business"]
        );
    }

    #[test]
    fn a_near_miss_iron_warning_is_offered_the_exact_words() {
        let warning = "WARNING: Accidental overdose of iron-containing products is a leading \
            cause of fatal poisoning in children under 6. Keep this product out of reach of \
            children. In case of accidental overdose, call a doctor or poison control center \
            immediately.";
        let src = "Iron Tablets\n\nSupplement Facts\nServing Size: 1 Tablet\n\
            Iron (as ferrous fumarate)   18 mg   100%\n\n\
            WARNING: Accidental overdose of iron products is a leading cause of fatal \
            poisoning in children under six. Keep out of reach of children. In case of \
            accidental overdose, call a doctor or poison control center immediately.\n";
        let rules = RuleSet::builtin().unwrap();
        let options = ParseOptions {
            label: true,
            ..ParseOptions::default()
        };
        let doc = Document::parse_with(src.into(), Format::Text, &options);
        let d = rules
            .check(&doc)
            .into_iter()
            .find(|d| d.rule == "us-fda/iron-warning")
            .expect("a near miss");
        assert!(
            d.message.contains("\"six\" in place of \"6\""),
            "{}",
            d.message
        );
        let fix = d.fix.expect("a fix");
        assert_eq!(fix.applicability, crate::diagnostic::Applicability::Unsafe);
        let e = &fix.edits[0];
        let fixed = format!(
            "{}{}{}",
            &src[..e.span.start],
            e.replacement,
            &src[e.span.end..]
        );
        assert!(fixed.ends_with(&format!("{warning}\n")), "{fixed}");
        let again = Document::parse_with(fixed, Format::Text, &options);
        assert!(
            rules
                .check(&again)
                .iter()
                .all(|d| d.rule != "us-fda/iron-warning")
        );
    }
}
