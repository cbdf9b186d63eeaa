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

    pub fn label(self) -> &'static str {
        match self {
            Status::InForce => "in Kraft",
            Status::Expired => "ausgelaufen",
            Status::Terminated => "gekündigt",
            Status::NotYet => "noch nicht in Kraft",
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

/// The last day of a period of `years` starting on `start`.
fn period_end(start: Date, years: u32) -> Date {
    // Subtract the day first so that a term starting on 29 February ends
    // on 28 February, not the 27th.
    start
        .checked_sub(1.day())
        .and_then(|d| d.checked_add((years as i64).years()))
        .unwrap_or(Date::MAX)
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
            current_term_end: term_years.map(|y| period_end(in_force, y)),
        };
    }
    let Some(years) = term_years else {
        return Term {
            status: Status::InForce,
            current_term_end: terminated,
        };
    };
    let mut end = period_end(in_force, years);
    if today > end && renews_years > 0 {
        // Jump close to today, then step: no loop over centuries of renewals.
        let mut start = end.checked_add(1.day()).unwrap_or(Date::MAX);
        let span_days = (today - start).get_days().max(0) as i64;
        let skip = (span_days / (renews_years as i64 * 366)).max(0) as u32;
        if skip > 1 {
            start = start
                .checked_add(((skip - 1) as i64 * renews_years as i64).years())
                .unwrap_or(start);
        }
        end = period_end(start, renews_years);
        while end < today {
            start = end.checked_add(1.day()).unwrap_or(Date::MAX);
            end = period_end(start, renews_years);
            if end == Date::MAX {
                break;
            }
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
}
