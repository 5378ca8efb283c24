//! What the aligner sees of a paragraph: its length and its lexical keys.
//!
//! Words are lowercased and accent-folded ("México" and "Mexico" give the same key), then cut to
//! two prefixes: six letters (the dictionary key, a crude stem) and five letters (the identity
//! and cognate key: "famil" for "familia" and "family"). Numbers are reduced to their digits so
//! "1.234,5" and "1,234.5" meet; `?`/`¿`, `!`/`¡` and quotation marks become tokens of their own.

use rustc_hash::FxHashMap;

/// Interns key strings into dense ids shared by both languages, so equal strings are equal ids.
#[derive(Debug, Default, Clone)]
pub(crate) struct Interner {
    ids: FxHashMap<Box<str>, u32>,
}

impl Interner {
    /// The id of `key`, creating one if new.
    pub(crate) fn intern(&mut self, key: &str) -> u32 {
        if let Some(&id) = self.ids.get(key) {
            return id;
        }
        let id = u32::try_from(self.ids.len()).unwrap_or(u32::MAX);
        self.ids.insert(key.into(), id);
        id
    }

    /// Number of distinct keys.
    pub(crate) fn len(&self) -> usize {
        self.ids.len()
    }

    /// Adds every key of `other`, returning the new id of each of `other`'s ids.
    pub(crate) fn absorb(&mut self, other: &Interner) -> Vec<u32> {
        let mut map = vec![0u32; other.len()];
        for (key, &id) in &other.ids {
            if let Some(slot) = map.get_mut(id as usize) {
                *slot = self.intern(key);
            }
        }
        map
    }
}

/// One word (or number, or punctuation anchor) of a segment.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) struct Token {
    /// Six-letter prefix: the dictionary key.
    pub(crate) stem: u32,
    /// Five-letter prefix (whole token if shorter, whole digits for numbers): the identity key.
    pub(crate) ident: u32,
}

/// Features of one segment (paragraph or sentence).
#[derive(Clone, Debug, Default)]
pub(crate) struct Segment {
    /// Length in characters, not counting spaces.
    pub(crate) len: f64,
    /// Distinct tokens in order of first occurrence.
    pub(crate) tokens: Vec<Token>,
    /// Sorted distinct ids of every stem and identity key in the segment.
    pub(crate) keys: Vec<u32>,
    /// A 128-bit Bloom filter over `keys` for fast negative look-ups.
    pub(crate) bloom: u128,
    /// Whether the segment is a heading (or looks like one).
    pub(crate) heading: bool,
    /// Whether the segment is a list item.
    pub(crate) list_item: bool,
    /// For a heading, its number ("Capítulo 4", "CHAPTER XXXV", "3.2 Results" → 4, 35, 3).
    pub(crate) numeral: Option<u32>,
    /// Whether it ends with a colon, announcing what follows ("y dijo:", "Run this command:"):
    /// translators often join such a lead-in to the next paragraph.
    pub(crate) announces: bool,
}

impl Segment {
    /// Renames the segment's ids through `map` (after two interners were merged).
    pub(crate) fn remap(&mut self, map: &[u32]) {
        let rename = |id: &mut u32| *id = map.get(*id as usize).copied().unwrap_or(*id);
        for token in &mut self.tokens {
            rename(&mut token.stem);
            rename(&mut token.ident);
        }
        self.keys.iter_mut().for_each(rename);
        self.keys.sort_unstable();
        self.bloom = self.keys.iter().fold(0u128, |acc, &k| acc | bloom_bit(k));
    }

    /// Whether `key` occurs in the segment.
    #[inline]
    pub(crate) fn contains(&self, key: u32) -> bool {
        self.bloom & bloom_bit(key) != 0 && self.keys.binary_search(&key).is_ok()
    }
}

#[inline]
pub(crate) fn bloom_bit(key: u32) -> u128 {
    1u128 << (key.wrapping_mul(0x9E37_79B1) >> 25)
}

/// Lowercases and strips accents from one character, appending the result to `out`.
#[inline]
fn push_folded(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
        return;
    }
    let folded = match c {
        'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' | 'Á' | 'À' | 'Â' | 'Ä' | 'Ã' | 'Å' => 'a',
        'é' | 'è' | 'ê' | 'ë' | 'É' | 'È' | 'Ê' | 'Ë' => 'e',
        'í' | 'ì' | 'î' | 'ï' | 'Í' | 'Ì' | 'Î' | 'Ï' => 'i',
        'ó' | 'ò' | 'ô' | 'ö' | 'õ' | 'Ó' | 'Ò' | 'Ô' | 'Ö' | 'Õ' => 'o',
        'ú' | 'ù' | 'û' | 'ü' | 'Ú' | 'Ù' | 'Û' | 'Ü' => 'u',
        'ñ' | 'Ñ' => 'n',
        'ç' | 'Ç' => 'c',
        'ý' | 'ÿ' | 'Ý' => 'y',
        'œ' | 'Œ' => {
            out.push_str("oe");
            return;
        }
        'æ' | 'Æ' => {
            out.push_str("ae");
            return;
        }
        'ß' => {
            out.push_str("ss");
            return;
        }
        _ => {
            out.extend(c.to_lowercase());
            return;
        }
    };
    out.push(folded);
}

/// Accent-folds and lowercases a whole string ("Niño" → "nino"); used by search too.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        push_folded(c, &mut out);
    }
    out
}

/// The first number of a heading among its first four words: Arabic digits, or a Roman
/// numeral written in capitals ("XXXV"; "MIX" would count too, which is rare in a heading's
/// first words).
pub(crate) fn heading_numeral(text: &str) -> Option<u32> {
    for word in text.split_whitespace().take(4) {
        let word = word.trim_matches(|c: char| !c.is_alphanumeric());
        if word.is_empty() {
            continue;
        }
        let digits: String = word.chars().take_while(char::is_ascii_digit).collect();
        if !digits.is_empty() {
            return digits.parse().ok();
        }
        if let Some(value) = roman_value(word) {
            return Some(value);
        }
    }
    None
}

/// The value of a canonical Roman numeral in capitals, such as "XIV".
fn roman_value(word: &str) -> Option<u32> {
    if word.is_empty() || word.len() > 12 {
        return None;
    }
    let digit = |c: char| match c {
        'I' => Some(1),
        'V' => Some(5),
        'X' => Some(10),
        'L' => Some(50),
        'C' => Some(100),
        'D' => Some(500),
        'M' => Some(1000),
        _ => None,
    };
    let values: Vec<u32> = word.chars().map(digit).collect::<Option<_>>()?;
    let mut total = 0u32;
    for (k, &v) in values.iter().enumerate() {
        if values.get(k + 1).is_some_and(|&next| next > v) {
            total = total.saturating_sub(v);
        } else {
            total += v;
        }
    }
    // Canonical form only: "IIII" or "IC" are words, not numbers.
    (to_roman(total) == word).then_some(total)
}

fn to_roman(mut n: u32) -> String {
    const TABLE: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (value, letters) in TABLE {
        while n >= value {
            out.push_str(letters);
            n -= value;
        }
    }
    out
}

/// 64-bit FNV-1a hash.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// The prefix of `s` holding at most `n` characters.
fn prefix(s: &str, n: usize) -> &str {
    match s.char_indices().nth(n) {
        Some((idx, _)) => &s[..idx],
        None => s,
    }
}

/// Turns raw segment texts into features, interning keys as it goes.
#[derive(Debug, Default)]
pub(crate) struct Featurizer {
    pub(crate) interner: Interner,
    /// 64-bit hash of a folded word → its token, so each word is cut and interned once.
    /// (Two words sharing a 64-bit FNV-1a hash in one document pair is vanishingly unlikely,
    /// and would only merge two tokens.)
    words: FxHashMap<u64, Token>,
    word: String,
    digits: String,
    seen: Vec<Token>,
    /// `stamp[stem]` is the number of the last segment that used the stem (deduplication).
    stamp: Vec<u32>,
    n_segments: u32,
}

impl Featurizer {
    /// The stem id of a plain word, as tokens of that word get it.
    pub(crate) fn stem_id(&mut self, word: &str) -> u32 {
        let folded = fold(word);
        self.interner.intern(prefix(&folded, 6))
    }

    /// Features of one segment.
    pub(crate) fn segment(&mut self, text: &str, heading: bool, list_item: bool) -> Segment {
        self.seen.clear();
        self.n_segments += 1;
        let mut len = 0usize;
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            if c.is_whitespace() {
                continue;
            }
            len += 1;
            if c.is_ascii_digit() {
                self.digits.clear();
                self.digits.push(c);
                while let Some(&next) = chars.peek() {
                    if next.is_ascii_digit() {
                        self.digits.push(next);
                    } else if next == '.' || next == ',' || next == '\u{a0}' || next == '\u{202f}' {
                        // A separator inside a number ("1.234,5") is kept only if a digit follows.
                        let mut ahead = chars.clone();
                        ahead.next();
                        if !ahead.peek().is_some_and(char::is_ascii_digit) {
                            break;
                        }
                    } else {
                        break;
                    }
                    chars.next();
                    len += 1;
                }
                let digits = std::mem::take(&mut self.digits);
                let id = self.interner.intern(&digits);
                self.digits = digits;
                self.push(Token {
                    stem: id,
                    ident: id,
                });
            } else if c.is_alphabetic() {
                self.word.clear();
                push_folded(c, &mut self.word);
                while let Some(&next) = chars.peek() {
                    if next.is_alphabetic() {
                        push_folded(next, &mut self.word);
                    } else if next == '\'' || next == '’' || next == '-' {
                        // Keep "don't" and "well-being" whole only when a letter follows.
                        let mut ahead = chars.clone();
                        ahead.next();
                        if !ahead.peek().is_some_and(|c| c.is_alphabetic()) {
                            break;
                        }
                        if next == '-' {
                            break;
                        }
                    } else {
                        break;
                    }
                    chars.next();
                    len += 1;
                }
                let hash = fnv1a(self.word.as_bytes());
                let token = match self.words.get(&hash) {
                    Some(&token) => token,
                    None => {
                        let stem = self.interner.intern(prefix(&self.word, 6));
                        let ident = self.interner.intern(prefix(&self.word, 5));
                        let token = Token { stem, ident };
                        self.words.insert(hash, token);
                        token
                    }
                };
                self.push(token);
            } else {
                let key = match c {
                    '?' | '¿' => "?",
                    '!' | '¡' => "!",
                    '"' | '“' | '”' | '«' | '»' | '„' => "\"",
                    '%' => "%",
                    _ => continue,
                };
                let id = self.interner.intern(key);
                self.push(Token {
                    stem: id,
                    ident: id,
                });
            }
        }
        let tokens = self.seen.clone();
        let mut keys: Vec<u32> = tokens.iter().flat_map(|t| [t.stem, t.ident]).collect();
        keys.sort_unstable();
        keys.dedup();
        let bloom = keys.iter().fold(0u128, |acc, &k| acc | bloom_bit(k));
        Segment {
            len: len as f64,
            tokens,
            keys,
            bloom,
            heading,
            list_item,
            numeral: if heading { heading_numeral(text) } else { None },
            announces: text.trim_end().ends_with(':'),
        }
    }

    fn push(&mut self, token: Token) {
        // The stem determines the token: the identity key is a prefix of it.
        let idx = token.stem as usize;
        if idx >= self.stamp.len() {
            self.stamp.resize(idx + 1024, 0);
        }
        if self.stamp[idx] != self.n_segments {
            self.stamp[idx] = self.n_segments;
            self.seen.push(token);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str, expected: &str) {
        let mut f = Featurizer::default();
        let seg = f.segment(text, false, false);
        let mut names: Vec<(u32, &str)> = f.interner.ids.iter().map(|(k, &v)| (v, &**k)).collect();
        names.sort();
        let name = |id: u32| names[id as usize].1;
        let got: Vec<String> = seg
            .tokens
            .iter()
            .map(|t| {
                if t.stem == t.ident {
                    name(t.stem).to_string()
                } else {
                    format!("{}/{}", name(t.stem), name(t.ident))
                }
            })
            .collect();
        assert_eq!(got.join(" "), expected);
    }

    #[test]
    fn words_are_folded_and_cut() {
        check("México, NIÑO y familia", "mexico/mexic nino y famili/famil");
        check("Phœbus l'été Jacob’s", "phoebu/phoeb lete jacobs/jacob");
    }

    #[test]
    fn numbers_meet_across_locales() {
        check("1.234,5 y 10 %", "12345 y 10 %");
        check("1,234.5 and 10%", "12345 and 10 %");
        check("in 1605, then", "in 1605 then");
    }

    #[test]
    fn punctuation_anchors() {
        check("¿Qué? ¡No!", "? que ! no");
        check("«Sí» “yes”", "\" si yes");
    }

    #[test]
    fn heading_numbers() {
        assert_eq!(heading_numeral("Capítulo XXXV. Donde se da fin"), Some(35));
        assert_eq!(heading_numeral("CHAPTER XXXV. WHICH TREATS"), Some(35));
        assert_eq!(heading_numeral("Chapter 4"), Some(4));
        assert_eq!(heading_numeral("3.2 Resultados"), Some(3));
        assert_eq!(heading_numeral("Prólogo al lector"), None);
        assert_eq!(heading_numeral("CHAPTER IIII"), None);
        assert_eq!(heading_numeral("Volume II"), Some(2));
    }

    #[test]
    fn fold_strips_accents() {
        assert_eq!(fold("Niño ÁÉÍÓÚ ü"), "nino aeiou u");
    }
}
