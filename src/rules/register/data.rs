//! The data a register rule reads: nutrient reference values (`table: nrv`) and a register of
//! authorised health claims (`register: health-claims`), both checked when they are loaded.

use super::wording::{self, Predicate};
use crate::rules::dose::Unit;
use serde::Deserialize;
use std::collections::BTreeMap;

/// The NRV file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NrvTable {
    /// Its kind (`nrv`).
    pub table: String,
    /// Where the figures come from.
    pub source: String,
    /// The nutrients.
    pub nutrients: Vec<NrvNutrient>,
}

/// One nutrient's reference value.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NrvNutrient {
    /// Stable id (`vitamin-c`).
    pub id: String,
    /// `vitamin` or `mineral`.
    pub category: String,
    /// Names in copy; the first is the one messages use.
    pub names: Vec<String>,
    /// The reference value per day, in `unit`.
    pub nrv: f64,
    /// Its unit.
    pub unit: Unit,
    /// How many `unit` one IU is.
    #[serde(default)]
    pub iu: Option<f64>,
}

impl NrvNutrient {
    /// The name messages use ("vitamin C", "zinc").
    pub fn name(&self) -> String {
        let first = self.names.first().map_or(self.id.as_str(), String::as_str);
        match first.strip_prefix("vitamin ") {
            Some(letter) if letter.len() <= 3 => format!("vitamin {}", letter.to_uppercase()),
            _ => first.to_string(),
        }
    }
}

/// The register file as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegisterFile {
    /// Its kind (`health-claims`).
    pub register: String,
    /// Claims by the nutrients they are about.
    pub groups: Vec<Group>,
}

/// The claims about one nutrient, or one set of nutrients together.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Group {
    /// Ids of the NRV table.
    pub nutrients: Vec<String>,
    /// The act that authorises the group's claims unless a claim names its own.
    #[serde(default)]
    pub act: Option<String>,
    /// The claims.
    pub claims: Vec<ClaimEntry>,
}

/// One claim as written: its wording alone, or its wording with conditions.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum ClaimEntry {
    /// An Art. 13(1) claim with the "source of" condition.
    Wording(String),
    /// A claim with its own article, act or conditions.
    Full(FullClaim),
}

/// A claim with its own article, act or conditions.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FullClaim {
    /// The authorised wording.
    pub wording: String,
    /// The article of Regulation (EC) No 1924/2006 (default `13(1)`).
    #[serde(default)]
    pub article: Option<String>,
    /// The authorising act (default: the group's).
    #[serde(default)]
    pub act: Option<String>,
    /// Least amount per daily portion, by nutrient id, in the NRV table's unit (replaces the
    /// 15% condition for the nutrients it names).
    #[serde(default)]
    pub minimum: BTreeMap<String, f64>,
    /// Who the claim is for.
    #[serde(default)]
    pub audience: Option<String>,
    /// More of the conditions, in words.
    #[serde(default)]
    pub note: Option<String>,
}

/// An authorised claim, loaded.
#[derive(Debug, Clone)]
pub struct Claim {
    /// Indexes into the NRV table.
    pub nutrients: Vec<usize>,
    /// The authorised wording.
    pub wording: String,
    /// Its article of 1924/2006.
    pub article: String,
    /// The act.
    pub act: String,
    /// Least amount per daily portion by nutrient index; nutrients it does not name need 15%
    /// of their NRV.
    pub minimum: Vec<(usize, f64)>,
    /// Who it is for.
    pub audience: Option<String>,
    /// Conditions in words.
    pub note: Option<String>,
    /// What the claim says of the nutrient, normalised, with its accepted variants.
    pub predicate: Predicate,
}

/// The share of the NRV the "source of" condition asks for.
pub const SOURCE_OF: f64 = 0.15;

impl Claim {
    /// The least amount of nutrient `n` (an NRV index) the claim needs per daily portion.
    pub fn needs(&self, n: usize, nrv: &NrvTable) -> f64 {
        self.minimum
            .iter()
            .find(|(m, _)| *m == n)
            .map_or(nrv.nutrients[n].nrv * SOURCE_OF, |(_, v)| *v)
    }
}

/// Load and check the NRV table.
pub fn load_nrv(text: &str) -> Result<NrvTable, String> {
    let t: NrvTable = crate::yaml::from_str(text).map_err(|e| e.to_string())?;
    if t.table != "nrv" {
        return Err(format!(
            "`table: {}` is not an NRV table (`table: nrv`)",
            t.table
        ));
    }
    let mut seen = BTreeMap::new();
    for n in &t.nutrients {
        if n.nrv <= 0.0 || n.names.is_empty() {
            return Err(format!("`{}` needs names and an NRV above 0", n.id));
        }
        for name in &n.names {
            if let Some(other) = seen.insert(name.to_lowercase(), n.id.clone()) {
                return Err(format!(
                    "the name `{name}` is given to `{other}` and `{}`",
                    n.id
                ));
            }
        }
    }
    Ok(t)
}

/// Load and check a register against the NRV table: every nutrient exists, every claim has
/// an act and a wording the matcher can read.
pub fn load_register(text: &str, nrv: &NrvTable) -> Result<Vec<Claim>, String> {
    let f: RegisterFile = crate::yaml::from_str(text).map_err(|e| e.to_string())?;
    if f.register != "health-claims" {
        return Err(format!("`register: {}` is not `health-claims`", f.register));
    }
    let index = |id: &str| {
        nrv.nutrients
            .iter()
            .position(|n| n.id == id)
            .ok_or_else(|| format!("`{id}` is not a nutrient of the NRV table"))
    };
    let mut out = Vec::new();
    for g in &f.groups {
        let nutrients = g
            .nutrients
            .iter()
            .map(|n| index(n))
            .collect::<Result<Vec<_>, _>>()?;
        if nutrients.is_empty() {
            return Err("a group names no nutrient".into());
        }
        for c in &g.claims {
            let full = match c {
                ClaimEntry::Wording(w) => FullClaim {
                    wording: w.clone(),
                    article: None,
                    act: None,
                    minimum: BTreeMap::new(),
                    audience: None,
                    note: None,
                },
                ClaimEntry::Full(f) => f.clone(),
            };
            let act = full
                .act
                .clone()
                .or_else(|| g.act.clone())
                .filter(|a| !a.trim().is_empty())
                .ok_or_else(|| format!("\"{}\" cites no act", full.wording))?;
            let predicate = wording::predicate(&full.wording).ok_or_else(|| {
                format!(
                    "\"{}\": no verb the matcher knows (\"contributes to\", \"is needed for\", \
                     \"has a role in\", \"helps to reduce\", \"increases\")",
                    full.wording
                )
            })?;
            let minimum = full
                .minimum
                .iter()
                .map(|(id, v)| index(id).map(|i| (i, *v)))
                .collect::<Result<Vec<_>, _>>()?;
            out.push(Claim {
                nutrients: nutrients.clone(),
                wording: full.wording,
                article: full.article.unwrap_or_else(|| "13(1)".into()),
                act,
                minimum,
                audience: full.audience,
                note: full.note,
                predicate,
            });
        }
    }
    Ok(out)
}
