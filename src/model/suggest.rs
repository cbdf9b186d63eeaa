//! "Did you mean …": the nearest candidates by edit distance.

/// Up to three candidates closest to `wanted`, nearest first. A candidate
/// counts as near when its distance is at most a third of the longer word
/// (at least 2), or when one contains the other; of those, only the ones at
/// most twice as far as the nearest are kept.
pub fn nearest<'a>(wanted: &str, candidates: impl IntoIterator<Item = &'a str>) -> Vec<&'a str> {
    let mut scored: Vec<(usize, &str)> = candidates
        .into_iter()
        .filter_map(|c| {
            let d = strsim::levenshtein(wanted, c);
            let limit = (wanted.len().max(c.len()) / 3).max(2);
            let contains = wanted.len() >= 3 && (c.contains(wanted) || wanted.contains(c));
            (d <= limit || contains).then_some((d, c))
        })
        .collect();
    scored.sort();
    scored.dedup_by(|a, b| a.1 == b.1);
    // Next to a close match, a much more distant one is noise: keep only
    // candidates at most twice as far as the best (one edit more at least).
    if let Some(&(best, _)) = scored.first() {
        let cutoff = best + best.max(1);
        scored.retain(|&(d, _)| d <= cutoff);
    }
    scored.into_iter().take(3).map(|(_, c)| c).collect()
}

/// "did you mean `a`, `b`?" or `None`.
pub fn did_you_mean<'a>(
    wanted: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<String> {
    let near = nearest(wanted, candidates);
    if near.is_empty() {
        None
    } else {
        let list: Vec<String> = near.iter().map(|c| format!("`{c}`")).collect();
        Some(format!("did you mean {}?", list.join(", ")))
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
        assert_eq!(nearest("ihk-offenbch", ids), ["ihk-offenbach"]);
        assert_eq!(nearest("ihk-ofenbach", ids)[0], "ihk-offenbach");
        assert!(nearest("zzzzzz", ids).is_empty());
    }

    #[test]
    fn help_text() {
        assert_eq!(
            did_you_mean("schüler", ["schueler", "eltern"]).unwrap(),
            "did you mean `schueler`?"
        );
    }
}
