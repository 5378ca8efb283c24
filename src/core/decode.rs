//! Turning the bytes of a text file into normalised text: encoding detection, line endings, NFC.
//!
//! The decision is pure (bytes in, text out), so it lives in the core; `io` reads the file
//! and adds its path to any error.
//!
//! The order of the checks:
//! 1. ZIP and PDF signatures: a clear "not a text file" error.
//! 2. A byte order mark (UTF-8, UTF-16 LE/BE) decides the encoding.
//! 3. NUL bytes: in a regular every-other-byte pattern they mean UTF-16 without a BOM,
//!    anywhere else they mean binary data.
//! 4. Valid UTF-8 is UTF-8.
//! 5. Invalid UTF-8 that is mostly valid multi-byte UTF-8 (a damaged UTF-8 file) is decoded as
//!    UTF-8 with each invalid sequence replaced by U+FFFD, and the count is reported in
//!    [`Decoded::n_replaced`]. Guessing a legacy encoding there would turn every correct
//!    "ñ" of the file into mojibake ("Ã±") to save one damaged byte.
//!    Otherwise chardetng guesses a legacy encoding (in practice windows-1252 for Spanish;
//!    ISO-8859-1 files are read as windows-1252, its WHATWG superset).
//! 6. Text with a high share of control characters is binary data.
//! 7. Text with nothing but whitespace is an empty file.
//!
//! Then CR LF and lone CR become LF, and the text is put in Unicode NFC.

use std::borrow::Cow;

use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE};
use unicode_normalization::{IsNormalized, UnicodeNormalization as _, is_nfc_quick};

/// Why a file's bytes cannot be read as text.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    /// The file is empty or holds only whitespace.
    #[error("empty file")]
    Empty,
    /// The bytes are not text (NUL bytes or many control characters).
    #[error("binary data, not text")]
    Binary,
    /// The bytes are a known non-text container, such as a ZIP archive or a PDF.
    #[error("not a text file ({0})")]
    NotText(&'static str),
}

/// Text decoded from bytes, with the encoding it was read in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decoded {
    /// The text: LF line endings, NFC, without a byte order mark.
    pub text: String,
    /// The WHATWG name of the encoding used, such as "UTF-8", "UTF-16LE" or "windows-1252".
    pub encoding: &'static str,
    /// Whether the file started with a byte order mark.
    pub has_bom: bool,
    /// How many invalid byte sequences were replaced by U+FFFD (0 for a clean file).
    pub n_replaced: usize,
}

/// Magic numbers of common non-text files, with what to call them in an error.
const SIGNATURES: [(&[u8], &str); 6] = [
    (b"PK\x03\x04", "ZIP archive"),
    (b"PK\x05\x06", "ZIP archive"),
    (b"%PDF-", "PDF document"),
    (b"\x1f\x8b", "gzip archive"),
    (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
        "old Microsoft Office document",
    ),
    (b"{\\rtf", "RTF document"),
];

/// Decodes the bytes of a text file in any common encoding into normalised text.
pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    if let Some((_, what)) = SIGNATURES
        .iter()
        .find(|(magic, _)| bytes.starts_with(magic))
    {
        return Err(DecodeError::NotText(what));
    }
    let (text, encoding, has_bom, n_replaced) =
        if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
            let rest = bytes.get(bom_len..).unwrap_or_default();
            let (text, n_replaced) = decode_with(encoding, rest);
            (text, encoding, true, n_replaced)
        } else if bytes.contains(&0) {
            let encoding = utf16_without_bom(bytes).ok_or(DecodeError::Binary)?;
            let (text, n_replaced) = decode_with(encoding, bytes);
            (text, encoding, false, n_replaced)
        } else {
            match std::str::from_utf8(bytes) {
                Ok(text) => (Cow::Borrowed(text), UTF_8, false, 0),
                Err(_) => {
                    let (n_valid_multibyte, n_invalid) = count_utf8_sequences(bytes);
                    let encoding = if n_valid_multibyte >= 4 * n_invalid {
                        UTF_8
                    } else {
                        guess_legacy(bytes)
                    };
                    let (text, n_replaced) = decode_with(encoding, bytes);
                    (text, encoding, false, n_replaced)
                }
            }
        };
    if looks_binary(&text) {
        return Err(DecodeError::Binary);
    }
    if text.trim().is_empty() {
        return Err(DecodeError::Empty);
    }
    Ok(Decoded {
        text: normalize(&text).into_owned(),
        encoding: encoding.name(),
        has_bom,
        n_replaced,
    })
}

/// Turns CR LF and lone CR into LF and puts the text in NFC; borrows when nothing changes.
pub fn normalize(text: &str) -> Cow<'_, str> {
    let text = if text.contains('\r') {
        let lf = text.replace("\r\n", "\n");
        Cow::Owned(if lf.contains('\r') {
            lf.replace('\r', "\n")
        } else {
            lf
        })
    } else {
        Cow::Borrowed(text)
    };
    if is_surely_nfc(&text) || is_nfc_quick(text.chars()) == IsNormalized::Yes {
        text
    } else {
        Cow::Owned(text.nfc().collect())
    }
}

/// Decodes without BOM sniffing; returns the text and how many malformed sequences it replaced.
fn decode_with<'a>(encoding: &'static Encoding, bytes: &'a [u8]) -> (Cow<'a, str>, usize) {
    let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
    let n_replaced = if had_errors {
        text.matches('\u{FFFD}').count()
    } else {
        0
    };
    (text, n_replaced)
}

/// Recognises UTF-16 without a BOM: text in Latin script has a NUL in most code units,
/// always on the same side (odd bytes for little endian, even bytes for big endian).
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    let sample = bytes.get(..bytes.len().min(64 * 1024)).unwrap_or(bytes);
    let n_units = sample.len() / 2;
    if n_units == 0 {
        return None;
    }
    let (mut n_nul_even, mut n_nul_odd) = (0usize, 0usize);
    for unit in sample.chunks_exact(2) {
        if let [even, odd] = unit {
            n_nul_even += usize::from(*even == 0);
            n_nul_odd += usize::from(*odd == 0);
        }
    }
    // At least a third of the units are ASCII-range, and the other side has almost no NULs.
    let few = n_units / 50;
    if n_nul_odd * 3 >= n_units && n_nul_even <= few {
        Some(UTF_16LE)
    } else if n_nul_even * 3 >= n_units && n_nul_odd <= few {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// Counts the valid multi-byte UTF-8 sequences and the invalid ones in `bytes`, stopping
/// early once the invalid ones clearly dominate.
fn count_utf8_sequences(bytes: &[u8]) -> (usize, usize) {
    let (mut n_valid_multibyte, mut n_invalid) = (0, 0);
    let mut rest = bytes;
    loop {
        let (valid, error) = match std::str::from_utf8(rest) {
            Ok(valid) => (valid, None),
            Err(error) => {
                let valid =
                    std::str::from_utf8(rest.get(..error.valid_up_to()).unwrap_or_default())
                        .unwrap_or_default();
                (valid, Some(error))
            }
        };
        n_valid_multibyte += valid.chars().filter(|c| !c.is_ascii()).count();
        let Some(error) = error else {
            return (n_valid_multibyte, n_invalid);
        };
        n_invalid += 1;
        if n_invalid >= 16 && n_valid_multibyte < 4 * n_invalid {
            // Clearly not damaged UTF-8: no need to walk the rest of a large legacy file.
            return (n_valid_multibyte, n_invalid);
        }
        // A truncated sequence at the end has no error length: it is the last one.
        let skip = error.valid_up_to() + error.error_len().unwrap_or(rest.len());
        rest = rest.get(skip..).unwrap_or_default();
    }
}

/// Asks chardetng for the most likely legacy (non-UTF-8) encoding.
///
/// Only the first 64 KiB are looked at: chardetng takes tens of nanoseconds a byte, and a
/// text's encoding shows long before that.
fn guess_legacy(bytes: &[u8]) -> &'static Encoding {
    let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
    detector.feed(bytes.get(..64 * 1024).unwrap_or(bytes), true);
    detector.guess(None, Utf8Detection::Deny)
}

/// Whether more than 1 in 20 characters are control characters (other than tab, line feed,
/// form feed and carriage return) or replacement characters.
///
/// Only the first 256 KiB are looked at, which keeps a large file fast; binary formats show
/// their control bytes at once, and NUL bytes anywhere are caught earlier on the whole file.
fn looks_binary(text: &str) -> bool {
    let mut end = text.len().min(256 * 1024);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let text = text.get(..end).unwrap_or_default();
    let bytes = text.as_bytes();
    let n_c0 = bytes
        .iter()
        .filter(|&&byte| {
            (byte < 0x20 && !matches!(byte, b'\t' | b'\n' | b'\r' | 0x0c)) || byte == 0x7f
        })
        .count();
    // U+0080..U+009F are encoded C2 80..C2 9F.
    let n_c1 = bytes
        .iter()
        .zip(bytes.get(1..).unwrap_or_default())
        .filter(|&(&lead, &next)| lead == 0xC2 && (0x80..0xA0).contains(&next))
        .count();
    let n_replacement = text.matches('\u{FFFD}').count();
    // Continuation bytes are 10xxxxxx; every other byte starts a character.
    let n_chars = bytes.len() - bytes.iter().filter(|&&byte| (byte as i8) < -0x40).count();
    (n_c0 + n_c1 + n_replacement) * 20 > n_chars
}

/// Whether `text` is in NFC for certain, judged from its bytes alone: true when every
/// character is ASCII, in U+0080..U+02FF (Latin-1 and Latin Extended, no combining marks)
/// or in U+2002..U+20BF (punctuation such as “ ” … —, and currency signs such as €).
/// All of those are NFC_Quick_Check=Yes with combining class 0, so most Spanish and
/// English texts skip the slower per-character check.
fn is_surely_nfc(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut idx = 0;
    while let Some(&byte) = bytes.get(idx) {
        idx += match byte {
            0x00..=0x7F => 1,
            0xC2..=0xCB => 2,
            0xE2 => match bytes.get(idx + 1..idx + 3) {
                Some([0x80, 0x82..=0xBF] | [0x81 | 0x82, _]) => 3,
                _ => return false,
            },
            _ => return false,
        };
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Decodes `bytes` and shows the result as "encoding: text" or "error: message";
    /// a replacement count other than 0 is shown as "(n replaced)".
    fn check(bytes: &[u8], expected: &str) {
        let actual = match decode(bytes) {
            Ok(decoded) if decoded.n_replaced > 0 => format!(
                "{}: {} ({} replaced)",
                decoded.encoding, decoded.text, decoded.n_replaced
            ),
            Ok(decoded) => format!("{}: {}", decoded.encoding, decoded.text),
            Err(error) => format!("error: {error}"),
        };
        assert_eq!(actual, expected, "bytes: {bytes:x?}");
    }

    fn utf16(text: &str, little_endian: bool) -> Vec<u8> {
        text.encode_utf16()
            .flat_map(|unit| {
                if little_endian {
                    unit.to_le_bytes()
                } else {
                    unit.to_be_bytes()
                }
            })
            .collect()
    }

    #[test]
    fn utf8_with_and_without_bom() {
        check("¿Qué año?".as_bytes(), "UTF-8: ¿Qué año?");
        check(b"\xef\xbb\xbfHola", "UTF-8: Hola");
        assert!(decode(b"\xef\xbb\xbfHola").is_ok_and(|d| d.has_bom));
    }

    #[test]
    fn utf16_with_bom() {
        let mut le = vec![0xFF, 0xFE];
        le.extend(utf16("¿Qué año?", true));
        check(&le, "UTF-16LE: ¿Qué año?");
        let mut be = vec![0xFE, 0xFF];
        be.extend(utf16("¿Qué año?", false));
        check(&be, "UTF-16BE: ¿Qué año?");
    }

    #[test]
    fn utf16_without_bom_is_found_by_its_nul_bytes() {
        check(
            &utf16("El año pasado.\n¿Qué?", true),
            "UTF-16LE: El año pasado.\n¿Qué?",
        );
        check(
            &utf16("El año pasado.\n¿Qué?", false),
            "UTF-16BE: El año pasado.\n¿Qué?",
        );
    }

    #[test]
    fn legacy_encodings_are_guessed() {
        check(
            b"El a\xf1o pasado, la compa\xf1\xeda public\xf3 su informe.",
            "windows-1252: El año pasado, la compañía publicó su informe.",
        );
        check(
            b"\xbfQu\xe9? \x93Bien\x94 \x80",
            "windows-1252: ¿Qué? “Bien” €",
        );
        check(b"caf\xe9", "windows-1252: café");
    }

    #[test]
    fn damaged_utf8_keeps_utf8_and_counts_replacements() {
        check(
            b"El a\xc3 pasado, la compa\xc3\xb1\xc3\xada public\xc3\xb3 su informe \xc2\xbfqu\xc3\xa9?",
            "UTF-8: El a\u{FFFD} pasado, la compañía publicó su informe ¿qué? (1 replaced)",
        );
        // Mostly invalid: a legacy encoding that happens to contain one valid pair.
        check(
            b"Se\xf1or \xc3\xb1 a\xf1o d\xeda",
            "windows-1252: Señor Ã± año día",
        );
        // A truncated sequence at the very end; the threshold is four valid for one invalid.
        check(
            b"ni\xc3\xb1o y ni\xc3\xb1a ma\xc3\xb1ana a\xc3\xb1o \xc3",
            "UTF-8: niño y niña mañana año \u{FFFD} (1 replaced)",
        );
        check(
            b"ni\xc3\xb1o y ni\xc3\xb1a ma\xc3\xb1ana \xc3",
            "windows-1252: niÃ±o y niÃ±a maÃ±ana Ã",
        );
    }

    #[test]
    fn line_endings_become_lf_and_text_nfc() {
        check(b"a\r\nb\rc\n\rd", "UTF-8: a\nb\nc\n\nd");
        check("an\u{303}o".as_bytes(), "UTF-8: año");
    }

    #[test]
    fn empty_and_whitespace_only() {
        check(b"", "error: empty file");
        check(b" \r\n\t\n", "error: empty file");
        check(b"\xef\xbb\xbf", "error: empty file");
        check(b"\xff\xfe", "error: empty file");
        check(&utf16("  \n ", true), "error: empty file");
    }

    #[test]
    fn binary_data() {
        check(b"abc\0def", "error: binary data, not text");
        check(b"\x01\x02\x03\x04abcdefgh", "error: binary data, not text");
        check(
            b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR",
            "error: binary data, not text",
        );
    }

    #[test]
    fn archives_and_pdfs() {
        check(
            b"PK\x03\x04\x14\0\0\0",
            "error: not a text file (ZIP archive)",
        );
        check(
            b"PK\x05\x06\0\0\0\0",
            "error: not a text file (ZIP archive)",
        );
        check(b"%PDF-1.7\n", "error: not a text file (PDF document)");
    }

    #[test]
    fn tabs_and_form_feeds_are_text() {
        check(b"a\tb\x0cc", "UTF-8: a\tb\x0cc");
    }

    #[test]
    fn surely_nfc_agrees_with_the_quick_check() {
        for text in [
            "",
            "abc",
            "¿Qué año? “Sí” — 25 € …",
            "\u{2000}",
            "an\u{303}o",
            "Ω",
            "\u{2126}",
        ] {
            if is_surely_nfc(text) {
                assert_eq!(is_nfc_quick(text.chars()), IsNormalized::Yes, "{text:?}");
            }
        }
        assert!(is_surely_nfc("¿Qué año? “Sí” — 25 € … ½ ǅ ˿"));
        assert!(!is_surely_nfc("\u{2000}"));
        assert!(!is_surely_nfc("an\u{303}o"));
        let all_fast: String = ('\0'..='\u{2FF}').chain('\u{2002}'..='\u{20BF}').collect();
        assert!(is_surely_nfc(&all_fast));
        assert_eq!(is_nfc_quick(all_fast.chars()), IsNormalized::Yes);
    }

    /// Random bytes (from a fixed linear congruential generator) never make decoding or
    /// parsing panic; a few "text-like" byte ranges make the decoder take every path.
    #[test]
    fn random_bytes_do_not_panic() {
        use crate::core::import::{Format, parse_document};
        use crate::core::sentence::{Lang, split_sentences};
        let mut state: u64 = 0x2545_F491_4F6C_DD1D;
        let mut next = move || {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (state >> 33) as u32
        };
        let alphabets: [&[u8]; 4] = [
            b"",
            b"aA .?!\xc2\xbf\xc3\xb1\n\r \xe2\x80\x9d\xe2\x80\xa6-*#>`[]()<!--",
            b"ab \x00\n",
            b"\xff\xfe\xef\xbb\xbf\xc3\xa1\xf1. ",
        ];
        for round in 0..3000 {
            let len = (next() % 300) as usize;
            let alphabet = alphabets[round % alphabets.len()];
            let bytes: Vec<u8> = (0..len)
                .map(|_| {
                    let r = next();
                    if alphabet.is_empty() {
                        r as u8
                    } else {
                        alphabet[r as usize % alphabet.len()]
                    }
                })
                .collect();
            if let Ok(decoded) = decode(&bytes) {
                for format in [Format::Text, Format::Markdown] {
                    for paragraph in parse_document(&decoded.text, format).paragraphs {
                        assert!(!paragraph.text.trim().is_empty());
                        for lang in [Lang::Es, Lang::En] {
                            for range in split_sentences(&paragraph.text, lang) {
                                assert!(paragraph.text.get(range).is_some());
                            }
                        }
                    }
                }
            }
        }
    }
}
