//! Agreement terms: status and the end of the current term as of a date,
//! counting automatic renewals.

use crate::model::Agreement;
use jiff::ToSpan;
use jiff::civil::Date;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    InForce,
    Expired,
    Terminated,
    NotYet,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::InForce => "in-force",
            Status::Expired => "expired",
            Status::Terminated => "terminated",
            Status::NotYet => "not-yet",
        }
    }

    /// Key of the status's name in the theme's `i18n/`.
    pub fn label_key(self) -> &'static str {
        match self {
            Status::InForce => "agreement_in_force",
            Status::Expired => "agreement_expired",
            Status::Terminated => "agreement_terminated",
            Status::NotYet => "agreement_not_yet",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Term {
    pub status: Status,
    /// The last day of the term that contains `today` (or of the last term,
    /// once expired); `None` for an agreement without a fixed term.
    pub current_term_end: Option<Date>,
}

/// The date `years` after `start`: same month and day; 29 February in a
/// year without one becomes 1 March. `Date::MAX` beyond the calendar.
fn anniversary(start: Date, years: i64) -> Date {
    let year = start.year() as i64 + years;
    if year > 9999 {
        return Date::MAX;
    }
    let year = year as i16;
    Date::new(year, start.month(), start.day())
        .or_else(|_| Date::new(year, 3, 1))
        .unwrap_or(Date::MAX)
}

/// The last day of a term of `years` years counted from `in_force`: the
/// day before the anniversary (as § 188 BGB counts a period of years), so
/// that a term from 1 March 2023 ends on 29 February 2024 and one from
/// 29 February 2020 on 28 February 2021. Every term end is counted from
/// `in_force`, so renewals do not drift.
fn term_end(in_force: Date, years: i64) -> Date {
    let a = anniversary(in_force, years);
    if a == Date::MAX {
        return Date::MAX;
    }
    a.checked_sub(1.day()).unwrap_or(Date::MAX)
}

/// Computes status and current term end.
pub fn compute(
    in_force: Date,
    term_years: Option<u32>,
    renews_years: u32,
    terminated: Option<Date>,
    today: Date,
) -> Term {
    if let Some(t) = terminated
        && t <= today
    {
        return Term {
            status: Status::Terminated,
            current_term_end: Some(t),
        };
    }
    if today < in_force {
        return Term {
            status: Status::NotYet,
            current_term_end: term_years.map(|y| term_end(in_force, y as i64)),
        };
    }
    let Some(years) = term_years else {
        return Term {
            status: Status::InForce,
            current_term_end: terminated,
        };
    };
    let years = years as i64;
    let mut end = term_end(in_force, years);
    if today > end && renews_years > 0 {
        // The k-th renewal ends exactly k·renews years after the first term
        // (in calendar years), so k is at least this estimate; step from it.
        let r = renews_years as i64;
        let mut k = ((today.year() as i64 - end.year() as i64) / r).max(1);
        end = term_end(in_force, years + k * r);
        while end < today {
            k += 1;
            end = term_end(in_force, years + k * r);
        }
    }
    let end = match terminated {
        Some(t) if t < end => t,
        _ => end,
    };
    Term {
        status: if today <= end {
            Status::InForce
        } else {
            Status::Expired
        },
        current_term_end: Some(end),
    }
}

pub fn for_agreement(a: &Agreement, today: Date) -> Term {
    compute(
        a.in_force.unwrap_or(a.signed),
        a.term_years,
        a.renews_years.unwrap_or(0),
        a.terminated,
        today,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn osterode_renews_every_five_years() {
        let t = compute(date(2013, 5, 29), Some(5), 5, None, date(2026, 11, 22));
        assert_eq!(t.status, Status::InForce);
        assert_eq!(t.current_term_end, Some(date(2028, 5, 28)));
        let first = compute(date(2013, 5, 29), Some(5), 5, None, date(2018, 5, 28));
        assert_eq!(first.current_term_end, Some(date(2018, 5, 28)));
        let second = compute(date(2013, 5, 29), Some(5), 5, None, date(2018, 5, 29));
        assert_eq!(second.current_term_end, Some(date(2023, 5, 28)));
    }

    #[test]
    fn expiry_termination_and_not_yet() {
        let t = compute(date(2020, 1, 1), Some(2), 0, None, date(2026, 1, 1));
        assert_eq!(
            (t.status, t.current_term_end),
            (Status::Expired, Some(date(2021, 12, 31)))
        );
        let t = compute(
            date(2020, 1, 1),
            Some(2),
            2,
            Some(date(2023, 6, 1)),
            date(2026, 1, 1),
        );
        assert_eq!(t.status, Status::Terminated);
        let t = compute(
            date(2020, 1, 1),
            Some(4),
            0,
            Some(date(2030, 1, 1)),
            date(2021, 1, 1),
        );
        assert_eq!(
            (t.status, t.current_term_end),
            (Status::InForce, Some(date(2023, 12, 31)))
        );
        let t = compute(date(2027, 1, 1), Some(2), 0, None, date(2026, 1, 1));
        assert_eq!(t.status, Status::NotYet);
        let t = compute(date(2020, 1, 1), None, 0, None, date(2026, 1, 1));
        assert_eq!((t.status, t.current_term_end), (Status::InForce, None));
    }

    #[test]
    fn leap_day_and_long_renewals() {
        let t = compute(date(2020, 2, 29), Some(1), 1, None, date(2021, 3, 1));
        assert_eq!(t.current_term_end, Some(date(2022, 2, 28)));
        let t = compute(date(1900, 1, 1), Some(1), 1, None, date(2026, 6, 1));
        assert_eq!(t.current_term_end, Some(date(2026, 12, 31)));
    }

    #[test]
    fn a_term_from_1_march_ends_on_leap_day() {
        // § 188 BGB: a year from 1 March 2023 ends on 29 February 2024.
        let t = compute(date(2023, 3, 1), Some(1), 0, None, date(2024, 2, 29));
        assert_eq!(
            (t.status, t.current_term_end),
            (Status::InForce, Some(date(2024, 2, 29)))
        );
        let t = compute(date(2019, 3, 1), Some(1), 1, None, date(2022, 6, 1));
        assert_eq!(t.current_term_end, Some(date(2023, 2, 28)));
        let t = compute(date(2019, 3, 1), Some(1), 1, None, date(2023, 6, 1));
        assert_eq!(t.current_term_end, Some(date(2024, 2, 29)));
    }

    #[test]
    fn renewals_of_a_leap_day_start_do_not_drift() {
        let from = date(2020, 2, 29);
        let t = compute(from, Some(4), 4, None, date(2024, 2, 28));
        assert_eq!(t.current_term_end, Some(date(2024, 2, 28)));
        let t = compute(from, Some(4), 4, None, date(2024, 2, 29));
        assert_eq!(t.current_term_end, Some(date(2028, 2, 28)));
        let t = compute(from, Some(1), 1, None, date(2031, 1, 1));
        assert_eq!(t.current_term_end, Some(date(2031, 2, 28)));
    }

    #[test]
    fn boundaries_of_a_term() {
        let from = date(2020, 1, 1);
        let last = compute(from, Some(2), 0, None, date(2021, 12, 31));
        assert_eq!(last.status, Status::InForce);
        let after = compute(from, Some(2), 0, None, date(2022, 1, 1));
        assert_eq!(
            (after.status, after.current_term_end),
            (Status::Expired, Some(date(2021, 12, 31)))
        );
        let first = compute(from, Some(2), 0, None, from);
        assert_eq!(first.status, Status::InForce);
        let before = compute(from, Some(2), 0, None, date(2019, 12, 31));
        assert_eq!(
            (before.status, before.current_term_end),
            (Status::NotYet, Some(date(2021, 12, 31)))
        );
        let t = compute(from, None, 0, None, date(2019, 12, 31));
        assert_eq!((t.status, t.current_term_end), (Status::NotYet, None));
    }

    #[test]
    fn termination_ends_the_running_term() {
        let from = date(2020, 1, 1);
        // Terminated on the build date: terminated from that day on.
        let t = compute(
            from,
            Some(2),
            2,
            Some(date(2026, 11, 22)),
            date(2026, 11, 22),
        );
        assert_eq!(
            (t.status, t.current_term_end),
            (Status::Terminated, Some(date(2026, 11, 22)))
        );
        // A termination date ahead ends the running term early.
        let t = compute(
            from,
            Some(2),
            2,
            Some(date(2027, 3, 31)),
            date(2026, 11, 22),
        );
        assert_eq!(
            (t.status, t.current_term_end),
            (Status::InForce, Some(date(2027, 3, 31)))
        );
        // A termination date after the running term does not extend it.
        let t = compute(from, Some(2), 2, Some(date(2030, 1, 1)), date(2026, 11, 22));
        assert_eq!(t.current_term_end, Some(date(2027, 12, 31)));
        // Without a fixed term, the termination date is the end.
        let t = compute(from, None, 0, Some(date(2030, 1, 1)), date(2026, 11, 22));
        assert_eq!(
            (t.status, t.current_term_end),
            (Status::InForce, Some(date(2030, 1, 1)))
        );
    }

    #[test]
    fn renewals_may_differ_from_the_first_term() {
        // Five years, then yearly.
        let from = date(2020, 1, 1);
        let t = compute(from, Some(5), 1, None, date(2026, 11, 22));
        assert_eq!(t.current_term_end, Some(date(2026, 12, 31)));
        let t = compute(from, Some(5), 1, None, date(2024, 12, 31));
        assert_eq!(t.current_term_end, Some(date(2024, 12, 31)));
        // One year, then every ten.
        let t = compute(from, Some(1), 10, None, date(2021, 1, 1));
        assert_eq!(t.current_term_end, Some(date(2030, 12, 31)));
    }

    #[test]
    fn in_force_defaults_to_signed() {
        let src = "+++\ntitle = \"A\"\nregions = [\"r\"]\nsigned = 2013-05-29\nterm_years = 5\nrenews_years = 5\n+++\n";
        let source = crate::diagnostics::Source::new("content/agreements/a.md", src);
        let split = crate::load::frontmatter::split(src).unwrap();
        let front = crate::load::node::parse(&src[split.front.clone()], split.front.start).unwrap();
        let doc = crate::load::Doc {
            kind: crate::model::Kind::Agreement,
            id: "a".into(),
            source,
            front,
            anchor: 0..3,
            body: split.body,
        };
        let mut diags = Vec::new();
        let Some(crate::model::Entity::Agreement(a)) =
            crate::model::entities::read(&doc, &mut diags)
        else {
            panic!("{diags:?}")
        };
        let t = for_agreement(&a, date(2026, 11, 22));
        assert_eq!(
            (t.status, t.current_term_end),
            (Status::InForce, Some(date(2028, 5, 28)))
        );
    }

    /// An independent count: anniversaries by jiff's own year arithmetic,
    /// term after term, day by day of the check.
    fn oracle(in_force: Date, term: u32, renews: u32, today: Date) -> (Status, Date) {
        let end_after = |years: i64| {
            let mut a = in_force.checked_add(years.years()).unwrap();
            if in_force.month() == 2 && in_force.day() == 29 && a.day() == 28 {
                a = a.tomorrow().unwrap();
            }
            a.yesterday().unwrap()
        };
        let mut years = term as i64;
        let mut end = end_after(years);
        while renews > 0 && end < today {
            years += renews as i64;
            end = end_after(years);
        }
        let status = if today < in_force {
            Status::NotYet
        } else if today <= end {
            Status::InForce
        } else {
            Status::Expired
        };
        (status, end)
    }

    #[test]
    fn agrees_with_a_term_by_term_count() {
        let starts = [
            date(2013, 5, 29),
            date(2020, 2, 29),
            date(2019, 3, 1),
            date(2016, 12, 31),
            date(2000, 1, 1),
        ];
        for from in starts {
            for term in 1..=6 {
                for renews in 0..=4 {
                    let mut today = date(2009, 6, 15);
                    while today < date(2045, 1, 1) {
                        let t = compute(from, Some(term), renews, None, today);
                        let (status, end) = oracle(from, term, renews, today);
                        assert_eq!(
                            (t.status, t.current_term_end),
                            (status, Some(end)),
                            "in force {from}, term {term}, renews {renews}, today {today}"
                        );
                        today = today.checked_add(31.days()).unwrap();
                    }
                }
            }
        }
    }
}
