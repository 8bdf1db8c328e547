//! The typed plan of a query: each word with its analysed alternatives in every field.

use rosetta_analysis::entity::EntityTier;
use rosetta_analysis::{Language, TermKind};
use tantivy::query::{AllQuery, BooleanQuery, EmptyQuery, Occur, PhraseQuery, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::Term;

use super::build::assemble;
use super::statistics::QueryStatistics;
use crate::bridge::{translate, Bridge, BridgePhrase};
use crate::query::{Node, ParsedQuery, MAX_PREFIX_TERMS};
use crate::query_analysis::QueryAnalysis;
use crate::snippet::{QueryTerms, TermFamily};
use crate::word_group::Alternative;
use crate::Error;
use crate::{NewsIndex, Result};
use rosetta_analysis::translation::TranslationLexicon;

/// Weight of a match on a folded (diacritic-free) form relative to an exact one.
const FOLDED_BOOST: f32 = 0.3;
/// Weights of entity keys by tier (see `rosetta_analysis::entity`).
const ENTITY_GAZETTEER_BOOST: f32 = 1.0;
const ENTITY_PRECISE_BOOST: f32 = 0.9;
const ENTITY_RECALL_BOOST: f32 = 0.4;
/// Weight of a word read as a language other than the query's own (when that is detected): an
/// English query word that is also a Vietnamese syllable says little about a Vietnamese text.
const OTHER_LANGUAGE_BOOST: f32 = 0.5;
/// Weight of entity keys when the query's language is known: the words themselves, read in that
/// language, are better evidence, and a translation of the same story (which shares the names)
/// should not outrank the text in the language the user typed.
const ENTITY_IN_KNOWN_LANGUAGE_BOOST: f32 = 0.5;

/// How much a query word's alternatives weigh, by the field family they search.
#[derive(Clone, Copy)]
pub(super) struct Weights {
    text: f32,
    entity: f32,
}

/// The alternatives of one query word.
#[derive(Clone)]
pub(super) struct WordGroup {
    /// Kept as terms, not queries: those absent from the index are left out when the query is
    /// assembled, as they can match nothing and each would still cost a weight and a scorer.
    pub(super) alternatives: Vec<Alternative>,
    /// Entity keys: one word may have many (tiers, ambiguous letters); only the best counts.
    pub(super) entity_keys: Vec<Alternative>,
    /// A stopword (see `word_groups_of`): it may be missing from a matching document.
    pub(super) optional: bool,
    /// A syllable after the first of a Vietnamese word of several syllables: the word already
    /// scores in its first syllable's group, so it would otherwise count once per syllable.
    pub(super) continuation: bool,
    /// Translations of one term (see [`crate::bridge`]).
    pub(super) translations: Vec<Alternative>,
    /// Translations of several terms, matched as phrases.
    pub(super) phrases: Vec<BridgePhrase>,
    /// The translations added to this group, to report which a hit matched.
    pub(super) bridges: Vec<Bridge>,
}

impl NewsIndex {
    fn analyses(&self, text: &str) -> Vec<(Option<Language>, QueryAnalysis)> {
        let mut out: Vec<(Option<Language>, QueryAnalysis)> = Language::ALL
            .iter()
            .map(|&l| (Some(l), QueryAnalysis::new(&self.analyzer, text, Some(l))))
            .collect();
        out.push((None, QueryAnalysis::new(&self.analyzer, text, None)));
        out
    }

    /// The word groups of `text`, whose language is `query_lang` (detected).
    pub(super) fn word_groups(
        &self,
        text: &str,
        query_lang: Option<Language>,
        lexicon: Option<(&TranslationLexicon, f32)>,
        terms: &mut QueryTerms,
    ) -> Vec<WordGroup> {
        if text.trim().is_empty() {
            return Vec::new();
        }
        self.word_groups_of(text, query_lang, &self.analyses(text), lexicon, terms)
    }

    /// [`Self::word_groups`] from the text's analyses (see [`Self::analyses`]).
    fn word_groups_of(
        &self,
        text: &str,
        query_lang: Option<Language>,
        analyses: &[(Option<Language>, QueryAnalysis)],
        lexicon: Option<(&TranslationLexicon, f32)>,
        terms: &mut QueryTerms,
    ) -> Vec<WordGroup> {
        let words = &analyses[analyses.len() - 1].1.words;
        let mut groups: Vec<WordGroup> = words
            .iter()
            .map(|_| WordGroup {
                alternatives: Vec::new(),
                entity_keys: Vec::new(),
                optional: false,
                continuation: false,
                translations: Vec::new(),
                phrases: Vec::new(),
                bridges: Vec::new(),
            })
            .collect();
        for (lang, analysis) in analyses {
            let mut has_term = vec![false; words.len()];
            for t in analysis.tokens() {
                let Some(p) = words
                    .iter()
                    .position(|w| w.start <= t.start && t.start < w.end)
                else {
                    continue;
                };
                if t.kind != TermKind::Entity {
                    has_term[p] = true;
                }
                // Only Vietnamese: doing the same for hyphenated compounds (`kremlin-aligned`)
                // lowered the Russian-question figure (XQuAD dev ru-to-any 0.497 to 0.495).
                if t.kind == TermKind::Compound
                    && *lang == Some(Language::Vietnamese)
                    && query_lang == *lang
                {
                    for (g, w) in groups.iter_mut().zip(words).skip(p + 1) {
                        if w.start >= t.end {
                            break;
                        }
                        g.continuation = true;
                    }
                }
                for (i, w) in words.iter().enumerate() {
                    // An entity key of several words (`Statele Unite`) satisfies each of them.
                    let covers = if t.kind == TermKind::Entity {
                        w.start >= t.start && w.end <= t.end
                    } else {
                        i == p
                    };
                    if covers {
                        let weights = Weights {
                            text: match (query_lang, lang) {
                                (Some(q), Some(l)) if q != *l => OTHER_LANGUAGE_BOOST,
                                _ => 1.0,
                            },
                            entity: if query_lang.is_some() {
                                ENTITY_IN_KNOWN_LANGUAGE_BOOST
                            } else {
                                1.0
                            },
                        };
                        self.alternatives_for(
                            *lang,
                            t.kind,
                            t.term,
                            weights,
                            &mut groups[i],
                            terms,
                        );
                    }
                }
            }
            // Once the query's language is known, only its stopwords are left out: Vietnamese
            // `ba` (three) and `ca` (song) are Romanian stopwords, Romanian `an` (year) is an
            // English one, and each is a content word of the query.
            if lang.is_some() && (query_lang.is_none() || *lang == query_lang) {
                for (g, has) in groups.iter_mut().zip(has_term) {
                    g.optional |= !has;
                }
            }
        }
        if let Some((lexicon, boost)) = lexicon {
            let bridged = translate(
                lexicon,
                boost,
                &self.fields,
                text,
                analyses,
                query_lang,
                terms,
            );
            for ((start, end), b) in bridged {
                let mut first = true;
                for (g, w) in groups.iter_mut().zip(words) {
                    if w.start < start || w.end > end || g.optional {
                        continue;
                    }
                    for a in &b.alternatives {
                        let known = g.alternatives.iter().chain(&g.translations);
                        if !known.clone().any(|x| x.term == a.term) {
                            g.translations.push(a.clone());
                        }
                    }
                    g.phrases.extend(b.phrases.iter().cloned());
                    if first {
                        g.bridges.extend(b.bridges.iter().cloned());
                        first = false;
                    }
                }
            }
        }
        groups.retain(|g| {
            !g.alternatives.is_empty() || !g.entity_keys.is_empty() || !g.translations.is_empty()
        });
        if groups.iter().any(|g| !g.optional) {
            // Words that are stopwords in some language only add noise from the others (English
            // `the` is a Vietnamese syllable, folded `thé`).
            groups.retain(|g| !g.optional);
        } else if query_lang.is_some() {
            // Only stopwords of the query's own language: they are not indexed there, and the
            // same letters in other languages are other words.
            groups.clear();
        }
        groups
    }

    fn alternatives_for(
        &self,
        lang: Option<Language>,
        kind: TermKind,
        term: &str,
        weights: Weights,
        group: &mut WordGroup,
        terms: &mut QueryTerms,
    ) {
        let f = &self.fields;
        let push = |field: Field, text: &str, boost: f32, group: &mut WordGroup| {
            let boost = if field == f.entity {
                boost * weights.entity
            } else {
                boost * weights.text
            };
            let list = if field == f.entity {
                &mut group.entity_keys
            } else {
                &mut group.alternatives
            };
            // The analyses in each language often give the same terms (entity keys, folded
            // forms), and one scorer per term and weight is enough.
            let known = list.iter().any(|a| {
                a.term.field() == field
                    && a.term.value().as_str() == Some(text)
                    && a.boost.to_bits() == boost.to_bits()
            });
            if !known {
                list.push(Alternative {
                    term: Term::from_field_text(field, text),
                    boost,
                    locations: None,
                });
            }
        };
        match (kind, lang) {
            (TermKind::Entity, _) => {
                let boost = match EntityTier::of(term) {
                    Some(EntityTier::Gazetteer) => ENTITY_GAZETTEER_BOOST,
                    Some(EntityTier::Precise) => ENTITY_PRECISE_BOOST,
                    Some(EntityTier::Recall) | None => ENTITY_RECALL_BOOST,
                };
                push(f.entity, term, boost, group);
                terms.add(TermFamily::Entity, term);
            }
            (TermKind::Folded, Some(l)) => {
                // A query typed with diacritics still finds a text typed without them.
                push(f.text_of(l), term, FOLDED_BOOST, group);
                push(f.folded, term, FOLDED_BOOST, group);
                terms.add(TermFamily::Folded, term);
            }
            (TermKind::Folded, None) => {}
            (_, Some(l)) => {
                push(f.text_of(l), term, 1.0, group);
                // A query typed without diacritics finds a text typed with them.
                push(f.folded, term, FOLDED_BOOST, group);
                terms.add(TermFamily::Text, term);
                terms.add(TermFamily::Folded, term);
            }
            (_, None) => {
                push(f.text_und, term, 1.0, group);
                terms.add(TermFamily::Text, term);
            }
        }
    }

    /// A phrase: consecutive positions in one language's field (any language), or all its words
    /// anywhere when it is a single word.
    fn phrase_query(
        &self,
        text: &str,
        slop: u32,
        stats: &QueryStatistics<'_>,
        terms: &mut QueryTerms,
    ) -> Option<Box<dyn Query>> {
        let analyses = self.analyses(text);
        let groups = self.word_groups_of(
            text,
            rosetta_analysis::detect_language(text),
            &analyses,
            None,
            terms,
        );
        let mut per_language: Vec<Box<dyn Query>> = Vec::new();
        // Alternatives that can match, and whether there were any: one whose terms are not all
        // in the index matches nothing and is left out, but the phrase still has to match.
        let mut alternatives = 0;
        let mut single_word_somewhere = false;
        for (lang, analysis) in &analyses {
            // A name that covers the whole phrase (`"Statele Unite"` = g:united_states) finds
            // its other spellings in every language, as its words do outside quotes.
            if let (Some(first), Some(last)) = (analysis.words.first(), analysis.words.last()) {
                for t in analysis.tokens().filter(|t| {
                    t.kind == TermKind::Entity
                        && EntityTier::of(t.term) == Some(EntityTier::Gazetteer)
                        && t.start == first.start
                        && t.end == last.end
                }) {
                    alternatives += 1;
                    let term = Term::from_field_text(self.fields.entity, t.term);
                    if stats.in_index(&term) {
                        per_language
                            .push(Box::new(TermQuery::new(term, IndexRecordOption::WithFreqs)));
                    }
                    terms.add(TermFamily::Entity, t.term);
                }
            }
            let field = lang.map_or(self.fields.text_und, |l| self.fields.text_of(l));
            let mut phrase: Vec<(usize, Term)> = Vec::new();
            for t in analysis.tokens() {
                let wanted = matches!(t.kind, TermKind::Stem | TermKind::Word);
                if wanted && !phrase.iter().any(|(p, _)| *p == t.position as usize) {
                    phrase.push((t.position as usize, Term::from_field_text(field, t.term)));
                }
            }
            single_word_somewhere |= phrase.len() == 1;
            if phrase.len() > 1 {
                alternatives += 1;
                if phrase.iter().all(|(_, t)| stats.in_index(t)) {
                    let base = phrase[0].0;
                    let phrase = phrase.into_iter().map(|(p, t)| (p - base, t)).collect();
                    let mut query = PhraseQuery::new_with_offset(phrase);
                    query.set_slop(slop);
                    per_language.push(Box::new(query));
                }
            }
        }
        if single_word_somewhere || alternatives == 0 {
            // In some language the phrase is one word (`"The Tesla"` in English, where `the` is a
            // stopword): there it is that word.
            if !groups.is_empty() {
                alternatives += 1;
                per_language.push(assemble(&groups, &[], &[], &[], true, stats));
            }
        }
        if alternatives == 0 {
            return None;
        }
        if per_language.is_empty() {
            return Some(Box::new(EmptyQuery));
        }
        Some(Box::new(BooleanQuery::new(
            per_language
                .into_iter()
                .map(|q| (Occur::Should, q))
                .collect(),
        )))
    }

    /// The typed plan of `parsed`: the words of its top level (analysed together, as they were
    /// typed), its other required parts, and its exclusions.
    ///
    /// With a translation `lexicon`, query words also match their translations. When documents
    /// in the query's own language compete and `relaxed` matches may follow, the words of the top
    /// level are matched as typed and their translations are left for the relaxed pass
    /// ([`QueryPlan::deferred`]): a translation is evidence, not identity, and must not make a
    /// document match every word. Elsewhere (operators, a filter on other languages) translations
    /// are alternatives of their words from the start.
    pub(super) fn plan<'l>(
        &self,
        parsed: &ParsedQuery,
        stats: &QueryStatistics<'_>,
        terms: &mut QueryTerms,
        lexicon: Option<&'l TranslationLexicon>,
        relaxed: bool,
    ) -> Result<QueryPlan<'l>> {
        let mut plan = QueryPlan::default();
        let Some(root) = &parsed.root else {
            return Ok(plan);
        };
        let children: Vec<&Node> = match root {
            Node::And(children) => children.iter().collect(),
            other => vec![other],
        };
        let mut positive_text = String::new();
        positive_words(root, false, &mut positive_text);
        terms.note_scripts(&positive_text);
        let words: Vec<&str> = children
            .iter()
            .filter_map(|c| match c {
                Node::Words(w) => Some(w.as_str()),
                _ => None,
            })
            .collect();
        let words = words.join(" ");
        plan.query_lang = rosetta_analysis::detect_language(if words.is_empty() {
            &positive_text
        } else {
            &words
        });
        let beside_typed = plan.query_lang.is_some()
            && (parsed.filters.langs.is_empty() || parsed.filters.langs.contains(&plan.query_lang));
        let boost = if beside_typed {
            crate::bridge::LEXICON_BOOST_BESIDE_TYPED
        } else {
            crate::bridge::LEXICON_BOOST
        };
        let translations = lexicon.map(|l| (l, boost));
        plan.deferred = lexicon.filter(|_| beside_typed && relaxed);
        let eager = translations.filter(|_| plan.deferred.is_none());
        plan.groups = self.word_groups(&words, plan.query_lang, eager, terms);
        plan.bridges = plan.groups.iter().flat_map(|g| g.bridges.clone()).collect();
        plan.words = words;
        let scope = Scope {
            query_lang: plan.query_lang,
            title: None,
            translations,
        };
        for child in children {
            match child {
                Node::Words(_) => {}
                Node::Not(inner) => {
                    if let Some(q) = self.excluded_query(inner, stats)? {
                        plan.excluded.push(q);
                    }
                }
                other => {
                    if let Some(q) = self.node_query(other, &scope, stats, terms)? {
                        plan.required.push(q);
                    }
                }
            }
        }
        Ok(plan)
    }

    /// What an excluded node excludes. An excluded phrase excludes documents with all its words,
    /// adjacent or not: tantivy 0.27's phrase scorer trips a debug assertion when it is the
    /// excluded side of a query (`PhraseScorer::seek_danger`, cf. quickwit-oss/tantivy#2811).
    fn excluded_query(
        &self,
        node: &Node,
        stats: &QueryStatistics<'_>,
    ) -> Result<Option<Box<dyn Query>>> {
        let mut scratch = QueryTerms::unrecorded();
        let scope = Scope {
            query_lang: None,
            title: None,
            translations: None,
        };
        match node {
            Node::Words(text) | Node::Phrase { text, .. } => {
                let lang = rosetta_analysis::detect_language(text);
                let groups = self.word_groups(text, lang, None, &mut scratch);
                Ok((!groups.is_empty()).then(|| assemble(&groups, &[], &[], &[], true, stats)))
            }
            other => self.node_query(other, &scope, stats, &mut scratch),
        }
    }

    /// The query of a node inside the tree; `None` when it has nothing to match on (only
    /// punctuation), which makes it neutral in an AND or an OR.
    fn node_query(
        &self,
        node: &Node,
        scope: &Scope<'_>,
        stats: &QueryStatistics<'_>,
        terms: &mut QueryTerms,
    ) -> Result<Option<Box<dyn Query>>> {
        Ok(match node {
            Node::Words(text) => {
                let lang = rosetta_analysis::detect_language(text).or(scope.query_lang);
                let groups = self.word_groups(text, lang, scope.translations, terms);
                let groups = scope.apply(groups);
                (!groups.is_empty()).then(|| assemble(&groups, &[], &[], &[], true, stats))
            }
            Node::Phrase { text, slop } => match scope.title {
                // Titles keep no positions: a phrase there is its words.
                Some(_) => self.node_query(&Node::Words(text.clone()), scope, stats, terms)?,
                None => self.phrase_query(text, *slop, stats, terms),
            },
            Node::Prefix(prefix) => Some(self.prefix_query(prefix, scope, stats, terms)?),
            Node::Title(inner) => {
                let Some(field) = self.fields.title_terms else {
                    return Err(Error::InvalidQuery(
                        "title: needs an index made by this version: index the documents again"
                            .into(),
                    ));
                };
                let scope = Scope {
                    title: Some(field),
                    ..*scope
                };
                self.node_query(inner, &scope, stats, terms)?
            }
            Node::Not(inner) => self.node_query(inner, scope, stats, terms)?.map(|q| {
                Box::new(BooleanQuery::new(vec![
                    (Occur::Must, Box::new(AllQuery) as Box<dyn Query>),
                    (Occur::MustNot, q),
                ])) as Box<dyn Query>
            }),
            Node::And(children) => {
                let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
                for child in children {
                    let (occur, child) = match child {
                        Node::Not(inner) => (Occur::MustNot, inner.as_ref()),
                        other => (Occur::Must, other),
                    };
                    if let Some(q) = self.node_query(child, scope, stats, terms)? {
                        clauses.push((occur, q));
                    }
                }
                if clauses.iter().all(|(o, _)| *o == Occur::MustNot) {
                    if clauses.is_empty() {
                        return Ok(None);
                    }
                    clauses.push((Occur::Must, Box::new(AllQuery)));
                }
                Some(Box::new(BooleanQuery::new(clauses)))
            }
            Node::Or(children) => {
                let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
                for child in children {
                    if let Some(q) = self.node_query(child, scope, stats, terms)? {
                        clauses.push((Occur::Should, q));
                    }
                }
                (!clauses.is_empty())
                    .then(|| Box::new(BooleanQuery::new(clauses)) as Box<dyn Query>)
            }
        })
    }

    /// `prefix*`: the [`MAX_PREFIX_TERMS`] most frequent terms starting with the prefix (as
    /// typed, lower-cased, and folded) in the text fields and the folded field; one of them must
    /// match, the best counts.
    fn prefix_query(
        &self,
        prefix: &str,
        scope: &Scope<'_>,
        stats: &QueryStatistics<'_>,
        terms: &mut QueryTerms,
    ) -> Result<Box<dyn Query>> {
        // The prefix as typed (lower-cased), as each language's analysis reads it (Arabic
        // without its article, Romanian with one form of ș), and folded.
        let lower = prefix.to_lowercase();
        let f = &self.fields;
        let mut starts: Vec<(Field, String, f32)> = Vec::new();
        for (lang, analysis) in self.analyses(prefix) {
            let field = lang.map_or(f.text_und, |l| f.text_of(l));
            starts.push((field, lower.clone(), 1.0));
            for t in analysis.tokens().filter(|t| t.position == 0) {
                match t.kind {
                    TermKind::Stem | TermKind::Word => {
                        starts.push((field, t.term.to_string(), 1.0))
                    }
                    TermKind::Folded => starts.push((f.folded, t.term.to_string(), FOLDED_BOOST)),
                    _ => {}
                }
            }
        }
        let mut folded = String::new();
        if !rosetta_analysis::normalize::fold_diacritics(&lower, &mut folded) {
            folded.clone_from(&lower);
        }
        starts.push((f.folded, folded, FOLDED_BOOST));
        if let Some(title) = scope.title {
            for start in &mut starts {
                start.0 = title;
            }
        }
        starts.sort_by(|a, b| (a.0, &a.1).cmp(&(b.0, &b.1)));
        starts.dedup_by(|a, b| a.0 == b.0 && a.1 == b.1);
        // A stem can be shorter than the prefix typed (`runn` for `running`): the shortest start
        // of a field covers the longer ones.
        let fields: Vec<(Field, &str, f32)> = starts
            .iter()
            .filter(|(field, start, _)| {
                !starts.iter().any(|(g, other, _)| {
                    g == field && other != start && start.starts_with(other.as_str())
                })
            })
            .map(|(field, start, boost)| (*field, start.as_str(), *boost))
            .collect();
        let mut found: Vec<(u64, Field, String, f32)> = Vec::new();
        for (field, start, boost) in fields {
            if start.is_empty() {
                continue;
            }
            let mut per_field: Vec<(u64, String)> = Vec::new();
            for segment in stats.searcher().segment_readers() {
                let dictionary = segment.inverted_index(field)?;
                let mut stream = dictionary
                    .terms()
                    .range()
                    .ge(start.as_bytes())
                    .into_stream()
                    .map_err(tantivy::TantivyError::from)?;
                let mut scanned = 0;
                while stream.advance() && scanned < MAX_PREFIX_SCAN {
                    let Ok(term) = std::str::from_utf8(stream.key()) else {
                        continue;
                    };
                    if !term.starts_with(start) {
                        break;
                    }
                    scanned += 1;
                    let docs = u64::from(stream.value().doc_freq);
                    match per_field.iter_mut().find(|(_, t)| t == term) {
                        Some(entry) => entry.0 += docs,
                        None => per_field.push((docs, term.to_string())),
                    }
                }
            }
            found.extend(per_field.into_iter().map(|(n, t)| (n, field, t, boost)));
        }
        found.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.2.cmp(&b.2)));
        found.truncate(MAX_PREFIX_TERMS);
        let alternatives: Vec<Alternative> = found
            .into_iter()
            .map(|(_, field, term, boost)| {
                let family = if field == f.folded {
                    TermFamily::Folded
                } else {
                    TermFamily::Text
                };
                terms.add(family, &term);
                Alternative {
                    term: Term::from_field_text(field, &term),
                    boost,
                    locations: None,
                }
            })
            .collect();
        if alternatives.is_empty() {
            return Ok(Box::new(EmptyQuery));
        }
        let group = WordGroup {
            alternatives,
            entity_keys: Vec::new(),
            optional: false,
            continuation: false,
            translations: Vec::new(),
            phrases: Vec::new(),
            bridges: Vec::new(),
        };
        Ok(assemble(&[group], &[], &[], &[], true, stats))
    }
}

/// How many dictionary entries a prefix may scan per field and segment.
const MAX_PREFIX_SCAN: usize = 100_000;

/// Where the words of a node are looked for.
#[derive(Clone, Copy)]
struct Scope<'l> {
    /// The language the query is written in, if detected.
    query_lang: Option<Language>,
    /// `title:`: every term in this field instead.
    title: Option<Field>,
    /// The translation lexicon and the weight of a translation, when words cross languages.
    translations: Option<(&'l TranslationLexicon, f32)>,
}

impl Scope<'_> {
    /// `groups` with every alternative moved to the title field, if the scope is a title.
    fn apply(&self, groups: Vec<WordGroup>) -> Vec<WordGroup> {
        let Some(title) = self.title else {
            return groups;
        };
        let in_title = |alternatives: Vec<Alternative>| -> Vec<Alternative> {
            let mut out: Vec<Alternative> = Vec::new();
            for a in alternatives {
                let text = a.term.value().as_str().unwrap_or_default().to_string();
                let term = Term::from_field_text(title, &text);
                match out.iter_mut().find(|o| o.term == term) {
                    Some(o) => o.boost = o.boost.max(a.boost),
                    None => out.push(Alternative {
                        term,
                        boost: a.boost,
                        locations: None,
                    }),
                }
            }
            out
        };
        groups
            .into_iter()
            .map(|g| {
                let mut alternatives = in_title(g.alternatives);
                alternatives.extend(in_title(g.entity_keys));
                WordGroup {
                    alternatives,
                    entity_keys: Vec::new(),
                    ..g
                }
            })
            .collect()
    }
}

/// The words of `node` that are not excluded, joined (for detecting the query's language and
/// its scripts).
fn positive_words(node: &Node, negated: bool, out: &mut String) {
    match node {
        Node::Words(text) | Node::Phrase { text, .. } | Node::Prefix(text) if !negated => {
            out.push(' ');
            out.push_str(text);
        }
        Node::Title(inner) => positive_words(inner, negated, out),
        Node::Not(inner) => positive_words(inner, !negated, out),
        Node::And(children) | Node::Or(children) => {
            for c in children {
                positive_words(c, negated, out);
            }
        }
        _ => {}
    }
}

/// A query made ready to build: see [`NewsIndex::plan`].
#[derive(Default)]
pub(super) struct QueryPlan<'l> {
    /// The words of the top level, as typed (joined).
    pub(super) words: String,
    /// The translations the top level's words were matched through, for the hits to report.
    pub(super) bridges: Vec<Bridge>,
    /// The lexicon, when the top level's translations are left for the relaxed pass.
    pub(super) deferred: Option<&'l TranslationLexicon>,
    /// The words of the top level, each with its alternatives.
    pub(super) groups: Vec<WordGroup>,
    /// Phrases, groups and other parts of the top level that must match.
    pub(super) required: Vec<Box<dyn Query>>,
    /// Parts of the top level that must not match.
    pub(super) excluded: Vec<Box<dyn Query>>,
    /// The language the query is written in, if detected.
    pub(super) query_lang: Option<Language>,
}

impl QueryPlan<'_> {
    /// Whether nothing is left to match on (no words, required parts or exclusions).
    pub(super) fn is_empty(&self) -> bool {
        self.groups.is_empty() && self.required.is_empty() && self.excluded.is_empty()
    }
}
