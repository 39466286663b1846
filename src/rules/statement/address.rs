//! The name and place of business (21 CFR 101.5) and the US address or phone number for
//! reports of serious adverse events (21 U.S.C. 343(y)).

use super::super::RuleMeta;
use super::LabelUnit;
use crate::diagnostic::{Diagnostic, Label, Span};
use regex::Regex;
use std::sync::LazyLock;

/// Who the label names: "Manufactured for", "Distributed by", "Packed by".
static LEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:manufactured|distributed|packed|packaged|made|marketed|imported|produced|bottled)(?:\s+exclusively)?\s+(?:for|by)\b|\b(?:manufacturer|distributor|packer)\s*:")
        .expect("valid lead regex")
});

const STATES: &str = "AL|AK|AZ|AR|CA|CO|CT|DE|DC|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY|PR|GU|VI";

const STATE_NAMES: &str = "Alabama|Alaska|Arizona|Arkansas|California|Colorado|Connecticut|Delaware|Florida|Georgia|Hawaii|Idaho|Illinois|Indiana|Iowa|Kansas|Kentucky|Louisiana|Maine|Maryland|Massachusetts|Michigan|Minnesota|Mississippi|Missouri|Montana|Nebraska|Nevada|New Hampshire|New Jersey|New Mexico|New York|North Carolina|North Dakota|Ohio|Oklahoma|Oregon|Pennsylvania|Rhode Island|South Carolina|South Dakota|Tennessee|Texas|Utah|Vermont|Virginia|Washington|West Virginia|Wisconsin|Wyoming|Puerto Rico";

/// A US city, state and ZIP code: "Austin, TX 78701", "Boulder, Colorado 80301-1234".
static US_PLACE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"\b[A-Z][A-Za-z.'-]*(?:\s+[A-Z][A-Za-z.'-]*)*,?\s+(?:(?:{STATES})\.?|(?:{STATE_NAMES})),?\s+\d{{5}}(?:-\d{{4}})?\b"
    ))
    .expect("valid US address regex")
});

/// A place outside the US, named by its country.
static FOREIGN_PLACE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(?:Canada|Mexico|United Kingdom|UK|England|Scotland|Ireland|Germany|France|Netherlands|Belgium|Switzerland|Austria|Italy|Spain|Portugal|Denmark|Sweden|Norway|Finland|Poland|Australia|New Zealand|Japan|China|Taiwan|Korea|India|Israel|Singapore|Brazil|South Africa)\b")
        .expect("valid country regex")
});

/// A North American phone number: "(512) 555-0142", "1-800-555-0199", "+1 512 555 0142",
/// "1-888-NUTRITN".
static PHONE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:\+?1[\s.-]?)?(?:\((?P<a1>[2-9]\d{2})\)|\b(?P<a2>[2-9]\d{2}))[\s.-]?(?:\d{3}[\s.-]\d{4}\b|[A-Z0-9]{3}[\s.-][A-Z0-9]{4}\b|[A-Z]{7}\b)")
        .expect("valid phone regex")
});

/// Area codes of the North American plan outside the United States (Canada and the
/// Caribbean): a number there is not a domestic number.
const NOT_US_AREA_CODES: &[u16] = &[
    204, 226, 236, 249, 250, 263, 289, 306, 343, 354, 365, 367, 368, 382, 387, 403, 416, 418, 428,
    431, 437, 438, 450, 460, 468, 474, 506, 514, 519, 548, 579, 581, 584, 587, 604, 613, 639, 647,
    672, 683, 705, 709, 742, 753, 778, 780, 782, 807, 819, 825, 867, 873, 879, 902, 905, 242, 246,
    264, 268, 284, 345, 441, 473, 649, 658, 664, 721, 758, 767, 784, 809, 829, 849, 868, 869, 876,
];

/// What a label says about who stands behind it.
struct Places {
    lead: Option<Span>,
    us_place: Option<Span>,
    foreign_place: Option<Span>,
    us_phone: Option<Span>,
    other_phone: Option<Span>,
}

fn places(unit: &LabelUnit<'_>) -> Places {
    let mut p = Places {
        lead: None,
        us_place: None,
        foreign_place: None,
        us_phone: None,
        other_phone: None,
    };
    for (_, block) in unit.block_iter() {
        let text = &block.text;
        if p.lead.is_none()
            && let Some(m) = LEAD.find(text)
        {
            p.lead = Some(block.span(m.range()));
        }
        if p.us_place.is_none()
            && let Some(m) = US_PLACE.find(text)
        {
            p.us_place = Some(block.span(m.range()));
        }
        if p.foreign_place.is_none()
            && let Some(m) = FOREIGN_PLACE.find(text)
        {
            p.foreign_place = Some(block.span(m.range()));
        }
        for c in PHONE.captures_iter(text) {
            let area: u16 = c
                .name("a1")
                .or_else(|| c.name("a2"))
                .and_then(|a| a.as_str().parse().ok())
                .unwrap_or(0);
            let span = block.span(c.get(0).expect("group 0").range());
            if NOT_US_AREA_CODES.contains(&area) {
                p.other_phone.get_or_insert(span);
            } else {
                p.us_phone.get_or_insert(span);
            }
        }
    }
    p
}

/// `check: place-of-business`.
pub(super) fn place_of_business(meta: &RuleMeta, unit: &LabelUnit<'_>, out: &mut Vec<Diagnostic>) {
    let p = places(unit);
    if p.us_place.is_some() || (p.lead.is_some() && p.foreign_place.is_some()) {
        return;
    }
    let d = match p.lead {
        Some(lead) => {
            let mut d = meta.diagnostic(&[], lead);
            d.message = "the business is named without its place: city, state and ZIP code".into();
            d.labels.push(Label {
                span: lead,
                text: "no city, state and ZIP code follow".into(),
            });
            d
        }
        None => {
            let mut d = meta.diagnostic(&[], unit.anchor());
            d.labels.push(Label {
                span: d.span,
                text: "the product's name".into(),
            });
            d
        }
    };
    out.push(d);
}

/// `check: adverse-event-contact`.
pub(super) fn adverse_event_contact(
    meta: &RuleMeta,
    unit: &LabelUnit<'_>,
    out: &mut Vec<Diagnostic>,
) {
    let p = places(unit);
    if p.us_place.is_some() || p.us_phone.is_some() {
        return;
    }
    let mut d = meta.diagnostic(
        &[],
        p.foreign_place
            .or(p.other_phone)
            .unwrap_or_else(|| unit.anchor()),
    );
    if let Some(s) = p.foreign_place {
        d.labels.push(Label {
            span: s,
            text: "an address outside the United States".into(),
        });
    }
    if let Some(s) = p.other_phone {
        d.labels.push(Label {
            span: s,
            text: "a phone number outside the United States".into(),
        });
    }
    if d.labels.is_empty() {
        d.labels.push(Label {
            span: d.span,
            text: "the product's name".into(),
        });
    }
    out.push(d);
}
