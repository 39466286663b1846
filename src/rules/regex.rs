//! Regular expressions of rule files: compiled with a size limit and without the literal
//! prefilter, and, for the built-in packs, on first use.

use std::sync::OnceLock;

/// A compiled rule regex: regex-automata's meta regex, which the `regex` crate wraps, built
/// without a literal prefilter (see [`compile_regex`]).
pub type Regex = regex_automata::meta::Regex;

/// Compile a regular expression from a rule file, with a size limit.
///
/// Built without the literal prefilter the `regex` crate always tries: rules search short
/// blocks (a paragraph, ~110 bytes on average), where setting up the prefilter's search
/// costs more than the lazy DFA's pass, and working out the prefilter for a case-insensitive
/// alternation was most of its compile time. Measured on the 5 MB corpus, per block:
/// `miracle-claim` 142 → 351 MB/s, `implied-disease-claim` 353 → 387 MB/s, and compiling
/// the latter 2.8 → 1.4 ms, which every run that lints a sentence pays.
pub fn compile_regex(pattern: &str) -> Result<Regex, (String, String)> {
    const SIZE_LIMIT: usize = 2 * 1024 * 1024;
    let config = regex_automata::meta::Config::new()
        .auto_prefilter(false)
        // No fully compiled DFA: building one for each small pattern cost a third of the
        // compile time, and the lazy DFA searches these short blocks as fast.
        .dfa(false)
        .nfa_size_limit(Some(SIZE_LIMIT));
    if let Ok(re) = Regex::builder().configure(config).build(pattern) {
        return Ok(re);
    }
    // The `regex` crate words its errors better; it fails on the same patterns.
    let err = match regex::RegexBuilder::new(pattern)
        .size_limit(SIZE_LIMIT)
        .build()
    {
        Err(e) => e.to_string(),
        Ok(_) => "it does not compile".to_string(),
    };
    let detail = err.lines().last().unwrap_or("").trim();
    let detail = detail.trim_end_matches('.');
    let mut chars = detail.chars();
    let detail: String = match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    };
    Err((
        pattern.to_string(),
        format!("invalid regular expression `{pattern}`: {detail}"),
    ))
}

pub(super) fn alternation(patterns: &[String]) -> String {
    patterns
        .iter()
        .map(|p| format!("(?:{p})"))
        .collect::<Vec<_>>()
        .join("|")
}

/// A regular expression from a rule file, compiled once.
///
/// Compiling the built-in pack's regexes took a third of the startup (the two document
/// regexes of `deficiency-disease-claim` alone, with their Unicode `\b` and `[^.]{0,160}`,
/// about 5 ms), and most runs need few of them. So a built-in file's regexes are compiled
/// on first use: those files are exactly the text build.rs embedded, and a test compiles
/// every regex in them. A user's rule file is compiled at load, so a bad pattern is an
/// error that names the file, line and column.
#[derive(Debug)]
pub struct RuleRegex {
    pattern: String,
    compiled: OnceLock<Regex>,
}

impl RuleRegex {
    /// A regex of `pattern`, already compiled or (`None`) to compile on first use.
    pub(super) fn new(pattern: String, compiled: Option<Regex>) -> RuleRegex {
        let cell = OnceLock::new();
        if let Some(re) = compiled {
            let _ = cell.set(re);
        }
        RuleRegex {
            pattern,
            compiled: cell,
        }
    }

    /// The compiled regex.
    pub fn get(&self) -> &Regex {
        self.compiled.get_or_init(|| {
            // A built-in pattern always compiles (tested); should one not, it matches nothing
            // rather than stopping the run.
            compile_regex(&self.pattern)
                .unwrap_or_else(|_| Regex::new("[a&&b]").expect("an empty class"))
        })
    }
}

/// Compile the alternation of `patterns`, each of which must be valid on its own.
///
/// Compiling every pattern alone to check it cost as much as compiling the alternation, so
/// each is only parsed (cheap); when that or the alternation fails, the patterns are
/// compiled one by one, as before, so errors name the same pattern with the same message.
pub fn compile_alternation(patterns: &[String]) -> Result<Regex, (String, String)> {
    let joined = alternation(patterns);
    if patterns
        .iter()
        .all(|p| regex_syntax::Parser::new().parse(p).is_ok())
        && let Ok(re) = compile_regex(&joined)
    {
        return Ok(re);
    }
    for p in patterns {
        compile_regex(p)?;
    }
    compile_regex(&joined)
}

#[cfg(test)]
mod regex_tests {
    use super::*;
    use crate::rules::{Compiler, builtin_pack};
    use crate::yaml;
    use std::collections::{BTreeMap, HashMap};

    #[test]
    fn every_builtin_regex_compiles() {
        // Built-in regexes are compiled on first use (see `RuleRegex`): check them all here.
        let mut checked = 0;
        for f in builtin_pack("us-fda").unwrap() {
            let value: serde_json::Value = yaml::from_str(&f.text).unwrap();
            for key in ["unless_document_matches", "citations", "patterns"] {
                let Some(list) = value[key].as_array() else {
                    continue;
                };
                let patterns: Vec<String> = list
                    .iter()
                    .map(|p| p.as_str().unwrap().to_string())
                    .collect();
                for p in &patterns {
                    compile_regex(p).unwrap_or_else(|e| panic!("{}: {}", f.rel, e.1));
                    checked += 1;
                }
                compile_alternation(&patterns).unwrap_or_else(|e| panic!("{}: {}", f.rel, e.1));
            }
        }
        assert!(checked >= 10, "{checked}");
    }

    #[test]
    fn builtin_regexes_wait_for_first_use_and_user_ones_do_not() {
        let builtin = Compiler {
            lexicon_files: HashMap::new(),
            moved: HashMap::new(),
            additions: BTreeMap::new(),
            lexicons: Vec::new(),
            by_name: HashMap::new(),
            data_files: HashMap::new(),
            tables: HashMap::new(),
            builtin_file: true,
        };
        let lazy = builtin.regex("(?i)miracle").unwrap();
        assert!(lazy.compiled.get().is_none());
        assert!(lazy.get().is_match("A Miracle"));
        let user = Compiler {
            builtin_file: false,
            ..builtin
        };
        assert!(user.regex("(?i)miracle").unwrap().compiled.get().is_some());
        let err = user.regex("(unclosed").unwrap_err();
        assert!(
            err.1.starts_with("invalid regular expression `(unclosed`"),
            "{}",
            err.1
        );
        // What a broken built-in pattern would become: nothing, never a panic.
        let broken = RuleRegex {
            pattern: "(unclosed".into(),
            compiled: OnceLock::new(),
        };
        assert!(!broken.get().is_match("anything (unclosed"));
    }
}
