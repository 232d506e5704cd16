//! The short meeting code printed beside every meeting (and in its QR code),
//! which staff type on summit day to record the meeting's outcome.
//!
//! The code depends only on the pair's ids, so it survives rescheduling and
//! reprinting. Six characters from an alphabet without `0`, `O`, `1` and `I`
//! (which people confuse when reading a printout aloud) give 32⁶ ≈ 10⁹
//! codes. Two meetings of one slate can still share a code (about a 1 in
//! 2,000 chance for 1,000 meetings, 1 in 20 for 10,000), so whoever looks a
//! code up must match it against the slate's meetings and ask for the ids
//! when it finds two.

/// 32 symbols: digits 2–9 and A–Z without I and O.
const ALPHABET: &[u8; 32] = b"23456789ABCDEFGHJKLMNPQRSTUVWXYZ";

/// Length of a meeting code.
pub const CODE_LEN: usize = 6;

/// The meeting code of the pair `seller_id` × `buyer_id`, such as `K7MQ2X`.
pub fn meeting_code(seller_id: &str, buyer_id: &str) -> String {
    let mut bits = mix(super::super::ics::fnv1a64(&[
        "meeting-code",
        seller_id,
        buyer_id,
    ]));
    let mut code = String::with_capacity(CODE_LEN);
    for _ in 0..CODE_LEN {
        code.push(char::from(ALPHABET[(bits & 31) as usize]));
        bits >>= 5;
    }
    code
}

/// Reads a code as a person typed it: any case, spaces and dashes ignored.
/// `None` when it cannot be a meeting code (wrong length, or a letter that
/// codes never use, such as `O` or `1`).
pub fn parse_meeting_code(typed: &str) -> Option<String> {
    let code: String = typed
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .map(|c| c.to_ascii_uppercase())
        .collect();
    let valid = code.len() == CODE_LEN && code.bytes().all(|b| ALPHABET.contains(&b));
    valid.then_some(code)
}

/// SplitMix64's finaliser: spreads FNV's weak low-bit mixing over all bits.
fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_short_unambiguous_and_stable() {
        let code = meeting_code("S001", "B002");
        assert_eq!(code.len(), CODE_LEN);
        assert!(!code.contains(['0', 'O', '1', 'I']), "{code}");
        assert_eq!(code, meeting_code("S001", "B002"));
        assert_ne!(code, meeting_code("B002", "S001"));
        assert_ne!(code, meeting_code("S001", "B003"));
    }

    #[test]
    fn codes_rarely_collide() {
        let mut seen = std::collections::HashSet::new();
        for s in 0..100 {
            for b in 0..100 {
                seen.insert(meeting_code(&format!("S{s}"), &format!("B{b}")));
            }
        }
        // 10,000 pairs over 2^30 codes: a few collisions at most.
        assert!(seen.len() >= 9_990, "{}", seen.len());
    }

    #[test]
    fn typed_codes_are_normalised_or_refused() {
        let code = meeting_code("S001", "B002");
        let typed = format!(" {}-{} ", &code[..3], &code[3..]).to_lowercase();
        assert_eq!(parse_meeting_code(&typed), Some(code));
        assert_eq!(parse_meeting_code("ABCDE"), None);
        assert_eq!(parse_meeting_code("ABCDE0"), None);
        assert_eq!(parse_meeting_code("ABCDEO"), None);
        assert_eq!(parse_meeting_code("ABCDEFG"), None);
    }
}
