//! Offers as of the build date: which are current (the lists, facets and
//! the Berufswahlfahrplan show them, next first) and which are past (the
//! archive shows them, most recent first). Computed from each offer's dates
//! and `Site::today` alone, so that a dev-server change and a full build
//! always agree.

use super::Site;
use std::cmp::Ordering;

impl Site {
    /// Whether offer `i` is over as of the build date.
    pub fn offer_is_past(&self, i: usize) -> bool {
        self.offers[i].data.is_past(self.today)
    }

    /// Positions of the current and coming offers in list order: dated ones
    /// by their first day (`start`, else `end`), then the undated ones; by
    /// title within each.
    pub fn current_offers(&self) -> Vec<usize> {
        let mut idx: Vec<usize> = (0..self.offers.len())
            .filter(|&i| !self.offer_is_past(i))
            .collect();
        idx.sort_by(|&a, &b| {
            let (x, y) = (&self.offers[a].data, &self.offers[b].data);
            let first = |o: &crate::model::Offer| o.start.or(o.end);
            match (first(x), first(y)) {
                (Some(p), Some(q)) => p.cmp(&q),
                (Some(_), None) => Ordering::Less,
                (None, Some(_)) => Ordering::Greater,
                (None, None) => Ordering::Equal,
            }
            .then_with(|| x.common.title.cmp(&y.common.title))
            .then(a.cmp(&b))
        });
        idx
    }

    /// Positions of the past offers, the most recently ended first.
    pub fn past_offers(&self) -> Vec<usize> {
        let mut idx: Vec<usize> = (0..self.offers.len())
            .filter(|&i| self.offer_is_past(i))
            .collect();
        idx.sort_by(|&a, &b| {
            let (x, y) = (&self.offers[a].data, &self.offers[b].data);
            y.last_day()
                .cmp(&x.last_day())
                .then_with(|| x.common.title.cmp(&y.common.title))
                .then(a.cmp(&b))
        });
        idx
    }

    /// Whether some offer is past (the archive page exists).
    pub fn has_past_offers(&self) -> bool {
        (0..self.offers.len()).any(|i| self.offer_is_past(i))
    }
}
