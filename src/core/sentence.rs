//! Sentence segmentation for Spanish and English prose, written for translation review.
//!
//! A sentence ends after a run of terminators (`.`, `?`, `!`, `…`, `...`) and any closing
//! quotes or brackets, when whitespace follows and the next word does not start with a
//! lowercase letter. Openers before that word are skipped, so "¿Qué? —dijo él." stays one
//! sentence (Spanish dialogue: the narration after the dash continues in lowercase), while
//! "¿Qué? ¡Nada!" is two. A single `.` does not end a sentence after:
//! - an abbreviation that precedes a name or another abbreviation (Sr., Dña., EE. UU.,
//!   Mr., Dr., St., e.g., i.e., p. ej., vs.),
//! - a single capital letter (initials as in "J. R. R. Tolkien", "D. Quijote"),
//! - a number abbreviation when a number follows ("pág. 12", "No. 5", "cap. IV").
//!
//! Abbreviations that often end a sentence (etc., Inc., Ltd., Jr., U.S., U.K., a.m.) follow
//! the general rule: they end one when the next word is capitalised. Decimal and
//! thousands separators (3,5 3.5 1.234,56) never end a sentence because no space follows.
//! Line breaks count as spaces; split paragraphs before calling this.

use std::ops::Range;

/// The language of a text, where rules depend on it (abbreviations, for now).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Lang {
    /// Spanish: the source side.
    Es,
    /// English: the target side.
    En,
}

/// Abbreviations (lowercase, without the final period) after which a sentence never ends,
/// because a name, a number or another abbreviation always follows.
const NO_BREAK_ES: &[&str] = &[
    "sr", "sra", "srta", "sres", "sras", "srs", "dr", "dra", "dres", "dña", "ud", "uds", "vd",
    "vds", "lic", "ing", "arq", "prof", "profa", "sto", "sta", "excmo", "excma", "ilmo", "ilma",
    "rvdo", "mons", "gral", "cnel", "tte", "av", "avda", "pza", "ee", "p", "ej", "a", "d", "vs",
    "cf", "op", "cía",
];
/// English abbreviations after which a sentence never ends.
const NO_BREAK_EN: &[&str] = &[
    "mr", "mrs", "ms", "messrs", "dr", "prof", "st", "mt", "rev", "hon", "gen", "col", "capt",
    "lt", "sgt", "gov", "sen", "rep", "fr", "e.g", "i.e", "vs", "cf", "viz",
];
/// Abbreviations after which a sentence does not end when a number follows.
const BEFORE_NUMBER_ES: &[&str] = &[
    "núm", "núms", "no", "n", "pág", "págs", "p", "pp", "cap", "vol", "art", "fig", "tel", "aprox",
    "t",
];
/// English abbreviations after which a sentence does not end when a number follows.
const BEFORE_NUMBER_EN: &[&str] = &[
    "no", "nos", "p", "pp", "vol", "vols", "ch", "chap", "fig", "art", "approx", "ca", "sec",
];

/// Names of book divisions (lowercase) whose number is followed by a title, not a new
/// sentence: "CHAPTER IV. WHICH TREATS OF…".
const DIVISIONS: &[&str] = &[
    "capítulo",
    "libro",
    "parte",
    "tomo",
    "canto",
    "acto",
    "escena",
    "chapter",
    "book",
    "part",
    "volume",
    "act",
    "scene",
];

/// Characters that may close a sentence after its terminator: quotes and brackets.
fn is_closer(c: char) -> bool {
    matches!(c, '"' | '\'' | '”' | '’' | '»' | '›' | ')' | ']' | '}')
}

/// Characters that may open a sentence before its first word: quotes, brackets, dashes.
fn is_opener(c: char) -> bool {
    matches!(
        c,
        '¿' | '¡'
            | '"'
            | '\''
            | '“'
            | '‘'
            | '„'
            | '‚'
            | '«'
            | '‹'
            | '('
            | '['
            | '{'
            | '—'
            | '–'
            | '-'
            | '*'
            | '_'
    )
}

/// Characters that end a sentence.
fn is_terminator(c: char) -> bool {
    matches!(c, '.' | '?' | '!' | '…')
}

/// Splits `text` into sentences: byte ranges in order, each covering the sentence without
/// surrounding whitespace. Whitespace-only text has no sentences.
pub fn split_sentences(text: &str, lang: Lang) -> Vec<Range<usize>> {
    let mut ranges = Vec::new();
    let mut sentence_start = 0;
    let mut idx = 0;
    while let Some(c) = text.get(idx..).and_then(|rest| rest.chars().next()) {
        if !is_terminator(c) {
            idx += c.len_utf8();
            continue;
        }
        let run_start = idx;
        let run_end = skip_while(text, run_start, is_terminator);
        let end = skip_while(text, run_end, is_closer);
        idx = end;
        let followed_by_space = text
            .get(end..)
            .and_then(|rest| rest.chars().next())
            .is_some_and(char::is_whitespace);
        if !followed_by_space {
            continue;
        }
        let run = text.get(run_start..run_end).unwrap_or_default();
        let before = text.get(sentence_start..run_start).unwrap_or_default();
        let after = text.get(end..).unwrap_or_default();
        if is_boundary(before, run, after, lang) {
            push_trimmed(&mut ranges, text, sentence_start..end);
            sentence_start = end;
        }
    }
    push_trimmed(&mut ranges, text, sentence_start..text.len());
    ranges
}

/// The sentences of `text` as string slices (see [`split_sentences`]).
pub fn sentences(text: &str, lang: Lang) -> Vec<&str> {
    split_sentences(text, lang)
        .into_iter()
        .filter_map(|range| text.get(range))
        .collect()
}

/// Whether the terminator `run`, preceded by `before` (the sentence so far) and followed by
/// whitespace and `after`, ends a sentence.
fn is_boundary(before: &str, run: &str, after: &str, lang: Lang) -> bool {
    let next_word = after.trim_start().trim_start_matches(is_opener);
    if next_word.starts_with(char::is_lowercase) {
        return false;
    }
    if run != "." {
        // `?`, `!`, ellipses and combinations end a sentence before a non-lowercase word.
        return true;
    }
    let mut words = before
        .rsplit(char::is_whitespace)
        .map(|w| w.trim_start_matches(|c: char| !c.is_alphanumeric()));
    let word = words.next().unwrap_or_default();
    if starts_with_number(word)
        && words
            .next()
            .is_some_and(|prev| DIVISIONS.contains(&prev.to_lowercase().as_str()))
    {
        // A numbered division before its title: "Capítulo IV. Que trata de…".
        return false;
    }
    let mut chars = word.chars();
    if let (Some(first), None) = (chars.next(), chars.next())
        && first.is_uppercase()
    {
        // An initial: "J. R. R. Tolkien", "D. Quijote".
        return false;
    }
    let word = word.to_lowercase();
    let (no_break, before_number) = match lang {
        Lang::Es => (NO_BREAK_ES, BEFORE_NUMBER_ES),
        Lang::En => (NO_BREAK_EN, BEFORE_NUMBER_EN),
    };
    if no_break.contains(&word.as_str()) {
        return false;
    }
    !(before_number.contains(&word.as_str()) && starts_with_number(next_word))
}

/// Whether `text` starts with a digit or a Roman numeral word ("IV", "XII.").
fn starts_with_number(text: &str) -> bool {
    if text.starts_with(|c: char| c.is_ascii_digit()) {
        return true;
    }
    let word_len = text
        .find(|c: char| !c.is_alphanumeric())
        .unwrap_or(text.len());
    let word = text.get(..word_len).unwrap_or_default();
    !word.is_empty()
        && word
            .chars()
            .all(|c| matches!(c, 'I' | 'V' | 'X' | 'L' | 'C' | 'D' | 'M'))
}

/// The index after the run of characters matching `pred` that starts at `idx`.
fn skip_while(text: &str, idx: usize, pred: fn(char) -> bool) -> usize {
    let rest = text.get(idx..).unwrap_or_default();
    let run_len = rest.find(|c: char| !pred(c)).unwrap_or(rest.len());
    idx + run_len
}

/// Pushes `range` of `text` without its leading and trailing whitespace, if anything is left.
fn push_trimmed(ranges: &mut Vec<Range<usize>>, text: &str, range: Range<usize>) {
    let Some(slice) = text.get(range.clone()) else {
        return;
    };
    let start = range.start + (slice.len() - slice.trim_start().len());
    let end = range.end - (slice.len() - slice.trim_end().len());
    if start < end {
        ranges.push(start..end);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Sentences joined by " | ".
    fn check(lang: Lang, input: &str, expected: &str) {
        let actual = sentences(input, lang).join(" | ");
        assert_eq!(actual, expected, "input: {input:?}");
        let ranges = split_sentences(input, lang);
        assert!(
            ranges.windows(2).all(|w| w[0].end <= w[1].start),
            "ranges in order"
        );
    }

    fn es(input: &str, expected: &str) {
        check(Lang::Es, input, expected);
    }

    fn en(input: &str, expected: &str) {
        check(Lang::En, input, expected);
    }

    #[test]
    fn simple_sentences() {
        es("Uno. Dos.  Tres", "Uno. | Dos. | Tres");
        en("One! Two? Three.", "One! | Two? | Three.");
    }

    #[test]
    fn empty_and_blank() {
        es("", "");
        es("  \n ", "");
        es(" . ", ".");
    }

    #[test]
    fn ranges_cover_non_space_text() {
        let text = "  Hola.  ¿Qué tal?\n";
        assert_eq!(split_sentences(text, Lang::Es), [2..7, 9..20]);
    }

    #[test]
    fn spanish_abbreviations() {
        es(
            "El Sr. García llegó a EE. UU. el 3 de mayo. ¿Por qué? No lo sé.",
            "El Sr. García llegó a EE. UU. el 3 de mayo. | ¿Por qué? | No lo sé.",
        );
        es(
            "Vino la Sra. Pérez con la Srta. Ruiz y la Dra. Gil. Luego D. Pedro y Dña. Ana.",
            "Vino la Sra. Pérez con la Srta. Ruiz y la Dra. Gil. | Luego D. Pedro y Dña. Ana.",
        );
        es(
            "¿Ud. lo sabe? Uds. y Vd. también.",
            "¿Ud. lo sabe? | Uds. y Vd. también.",
        );
        es(
            "Hay frutas, p. ej. Naranjas. Véase la pág. 12 y el núm. 3. Fin.",
            "Hay frutas, p. ej. Naranjas. | Véase la pág. 12 y el núm. 3. | Fin.",
        );
        es("Lea el cap. IV. Es corto.", "Lea el cap. IV. | Es corto.");
        es("el sr. García y el Dr. Ruiz", "el sr. García y el Dr. Ruiz");
    }

    #[test]
    fn sentence_ending_abbreviations_follow_the_case_rule() {
        es(
            "Trajo libros, etc. Luego se fue.",
            "Trajo libros, etc. | Luego se fue.",
        );
        es(
            "Trajo libros, etc. y se fue.",
            "Trajo libros, etc. y se fue.",
        );
        en(
            "He works at Acme Inc. The firm is big.",
            "He works at Acme Inc. | The firm is big.",
        );
        en(
            "Acme Ltd. and Bob Jr. agreed.",
            "Acme Ltd. and Bob Jr. agreed.",
        );
        es("Vivo en EE. UU. Me gusta.", "Vivo en EE. UU. | Me gusta.");
    }

    #[test]
    fn english_abbreviations() {
        en(
            "Mr. and Mrs. Smith met Ms. Jones and Dr. Brown at St. Paul's. They left.",
            "Mr. and Mrs. Smith met Ms. Jones and Dr. Brown at St. Paul's. | They left.",
        );
        en(
            "Fruit, e.g. Apples, i.e. Pears, vs. Plums. See No. 5 on p. 7. No. It is not.",
            "Fruit, e.g. Apples, i.e. Pears, vs. Plums. | See No. 5 on p. 7. | No. | It is not.",
        );
        en(
            "He moved to the U.S. in 1990. Then the U.K. Both.",
            "He moved to the U.S. in 1990. | Then the U.K. | Both.",
        );
    }

    #[test]
    fn numbered_divisions_stay_with_their_title() {
        es(
            "Capítulo IV. Que trata de lo que sucedió. Fin.",
            "Capítulo IV. Que trata de lo que sucedió. | Fin.",
        );
        en(
            "CHAPTER XII. OF WHAT A GOATHERD RELATED. He said so.",
            "CHAPTER XII. OF WHAT A GOATHERD RELATED. | He said so.",
        );
        en(
            "Book 2. The End. Part of it. Yes.",
            "Book 2. The End. | Part of it. | Yes.",
        );
    }

    #[test]
    fn initials() {
        en(
            "J. R. R. Tolkien wrote it. He died.",
            "J. R. R. Tolkien wrote it. | He died.",
        );
        es(
            "Lo firmó M. de Cervantes. Fin.",
            "Lo firmó M. de Cervantes. | Fin.",
        );
    }

    #[test]
    fn spanish_questions_and_exclamations() {
        es(
            "¿Qué significa esto para los niños? ¡Mucho!",
            "¿Qué significa esto para los niños? | ¡Mucho!",
        );
        es("¿Qué? —dijo él.", "¿Qué? —dijo él.");
        es(
            "—¿Qué quieres? —preguntó ella.",
            "—¿Qué quieres? —preguntó ella.",
        );
        es("—¿Qué quieres? —Nada.", "—¿Qué quieres? | —Nada.");
        es("—Hola —dijo él—. ¿Qué tal?", "—Hola —dijo él—. | ¿Qué tal?");
        es(
            "¿Vienes?, preguntó. ¡Ay! ¡Qué dolor!",
            "¿Vienes?, preguntó. | ¡Ay! | ¡Qué dolor!",
        );
        es("¿¡Cómo!? No puede ser.", "¿¡Cómo!? | No puede ser.");
    }

    #[test]
    fn decimals_and_thousands() {
        es(
            "Mide 3,5 m y cuesta 1.234,56 €. Barato.",
            "Mide 3,5 m y cuesta 1.234,56 €. | Barato.",
        );
        en(
            "It is 3.5 m long. Cheap at $1,234.56.",
            "It is 3.5 m long. | Cheap at $1,234.56.",
        );
        es(
            "Nació en 1547. Murió en 1616.",
            "Nació en 1547. | Murió en 1616.",
        );
    }

    #[test]
    fn ellipses() {
        es(
            "Pues… no sé. Bueno... ya veremos.",
            "Pues… no sé. | Bueno... ya veremos.",
        );
        es(
            "Pues… No sé. Bueno... Ya veremos.",
            "Pues… | No sé. | Bueno... | Ya veremos.",
        );
        es(
            "Dijo: ...los altos cielos. Y calló.",
            "Dijo: ...los altos cielos. | Y calló.",
        );
    }

    #[test]
    fn closing_quotes_and_brackets_stay_with_the_sentence() {
        en(
            "He said “No.” Then he left.",
            "He said “No.” | Then he left.",
        );
        es("Dijo: «¡Basta!». Se fue.", "Dijo: «¡Basta!». | Se fue.");
        es("(Sólo hoy.) Mañana no.", "(Sólo hoy.) | Mañana no.");
        en(
            "\"Stop!\" she cried. 'Why?' Nobody knew.",
            "\"Stop!\" she cried. | 'Why?' | Nobody knew.",
        );
        en("He said “no.” then left.", "He said “no.” then left.");
    }

    #[test]
    fn lowercase_next_word_does_not_start_a_sentence() {
        en("What? he asked. Yes.", "What? he asked. | Yes.");
        es("Sí. pero no. ¿y tú?", "Sí. pero no. ¿y tú?");
    }

    #[test]
    fn no_space_no_break() {
        en(
            "Visit example.com.Or not. See www.x.org",
            "Visit example.com.Or not. | See www.x.org",
        );
    }

    #[test]
    fn numbers_after_terminators() {
        en(
            "It was good. 3 people came.",
            "It was good. | 3 people came.",
        );
    }

    #[test]
    fn line_breaks_count_as_spaces() {
        es("Uno.\nDos.\n\nTres.", "Uno. | Dos. | Tres.");
    }

    /// Paragraphs of Don Quijote, chapter 1 (public domain; see tests/data/README.md), split
    /// by hand: Cervantes's Spanish and John Ormsby's English.
    #[test]
    fn quijote_chapter_one() {
        es(
            "Capítulo I. Que trata de la condición y ejercicio del famoso hidalgo don Quijote de la Mancha",
            &[
                "Capítulo I. Que trata de la condición y ejercicio del famoso hidalgo don Quijote de la Mancha",
            ]
            .join(" | "),
        );
        es(
            "En un lugar de la Mancha, de cuyo nombre no quiero acordarme, no ha mucho tiempo que vivía un hidalgo de los de lanza en astillero, adarga antigua, rocín flaco y galgo corredor. Una olla de algo más vaca que carnero, salpicón las más noches, duelos y quebrantos los sábados, lantejas los viernes, algún palomino de añadidura los domingos, consumían las tres cuartas partes de su hacienda. El resto della concluían sayo de velarte, calzas de velludo para las fiestas, con sus pantuflos de lo mesmo, y los días de entresemana se honraba con su vellorí de lo más fino. Tenía en su casa una ama que pasaba de los cuarenta, y una sobrina que no llegaba a los veinte, y un mozo de campo y plaza, que así ensillaba el rocín como tomaba la podadera. Frisaba la edad de nuestro hidalgo con los cincuenta años; era de complexión recia, seco de carnes, enjuto de rostro, gran madrugador y amigo de la caza. Quieren decir que tenía el sobrenombre de Quijada, o Quesada, que en esto hay alguna diferencia en los autores que deste caso escriben; aunque, por conjeturas verosímiles, se deja entender que se llamaba Quejana. Pero esto importa poco a nuestro cuento; basta que en la narración dél no se salga un punto de la verdad.",
            &[
                "En un lugar de la Mancha, de cuyo nombre no quiero acordarme, no ha mucho tiempo que vivía un hidalgo de los de lanza en astillero, adarga antigua, rocín flaco y galgo corredor.",
                "Una olla de algo más vaca que carnero, salpicón las más noches, duelos y quebrantos los sábados, lantejas los viernes, algún palomino de añadidura los domingos, consumían las tres cuartas partes de su hacienda.",
                "El resto della concluían sayo de velarte, calzas de velludo para las fiestas, con sus pantuflos de lo mesmo, y los días de entresemana se honraba con su vellorí de lo más fino.",
                "Tenía en su casa una ama que pasaba de los cuarenta, y una sobrina que no llegaba a los veinte, y un mozo de campo y plaza, que así ensillaba el rocín como tomaba la podadera.",
                "Frisaba la edad de nuestro hidalgo con los cincuenta años; era de complexión recia, seco de carnes, enjuto de rostro, gran madrugador y amigo de la caza.",
                "Quieren decir que tenía el sobrenombre de Quijada, o Quesada, que en esto hay alguna diferencia en los autores que deste caso escriben; aunque, por conjeturas verosímiles, se deja entender que se llamaba Quejana.",
                "Pero esto importa poco a nuestro cuento; basta que en la narración dél no se salga un punto de la verdad.",
            ]
            .join(" | "),
        );
        es(
            "Es, pues, de saber que este sobredicho hidalgo, los ratos que estaba ocioso, que eran los más del año, se daba a leer libros de caballerías, con tanta afición y gusto, que olvidó casi de todo punto el ejercicio de la caza, y aun la administración de su hacienda. Y llegó a tanto su curiosidad y desatino en esto, que vendió muchas hanegas de tierra de sembradura para comprar libros de caballerías en que leer, y así, llevó a su casa todos cuantos pudo haber dellos; y de todos, ningunos le parecían tan bien como los que compuso el famoso Feliciano de Silva, porque la claridad de su prosa y aquellas entricadas razones suyas le parecían de perlas, y más cuando llegaba a leer aquellos requiebros y cartas de desafíos, donde en muchas partes hallaba escrito: La razón de la sinrazón que a mi razón se hace, de tal manera mi razón enflaquece, que con razón me quejo de la vuestra fermosura. Y también cuando leía: ...los altos cielos que de vuestra divinidad divinamente con las estrellas os fortifican, y os hacen merecedora del merecimiento que merece la vuestra grandeza.",
            &[
                "Es, pues, de saber que este sobredicho hidalgo, los ratos que estaba ocioso, que eran los más del año, se daba a leer libros de caballerías, con tanta afición y gusto, que olvidó casi de todo punto el ejercicio de la caza, y aun la administración de su hacienda.",
                "Y llegó a tanto su curiosidad y desatino en esto, que vendió muchas hanegas de tierra de sembradura para comprar libros de caballerías en que leer, y así, llevó a su casa todos cuantos pudo haber dellos; y de todos, ningunos le parecían tan bien como los que compuso el famoso Feliciano de Silva, porque la claridad de su prosa y aquellas entricadas razones suyas le parecían de perlas, y más cuando llegaba a leer aquellos requiebros y cartas de desafíos, donde en muchas partes hallaba escrito: La razón de la sinrazón que a mi razón se hace, de tal manera mi razón enflaquece, que con razón me quejo de la vuestra fermosura.",
                "Y también cuando leía: ...los altos cielos que de vuestra divinidad divinamente con las estrellas os fortifican, y os hacen merecedora del merecimiento que merece la vuestra grandeza.",
            ]
            .join(" | "),
        );
        es(
            "Limpias, pues, sus armas, hecho del morrión celada, puesto nombre a su rocín y confirmándose a sí mismo, se dio a entender que no le faltaba otra cosa sino buscar una dama de quien enamorarse; porque el caballero andante sin amores era árbol sin hojas y sin fruto y cuerpo sin alma. Decíase él a sí:",
            &[
                "Limpias, pues, sus armas, hecho del morrión celada, puesto nombre a su rocín y confirmándose a sí mismo, se dio a entender que no le faltaba otra cosa sino buscar una dama de quien enamorarse; porque el caballero andante sin amores era árbol sin hojas y sin fruto y cuerpo sin alma.",
                "Decíase él a sí:",
            ]
            .join(" | "),
        );
        es(
            "¡Oh, cómo se holgó nuestro buen caballero cuando hubo hecho este discurso, y más cuando halló a quien dar nombre de su dama! Y fue, a lo que se cree, que en un lugar cerca del suyo había una moza labradora de muy buen parecer, de quien él un tiempo anduvo enamorado, aunque, según se entiende, ella jamás lo supo, ni le dio cata dello. Llamábase Aldonza Lorenzo, y a ésta le pareció ser bien darle título de señora de sus pensamientos; y, buscándole nombre que no desdijese mucho del suyo, y que tirase y se encaminase al de princesa y gran señora, vino a llamarla Dulcinea del Toboso, porque era natural del Toboso; nombre, a su parecer, músico y peregrino y significativo, como todos los demás que a él y a sus cosas había puesto.",
            &[
                "¡Oh, cómo se holgó nuestro buen caballero cuando hubo hecho este discurso, y más cuando halló a quien dar nombre de su dama!",
                "Y fue, a lo que se cree, que en un lugar cerca del suyo había una moza labradora de muy buen parecer, de quien él un tiempo anduvo enamorado, aunque, según se entiende, ella jamás lo supo, ni le dio cata dello.",
                "Llamábase Aldonza Lorenzo, y a ésta le pareció ser bien darle título de señora de sus pensamientos; y, buscándole nombre que no desdijese mucho del suyo, y que tirase y se encaminase al de princesa y gran señora, vino a llamarla Dulcinea del Toboso, porque era natural del Toboso; nombre, a su parecer, músico y peregrino y significativo, como todos los demás que a él y a sus cosas había puesto.",
            ]
            .join(" | "),
        );
        en(
            "CHAPTER I. WHICH TREATS OF THE CHARACTER AND PURSUITS OF THE FAMOUS GENTLEMAN DON QUIXOTE OF LA MANCHA",
            &[
                "CHAPTER I. WHICH TREATS OF THE CHARACTER AND PURSUITS OF THE FAMOUS GENTLEMAN DON QUIXOTE OF LA MANCHA",
            ]
            .join(" | "),
        );
        en(
            "In a village of La Mancha, the name of which I have no desire to call to mind, there lived not long since one of those gentlemen that keep a lance in the lance-rack, an old buckler, a lean hack, and a greyhound for coursing. An olla of rather more beef than mutton, a salad on most nights, scraps on Saturdays, lentils on Fridays, and a pigeon or so extra on Sundays, made away with three-quarters of his income. The rest of it went in a doublet of fine cloth and velvet breeches and shoes to match for holidays, while on week-days he made a brave figure in his best homespun. He had in his house a housekeeper past forty, a niece under twenty, and a lad for the field and market-place, who used to saddle the hack as well as handle the bill-hook. The age of this gentleman of ours was bordering on fifty; he was of a hardy habit, spare, gaunt-featured, a very early riser and a great sportsman. They will have it his surname was Quixada or Quesada (for here there is some difference of opinion among the authors who write on the subject), although from reasonable conjectures it seems plain that he was called Quexana. This, however, is of but little importance to our tale; it will be enough not to stray a hair’s breadth from the truth in the telling of it.",
            &[
                "In a village of La Mancha, the name of which I have no desire to call to mind, there lived not long since one of those gentlemen that keep a lance in the lance-rack, an old buckler, a lean hack, and a greyhound for coursing.",
                "An olla of rather more beef than mutton, a salad on most nights, scraps on Saturdays, lentils on Fridays, and a pigeon or so extra on Sundays, made away with three-quarters of his income.",
                "The rest of it went in a doublet of fine cloth and velvet breeches and shoes to match for holidays, while on week-days he made a brave figure in his best homespun.",
                "He had in his house a housekeeper past forty, a niece under twenty, and a lad for the field and market-place, who used to saddle the hack as well as handle the bill-hook.",
                "The age of this gentleman of ours was bordering on fifty; he was of a hardy habit, spare, gaunt-featured, a very early riser and a great sportsman.",
                "They will have it his surname was Quixada or Quesada (for here there is some difference of opinion among the authors who write on the subject), although from reasonable conjectures it seems plain that he was called Quexana.",
                "This, however, is of but little importance to our tale; it will be enough not to stray a hair’s breadth from the truth in the telling of it.",
            ]
            .join(" | "),
        );
        en(
            "The first thing he did was to clean up some armour that had belonged to his great-grandfather, and had been for ages lying forgotten in a corner eaten with rust and covered with mildew. He scoured and polished it as best he could, but he perceived one great defect in it, that it had no closed helmet, nothing but a simple morion. This deficiency, however, his ingenuity supplied, for he contrived a kind of half-helmet of pasteboard which, fitted on to the morion, looked like a whole one. It is true that, in order to see if it was strong and fit to stand a cut, he drew his sword and gave it a couple of slashes, the first of which undid in an instant what had taken him a week to do. The ease with which he had knocked it to pieces disconcerted him somewhat, and to guard against that danger he set to work again, fixing bars of iron on the inside until he was satisfied with its strength; and then, not caring to try any more experiments with it, he passed it and adopted it as a helmet of the most perfect construction.",
            &[
                "The first thing he did was to clean up some armour that had belonged to his great-grandfather, and had been for ages lying forgotten in a corner eaten with rust and covered with mildew.",
                "He scoured and polished it as best he could, but he perceived one great defect in it, that it had no closed helmet, nothing but a simple morion.",
                "This deficiency, however, his ingenuity supplied, for he contrived a kind of half-helmet of pasteboard which, fitted on to the morion, looked like a whole one.",
                "It is true that, in order to see if it was strong and fit to stand a cut, he drew his sword and gave it a couple of slashes, the first of which undid in an instant what had taken him a week to do.",
                "The ease with which he had knocked it to pieces disconcerted him somewhat, and to guard against that danger he set to work again, fixing bars of iron on the inside until he was satisfied with its strength; and then, not caring to try any more experiments with it, he passed it and adopted it as a helmet of the most perfect construction.",
            ]
            .join(" | "),
        );
        en(
            "So then, his armour being furbished, his morion turned into a helmet, his hack christened, and he himself confirmed, he came to the conclusion that nothing more was needed now but to look out for a lady to be in love with; for a knight-errant without love was like a tree without leaves or fruit, or a body without a soul. As he said to himself, “If, for my sins, or by my good fortune, I come across some giant hereabouts, a common occurrence with knights-errant, and overthrow him in one onslaught, or cleave him asunder to the waist, or, in short, vanquish and subdue him, will it not be well to have someone I may send him to as a present, that he may come in and fall on his knees before my sweet lady, and in a humble, submissive voice say, ‘I am the giant Caraculiambro, lord of the island of Malindrania, vanquished in single combat by the never sufficiently extolled knight Don Quixote of La Mancha, who has commanded me to present myself before your Grace, that your Highness dispose of me at your pleasure’?” Oh, how our good gentleman enjoyed the delivery of this speech, especially when he had thought of someone to call his Lady! There was, so the story goes, in a village near his own a very good-looking farm-girl with whom he had been at one time in love, though, so far as is known, she never knew it nor gave a thought to the matter. Her name was Aldonza Lorenzo, and upon her he thought fit to confer the title of Lady of his Thoughts; and after some search for a name which should not be out of harmony with her own, and should suggest and indicate that of a princess and great lady, he decided upon calling her Dulcinea del Toboso—she being of El Toboso—a name, to his mind, musical, uncommon, and significant, like all those he had already bestowed upon himself and the things belonging to him.",
            &[
                "So then, his armour being furbished, his morion turned into a helmet, his hack christened, and he himself confirmed, he came to the conclusion that nothing more was needed now but to look out for a lady to be in love with; for a knight-errant without love was like a tree without leaves or fruit, or a body without a soul.",
                "As he said to himself, “If, for my sins, or by my good fortune, I come across some giant hereabouts, a common occurrence with knights-errant, and overthrow him in one onslaught, or cleave him asunder to the waist, or, in short, vanquish and subdue him, will it not be well to have someone I may send him to as a present, that he may come in and fall on his knees before my sweet lady, and in a humble, submissive voice say, ‘I am the giant Caraculiambro, lord of the island of Malindrania, vanquished in single combat by the never sufficiently extolled knight Don Quixote of La Mancha, who has commanded me to present myself before your Grace, that your Highness dispose of me at your pleasure’?”",
                "Oh, how our good gentleman enjoyed the delivery of this speech, especially when he had thought of someone to call his Lady!",
                "There was, so the story goes, in a village near his own a very good-looking farm-girl with whom he had been at one time in love, though, so far as is known, she never knew it nor gave a thought to the matter.",
                "Her name was Aldonza Lorenzo, and upon her he thought fit to confer the title of Lady of his Thoughts; and after some search for a name which should not be out of harmony with her own, and should suggest and indicate that of a princess and great lady, he decided upon calling her Dulcinea del Toboso—she being of El Toboso—a name, to his mind, musical, uncommon, and significant, like all those he had already bestowed upon himself and the things belonging to him.",
            ]
            .join(" | "),
        );
    }
}
