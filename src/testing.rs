//! Helpers for the crate's own tests.

/// `rounds` texts made of `pieces` picked by a small LCG from `seed`: text `i` has
/// `len(i, state)` pieces. For tests that compare a fast scan with the plain one it replaces.
pub(crate) fn random_texts(
    pieces: &[&str],
    mut seed: u64,
    rounds: usize,
    len: impl Fn(usize, u64) -> u64,
) -> Vec<String> {
    let next = |s: &mut u64| {
        *s = s
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        *s
    };
    (0..rounds)
        .map(|round| {
            let mut text = String::new();
            for _ in 0..len(round, seed) {
                let s = next(&mut seed);
                text.push_str(pieces[(s >> 33) as usize % pieces.len()]);
            }
            next(&mut seed);
            text
        })
        .collect()
}
