//! The label model read from each format: panels, rows, statements and directions, with
//! their spans.

use super::*;
use crate::document::{Document, Format};

fn label(src: &str, format: Format) -> (Document, Label) {
    let doc = Document::parse(src.to_string(), format);
    let label = doc.label.clone();
    (doc, label)
}

fn at(doc: &Document, span: Span) -> &str {
    &doc.source[span.start..span.end]
}

/// (name, amount, %DV) of each row, as written in the source.
fn rows<'a>(doc: &'a Document, panel: &Panel) -> Vec<(&'a str, Option<&'a str>, Option<&'a str>)> {
    panel
        .rows
        .iter()
        .map(|r| {
            (
                at(doc, r.name.span),
                r.amount.as_ref().map(|a| at(doc, a.span)),
                r.daily_value.as_ref().map(|d| at(doc, d.span)),
            )
        })
        .collect()
}

const TEXT_PANEL: &str = r"Deep Rest Magnesium
Supplement Facts
Serving Size: 2 Capsules
Servings Per Container: 60

                          Amount Per Serving   % Daily Value
Magnesium (as magnesium glycinate)     200 mg          48%
Vitamin D3 (as cholecalciferol)        25 mcg (1,000 IU)  125%
Ashwagandha Root Extract (Withania
   somnifera, 5% withanolides)         300 mg           †
Calm Blend                             250 mg           †
   L-Theanine
   Lemon Balm Leaf
† Daily Value not established.

Other ingredients: Hypromellose (capsule), rice flour.
Contains: Milk (whey).

Directions: Adults take 2 capsules twice daily with food.
";

#[test]
fn a_plain_text_panel_with_its_rows_blend_footnote_and_statements() {
    let (doc, l) = label(TEXT_PANEL, Format::Text);
    assert_eq!(l.panels.len(), 1, "{:#?}", l.panels);
    let p = &l.panels[0];
    assert_eq!(p.kind, PanelKind::SupplementFacts);
    assert_eq!(at(&doc, p.title.as_ref().unwrap().span), "Supplement Facts");
    let serving = p.serving.as_ref().unwrap();
    assert_eq!((serving.count, serving.unit), (2.0, Some("capsule")));
    assert_eq!(at(&doc, serving.span), "Serving Size: 2 Capsules");
    assert_eq!(p.servings_per_container.map(|s| s.0), Some(60.0));
    assert_eq!(
        rows(&doc, p),
        [
            ("Magnesium", Some("200 mg"), Some("48%")),
            ("Vitamin D3", Some("25 mcg"), Some("125%")),
            ("Ashwagandha Root Extract", Some("300 mg"), Some("†")),
            ("Calm Blend", Some("250 mg"), Some("†")),
            ("L-Theanine", None, None),
            ("Lemon Balm Leaf", None, None),
        ]
    );
    let mg = &p.rows[0];
    assert_eq!(
        at(&doc, mg.form.as_ref().unwrap().span),
        "magnesium glycinate"
    );
    let d = &p.rows[1];
    assert_eq!(at(&doc, d.alternate.as_ref().unwrap().span), "1,000 IU");
    let herb = &p.rows[2];
    assert_eq!(
        at(&doc, herb.qualifier.as_ref().unwrap().span),
        "(Withania\n   somnifera, 5% withanolides)",
        "a row written on two lines is one row"
    );
    assert_eq!(
        p.blends,
        [Blend {
            row: 3,
            members: vec![4, 5]
        }]
    );
    assert_eq!(p.footnotes.len(), 1);
    assert_eq!(p.footnotes[0].symbol.as_deref(), Some("†"));
    let kinds: Vec<(StatementKind, Vec<&str>)> = l
        .statements
        .iter()
        .map(|s| (s.kind, s.items.iter().map(|i| at(&doc, i.span)).collect()))
        .collect();
    assert_eq!(
        kinds,
        [
            (
                StatementKind::OtherIngredients,
                vec!["Hypromellose (capsule)", "rice flour"]
            ),
            (StatementKind::Contains, vec!["Milk (whey)"]),
        ]
    );
    assert_eq!(l.directions.len(), 1);
    let dir = &l.directions[0];
    assert_eq!(at(&doc, dir.count.as_ref().unwrap().span), "2 capsules");
    assert_eq!(
        at(&doc, dir.frequency.as_ref().unwrap().span),
        "twice daily"
    );
    assert_eq!(at(&doc, dir.audience.as_ref().unwrap().span), "Adults");
    assert_eq!(dir.servings_per_day(p.serving.as_ref()), Some(2.0));
}

#[test]
fn a_markdown_table_panel() {
    let src = "## Supplement Facts\n\n\
| Serving Size 1 Scoop (11 g) · Servings Per Container 30 | | |\n\
|---|---|---|\n\
| **Amount Per Serving** | | **% Daily Value** |\n\
| Calories | 40 | |\n\
| Protein | 10 g | 20%\\* |\n\
| Total Carbohydrate | 2 g | <1%\\* |\n\
| Total Sugars | 1 g | |\n\
| Proprietary Blend | | |\n\
| Collagen Peptides | | |\n\n\
\\*Percent Daily Values are based on a 2,000 calorie diet.\n";
    let (doc, l) = label(src, Format::Markdown);
    assert_eq!(l.panels.len(), 1, "{:#?}", l.panels);
    let p = &l.panels[0];
    let serving = p.serving.as_ref().unwrap();
    assert_eq!((serving.count, serving.unit), (1.0, Some("scoop")));
    assert_eq!(at(&doc, serving.weight.as_ref().unwrap().span), "11 g");
    assert_eq!(
        rows(&doc, p),
        [
            ("Calories", Some("40"), None),
            ("Protein", Some("10 g"), Some("20%\\*")),
            ("Total Carbohydrate", Some("2 g"), Some("<1%\\*")),
            ("Total Sugars", Some("1 g"), None),
            ("Proprietary Blend", None, None),
            ("Collagen Peptides", None, None),
        ]
    );
    assert_eq!(p.rows[3].parent, Some(2), "sugars under carbohydrate");
    assert_eq!(
        p.rows[2].daily_value.as_ref().unwrap().value,
        DvValue::LessThanOne
    );
    assert_eq!(
        p.blends,
        [Blend {
            row: 4,
            members: vec![5]
        }]
    );
    assert_eq!(p.footnotes[0].symbol.as_deref(), Some("*"));
}

#[test]
fn html_tables_div_grids_and_definition_lists() {
    let table = "<h2>Supplement Facts</h2><table><caption>Serving Size: 2 Softgels</caption>\
<tr><th></th><th>Amount Per Serving</th><th>% DV</th></tr>\
<tr><td>Zinc (as zinc picolinate)</td><td>30 mg</td><td>273%</td></tr></table>";
    let grid = "<div class=\"sf\"><div>Supplement Facts</div><div>Serving Size 2 Gummies</div>\
<div><span>Vitamin C (as ascorbic acid)</span><span>90 mg 100%</span></div>\
<div><span>Total Carbohydrate 4 g</span><span>1%*</span></div></div>";
    let dl = "<p>Supplement Facts</p><p>Serving size: 1 tablet</p>\
<dl><dt>Iron (as ferrous bisglycinate)</dt><dd>18 mg</dd><dd>100%</dd></dl>";
    for (src, want) in [
        (table, vec![("Zinc", Some("30 mg"), Some("273%"))]),
        (
            grid,
            vec![
                ("Vitamin C", Some("90 mg"), Some("100%")),
                ("Total Carbohydrate", Some("4 g"), Some("1%*")),
            ],
        ),
        (dl, vec![("Iron", Some("18 mg"), Some("100%"))]),
    ] {
        let (doc, l) = label(src, Format::Html);
        assert_eq!(l.panels.len(), 1, "{src}: {:#?}", l.panels);
        assert_eq!(rows(&doc, &l.panels[0]), want, "{src}");
        assert!(l.panels[0].serving.is_some(), "{src}");
    }
}

#[test]
fn catalog_cells_hold_panels_at_their_bytes_in_the_file() {
    let src = "Handle,Title,Body (HTML)\nzinc-30,Zinc 30,\"<table><tr><td>Serving Size: 1 Capsule</td></tr><tr><td>Zinc (as zinc citrate)</td><td>30 mg</td><td>273%</td></tr></table><p>Take 2 capsules daily.</p>\"\n";
    let (doc, l) = label(src, Format::Csv);
    assert_eq!(l.panels.len(), 1);
    assert_eq!(
        rows(&doc, &l.panels[0]),
        [("Zinc", Some("30 mg"), Some("273%"))]
    );
    assert_eq!(l.directions.len(), 1);
    assert_eq!(
        at(&doc, l.directions[0].count.as_ref().unwrap().span),
        "2 capsules"
    );
    assert_eq!(
        doc.context(l.panels[0].span).unwrap(),
        "row 2, column `Body (HTML)`, product `zinc-30`"
    );
}

#[test]
fn front_matter_serving_facts_are_a_panel() {
    let src = "---\ntitle: Deep Rest\nsupplement:\n  serving: 2 capsules\n  servings_per_day: 2\n  per_serving:\n    magnesium: 150 mg\n---\nBody.\n";
    let (doc, l) = label(src, Format::Markdown);
    let p = &l.panels[0];
    assert_eq!(p.kind, PanelKind::FrontMatter);
    assert_eq!(rows(&doc, p), [("150 mg", Some("150 mg"), None)]);
    assert_eq!(p.rows[0].name.text, "magnesium");
    let s = p.serving.as_ref().unwrap();
    assert_eq!((s.count, s.unit), (2.0, Some("capsule")));
    assert_eq!(at(&doc, s.span), "2 capsules");
    assert_eq!(p.servings_per_day.map(|s| s.0), Some(2.0));
}

#[test]
fn per_unit_lines_and_label_style_rows() {
    let src = "Each scoop (5 g) provides: Magnesium (as citrate) 300 mg, Zinc 15 mg\n\n\
Zinc 50 mg\nVitamin D3: 125 mcg (5,000 IU)\n\n\
Each capsule contains:\nVitamin C 500 mg\n\n\
Take 50 mg daily.\nWhy 5,000 IU?\n";
    let (doc, l) = label(src, Format::Text);
    type Got<'a> = (
        PanelKind,
        Option<&'a str>,
        Vec<(&'a str, Option<&'a str>, Option<&'a str>)>,
    );
    let got: Vec<Got<'_>> = l
        .panels
        .iter()
        .map(|p| {
            (
                p.kind,
                p.serving.as_ref().and_then(|s| s.unit),
                rows(&doc, p),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (
                PanelKind::PerUnit,
                Some("scoop"),
                vec![
                    ("Magnesium", Some("300 mg"), None),
                    ("Zinc", Some("15 mg"), None)
                ]
            ),
            (
                PanelKind::Loose,
                None,
                vec![
                    ("Zinc", Some("50 mg"), None),
                    ("Vitamin D3", Some("125 mcg"), None)
                ]
            ),
            (
                PanelKind::PerUnit,
                Some("capsule"),
                vec![("Vitamin C", Some("500 mg"), None)]
            ),
        ]
    );
    let scoop = l.panels[0].serving.as_ref().unwrap();
    assert_eq!(at(&doc, scoop.weight.as_ref().unwrap().span), "5 g");
}

/// (count, unit, per day, cap, audience) of each direction.
type Read = (
    Option<f64>,
    Option<&'static str>,
    Option<f64>,
    Option<f64>,
    Option<String>,
);

fn directions(src: &str) -> Vec<Read> {
    let (_, l) = label(src, Format::Text);
    l.directions
        .iter()
        .map(|d| {
            (
                d.count.as_ref().map(|c| c.n),
                d.unit(),
                d.frequency.as_ref().map(|f| f.per_day),
                d.cap.as_ref().map(|c| c.n),
                d.audience.as_ref().map(|a| a.text.clone()),
            )
        })
        .collect()
}

#[test]
fn directions_in_every_common_shape() {
    let s = |x: &str| Some(x.to_string());
    assert_eq!(
        directions(
            "Take 1-2 capsules daily.\n\n\
             Chew 2 gummies up to twice daily.\n\n\
             Take 1 capsule every 4 hours, up to 6 a day.\n\n\
             Take 1 tablet every 6 hours.\n\n\
             Mix 1/2 to 1 teaspoon into water daily.\n\n\
             Children 4 years and older: take 1 tablet daily.\n\n\
             Do not exceed 2 tablets per day.\n\n\
             Take 2 softgels with dinner.\n\n\
             Take 1 capsule with each meal.\n\n\
             Use twice daily.\n"
        ),
        [
            (Some(2.0), Some("capsule"), Some(1.0), None, None),
            (Some(2.0), Some("gummy"), Some(2.0), None, None),
            (Some(1.0), Some("capsule"), Some(4.0), Some(6.0), None),
            (Some(1.0), Some("tablet"), Some(2.0), None, None),
            (Some(1.0), Some("teaspoon"), Some(1.0), None, None),
            (
                Some(1.0),
                Some("tablet"),
                Some(1.0),
                None,
                s("Children 4 years and older")
            ),
            (None, Some("tablet"), Some(1.0), Some(2.0), None),
            (Some(2.0), Some("softgel"), None, None, None),
            (Some(1.0), Some("capsule"), Some(3.0), None, None),
            (None, None, Some(2.0), None, None),
        ]
    );
}

#[test]
fn directions_split_over_the_day() {
    assert_eq!(
        directions(
            "Take 2 capsules in the morning and 2 capsules in the evening with food.\n\n\
             Take 2 softgels morning and 2 evening.\n\n\
             Chew 1 tablet with breakfast and 1 with dinner.\n\n\
             Take 1 capsule morning and evening.\n\n\
             Take 2 capsules in the morning.\n"
        ),
        [
            (Some(4.0), Some("capsule"), None, None, None),
            (Some(4.0), Some("softgel"), None, None, None),
            (Some(2.0), Some("tablet"), None, None, None),
            (Some(1.0), Some("capsule"), Some(2.0), None, None),
            (Some(2.0), Some("capsule"), None, None, None),
        ]
    );
}

#[test]
fn directions_tied_to_the_serving_size() {
    let (_, l) = label(
        "Serving Size: 2 Capsules\nZinc 25 mg\n\nTake 2 capsules twice daily.\n\nTake 1 capsule every 4 hours, up to 6 a day.\n\nTake 1 tablet daily.\n\nUse twice daily.\n",
        Format::Text,
    );
    let serving = l.panels[0].serving.as_ref();
    let per_day: Vec<Option<f64>> = l
        .directions
        .iter()
        .map(|d| d.servings_per_day(serving))
        .collect();
    assert_eq!(per_day, [Some(2.0), Some(3.0), None, Some(2.0)]);
}

#[test]
fn pages_without_a_label_have_none() {
    let (_, l) = label(
        "Magnesium supports a calm mood. Our founder started the company in 2019.\n",
        Format::Text,
    );
    assert_eq!(l, Label::default());
}

#[test]
fn documents_are_labels_by_config_or_front_matter() {
    let doc = Document::parse("---\nkind: label\n---\nText.\n".into(), Format::Markdown);
    assert_eq!(doc.label.marked, Some(Marked::FrontMatter));
    let doc = Document::parse("Text.\n".into(), Format::Text);
    assert_eq!(doc.label.marked, None);
    let options = crate::document::ParseOptions {
        label: true,
        ..Default::default()
    };
    let doc = Document::parse_with("Text.\n".into(), Format::Text, &options);
    assert_eq!(doc.label.marked, Some(Marked::Config));
}

#[test]
fn a_row_name_whose_bracket_wraps_over_three_lines() {
    let src = "Supplement Facts\nServing Size 1 Tablet\n                          Amount Per Serving   % Daily Value\nZinc (as zinc gluconate,\n  zinc citrate and\n  zinc picolinate)            40 mg             364%\nCopper (as copper glycinate)  2 mg              222%\n";
    let (doc, label) = label(src, Format::Text);
    let panel = &label.panels[0];
    let r = rows(&doc, panel);
    assert_eq!(r.len(), 2, "{r:?}");
    assert_eq!(r[0].0, "Zinc");
    assert_eq!(r[0].1, Some("40 mg"));
    assert_eq!(r[1].0, "Copper");
}

#[test]
fn a_row_whose_bracket_closes_on_the_line_under_its_amount() {
    let src = "Supplement Facts\nServing Size 1 tsp (5 mL)\n                                  Amount Per Serving   %DV\nVitamin A (as retinyl palmitate and   2,100 mcg RAE   233%\n  fish liver retinol)\nVitamin D3 (as cholecalciferol)       62.5 mcg        313%\nVitamin E (as d-alpha tocopherol)     3 mg            20%\n";
    let (doc, label) = label(src, Format::Text);
    let panel = &label.panels[0];
    let r = rows(&doc, panel);
    assert_eq!(
        r.len(),
        3,
        "the rows after the wrapped name are still the panel's: {r:?}"
    );
    assert_eq!(r[1].0, "Vitamin D3");
    assert_eq!(r[1].1, Some("62.5 mcg"));
    let q = panel.rows[0].qualifier.as_ref().unwrap();
    assert!(q.text.ends_with("fish liver retinol)"), "{}", q.text);
}

#[test]
fn a_serving_in_millilitres_that_says_how_many_drops_it_is() {
    let src = "Supplement Facts\nServing Size: 1 mL (approx. 20 drops)\nIodine (as potassium iodide)   3 mg   2000%\n";
    let (_, label) = label(src, Format::Text);
    let s = label.panels[0].serving.as_ref().unwrap();
    assert_eq!((s.count, s.unit), (1.0, Some("ml")));
    assert_eq!(s.also, Some((20.0, "drop")));
    let (_, label) = label_of("Supplement Facts\nServing Size: 1 Scoop (5 g)\nZinc 10 mg\n");
    assert_eq!(
        label.panels[0].serving.as_ref().unwrap().also,
        None,
        "a weight is no count"
    );
}

fn label_of(src: &str) -> (Document, Label) {
    label(src, Format::Text)
}
