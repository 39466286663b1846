//! The label of a supplement as the copy shows it: Supplement Facts panels, the lines that
//! state what each unit holds, the statements around them ("Other ingredients", "Contains:")
//! and the directions. This is reading, not judging: no rule is known here, and every piece
//! keeps its bytes in the source so a rule can point at it.
//!
//! Panels are read from what the parsers leave: plain-text lines split into columns at runs
//! of spaces, Markdown and HTML table rows ([`Layout`](super::Layout) keeps which cells share
//! a row), `<div>` and `<dl>` grids (a row's cells are the runs between its inline elements),
//! catalog cells (each cell is read as its own small document) and front matter
//! (`supplement:`, docs/serving-facts.md). See docs/label.md for the model.

mod directions;
mod front_matter;
mod lines;
mod loose;
mod panel;
pub mod quantity;
mod row;
mod sentences;
mod statements;
mod words;

use super::{Document, Format};
use crate::diagnostic::Span;
pub use quantity::{Basis, DvValue, QuantityUnit};

/// Words with their bytes in the source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text {
    /// The words, as the reader sees them (markup removed, white space folded).
    pub text: String,
    /// Where they are.
    pub span: Span,
}

/// An amount on a label: "200 mg", "680 mcg DFE", "50 Billion CFU".
#[derive(Debug, Clone, PartialEq)]
pub struct Quantity {
    /// The figure (the top of a range).
    pub value: f64,
    /// The unit.
    pub unit: QuantityUnit,
    /// A basis after the unit (DFE, RAE, NE).
    pub basis: Option<Basis>,
    /// As written.
    pub text: String,
    /// Where.
    pub span: Span,
}

/// A %DV as stated, with where it is.
#[derive(Debug, Clone, PartialEq)]
pub struct DailyValue {
    /// What it says.
    pub value: DvValue,
    /// A footnote symbol with it ("20%*"), or the symbol that stands alone ("†").
    pub symbol: Option<String>,
    /// As written.
    pub text: String,
    /// Where.
    pub span: Span,
}

/// One line of a panel: a dietary ingredient and what one serving holds of it.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// The name before any parenthesis: "Magnesium", "Vitamin D3", "Probiotic Blend".
    pub name: Text,
    /// The form after "as": "magnesium bisglycinate chelate" in "Magnesium (as ...)".
    pub form: Option<Text>,
    /// Everything in parentheses after the name, as written: "(as cholecalciferol from
    /// lanolin)", "(50% as beta-carotene, 50% as retinyl acetate)".
    pub qualifier: Option<Text>,
    /// The amount per serving.
    pub amount: Option<Quantity>,
    /// A second amount in parentheses after the first: "(5,000 IU)".
    pub alternate: Option<Quantity>,
    /// The %DV as stated.
    pub daily_value: Option<DailyValue>,
    /// How deep the row is nested (0 at the top; "Total Sugars" under "Total
    /// Carbohydrate", a blend's members under the blend).
    pub depth: usize,
    /// The row this one is nested under, an index into the panel's rows.
    pub parent: Option<usize>,
    /// The whole row.
    pub span: Span,
}

impl Row {
    /// The name with its qualifier, as one lowercase string for looking up.
    pub fn full_name(&self) -> String {
        match &self.qualifier {
            Some(q) => format!("{} {}", self.name.text, q.text).to_lowercase(),
            None => self.name.text.to_lowercase(),
        }
    }
}

/// A proprietary blend: a row whose members are listed under it.
#[derive(Debug, Clone, PartialEq)]
pub struct Blend {
    /// The blend's row (its name and total weight, when stated).
    pub row: usize,
    /// The rows of its members.
    pub members: Vec<usize>,
}

/// The serving size: "2 Capsules", "1 Scoop (11 g)".
#[derive(Debug, Clone, PartialEq)]
pub struct Serving {
    /// How many units one serving is.
    pub count: f64,
    /// The unit, by its name in the label model (`capsule`, `softgel`, `scoop`, ...);
    /// `None` when the serving is given only as a weight.
    pub unit: Option<&'static str>,
    /// A weight or volume in parentheses: "(11 g)".
    pub weight: Option<Quantity>,
    /// The same serving counted in another unit, in parentheses: "1 mL (approx. 20
    /// drops)" is 20 drops. Directions in that unit are read through it.
    pub also: Option<(f64, &'static str)>,
    /// As written, after "Serving Size".
    pub text: String,
    /// Where (the whole "Serving Size: 2 Capsules").
    pub span: Span,
}

/// Where a panel was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PanelKind {
    /// A "Supplement Facts" panel (or one that is laid out as one: a serving size and rows).
    SupplementFacts,
    /// A panel titled "Nutrition Facts": the format of a food, not of a supplement.
    NutritionFacts,
    /// A line that says what one unit holds: "Each scoop (5 g) provides: Magnesium 300 mg".
    PerUnit,
    /// Label-style rows outside any panel: "Zinc 50 mg".
    Loose,
    /// A sentence of the copy that says what a unit holds: "Each softgel provides 60 mg of
    /// zinc".
    Sentence,
    /// The serving facts of the front matter (docs/serving-facts.md).
    FrontMatter,
}

/// A footnote of a panel: "† Daily Value not established."
#[derive(Debug, Clone, PartialEq)]
pub struct Footnote {
    /// The symbol it starts with, if any.
    pub symbol: Option<String>,
    /// Its words, after the symbol.
    pub text: Text,
}

/// A Supplement Facts panel, or what stands for one.
#[derive(Debug, Clone, PartialEq)]
pub struct Panel {
    /// Where it was read from.
    pub kind: PanelKind,
    /// "Supplement Facts", "Nutrition Facts", "Daily Flora 50B Supplement Facts".
    pub title: Option<Text>,
    /// The serving size.
    pub serving: Option<Serving>,
    /// Servings per container, as a figure with where it is.
    pub servings_per_container: Option<(f64, Span)>,
    /// The rows, in order.
    pub rows: Vec<Row>,
    /// Proprietary blends among the rows.
    pub blends: Vec<Blend>,
    /// Footnotes.
    pub footnotes: Vec<Footnote>,
    /// For front matter: the most servings a day the directions allow, when given.
    pub servings_per_day: Option<(f64, Span)>,
    /// The whole panel.
    pub span: Span,
}

impl Panel {
    fn new(kind: PanelKind, span: Span) -> Panel {
        Panel {
            kind,
            title: None,
            serving: None,
            servings_per_container: None,
            rows: Vec::new(),
            blends: Vec::new(),
            footnotes: Vec::new(),
            servings_per_day: None,
            span,
        }
    }

    /// The footnote that starts with `symbol`, if any.
    pub fn footnote(&self, symbol: &str) -> Option<&Footnote> {
        self.footnotes
            .iter()
            .find(|f| f.symbol.as_deref() == Some(symbol))
    }
}

/// What a statement beside the panel is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatementKind {
    /// "Other ingredients: ...".
    OtherIngredients,
    /// "Ingredients: ..." (a list of every ingredient).
    Ingredients,
    /// The allergen statement: "Contains: Milk (lactose)."
    Contains,
}

/// A statement beside the panel, with its items ("Hypromellose (vegetable capsule)").
#[derive(Debug, Clone, PartialEq)]
pub struct Statement {
    /// What it is.
    pub kind: StatementKind,
    /// The words after the lead ("Contains:"), whole.
    pub text: Text,
    /// The items, split at commas and semicolons outside parentheses.
    pub items: Vec<Text>,
    /// The whole statement, lead included.
    pub span: Span,
}

/// How many units one intake is: "2 capsules", "1-2 tablets", "1/2 to 1 teaspoon".
#[derive(Debug, Clone, PartialEq)]
pub struct Count {
    /// The top of the count (the upper end of a range counts).
    pub n: f64,
    /// The unit, by its name in the label model; `None` for "take 2 daily".
    pub unit: Option<&'static str>,
    /// Where.
    pub span: Span,
}

/// How often a day: "twice daily", "3 times a day", "every 4 hours", "with each meal".
#[derive(Debug, Clone, PartialEq)]
pub struct Frequency {
    /// Intakes a day (the top of a range; every N hours is 16 waking hours / N).
    pub per_day: f64,
    /// Where.
    pub span: Span,
}

/// The most the directions allow: "up to 6 a day", "do not exceed 2 tablets per day".
#[derive(Debug, Clone, PartialEq)]
pub struct Cap {
    /// The figure.
    pub n: f64,
    /// What it counts; `None` when the copy names no unit ("up to 6 a day").
    pub unit: Option<&'static str>,
    /// Where.
    pub span: Span,
}

/// One sentence of directions.
#[derive(Debug, Clone, PartialEq)]
pub struct Direction {
    /// How much at a time.
    pub count: Option<Count>,
    /// How often a day.
    pub frequency: Option<Frequency>,
    /// The most a day.
    pub cap: Option<Cap>,
    /// Whom it is for: "Adults and children 12 years and older", "Children 4-8 years".
    pub audience: Option<Text>,
    /// The sentence.
    pub sentence: Text,
}

impl Direction {
    /// The unit the directions count, from the count or else the cap.
    pub fn unit(&self) -> Option<&'static str> {
        self.count
            .as_ref()
            .and_then(|c| c.unit)
            .or_else(|| self.cap.as_ref().and_then(|c| c.unit))
    }

    /// Intakes a day: the frequency, 1 when none is given.
    pub fn times(&self) -> f64 {
        self.frequency.as_ref().map_or(1.0, |f| f.per_day)
    }

    /// Units a day at the most these directions allow, in [`Direction::unit`]: the cap
    /// when the copy states one (in the unit of the count, or in none), else the count
    /// times the frequency; `None` when the directions give no count and no cap ("use
    /// twice daily": a serving each time).
    pub fn units_per_day(&self) -> Option<f64> {
        let count_unit = self.count.as_ref().and_then(|c| c.unit);
        if let Some(cap) = &self.cap
            && (cap.unit.is_none() || count_unit.is_none() || same_unit(cap.unit, count_unit))
        {
            return Some(cap.n);
        }
        self.count.as_ref().map(|c| c.n * self.times())
    }

    /// Servings a day for a serving of `serving`, at the most the directions allow: units
    /// a day over units per serving when the units agree ("2 capsules twice daily" for a
    /// serving of 2 capsules is 2); a count in servings as it is; with no count, a serving
    /// each time. With no serving size known, each intake is taken as one serving. `None`
    /// when the directions count another unit than the serving's.
    pub fn servings_per_day(&self, serving: Option<&Serving>) -> Option<f64> {
        let unit = self.unit();
        let Some(units) = self.units_per_day() else {
            return Some(self.times());
        };
        if unit == Some("serving") {
            return Some(units);
        }
        match serving.filter(|s| s.unit.is_some() && s.count > 0.0) {
            Some(s) => {
                if unit.is_some() && !same_unit(unit, s.unit) {
                    // "10 drops" against "1 mL (approx. 20 drops)".
                    let (n, also) = s.also?;
                    return same_unit(unit, Some(also)).then(|| units / n);
                }
                Some(units / s.count)
            }
            None => {
                let per_intake = self.count.as_ref().map_or(1.0, |c| c.n.max(1.0));
                Some((units / per_intake).max(1.0))
            }
        }
    }
}

/// Whether two unit names count the same thing (a caplet is a tablet).
pub fn same_unit(a: Option<&str>, b: Option<&str>) -> bool {
    fn norm(u: Option<&str>) -> Option<&str> {
        match u {
            Some("caplet") => Some("tablet"),
            other => other,
        }
    }
    norm(a) == norm(b)
}

/// Why a document is read as a label (the package itself), not only as copy about one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Marked {
    /// Its path matches `labels:` in claimlint.yaml.
    Config,
    /// Its front matter says `kind: label`.
    FrontMatter,
}

/// Everything of a label a document holds.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Label {
    /// Panels, in source order.
    pub panels: Vec<Panel>,
    /// Statements beside panels ("Other ingredients", "Contains:"), in source order.
    pub statements: Vec<Statement>,
    /// Sentences of directions, in source order.
    pub directions: Vec<Direction>,
    /// Whether the document is a label, and why; `None` for copy about a product (a product
    /// page, a blog post), which is not asked for what only a package must carry.
    pub marked: Option<Marked>,
}

impl Label {
    /// Whether the document is marked as a label.
    pub fn is_label(&self) -> bool {
        self.marked.is_some()
    }

    /// Move every span by `f` (a catalog cell's label into the catalog's bytes).
    pub(crate) fn remap(&mut self, f: &dyn Fn(Span) -> Span) {
        let text = |t: &mut Text| t.span = f(t.span);
        for p in &mut self.panels {
            p.span = f(p.span);
            if let Some(t) = &mut p.title {
                text(t);
            }
            if let Some(s) = &mut p.serving {
                s.span = f(s.span);
                if let Some(w) = &mut s.weight {
                    w.span = f(w.span);
                }
            }
            if let Some((_, s)) = &mut p.servings_per_container {
                *s = f(*s);
            }
            for r in &mut p.rows {
                r.span = f(r.span);
                text(&mut r.name);
                for t in [&mut r.form, &mut r.qualifier].into_iter().flatten() {
                    text(t);
                }
                for q in [&mut r.amount, &mut r.alternate].into_iter().flatten() {
                    q.span = f(q.span);
                }
                if let Some(d) = &mut r.daily_value {
                    d.span = f(d.span);
                }
            }
            for n in &mut p.footnotes {
                text(&mut n.text);
            }
        }
        for s in &mut self.statements {
            s.span = f(s.span);
            text(&mut s.text);
            s.items.iter_mut().for_each(text);
        }
        for d in &mut self.directions {
            text(&mut d.sentence);
            if let Some(a) = &mut d.audience {
                text(a);
            }
            if let Some(c) = &mut d.count {
                c.span = f(c.span);
            }
            if let Some(c) = &mut d.frequency {
                c.span = f(c.span);
            }
            if let Some(c) = &mut d.cap {
                c.span = f(c.span);
            }
        }
    }
}

/// Read the label of a parsed document (of any format but a catalog, whose cells are read
/// one by one as they are parsed).
pub fn read(doc: &Document, marked: Option<Marked>) -> Label {
    let mut label = Label {
        marked,
        ..Label::default()
    };
    if let Some(facts) = doc.serving_facts() {
        label.panels.push(front_matter::panel(facts));
    }
    let lines = match doc.format {
        Format::Text => lines::text_lines(doc),
        Format::Markdown | Format::Html => lines::block_lines(doc),
        Format::Csv => return label,
    };
    let read = panel::read(&lines);
    label.panels.extend(read.panels);
    label.statements = read.statements;
    label.panels.extend(sentences::read(doc));
    label.directions = directions::read(doc);
    label.panels.sort_by_key(|p| p.span.start);
    label
}

#[cfg(test)]
mod tests;
