//! Start and end tags with their attributes, and where raw text ends: the parts of the
//! tokenizer that read markup, not text.

use std::ops::Range;

/// HTML's white space: space, tab, line feed, form feed, carriage return.
pub(super) fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\x0C' | b'\r')
}

/// An attribute: its lowercased name and the range of its value (without quotes).
#[derive(Debug, Clone)]
pub(super) struct Attr {
    pub(super) name: String,
    pub(super) value: Range<usize>,
}

/// A start or end tag.
#[derive(Debug)]
pub(super) struct Tag {
    pub(super) name: String,
    pub(super) attrs: Vec<Attr>,
    /// One past the closing `>`.
    pub(super) end: usize,
}

impl Tag {
    pub(super) fn attr(&self, name: &str) -> Option<&Range<usize>> {
        self.attrs.iter().find(|a| a.name == name).map(|a| &a.value)
    }
}

/// Read a tag whose name starts at `name_start`; `None` when the file ends inside it (a
/// browser drops such a tag).
pub(super) fn read_tag(src: &str, name_start: usize) -> Option<Tag> {
    let bytes = src.as_bytes();
    let mut i = name_start;
    while i < bytes.len() && !is_space(bytes[i]) && bytes[i] != b'/' && bytes[i] != b'>' {
        i += 1;
    }
    let name = src[name_start..i].to_ascii_lowercase();
    let mut attrs: Vec<Attr> = Vec::new();
    let mut names: Option<std::collections::HashSet<String>> = None;
    loop {
        while i < bytes.len() && (is_space(bytes[i]) || bytes[i] == b'/') {
            i += 1;
        }
        match bytes.get(i) {
            None => return None,
            Some(b'>') => {
                return Some(Tag {
                    name,
                    attrs,
                    end: i + 1,
                });
            }
            Some(_) => {}
        }
        // An attribute name may begin with `=`; it ends at space, `/`, `>` or `=`.
        let n0 = i;
        i += 1;
        while i < bytes.len() && !is_space(bytes[i]) && !matches!(bytes[i], b'/' | b'>' | b'=') {
            i += 1;
        }
        let attr_name = src[n0..i].to_ascii_lowercase();
        let mut j = i;
        while j < bytes.len() && is_space(bytes[j]) {
            j += 1;
        }
        let mut value = i..i;
        if bytes.get(j) == Some(&b'=') {
            j += 1;
            while j < bytes.len() && is_space(bytes[j]) {
                j += 1;
            }
            match bytes.get(j) {
                Some(&q @ (b'"' | b'\'')) => {
                    let close = src[j + 1..].find(q as char)? + j + 1;
                    value = j + 1..close;
                    i = close + 1;
                }
                Some(_) => {
                    let mut k = j;
                    while k < bytes.len() && !is_space(bytes[k]) && bytes[k] != b'>' {
                        k += 1;
                    }
                    value = j..k;
                    i = k;
                }
                None => return None,
            }
        }
        // The first of two attributes with one name wins. A set of the names from the 16th
        // attribute on: a scan of the ones before would make a tag of many attributes cost
        // their square.
        let repeated = match &mut names {
            Some(names) => !names.insert(attr_name.clone()),
            None => {
                let repeated = attrs.iter().any(|a| a.name == attr_name);
                if attrs.len() >= 16 {
                    names = Some(attrs.iter().map(|a| a.name.clone()).collect());
                }
                repeated
            }
        };
        if !repeated {
            if let Some(names) = &mut names {
                names.insert(attr_name.clone());
            }
            attrs.push(Attr {
                name: attr_name,
                value,
            });
        }
    }
}

/// Where raw text that starts at `from` ends: the content range and one past the end tag, or
/// `None` when the file ends first (no end tag, or one cut off).
pub(super) fn raw_text_end(src: &str, name: &str, from: usize) -> (Range<usize>, Option<usize>) {
    let bytes = src.as_bytes();
    let mut at = from;
    while let Some(p) = src[at..].find("</") {
        let start = at + p;
        let name_end = start + 2 + name.len();
        if name_end <= bytes.len()
            && bytes[start + 2..name_end].eq_ignore_ascii_case(name.as_bytes())
            && bytes
                .get(name_end)
                .is_none_or(|&b| is_space(b) || b == b'/' || b == b'>')
        {
            let end = src[name_end..].find('>').map(|e| name_end + e + 1);
            return (from..start, end);
        }
        at = start + 2;
    }
    (from..src.len(), None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_of_two_attributes_with_one_name_wins_however_many_there_are() {
        for before in [0, 15, 16, 40] {
            let filler: String = (0..before).map(|i| format!(" data-{i}=x")).collect();
            let src = format!("<img alt=first{filler} ALT=second title=t>");
            let tag = read_tag(&src, 1).unwrap();
            assert_eq!(tag.attrs.len(), before + 2, "{before}");
            let alt = tag.attr("alt").unwrap();
            assert_eq!(&src[alt.clone()], "first", "{before}");
            assert_eq!(&src[tag.attr("title").unwrap().clone()], "t");
        }
    }
}
