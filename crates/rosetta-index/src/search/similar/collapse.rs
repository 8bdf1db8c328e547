//! Near-duplicates: the same story republished by several outlets in one language is one hit.

use super::rescore::Shared;
use tantivy::DocAddress;

/// Two documents in one language sharing at least this part of their distinct words (Jaccard)
/// are copies of one story: a wire story republished keeps its words, with another title, a
/// byline or a paragraph cut; two reports of one event by different outlets share far fewer.
const NEAR_DUPLICATE: f32 = 0.7;

/// A candidate of the second stage.
pub(super) struct Candidate {
    pub(super) addr: DocAddress,
    pub(super) id: String,
    pub(super) lang: String,
    /// Publication time (seconds), if known.
    pub(super) published: Option<i64>,
    pub(super) shared: Shared,
}

/// The share of distinct words two sorted lists have in common.
fn jaccard(a: &[u64], b: &[u64]) -> f32 {
    let (mut i, mut j, mut common) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
        }
    }
    let union = a.len() + b.len() - common;
    if union == 0 {
        0.0
    } else {
        common as f32 / union as f32
    }
}

/// Groups `ranked` (best first) into stories: each group, at the rank of its best member, is
/// represented by its earliest published member (undated ones count as latest; of equal dates
/// the better ranked), with the ids of the others.
pub(super) fn collapse(ranked: Vec<Candidate>) -> Vec<(Candidate, Vec<String>)> {
    let mut groups: Vec<Vec<Candidate>> = Vec::new();
    for c in ranked {
        let group = groups.iter_mut().find(|g| {
            g.iter().any(|m| {
                m.lang == c.lang && jaccard(&m.shared.words, &c.shared.words) >= NEAR_DUPLICATE
            })
        });
        match group {
            Some(g) => g.push(c),
            None => groups.push(vec![c]),
        }
    }
    groups
        .into_iter()
        .map(|mut g| {
            let best_score = g[0].shared.score;
            // Stable: of equal dates, the better ranked stays first.
            g.sort_by_key(|c| c.published.unwrap_or(i64::MAX));
            let mut members = g.into_iter();
            let mut kept = members.next().expect("a group has a member");
            kept.shared.score = best_score;
            (kept, members.map(|c| c.id).collect())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::jaccard;

    #[test]
    fn jaccard_of_sorted_word_lists() {
        assert_eq!(jaccard(&[1, 2, 3, 4], &[2, 3, 4, 5]), 3.0 / 5.0);
        assert_eq!(jaccard(&[1, 2], &[1, 2]), 1.0);
        assert_eq!(jaccard(&[], &[]), 0.0);
        assert_eq!(jaccard(&[1], &[2]), 0.0);
    }
}
