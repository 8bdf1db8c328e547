//! Queries for your own schema's `rosetta_entity` and `rosetta_folded` fields.
//!
//! tantivy's `QueryParser` analyzes a query with the field's tokenizer and, where the tokenizer
//! gives several terms for one word, asks for all of them (a phrase at one position). That is
//! right for stems, wrong for these two fields: a name's entity keys are alternatives (`Песков`
//! gives `g:dmitry_peskov`, `p:peskov` and `r:bskf`; an Arabic text has only the first and the
//! last), and a query typed without diacritics has no folded form of its own (`intalnirea` is its
//! own folded form, which the tokenizer only emits for words that have diacritics). [`field_query`]
//! builds what Rosetta's own search does for these fields: each word of the query must match, a
//! word matches any of its terms, read as a query (lower-case names get keys too) in each
//! supported language; entity keys weigh by tier (gazetteer 1.0, precise 0.9, recall 0.4).
//!
//! ```
//! use rosetta_analysis::{Analyzer, Language};
//! use rosetta_index::field_query::{field_query, FieldKind};
//! use tantivy::collector::TopDocs;
//! use tantivy::schema::{IndexRecordOption, Schema, TextFieldIndexing, TextOptions, STORED};
//! use tantivy::{doc, Index};
//!
//! let mut builder = Schema::builder();
//! let indexing = |tokenizer: &str| {
//!     TextOptions::default().set_indexing_options(
//!         TextFieldIndexing::default()
//!             .set_tokenizer(tokenizer)
//!             .set_index_option(IndexRecordOption::WithFreqsAndPositions),
//!     )
//! };
//! let entity = builder.add_text_field("entity", indexing("rosetta_entity"));
//! let folded = builder.add_text_field("folded", indexing("rosetta_folded"));
//! let id = builder.add_text_field("id", STORED);
//! let index = Index::create_in_ram(builder.build());
//! rosetta_index::register_tokenizers(&index);
//! let mut writer = index.writer(15_000_000)?;
//! for (name, text) in [
//!     ("ro", "Purtătorul de cuvânt al Kremlinului, Dmitri Peskov, a spus că întâlnirea are loc."),
//!     ("vi", "Người phát ngôn Điện Kremlin Dmitry Peskov cho biết hội nghị sẽ diễn ra."),
//!     ("ar", "قال المتحدث باسم الكرملين دميتري بيسكوف إن القمة ستعقد."),
//! ] {
//!     writer.add_document(doc!(entity => text, folded => text, id => name))?;
//! }
//! writer.commit()?;
//! let searcher = index.reader()?.searcher();
//! let analyzer = Analyzer::new();
//! let count = |query: &dyn tantivy::query::Query| {
//!     searcher.search(query, &TopDocs::with_limit(10).order_by_score()).map(|hits| hits.len())
//! };
//! // The Cyrillic name finds the Latin and the Arabic spellings.
//! assert_eq!(count(&*field_query(&analyzer, entity, FieldKind::Entity, "Песков"))?, 3);
//! assert_eq!(count(&*field_query(&analyzer, entity, FieldKind::Entity, "بيسكوف"))?, 3);
//! // Words typed without diacritics find the words written with them.
//! assert_eq!(count(&*field_query(&analyzer, folded, FieldKind::Folded, "intalnirea"))?, 1);
//! assert_eq!(count(&*field_query(&analyzer, folded, FieldKind::Folded, "hoi nghi"))?, 1);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use rosetta_analysis::entity::{keeps_named_word_term, EntityTier};
use rosetta_analysis::{Analyzer, Language, TermKind};
use tantivy::query::{BooleanQuery, BoostQuery, EmptyQuery, Occur, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::Term;

/// Which of Rosetta's tokenizers the field was indexed with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FieldKind {
    /// `rosetta_entity`: cross-script entity keys.
    Entity,
    /// `rosetta_folded`: diacritic- and tone-free forms.
    Folded,
}

/// The query for `text` (plain words, no operators) on `field`, indexed with the tokenizer of
/// `kind` (see the [module docs](self)). Every word with a term for the field must match;
/// a text with none gives a query matching nothing.
pub fn field_query(
    analyzer: &Analyzer,
    field: Field,
    kind: FieldKind,
    text: &str,
) -> Box<dyn Query> {
    let mut analyses: Vec<_> = Language::ALL
        .iter()
        .map(|&l| analyzer.analyze_query(text, Some(l)))
        .collect();
    analyses.push(analyzer.analyze_query(text, None));
    let words = analyses[analyses.len() - 1].words.clone();
    // Per word, its terms and their weights.
    let mut terms: Vec<Vec<(String, f32)>> = vec![Vec::new(); words.len()];
    let named: Vec<bool> = words
        .iter()
        .map(|w| {
            analyses.iter().any(|a| {
                a.tokens.iter().any(|t| {
                    EntityTier::of(&t.term) == Some(EntityTier::Gazetteer)
                        && t.kind == TermKind::Entity
                        && t.start <= w.start
                        && w.end <= t.end
                })
            })
        })
        .collect();
    for analysis in &analyses {
        for t in &analysis.tokens {
            let weight = match (kind, t.kind) {
                (FieldKind::Entity, TermKind::Entity) => match EntityTier::of(&t.term) {
                    Some(EntityTier::Gazetteer) => 1.0,
                    Some(EntityTier::Precise) => 0.9,
                    _ => 0.4,
                },
                (FieldKind::Entity, _) => continue,
                (FieldKind::Folded, TermKind::Entity) => continue,
                // The folded field holds the forms without diacritics; a word typed without
                // them is its own folded form.
                (FieldKind::Folded, TermKind::Folded) => 1.0,
                (FieldKind::Folded, _) if analysis.language.is_some() => 1.0,
                (FieldKind::Folded, _) => continue,
            };
            for (i, w) in words.iter().enumerate() {
                let covers = if t.kind == TermKind::Entity {
                    t.start <= w.start && w.end <= t.end
                } else {
                    w.start <= t.start && t.start < w.end
                };
                if !covers {
                    continue;
                }
                let surface = text.get(w.start..w.end).unwrap_or_default();
                // A name of the gazetteer is its entity (see `keeps_named_word_term`).
                if named[i] && !keeps_named_word_term(surface, t.kind, &t.term) {
                    continue;
                }
                match terms[i].iter_mut().find(|(term, _)| *term == t.term) {
                    Some((_, w)) => *w = w.max(weight),
                    None => terms[i].push((t.term.clone(), weight)),
                }
            }
        }
    }
    let clauses: Vec<(Occur, Box<dyn Query>)> = terms
        .into_iter()
        .filter(|alternatives| !alternatives.is_empty())
        .map(|alternatives| {
            let word: Box<dyn Query> = Box::new(BooleanQuery::new(
                alternatives
                    .into_iter()
                    .map(|(term, weight)| {
                        let q: Box<dyn Query> = Box::new(BoostQuery::new(
                            Box::new(TermQuery::new(
                                Term::from_field_text(field, &term),
                                IndexRecordOption::WithFreqs,
                            )),
                            weight,
                        ));
                        (Occur::Should, q)
                    })
                    .collect(),
            ));
            (Occur::Must, word)
        })
        .collect();
    if clauses.is_empty() {
        return Box::new(EmptyQuery);
    }
    Box::new(BooleanQuery::new(clauses))
}
