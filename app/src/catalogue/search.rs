//! Service search, the same code in the browser (instant, as the resident types) and on the server (the
//! no-JavaScript form and the first render).
//!
//! Whatever the interface language, both languages are searched: a resident who types "pothole" on the
//! French page still finds "Nid-de-poule". Text is folded (case, accents), plurals are trimmed, a query word
//! may be the start of a word ("lampad") or carry one typo ("lampadair", "garbge") when it is long enough.

use super::model::Code;
use crate::i18n::{lower_latin, Text, TextList};
use serde::{Deserialize, Serialize};

/// What the search needs to know of a service or topic, sent to the browser once per page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchDoc {
    pub code: Code,
    pub online: bool,
    pub name: Text,
    pub summary: Text,
    pub keywords: TextList,
    pub category_name: Text,
}

/// Queries are cut to this many characters and words: nobody describes a pothole in a novel.
const MAX_QUERY_CHARS: usize = 200;
const MAX_QUERY_WORDS: usize = 12;

/// How much a match counts, by where it is found.
const NAME_WEIGHT: f32 = 3.0;
const KEYWORD_WEIGHT: f32 = 2.0;
const SUMMARY_WEIGHT: f32 = 0.6;
const CATEGORY_WEIGHT: f32 = 0.5;
/// Extra for the whole query found as it was typed in a name or keyword phrase ("nid de poule").
const PHRASE_BONUS: f32 = 2.5;

/// Results scoring below this share of the best result's score are left out.
const RELEVANT_SHARE: f32 = 0.4;

/// Words that carry no meaning for finding a service, in both languages.
const STOP_WORDS: &[&str] = &[
    "a", "an", "and", "are", "at", "au", "aux", "be", "by", "ce", "ces", "cet", "cette", "d", "dans", "de", "des",
    "du", "en", "est", "et", "for", "from", "has", "have", "i", "il", "in", "is", "it", "j", "je", "l", "la", "le",
    "les", "m", "ma", "me", "mes", "mon", "my", "n", "ne", "of", "on", "or", "ou", "our", "par", "pas", "pour", "qu",
    "que", "qui", "s", "sa", "se", "ses", "son", "sur", "t", "the", "there", "this", "to", "un", "une", "up", "was",
    "with", "y",
];

/// A folded word as characters, compared many times per keystroke without allocating.
type Word = Vec<char>;

struct Field {
    weight: f32,
    words: Vec<Word>,
}

struct IndexedDoc {
    fields: [Field; 4],
    /// Names and keyword phrases, folded, each with a space at both ends so that a query phrase, also
    /// padded, is found on word boundaries by a plain substring search.
    phrases: Vec<String>,
}

/// The documents with their folded words, built once per page in the browser and once per catalogue on
/// the server.
pub struct SearchIndex {
    docs: Vec<SearchDoc>,
    indexed: Vec<IndexedDoc>,
}

impl SearchIndex {
    pub fn new(docs: Vec<SearchDoc>) -> SearchIndex {
        let indexed = docs.iter().map(index_doc).collect();
        SearchIndex { docs, indexed }
    }

    /// The best matches for `query`, best first, at most `limit`.
    pub fn search(&self, query: &str, limit: usize) -> Vec<&SearchDoc> {
        let query: String = query.chars().take(MAX_QUERY_CHARS).collect();
        let folded = fold(&query);
        let words: Vec<String> = meaningful_words(&folded).take(MAX_QUERY_WORDS).collect();
        if words.is_empty() {
            return Vec::new();
        }
        let phrase = format!(" {} ", words.join(" "));
        let words: Vec<Word> = words.iter().map(|word| word.chars().collect()).collect();
        let mut scored: Vec<(usize, f32, &SearchDoc)> = self
            .indexed
            .iter()
            .zip(&self.docs)
            .filter_map(|(indexed, doc)| {
                let (matched, mut score) = words.iter().fold((0, 0.0), |(matched, score), word| {
                    let best = indexed
                        .fields
                        .iter()
                        .map(|field| field.weight * best_match(word, &field.words))
                        .fold(0.0, f32::max);
                    (matched + usize::from(best > 0.0), score + best)
                });
                if matched == 0 {
                    return None;
                }
                if words.len() > 1 && indexed.phrases.iter().any(|p| p.contains(&phrase)) {
                    score += PHRASE_BONUS;
                }
                Some((matched, score, doc))
            })
            .collect();
        // More query words matched first, then the better matches; online services before topics on a tie.
        scored.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.total_cmp(&a.1)).then(b.2.online.cmp(&a.2.online)));
        // A match far weaker than the best (one common word among several) is noise to a resident.
        let best = scored.first().map_or(0.0, |(_, score, _)| *score);
        scored
            .into_iter()
            .take_while(|(_, score, _)| *score >= RELEVANT_SHARE * best)
            .take(limit)
            .map(|(_, _, doc)| doc)
            .collect()
    }
}

fn index_doc(doc: &SearchDoc) -> IndexedDoc {
    let words_of = |texts: &[&str]| -> Vec<Word> {
        texts
            .iter()
            .flat_map(|text| meaningful_words(&fold(text)).map(|word| word.chars().collect()).collect::<Vec<_>>())
            .collect()
    };
    let keywords: Vec<&str> = doc.keywords.fr.iter().chain(&doc.keywords.en).map(String::as_str).collect();
    let phrases = [doc.name.fr.as_str(), doc.name.en.as_str()]
        .into_iter()
        .chain(keywords.iter().copied())
        .map(|phrase| format!(" {} ", meaningful_words(&fold(phrase)).collect::<Vec<_>>().join(" ")))
        .collect();
    IndexedDoc {
        fields: [
            Field { weight: NAME_WEIGHT, words: words_of(&[&doc.name.fr, &doc.name.en]) },
            Field { weight: KEYWORD_WEIGHT, words: words_of(&keywords) },
            Field { weight: SUMMARY_WEIGHT, words: words_of(&[&doc.summary.fr, &doc.summary.en]) },
            Field { weight: CATEGORY_WEIGHT, words: words_of(&[&doc.category_name.fr, &doc.category_name.en]) },
        ],
        phrases,
    }
}

/// How well one query word matches the best of `words`: 1 exact, less for a prefix or a typo, 0 none.
fn best_match(query: &[char], words: &[Word]) -> f32 {
    words.iter().map(|word| word_match(query, word)).fold(0.0, f32::max)
}

fn word_match(query: &[char], word: &[char]) -> f32 {
    if query == word {
        return 1.0;
    }
    let (query_len, word_len) = (query.len(), word.len());
    if query_len >= 3 && word.starts_with(query) {
        // "lampad" is most of "lampadaire": the longer the prefix, the closer to an exact match.
        return 0.5 + 0.4 * query_len as f32 / word_len as f32;
    }
    if query_len >= 5 && word_len >= 4 && query_len.abs_diff(word_len) <= 1 && one_edit_apart(query, word) {
        return 0.6;
    }
    // A typo in a word still being typed: "lampadai" for "lampadaire" is a prefix; "lampda" is a typo of one.
    if query_len >= 5 && word_len > query_len && one_edit_apart(query, &word[..query_len]) {
        return 0.45;
    }
    0.0
}

/// True when `a` becomes `b` by one insertion, deletion, substitution or swap of neighbours.
fn one_edit_apart(a: &[char], b: &[char]) -> bool {
    let common_prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let (a, b) = (&a[common_prefix..], &b[common_prefix..]);
    let common_suffix = a.iter().rev().zip(b.iter().rev()).take_while(|(x, y)| x == y).count();
    let (a, b) = (&a[..a.len() - common_suffix], &b[..b.len() - common_suffix]);
    match (a.len(), b.len()) {
        (1, 1) | (0, 1) | (1, 0) => true,
        (2, 2) => a[0] == b[1] && a[1] == b[0],
        _ => false,
    }
}

/// Lowercase, without accents, everything that is not a letter or a digit turned into a space.
/// Written out rather than using Unicode normalisation tables, which would add to the browser bundle:
/// French and English need only the Latin letters below.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars().map(lower_latin) {
        match c {
            'à' | 'â' | 'ä' | 'á' | 'ã' | 'å' => out.push('a'),
            'ç' => out.push('c'),
            'é' | 'è' | 'ê' | 'ë' => out.push('e'),
            'î' | 'ï' | 'í' | 'ì' => out.push('i'),
            'ô' | 'ö' | 'ó' | 'ò' | 'õ' => out.push('o'),
            'ù' | 'û' | 'ü' | 'ú' => out.push('u'),
            'ÿ' | 'ý' => out.push('y'),
            'ñ' => out.push('n'),
            'œ' => out.push_str("oe"),
            'æ' => out.push_str("ae"),
            c if c.is_alphanumeric() => out.push(c),
            _ => out.push(' '),
        }
    }
    out
}

/// The words of folded text without stop words, plurals trimmed ("bacs" → "bac", "travaux" → "travau").
fn meaningful_words(folded: &str) -> impl Iterator<Item = String> + '_ {
    folded.split_whitespace().filter(|word| !STOP_WORDS.contains(word)).map(|word| {
        let trimmed = word.strip_suffix('s').or_else(|| word.strip_suffix('x'));
        match trimmed {
            Some(stem) if stem.chars().count() >= 3 && !stem.ends_with('s') => stem.to_string(),
            _ => word.to_string(),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(code: &str, name: &str, keywords: &[&str]) -> SearchDoc {
        SearchDoc {
            code: Code::parse(code).unwrap(),
            online: true,
            name: Text { fr: name.into(), en: name.into() },
            summary: Text::default(),
            keywords: TextList { fr: keywords.iter().map(|k| k.to_string()).collect(), en: vec![] },
            category_name: Text::default(),
        }
    }

    fn top(index: &SearchIndex, query: &str) -> Option<String> {
        index.search(query, 1).first().map(|doc| doc.code.to_string())
    }

    fn index() -> SearchIndex {
        SearchIndex::new(vec![
            doc("streetlight", "Lampadaire brisé", &["lumière de rue", "streetlight"]),
            doc("pothole", "Nid-de-poule", &["trou dans la chaussée", "pothole"]),
            doc("green-cart", "Bac vert non ramassé", &["compost", "green cart"]),
        ])
    }

    #[test]
    fn folds_case_accents_and_punctuation() {
        assert_eq!(fold("Lampadaire BRISÉ, d'été!"), "lampadaire brise  d ete ");
        assert_eq!(fold("Œuvre"), "oeuvre");
    }

    #[test]
    fn finds_by_name_keyword_prefix_and_typo() {
        let index = index();
        assert_eq!(top(&index, "lampadaire brise").as_deref(), Some("streetlight"));
        assert_eq!(top(&index, "lampad").as_deref(), Some("streetlight"));
        assert_eq!(top(&index, "lampadiare").as_deref(), Some("streetlight"));
        assert_eq!(top(&index, "NID DE POULE").as_deref(), Some("pothole"));
        assert_eq!(top(&index, "bacs verts").as_deref(), Some("green-cart"));
    }

    #[test]
    fn short_words_need_an_exact_match() {
        // "bac" must not match "bacon" by typo, nor "ba" by prefix.
        assert_eq!(top(&index(), "ba"), None);
        assert_eq!(top(&index(), "xyz"), None);
    }

    #[test]
    fn stop_words_and_junk_find_nothing() {
        let index = index();
        assert!(index.search("the de la", 5).is_empty());
        assert!(index.search("", 5).is_empty());
        assert!(index.search("\u{0}\u{1}\u{fffd}", 5).is_empty());
        assert!(index.search(&"pothole ".repeat(10_000), 5).len() == 1);
    }

    #[test]
    fn weak_matches_are_left_out() {
        let index = SearchIndex::new(vec![
            doc("green-cart", "Bac vert non ramassé", &["bac vert", "compost"]),
            doc("blue-box", "Boîte bleue", &["bac bleu"]),
        ]);
        let found: Vec<_> = index.search("bac vert", 5).iter().map(|doc| doc.code.to_string()).collect();
        assert_eq!(found, ["green-cart"], "\"bac\" alone is not enough next to a full match");
        assert_eq!(index.search("bac", 5).len(), 2, "when all match alike, all stay");
    }

    #[test]
    fn one_edit() {
        let apart = |a: &str, b: &str| one_edit_apart(&a.chars().collect::<Vec<_>>(), &b.chars().collect::<Vec<_>>());
        assert!(apart("garbge", "garbage"));
        assert!(apart("pothloe", "pothole"));
        assert!(apart("lampadaira", "lampadaire"));
        assert!(!apart("garbagge", "garage"));
    }
}
