//! Byte offsets to 1-based lines and character columns, in O(log n) per lookup.

/// A table of line starts for one source text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    /// Index `source`. `\n`, `\r\n` and a lone `\r` each end a line.
    pub fn new(source: &str) -> LineIndex {
        let bytes = source.as_bytes();
        let mut starts = vec![0];
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'\n' => starts.push(i + 1),
                b'\r' => {
                    if bytes.get(i + 1) == Some(&b'\n') {
                        i += 1;
                    }
                    starts.push(i + 1);
                }
                _ => {}
            }
            i += 1;
        }
        LineIndex { starts }
    }

    /// The 0-based line holding `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        self.starts
            .partition_point(|&s| s <= offset)
            .saturating_sub(1)
    }

    /// The byte offset where 0-based `line` starts.
    pub fn line_start(&self, line: usize) -> usize {
        self.starts.get(line).copied().unwrap_or(usize::MAX)
    }

    /// Number of lines.
    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// 1-based line and 1-based column in characters of `offset` in `source`.
    pub fn line_col(&self, source: &str, offset: usize) -> (usize, usize) {
        let offset = floor_char_boundary(source, offset.min(source.len()));
        let line = self.line_of(offset);
        let start = self.starts[line];
        let column = source[start..offset].chars().count() + 1;
        (line + 1, column)
    }

    /// 0-based line and column in UTF-16 code units, as the Language Server Protocol counts.
    pub fn line_col_utf16(&self, source: &str, offset: usize) -> (usize, usize) {
        let offset = floor_char_boundary(source, offset.min(source.len()));
        let line = self.line_of(offset);
        let start = self.starts[line];
        let column = source[start..offset].encode_utf16().count();
        (line, column)
    }

    /// The byte offset of a 0-based line and UTF-16 column, clamped to the line's end.
    pub fn offset_utf16(&self, source: &str, line: usize, column: usize) -> usize {
        let Some(&start) = self.starts.get(line) else {
            return source.len();
        };
        let end = self
            .starts
            .get(line + 1)
            .copied()
            .unwrap_or(source.len())
            .min(source.len());
        let mut units = 0;
        for (i, ch) in source[start..end].char_indices() {
            if units >= column || ch == '\n' || ch == '\r' {
                return start + i;
            }
            units += ch.len_utf16();
        }
        end
    }
}

/// The largest char boundary at or below `offset`.
pub fn floor_char_boundary(s: &str, mut offset: usize) -> usize {
    if offset >= s.len() {
        return s.len();
    }
    while !s.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_columns_count_characters() {
        let src = "ab\ncafé x\r\nz\rw";
        let idx = LineIndex::new(src);
        assert_eq!(idx.line_count(), 4);
        assert_eq!(idx.line_col(src, 0), (1, 1));
        assert_eq!(idx.line_col(src, 3), (2, 1));
        // "x" comes after "café " (5 characters, 6 bytes).
        assert_eq!(idx.line_col(src, 9), (2, 6));
        assert_eq!(idx.line_col(src, 12), (3, 1));
        assert_eq!(idx.line_col(src, 14), (4, 1));
    }

    #[test]
    fn utf16_columns_round_trip() {
        let src = "a😀b\nx";
        let idx = LineIndex::new(src);
        // 'b' is after one BMP char and one astral char (2 UTF-16 units).
        assert_eq!(idx.line_col_utf16(src, 5), (0, 3));
        assert_eq!(idx.offset_utf16(src, 0, 3), 5);
        assert_eq!(idx.offset_utf16(src, 0, 99), 6);
        assert_eq!(idx.offset_utf16(src, 1, 0), 7);
    }
}
