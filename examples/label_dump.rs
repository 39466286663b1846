//! Print the label model claimlint reads from each file given: panels (title, serving,
//! rows with form, amount, %DV and nesting; blends; footnotes), statements and directions.
//! A tool for checking what the label reader makes of a page:
//! `cargo run --example label_dump -- fixtures/pages/some-page.html`.

use claimlint::document::{Document, Format};
fn main() {
    for a in std::env::args().skip(1) {
        let p = std::path::Path::new(&a);
        let text = std::fs::read_to_string(p).unwrap();
        let doc = Document::parse(text.clone(), Format::from_path(p).unwrap_or(Format::Text));
        println!("=== {a}");
        for panel in &doc.label.panels {
            println!(
                "PANEL {:?} title={:?} serving={:?} spc={:?}",
                panel.kind,
                panel.title.as_ref().map(|t| &t.text),
                panel.serving.as_ref().map(|s| (s.count, s.unit, &s.text)),
                panel.servings_per_container.map(|x| x.0)
            );
            for r in &panel.rows {
                println!(
                    "  {}{:?} form={:?} q={:?} amt={:?} alt={:?} dv={:?} parent={:?}",
                    "  ".repeat(r.depth),
                    r.name.text,
                    r.form.as_ref().map(|f| &f.text),
                    r.qualifier.as_ref().map(|f| &f.text),
                    r.amount.as_ref().map(|a| &a.text),
                    r.alternate.as_ref().map(|a| &a.text),
                    r.daily_value.as_ref().map(|d| &d.text),
                    r.parent
                );
            }
            for b in &panel.blends {
                println!("  BLEND {:?}", b);
            }
            for f in &panel.footnotes {
                println!("  FOOT {:?} {:?}", f.symbol, f.text.text);
            }
        }
        for s in &doc.label.statements {
            println!(
                "STMT {:?} {:?}",
                s.kind,
                s.items.iter().map(|i| &i.text).collect::<Vec<_>>()
            );
        }
        for d in &doc.label.directions {
            println!(
                "DIR count={:?} freq={:?} cap={:?} aud={:?} :: {}",
                d.count.as_ref().map(|c| (c.n, c.unit)),
                d.frequency.as_ref().map(|f| f.per_day),
                d.cap.as_ref().map(|c| (c.n, c.unit)),
                d.audience.as_ref().map(|a| &a.text),
                d.sentence.text
            );
        }
    }
}
