//! "Did you mean …": the nearest candidates by edit distance (Levenshtein
//! with transpositions).

use crate::messages::Message;

/// Up to three candidates closest to `wanted`, nearest first. A candidate
/// counts as near when its distance is at most a third of the longer word
/// (at least 2), or when one contains the other (both at least three
/// characters long). Next to a close match, a much more distant one is
/// noise: a candidate more than twice as far as the nearest is dropped,
/// unless it contains `wanted` or is contained in it.
pub fn nearest<'a>(wanted: &str, candidates: impl IntoIterator<Item = &'a str>) -> Vec<&'a str> {
    let mut scored: Vec<(usize, &str, bool)> = candidates
        .into_iter()
        .filter_map(|c| {
            // Optimal string alignment: a swapped pair of letters, the
            // commonest typo, counts as one edit.
            let d = strsim::osa_distance(wanted, c);
            let limit = (wanted.len().max(c.len()) / 3).max(2);
            let contains =
                wanted.len() >= 3 && c.len() >= 3 && (c.contains(wanted) || wanted.contains(c));
            (d <= limit || contains).then_some((d, c, contains))
        })
        .collect();
    scored.sort();
    scored.dedup_by(|a, b| a.1 == b.1);
    if let Some(&(best, _, _)) = scored.first() {
        let cutoff = best + best.max(1);
        scored.retain(|&(d, _, contains)| d <= cutoff || contains);
    }
    scored.into_iter().take(3).map(|(_, c, _)| c).collect()
}

/// "did you mean `a`, `b`?" or `None`; the nearest is the replacement
/// an editor may offer.
pub fn did_you_mean<'a>(
    wanted: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<Message> {
    let near = nearest(wanted, candidates);
    if near.is_empty() {
        None
    } else {
        Some(did_you_mean_of(&near))
    }
}

/// "did you mean `a`, `b`?" for candidates already chosen (not empty).
pub fn did_you_mean_of(near: &[&str]) -> Message {
    let list: Vec<String> = near.iter().map(|c| format!("`{c}`")).collect();
    let m = crate::msg!("did-you-mean", list = list.join(", "));
    match near.first() {
        Some(first) => m.with_replacement(*first),
        None => m,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_first() {
        let ids = [
            "ihk-offenbach",
            "hwk-rhein-main",
            "aa-offenbach",
            "ihk-osterode",
        ];
        assert_eq!(nearest("ihk-offenbch", ids)[0], "ihk-offenbach");
        assert_eq!(nearest("ihk-ofenbach", ids)[0], "ihk-offenbach");
        assert!(nearest("zzzzzz", ids).is_empty());
    }

    #[test]
    fn help_text() {
        assert_eq!(
            did_you_mean("schüler", ["schueler", "eltern"])
                .unwrap()
                .text(crate::messages::Lang::En),
            "did you mean `schueler`?"
        );
        let de = did_you_mean("schüler", ["schueler", "eltern"]).unwrap();
        assert_eq!(
            de.text(crate::messages::Lang::De),
            "meinten Sie `schueler`?"
        );
        assert_eq!(de.replacement.as_deref(), Some("schueler"));
    }

    #[test]
    fn several_equally_near_in_order_and_at_most_three() {
        let ids = [
            "aa-offenbach",
            "ab-offenbach",
            "ac-offenbach",
            "ad-offenbach",
        ];
        assert_eq!(
            nearest("ax-offenbach", ids),
            ["aa-offenbach", "ab-offenbach", "ac-offenbach"]
        );
        assert_eq!(
            did_you_mean("hwk", ["ihk", "hwk-rhein-main", "zzz"])
                .unwrap()
                .text(crate::messages::Lang::En),
            "did you mean `ihk`, `hwk-rhein-main`?"
        );
    }

    #[test]
    fn containment_counts_for_words_of_three_or_more() {
        // A long id typed short: far by edit distance, but contained.
        assert_eq!(
            nearest("offenbach", ["agentur-fuer-arbeit-offenbach", "bochum"]),
            ["agentur-fuer-arbeit-offenbach"]
        );
        // Two letters are too short to count as contained, either way round.
        assert!(nearest("of", ["agentur-fuer-arbeit-offenbach"]).is_empty());
        assert!(nearest("agentur-fuer-arbeit-offenbach", ["ag"]).is_empty());
    }

    #[test]
    fn nothing_to_suggest() {
        assert!(nearest("x", std::iter::empty()).is_empty());
        assert_eq!(did_you_mean("zzzzzz", ["schueler", "eltern"]), None);
        // Duplicates are named once.
        assert_eq!(nearest("elten", ["eltern", "eltern"]), ["eltern"]);
    }

    #[test]
    fn suggests_known_keys_for_typos_in_field_names() {
        let fields = crate::model::entities::known_fields(crate::model::Kind::Offer);
        assert_eq!(
            nearest("target_group", fields.iter().copied())[0],
            "target_groups"
        );
        assert_eq!(nearest("provider", fields.iter().copied())[0], "providers");
        assert_eq!(nearest("titel", fields.iter().copied())[0], "title");
    }

    #[test]
    fn a_swapped_pair_is_one_edit() {
        let ids = ["ihk-beispiel", "hwk-beispiel"];
        assert_eq!(nearest("ihk-beispeil", ids), ["ihk-beispiel"]);
        assert_eq!(nearest("yaer", ["year", "years"]), ["year", "years"]);
    }
}
