//! The resolver's pass over the words of a text: which words get which keys (the rules of
//! [`super`], "Which words get keys"), and the gazetteer's longest match at each word.

use super::*;

impl EntityResolver {
    pub(super) fn resolve_with(
        &self,
        s: &mut Scratch,
        words: &[EntityWord<'_>],
        hints: &[&MemoHint],
        lang: Option<Language>,
        query: bool,
        emit: &mut dyn FnMut(usize, usize, &str),
    ) {
        // Words inside a gazetteer match get phonetic keys even where the word alone would not.
        let mut covered_until = 0usize;
        // The syllables of a Vietnamese transliteration after its first are keyed with it.
        let mut run_until = 0usize;
        let short_text = words.len() <= 3;
        for (i, w) in words.iter().enumerate() {
            let norm = w.normalized;
            let script = script_of(norm);
            if script == Script::Other {
                continue;
            }
            let capitalized = is_capitalized(w.surface);
            if script == Script::Latin
                && !capitalized
                && !query
                && norm.chars().next().is_some_and(char::is_lowercase)
                && !self.gazetteer.may_begin_lowercase_name(norm)
                && i >= covered_until
            {
                // The common case in Latin-script documents: an ordinary word, which begins no
                // name written in lower case (`al-Qaeda`, `châu Âu`, `eo biển Hormuz`).
                continue;
            }
            let memo = s.memo(norm, hints.get(i).copied());
            s.begin_word(memo);
            let exact = query || short_text;
            let text = HintedWords { words, hints };
            if let Some(end) = self.gazetteer_match(s, text, i, lang, (exact, query), emit) {
                covered_until = covered_until.max(end + 1);
            }
            let in_name = i < covered_until;
            if i < run_until {
                continue;
            }
            if script == Script::Latin && capitalized {
                if let Some(last) = vietnamese_run(words, i, lang) {
                    vietnamese_keys(s, words, i, last, query, emit);
                    run_until = last + 1;
                    continue;
                }
            }
            // A capitalized word is a name unless its position explains the capital.
            let sentence_start = (i == 0 || w.after_break) && !short_text;
            // There a recall key, which also meets unrelated names and ordinary words of other
            // languages (`Puține` "few", `Cerere` "request"), needs a second name part.
            let corroborated =
                !sentence_start || in_name || next_is_name_part(words, i, script, lang);
            // A query word that names a gazetteer entity finds its documents through the
            // entity's key and its precise keys; its recall key would only add the other names
            // and words with its consonants (`Putin`: `Peyton`, `بطن`).
            let recall_wanted = !(query && in_name);
            match script {
                Script::Cyrillic => {
                    let tiers = if capitalized && corroborated && recall_wanted {
                        Tiers::All
                    } else if capitalized || query || in_name {
                        Tiers::Precise
                    } else {
                        continue;
                    };
                    // A function word is no name: never in lower case, and not capitalized at
                    // the start of a sentence either (a lone `Как` may still be a name).
                    if !in_name
                        && (!capitalized || sentence_start)
                        && is_russian_function_word(norm)
                    {
                        continue;
                    }
                    // A query word of a gazetteer name: the gazetteer knows its cases, which
                    // as other nominatives would meet other names (`Сирия` as `Сирий`: `Siri`).
                    let slot = if query || short_text {
                        Slot::Every
                    } else {
                        Slot::None
                    };
                    cyrillic_keys(s, w.surface, i, tiers, slot, recall_wanted, emit);
                }
                Script::Arabic => {
                    if !in_name && words.len() > 1 && arabic_common(norm) || !recall_wanted {
                        continue;
                    }
                    let ending = arabic::Ending::of(w.surface);
                    let proclitics = if query {
                        arabic::Proclitics::WithArticle
                    } else if short_text || in_name {
                        arabic::Proclitics::All
                    } else {
                        arabic::Proclitics::WithoutArticle
                    };
                    if proclitics != arabic::Proclitics::WithoutArticle {
                        // Not cached: the memo keeps the keys of words of running text.
                        arabic_keys(s, norm, ending, proclitics, query || short_text, i, emit);
                        continue;
                    }
                    let kind = if ending == arabic::Ending::Plain {
                        KeyKind::Arabic
                    } else {
                        KeyKind::ArabicWrittenEnding
                    };
                    cached_keys(s, memo, kind, i, emit, |s, emit| {
                        arabic_keys(s, norm, ending, proclitics, false, i, emit)
                    });
                }
                Script::Latin => {
                    let tiers = if capitalized && corroborated && recall_wanted {
                        Tiers::All
                    } else if capitalized || query {
                        Tiers::Precise
                    } else {
                        continue;
                    };
                    if !in_name
                        && (!capitalized || sentence_start)
                        && latin_function_word(norm, lang)
                    {
                        continue;
                    }
                    if !in_name && !short_text && is_vietnamese_syllable(norm, lang) {
                        // `Nguyễn`, `Điện`: Vietnamese, not a name to transliterate.
                        continue;
                    }
                    let kind = if tiers == Tiers::All {
                        KeyKind::LatinAll
                    } else {
                        KeyKind::LatinPrecise
                    };
                    if query {
                        // Not cached: a query also looks for Arabic and Cyrillic documents' keys
                        // (see [`Slot`]).
                        latin_keys(s, norm, i, tiers, Slot::OwnAndNone, emit);
                        continue;
                    }
                    cached_keys(s, memo, kind, i, emit, |s, emit| {
                        latin_keys(s, norm, i, tiers, Slot::Own, emit)
                    });
                }
                Script::Other => {}
            }
        }
    }

    /// Finds the longest gazetteer name starting at word `i`; emits its entity keys and returns
    /// the index of its last word.
    fn gazetteer_match(
        &self,
        s: &mut Scratch,
        text: HintedWords<'_, '_>,
        i: usize,
        lang: Option<Language>,
        (exact, query): (bool, bool),
        emit: &mut dyn FnMut(usize, usize, &str),
    ) -> Option<usize> {
        let HintedWords { words, hints } = text;
        let ok = |t: &gazetteer::Target, last: usize| {
            guard_ok(t.guard, words, i, last, exact) && (t.queried || !query)
        };
        let g = &*self.gazetteer;
        let max = g.max_words.min(words.len() - i);
        let romanian = matches!(lang, None | Some(Language::Romanian));
        let mut gs = std::mem::take(&mut s.gaz);
        gs.best.clear();
        gs.frontier.clear();
        let mut best_last = None;
        // Depth 0: the forms of the first word that are names or begin one (cached: an ordinary
        // word costs one lookup).
        let memo = s.word_memo;
        let (from, to) = memo_forms(
            s,
            g,
            memo,
            words[i].normalized,
            true,
            romanian,
            &mut gs.bufs,
        );
        for f in lines(&s.memo_text[from..to]) {
            let Some(entry) = g.lookup(f) else {
                continue;
            };
            if best_last.is_none() && entry.targets.iter().any(|t| ok(t, i)) {
                gs.best.clear();
                gs.best.push_str(f);
                best_last = Some(i);
            }
            if entry.prefix && !lines(&gs.frontier).any(|k| k == f) {
                gs.frontier.push_str(f);
                gs.frontier.push('\n');
            }
        }
        // Deeper: extend the keys that begin a longer name, word by word.
        let mut depth = 1;
        let (mut key, mut next) = (std::mem::take(&mut gs.key), std::mem::take(&mut gs.next));
        while !gs.frontier.is_empty() && depth < max && !words[i + depth].after_break {
            let norm = words[i + depth].normalized;
            let memo = s.memo(norm, hints.get(i + depth).copied());
            let (from, to) = memo_forms(s, g, memo, norm, false, romanian, &mut gs.bufs);
            next.clear();
            let mut found = false;
            for prefix in lines(&gs.frontier) {
                for f in lines(&s.memo_text[from..to]) {
                    key.clear();
                    key.push_str(prefix);
                    key.push(' ');
                    key.push_str(f);
                    let Some(entry) = g.lookup(&key) else {
                        continue;
                    };
                    if !found && entry.targets.iter().any(|t| ok(t, i + depth)) {
                        gs.best.clear();
                        gs.best.push_str(&key);
                        best_last = Some(i + depth);
                        found = true;
                    }
                    if entry.prefix && !lines(&next).any(|k| k == key) {
                        next.push_str(&key);
                        next.push('\n');
                    }
                }
            }
            std::mem::swap(&mut gs.frontier, &mut next);
            depth += 1;
        }
        (gs.key, gs.next) = (key, next);
        let result = best_last.inspect(|&last| {
            for t in g.get(&gs.best).unwrap_or(&[]) {
                if ok(t, last) {
                    s.emit(i, last, GAZETTEER_PREFIX, g.id(t.entity), emit);
                }
            }
        });
        s.gaz = gs;
        result
    }
}
