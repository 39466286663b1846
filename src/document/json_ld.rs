//! Schema.org Product JSON-LD (`<script type="application/ld+json">`): the `name` and
//! `description` of every Product, wherever it sits in the data (top level, `@graph`,
//! `hasVariant`), are prose. A small JSON reader keeps the byte range of every string so a
//! finding points into the script; escapes (`\"`, `\u2019`) map back to their bytes.

use super::{Block, BlockBuilder, BlockKind, ParseProblem};
use crate::diagnostic::Span;
use std::ops::Range;

/// `@type`s whose `name` and `description` are linted: Product and its schema.org subtypes.
const PRODUCT_TYPES: &[&str] = &[
    "Product",
    "ProductGroup",
    "ProductModel",
    "IndividualProduct",
    "SomeProducts",
    "DietarySupplement",
];

/// The properties of a product that are marketing copy.
const PROSE_KEYS: &[&str] = &["name", "description"];

/// Deeper data is refused rather than risk the stack.
const MAX_DEPTH: usize = 128;

enum Value {
    Object(Vec<(String, Value)>),
    Array(Vec<Value>),
    /// A string: the range between its quotes.
    Str(Range<usize>),
    Other,
}

/// A JSON error: where and what.
type Error = (usize, String);

struct Reader<'a> {
    src: &'a str,
    pos: usize,
    end: usize,
}

impl Reader<'_> {
    fn peek(&self) -> Option<u8> {
        (self.pos < self.end).then(|| self.src.as_bytes()[self.pos])
    }

    fn skip_space(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.pos += 1;
        }
    }

    fn unexpected(&self, what: &str) -> Error {
        match self.src[self.pos..self.end].chars().next() {
            Some(c) => (self.pos, format!("expected {what}, found `{c}`")),
            None => (
                self.pos,
                format!("expected {what}, found the end of the data"),
            ),
        }
    }

    fn expect(&mut self, byte: u8, what: &str) -> Result<(), Error> {
        self.skip_space();
        if self.peek() == Some(byte) {
            self.pos += 1;
            Ok(())
        } else {
            Err(self.unexpected(what))
        }
    }

    fn value(&mut self, depth: usize) -> Result<Value, Error> {
        self.skip_space();
        if depth > MAX_DEPTH {
            return Err((self.pos, "the data is nested too deeply".into()));
        }
        match self.peek() {
            Some(b'{') => self.object(depth),
            Some(b'[') => self.array(depth),
            Some(b'"') => self.string().map(Value::Str),
            Some(b'-' | b'0'..=b'9') => {
                while matches!(
                    self.peek(),
                    Some(b'-' | b'+' | b'.' | b'e' | b'E' | b'0'..=b'9')
                ) {
                    self.pos += 1;
                }
                Ok(Value::Other)
            }
            Some(b't' | b'f' | b'n') => {
                for word in ["true", "false", "null"] {
                    if self.src[self.pos..self.end].starts_with(word) {
                        self.pos += word.len();
                        return Ok(Value::Other);
                    }
                }
                Err(self.unexpected("a value"))
            }
            _ => Err(self.unexpected("a value")),
        }
    }

    fn object(&mut self, depth: usize) -> Result<Value, Error> {
        self.pos += 1;
        let mut members = Vec::new();
        self.skip_space();
        if self.peek() == Some(b'}') {
            self.pos += 1;
            return Ok(Value::Object(members));
        }
        loop {
            self.skip_space();
            if self.peek() != Some(b'"') {
                return Err(self.unexpected("a property name in double quotes"));
            }
            let key = self.string()?;
            self.expect(b':', "`:`")?;
            let value = self.value(depth + 1)?;
            members.push((decode(self.src, key), value));
            self.skip_space();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b'}') => {
                    self.pos += 1;
                    return Ok(Value::Object(members));
                }
                _ => return Err(self.unexpected("`,` or `}`")),
            }
        }
    }

    fn array(&mut self, depth: usize) -> Result<Value, Error> {
        self.pos += 1;
        let mut items = Vec::new();
        self.skip_space();
        if self.peek() == Some(b']') {
            self.pos += 1;
            return Ok(Value::Array(items));
        }
        loop {
            items.push(self.value(depth + 1)?);
            self.skip_space();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b']') => {
                    self.pos += 1;
                    return Ok(Value::Array(items));
                }
                _ => return Err(self.unexpected("`,` or `]`")),
            }
        }
    }

    /// A string at `pos` (its opening quote); returns the range between the quotes.
    fn string(&mut self) -> Result<Range<usize>, Error> {
        let open = self.pos;
        let bytes = self.src.as_bytes();
        let mut i = open + 1;
        loop {
            match bytes[..self.end].get(i) {
                None => return Err((open, "this string is never closed".into())),
                Some(b'"') => {
                    self.pos = i + 1;
                    return Ok(open + 1..i);
                }
                Some(b'\\') => match bytes[..self.end].get(i + 1) {
                    Some(b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't') => i += 2,
                    Some(b'u')
                        if bytes[..self.end]
                            .get(i + 2..i + 6)
                            .is_some_and(|h| h.iter().all(u8::is_ascii_hexdigit)) =>
                    {
                        i += 6
                    }
                    _ => return Err((i, "invalid escape in a string".into())),
                },
                Some(_) => i += 1,
            }
        }
    }
}

/// The escape at `at` (a backslash, already validated): its text and length in the source.
fn escape(src: &str, at: usize) -> (String, usize) {
    let bytes = src.as_bytes();
    let hex = |from: usize| {
        src.get(from..from + 4)
            .and_then(|h| u32::from_str_radix(h, 16).ok())
    };
    match bytes[at + 1] {
        b'u' => {
            let Some(unit) = hex(at + 2) else {
                return ("\u{FFFD}".into(), 2);
            };
            if (0xD800..0xDC00).contains(&unit)
                && src[at + 6..].starts_with("\\u")
                && let Some(low) = hex(at + 8)
                && (0xDC00..0xE000).contains(&low)
            {
                let c = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
                return (char::from_u32(c).unwrap_or('\u{FFFD}').to_string(), 12);
            }
            (char::from_u32(unit).unwrap_or('\u{FFFD}').to_string(), 6)
        }
        b'n' | b'r' | b't' | b'b' | b'f' => (" ".into(), 2),
        other => ((other as char).to_string(), 2),
    }
}

/// A string's text, escapes decoded (for property names and `@type`).
fn decode(src: &str, range: Range<usize>) -> String {
    let mut out = String::new();
    let mut i = range.start;
    while i < range.end {
        if src.as_bytes()[i] == b'\\' {
            let (text, len) = escape(src, i);
            out.push_str(&text);
            i += len;
        } else {
            let c = src[i..].chars().next().unwrap_or(' ');
            out.push(c);
            i += c.len_utf8();
        }
    }
    out
}

/// A string's text as a block: escapes decoded, white space folded, bytes kept.
fn string_block(src: &str, range: Range<usize>) -> Option<Block> {
    let mut b = BlockBuilder::new(BlockKind::FrontMatter);
    let bytes = src.as_bytes();
    let mut i = range.start;
    let mut run = i;
    while i < range.end {
        match bytes[i] {
            b'\\' => {
                b.push(&src[run..i], run..i);
                let (text, len) = escape(src, i);
                if text.chars().all(char::is_whitespace) {
                    b.push_space(i..i + len);
                } else {
                    b.push(&text, i..i + len);
                }
                i += len;
                run = i;
            }
            b' ' | b'\t' | b'\n' | b'\r' => {
                b.push(&src[run..i], run..i);
                let mut j = i;
                while j < range.end && matches!(bytes[j], b' ' | b'\t' | b'\n' | b'\r') {
                    j += 1;
                }
                b.push_space(i..j);
                i = j;
                run = i;
            }
            _ => i += 1,
        }
    }
    b.push(&src[run..range.end], run..range.end);
    b.finish()
}

fn is_product(src: &str, members: &[(String, Value)]) -> bool {
    let named = |r: &Range<usize>| {
        let t = decode(src, r.clone());
        let t = t.trim();
        let last = t.rsplit(['/', ':', '#']).next().unwrap_or(t);
        PRODUCT_TYPES.contains(&last)
    };
    members.iter().any(|(k, v)| {
        k == "@type"
            && match v {
                Value::Str(r) => named(r),
                Value::Array(items) => items.iter().any(|i| matches!(i, Value::Str(r) if named(r))),
                _ => false,
            }
    })
}

fn collect(src: &str, value: &Value, out: &mut Vec<Block>) {
    match value {
        Value::Object(members) => {
            if is_product(src, members) {
                for (k, v) in members {
                    if !PROSE_KEYS.contains(&k.as_str()) {
                        continue;
                    }
                    let strings: Vec<&Range<usize>> = match v {
                        Value::Str(r) => vec![r],
                        Value::Array(items) => items
                            .iter()
                            .filter_map(|i| match i {
                                Value::Str(r) => Some(r),
                                _ => None,
                            })
                            .collect(),
                        _ => Vec::new(),
                    };
                    out.extend(
                        strings
                            .into_iter()
                            .filter_map(|r| string_block(src, r.clone())),
                    );
                }
            }
            for (_, v) in members {
                collect(src, v, out);
            }
        }
        Value::Array(items) => {
            for v in items {
                collect(src, v, out);
            }
        }
        Value::Str(_) | Value::Other => {}
    }
}

/// Read the JSON-LD in `content` of `src`: product prose goes to `blocks`; data that is not
/// JSON is a problem (search engines ignore it, and its copy was not linted).
pub(crate) fn extract(
    src: &str,
    content: Range<usize>,
    blocks: &mut Vec<Block>,
    problems: &mut Vec<ParseProblem>,
) {
    let mut reader = Reader {
        src,
        pos: content.start,
        end: content.end,
    };
    reader.skip_space();
    if reader.peek().is_none() {
        return;
    }
    let parsed = reader.value(0).and_then(|v| {
        reader.skip_space();
        if reader.peek().is_some() {
            Err(reader.unexpected("the end of the data"))
        } else {
            Ok(v)
        }
    });
    match parsed {
        Ok(value) => collect(src, &value, blocks),
        Err((at, message)) => {
            let len = src[at..].chars().next().map_or(0, char::len_utf8);
            problems.push(ParseProblem {
                message: format!("invalid JSON-LD: {message}"),
                span: Span::new(at, at + len),
                help: Some(
                    "fix the structured data: search engines ignore JSON-LD that does not parse, and its product name and description were not linted".into(),
                ),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(json: &str) -> (Vec<String>, Vec<String>) {
        let mut blocks = Vec::new();
        let mut problems = Vec::new();
        extract(json, 0..json.len(), &mut blocks, &mut problems);
        let texts = blocks
            .iter()
            .map(|b| {
                let s = b.source_span();
                assert!(!b.text.trim().is_empty());
                format!("{} <- {}", b.text, &json[s.start..s.end])
            })
            .collect();
        (texts, problems.into_iter().map(|p| p.message).collect())
    }

    #[test]
    fn product_name_and_description_with_escapes() {
        let json = r#"{"@context":"https://schema.org","@type":"Product","name":"Calm \"Night\" Blend","description":"It\u2019s calming.\nTake daily.","brand":{"@type":"Brand","name":"Acme Cures"},"offers":{"@type":"Offer","price":"19.00"}}"#;
        let (texts, problems) = run(json);
        assert!(problems.is_empty());
        assert_eq!(
            texts,
            [
                r#"Calm "Night" Blend <- Calm \"Night\" Blend"#,
                r"It’s calming. Take daily. <- It\u2019s calming.\nTake daily.",
            ]
        );
    }

    #[test]
    fn products_inside_a_graph_and_typed_by_url() {
        let json = r#"{"@graph":[{"@type":"WebPage","name":"Shop"},{"@type":["http://schema.org/Product"],"description":["one","two"]}]}"#;
        let (texts, _) = run(json);
        assert_eq!(texts, ["one <- one", "two <- two"]);
    }

    #[test]
    fn surrogate_pairs_decode_to_one_character() {
        let json = r#"{"@type":"Product","name":"Leaf \ud83c\udf3f"}"#;
        let (texts, _) = run(json);
        assert_eq!(texts, [r"Leaf 🌿 <- Leaf \ud83c\udf3f"]);
    }

    #[test]
    fn broken_json_is_a_problem_with_its_position() {
        let (texts, problems) = run(r#"{"@type":"Product","name":"x",}"#);
        assert!(texts.is_empty());
        assert_eq!(
            problems,
            ["invalid JSON-LD: expected a property name in double quotes, found `}`"]
        );
        let (_, problems) = run(r#"{"name":"never closed"#);
        assert_eq!(problems, ["invalid JSON-LD: this string is never closed"]);
        let (_, problems) = run(r#"{"name":"x""#);
        assert_eq!(
            problems,
            ["invalid JSON-LD: expected `,` or `}`, found the end of the data"]
        );
        let (_, problems) = run(&"[".repeat(1000));
        assert_eq!(problems, ["invalid JSON-LD: the data is nested too deeply"]);
    }
}
