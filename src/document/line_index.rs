//! Byte offsets to 1-based lines and character columns, in O(log n) per lookup.
//!
//! Columns are counted from checkpoints every few kilobytes rather than from the line's
//! start, so a file of one 5 MB line costs no more per lookup than a file of short lines.

/// Bytes between two checkpoints.
const CHECKPOINT_EVERY: usize = 512;

/// A position where the counts so far are known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Checkpoint {
    byte: usize,
    chars: usize,
    utf16: usize,
}

/// A table of line starts for one source text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineIndex {
    starts: Vec<usize>,
    checkpoints: Vec<Checkpoint>,
}

impl LineIndex {
    /// Index `source`. `\n`, `\r\n` and a lone `\r` each end a line.
    pub fn new(source: &str) -> LineIndex {
        let bytes = source.as_bytes();
        // A checkpoint at the first character start at least CHECKPOINT_EVERY bytes after
        // the one before, with the counts of the characters before it. Each stretch is
        // counted at once (the counts vectorise): a loop over every byte was 2% of a run.
        let mut checkpoints = vec![Checkpoint {
            byte: 0,
            chars: 0,
            utf16: 0,
        }];
        let (mut chars, mut utf16) = (0, 0);
        let mut from = 0;
        while from + CHECKPOINT_EVERY < bytes.len() {
            let mut at = from + CHECKPOINT_EVERY;
            while at < bytes.len() && bytes[at] & 0xC0 == 0x80 {
                at += 1;
            }
            if at == bytes.len() {
                break;
            }
            let stretch = &bytes[from..at];
            let starts = stretch.iter().filter(|&&b| b & 0xC0 != 0x80).count();
            chars += starts;
            utf16 += starts + stretch.iter().filter(|&&b| b >= 0xF0).count();
            checkpoints.push(Checkpoint {
                byte: at,
                chars,
                utf16,
            });
            from = at;
        }
        let mut starts = vec![0];
        let mut after_cr = usize::MAX;
        for i in memchr::memchr2_iter(b'\n', b'\r', bytes) {
            if i == after_cr {
                // The `\n` of a `\r\n`, which ended its line already.
                continue;
            }
            if bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n') {
                after_cr = i + 1;
                starts.push(i + 2);
            } else {
                starts.push(i + 1);
            }
        }
        LineIndex {
            starts,
            checkpoints,
        }
    }

    /// Characters and UTF-16 units in `source[..offset]` (`offset` on a char boundary).
    fn counts_before(&self, source: &str, offset: usize) -> (usize, usize) {
        let k = self
            .checkpoints
            .partition_point(|c| c.byte <= offset)
            .saturating_sub(1);
        let cp = self.checkpoints[k];
        let from = cp.byte.min(offset);
        let rest = &source[from..offset];
        let chars = rest.chars().count();
        let utf16 = chars + rest.chars().filter(|c| c.len_utf16() == 2).count();
        (cp.chars + chars, cp.utf16 + utf16)
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
        let column = if offset - start < CHECKPOINT_EVERY {
            source[start..offset].chars().count()
        } else {
            self.counts_before(source, offset).0 - self.counts_before(source, start).0
        };
        (line + 1, column + 1)
    }

    /// 0-based line and column in UTF-16 code units, as the Language Server Protocol counts.
    pub fn line_col_utf16(&self, source: &str, offset: usize) -> (usize, usize) {
        let offset = floor_char_boundary(source, offset.min(source.len()));
        let line = self.line_of(offset);
        let start = self.starts[line];
        let column = if offset - start < CHECKPOINT_EVERY {
            source[start..offset].encode_utf16().count()
        } else {
            self.counts_before(source, offset).1 - self.counts_before(source, start).1
        };
        (line, column)
    }

    /// UTF-16 code units in `source[..offset]`, from the nearest checkpoint: O(log n + 512).
    pub fn utf16_offset(&self, source: &str, offset: usize) -> usize {
        let offset = floor_char_boundary(source, offset.min(source.len()));
        self.counts_before(source, offset).1
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

/// The smallest char boundary at or above `offset`.
pub fn ceil_char_boundary(s: &str, mut offset: usize) -> usize {
    if offset >= s.len() {
        return s.len();
    }
    while !s.is_char_boundary(offset) {
        offset += 1;
    }
    offset
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

    /// The index as a loop over every byte built it, before the counts went by stretches.
    fn by_bytes(source: &str) -> LineIndex {
        let bytes = source.as_bytes();
        let mut starts = vec![0];
        let mut checkpoints = vec![Checkpoint {
            byte: 0,
            chars: 0,
            utf16: 0,
        }];
        let (mut chars, mut utf16) = (0, 0);
        for (i, &b) in bytes.iter().enumerate() {
            if b & 0xC0 != 0x80 {
                if i >= checkpoints[checkpoints.len() - 1].byte + CHECKPOINT_EVERY {
                    checkpoints.push(Checkpoint {
                        byte: i,
                        chars,
                        utf16,
                    });
                }
                chars += 1;
                utf16 += if b >= 0xF0 { 2 } else { 1 };
            }
        }
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
        LineIndex {
            starts,
            checkpoints,
        }
    }

    #[test]
    fn the_index_is_the_one_a_loop_over_every_byte_built() {
        let pieces = [
            "a",
            "bc ",
            "\n",
            "\r",
            "\r\n",
            "é",
            "—",
            "😀",
            "x".repeat(300).leak(),
            "\n\r",
        ];
        for text in
            crate::testing::random_texts(&pieces, 0x853c_49e6_748f_ea9b, 3000, |_, s| s % 40)
        {
            assert_eq!(LineIndex::new(&text), by_bytes(&text), "{text:?}");
        }
    }

    #[test]
    fn columns_on_a_long_line_match_a_plain_count() {
        let line = "Caf\u{e9} \u{1F600} prevents migraines. ".repeat(2000);
        let src = format!("first line\n{line}\nlast");
        let idx = LineIndex::new(&src);
        for offset in (0..src.len())
            .step_by(997)
            .filter(|&o| src.is_char_boundary(o))
        {
            let line_no = idx.line_of(offset);
            let start = idx.line_start(line_no);
            let chars = src[start..offset].chars().count();
            let units = src[start..offset].encode_utf16().count();
            assert_eq!(
                idx.line_col(&src, offset),
                (line_no + 1, chars + 1),
                "at {offset}"
            );
            assert_eq!(
                idx.line_col_utf16(&src, offset),
                (line_no, units),
                "at {offset}"
            );
            assert_eq!(
                idx.utf16_offset(&src, offset),
                src[..offset].encode_utf16().count(),
                "at {offset}"
            );
        }
    }

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
