//! The Berufswahlfahrplan: the overview (`/berufswahlfahrplan/`) with a
//! chooser of grades, and a page per grade (`/berufswahlfahrplan/klasse-8/`)
//! that prints on one A4 page. It shows the current and coming offers only
//! (`Views::current_offers`), by grade and within a grade by field, each
//! with its time of year (`months`, else the months of `start`–`end`).

use super::flat::flat_serialize;
use super::locale::month_name;
use super::views::{LinkView, Views};
use crate::model::{Kind, Offer};
use crate::routes::{fahrplan_grade_path, fahrplan_grades};
use crate::section::Labels;
use serde::Serialize;

/// Grades the overview always names (others only when used); a grade
/// without offers is one line there.
pub const FAHRPLAN_GRADES: std::ops::RangeInclusive<u8> = 5..=13;
/// At most this many offers per grade and field on the overview; the rest
/// are on the grade's page, so the overview stays readable for large sites.
pub const FAHRPLAN_MAX_PER_FIELD: usize = 20;

#[derive(Clone, Debug)]
pub struct FahrplanOffer<'a> {
    /// Serialized in line with the card's own fields (see `flat_serialize!`).
    pub link: LinkView<'a>,
    /// Grades of the offer, e.g. "8–10" or "8, 10".
    pub grades: String,
    pub regions: Vec<LinkView<'a>>,
    /// Its time of year, e.g. "September–Oktober" (`time_of_year`).
    pub months: Option<String>,
}

flat_serialize!(
    FahrplanOffer,
    link {
        grades,
        regions,
        months
    }
);

#[derive(Serialize, Clone, Debug)]
pub struct FahrplanField<'a> {
    /// Vocabulary key; empty for offers without a field.
    pub key: &'a str,
    pub label: &'a str,
    /// `FahrplanOffer`s, as template values (see `FahrplanEntries`).
    pub offers: Vec<tera::Value>,
    /// Offers left out of `offers` (see `FAHRPLAN_MAX_PER_FIELD`).
    pub more: usize,
}

#[derive(Serialize, Clone, Debug)]
pub struct FahrplanGrade<'a> {
    pub n: u8,
    /// The grade's Berufswahlfahrplan page, when it has offers.
    pub url: Option<String>,
    /// The grade's offers list (with filters), when it has offers.
    pub offers_url: Option<String>,
    pub count: usize,
    pub fields: Vec<FahrplanField<'a>>,
}

#[derive(Serialize, Clone, Debug)]
pub struct Fahrplan<'a> {
    pub grades: Vec<FahrplanGrade<'a>>,
    /// Fields that occur, in vocabulary order (a legend / jump list).
    pub fields: Vec<FahrplanField<'a>>,
    /// Offers without grades.
    pub without_grade: Vec<LinkView<'a>>,
}

fn grade_span(grades: &[u8]) -> String {
    let contiguous = grades.windows(2).all(|w| w[1] == w[0] + 1);
    match grades {
        [] => String::new(),
        [g] => g.to_string(),
        [first, .., last] if contiguous => format!("{first}–{last}"),
        _ => grades
            .iter()
            .map(u8::to_string)
            .collect::<Vec<_>>()
            .join(", "),
    }
}

/// What an offer's time of year is made of: `months`, `start`, `end`.
pub struct Dates<'a> {
    pub months: &'a [u8],
    pub start: Option<jiff::civil::Date>,
    pub end: Option<jiff::civil::Date>,
}

impl<'a> From<&'a Offer> for Dates<'a> {
    fn from(o: &'a Offer) -> Self {
        Dates {
            months: &o.months,
            start: o.start,
            end: o.end,
        }
    }
}

/// The months (1–12) an offer takes place in: its `months`, else every
/// month from `start` to `end` (or the one month of either).
fn offer_months(o: &Dates) -> [bool; 12] {
    let mut set = [false; 12];
    if !o.months.is_empty() {
        for &m in o.months {
            set[m as usize - 1] = true;
        }
        return set;
    }
    let (Some(first), Some(last)) = (o.start.or(o.end), o.end.or(o.start)) else {
        return set;
    };
    let months = (last.year() as i32 - first.year() as i32) * 12 + last.month() as i32
        - first.month() as i32;
    // Twelve steps at most: after that every month is in.
    for k in 0..=months.clamp(0, 11) {
        let m = (first.month() as i32 - 1 + k) % 12;
        set[m as usize] = true;
    }
    set
}

/// An offer's time of year in `lang`: runs of months as "September–Oktober",
/// several joined by ", ", a run over the turn of the year kept whole
/// ("November–Februar"); "ganzjährig" for all twelve; `None` without dates.
pub fn time_of_year(o: &Dates, lang: &str, labels: Labels<'_>) -> Option<String> {
    let set = offer_months(o);
    if !set.contains(&true) {
        return None;
    }
    if !set.contains(&false) {
        return Some(labels.get("fahrplan_all_year").to_string());
    }
    let name = |m: usize| month_name(m as u8 + 1, lang).map_or((m + 1).to_string(), str::to_string);
    // Start after a month that is not in, so that no run is cut in two.
    let gap = set.iter().position(|&x| !x).unwrap_or(0);
    let mut runs: Vec<String> = Vec::new();
    let mut run: Option<(usize, usize)> = None;
    for step in 1..=12 {
        let m = (gap + step) % 12;
        match (set[m], run) {
            (true, None) => run = Some((m, m)),
            (true, Some((a, _))) => run = Some((a, m)),
            (false, Some((a, b))) => {
                runs.push(if a == b {
                    name(a)
                } else {
                    format!("{}–{}", name(a), name(b))
                });
                run = None;
            }
            (false, None) => {}
        }
    }
    Some(runs.join(", "))
}

fn field_label<'s>(v: &Views<'s>, key: &'s str) -> &'s str {
    if key.is_empty() {
        v.labels.get("fahrplan_other_offers")
    } else {
        v.site.vocab.label("fields", key)
    }
}

/// Every current offer's `FahrplanOffer` as a template value, made once
/// and shared by the overview and every grade page: an offer for grades
/// 8–10 is on four pages, and making and serializing its entry for each
/// was most of the cost of those pages.
pub struct FahrplanEntries(Vec<Option<tera::Value>>);

impl FahrplanEntries {
    /// The entries of the current offers with grades (the others have none).
    pub fn new(v: &Views<'_>) -> FahrplanEntries {
        let site = v.site;
        let mut entries = vec![None; site.offers.len()];
        for &i in v.current_offers() {
            let o = &site.offers[i].data;
            if o.grades.is_empty() {
                continue;
            }
            let entry = FahrplanOffer {
                link: v.offer_link(i),
                grades: grade_span(&o.grades),
                regions: v.refs(Kind::Region, &o.regions),
                months: time_of_year(&o.into(), v.lang, v.labels),
            };
            entries[i] = Some(tera::Value::from_serializable(&entry));
        }
        FahrplanEntries(entries)
    }

    fn get(&self, i: usize) -> Option<tera::Value> {
        self.0[i].clone()
    }
}

/// Grade `n` with its current offers by field, at most `limit` per field.
fn grade<'s>(
    v: &Views<'s>,
    entries: &FahrplanEntries,
    n: u8,
    field_order: &[&'s str],
    limit: usize,
) -> FahrplanGrade<'s> {
    let site = v.site;
    let idx: Vec<usize> = v
        .current_offers()
        .iter()
        .copied()
        .filter(|&i| site.offers[i].data.grades.contains(&n))
        .collect();
    let mut fields: Vec<FahrplanField> = Vec::new();
    for &key in field_order.iter().chain(std::iter::once(&"")) {
        let matching: Vec<usize> = idx
            .iter()
            .copied()
            .filter(|&i| {
                let f = &site.offers[i].data.fields;
                if key.is_empty() {
                    f.is_empty()
                } else {
                    f.iter().any(|t| t.id == key)
                }
            })
            .collect();
        let offers: Vec<tera::Value> = matching
            .iter()
            .take(limit)
            .filter_map(|&i| entries.get(i))
            .collect();
        if !offers.is_empty() {
            fields.push(FahrplanField {
                key,
                label: field_label(v, key),
                offers,
                more: matching.len().saturating_sub(limit),
            });
        }
    }
    let has = !idx.is_empty();
    FahrplanGrade {
        n,
        url: has.then(|| site.urls.link(&fahrplan_grade_path(n))),
        offers_url: has.then(|| site.urls.link(&format!("angebote/klasse/{n}/"))),
        count: idx.len(),
        fields,
    }
}

fn field_order<'s>(v: &Views<'s>) -> Vec<&'s str> {
    v.site
        .vocab
        .get("fields")
        .map(|voc| voc.keys().collect())
        .unwrap_or_default()
}

/// The overview: every grade of `FAHRPLAN_GRADES` and every grade of a
/// current offer, at most `FAHRPLAN_MAX_PER_FIELD` offers per field.
pub fn fahrplan<'s>(v: &Views<'s>, entries: &FahrplanEntries) -> Fahrplan<'s> {
    let site = v.site;
    let order = field_order(v);
    let mut used_grades: Vec<u8> = FAHRPLAN_GRADES.collect();
    used_grades.extend(fahrplan_grades(site));
    used_grades.sort_unstable();
    used_grades.dedup();
    let grades: Vec<FahrplanGrade> = used_grades
        .into_iter()
        .map(|n| grade(v, entries, n, &order, FAHRPLAN_MAX_PER_FIELD))
        .collect();
    let used_fields: std::collections::BTreeSet<&str> = grades
        .iter()
        .flat_map(|g| g.fields.iter().map(|f| f.key))
        .collect();
    let fields = order
        .iter()
        .copied()
        .chain(std::iter::once(""))
        .filter(|k| used_fields.contains(k))
        .map(|key| FahrplanField {
            key,
            label: field_label(v, key),
            offers: Vec::new(),
            more: 0,
        })
        .collect();
    Fahrplan {
        grades,
        fields,
        without_grade: v
            .current_offers()
            .iter()
            .copied()
            .filter(|&i| site.offers[i].data.grades.is_empty())
            .map(|i| v.offer_link(i))
            .collect(),
    }
}

/// The page of grade `n`: all its current offers by field.
pub fn grade_page<'s>(v: &Views<'s>, entries: &FahrplanEntries, n: u8) -> FahrplanGrade<'s> {
    grade(v, entries, n, &field_order(v), usize::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn offer(
        start: Option<jiff::civil::Date>,
        end: Option<jiff::civil::Date>,
        months: &[u8],
    ) -> Dates<'_> {
        Dates { months, start, end }
    }

    #[test]
    fn grade_spans() {
        assert_eq!(grade_span(&[8, 9, 10]), "8–10");
        assert_eq!(grade_span(&[8, 10]), "8, 10");
        assert_eq!(grade_span(&[7]), "7");
    }

    #[test]
    fn times_of_year() {
        let i18n: std::collections::BTreeMap<String, String> =
            [("fahrplan_all_year".to_string(), "ganzjährig".to_string())].into();
        let l = Labels(&i18n);
        let t = |o: &Dates, lang: &str| time_of_year(o, lang, l);
        assert_eq!(t(&offer(None, None, &[]), "de"), None);
        assert_eq!(
            t(&offer(None, None, &[9, 10]), "de").unwrap(),
            "September–Oktober"
        );
        assert_eq!(
            t(&offer(None, None, &[3, 9, 10]), "de").unwrap(),
            "März, September–Oktober"
        );
        assert_eq!(
            t(&offer(None, None, &[1, 2, 11, 12]), "de").unwrap(),
            "November–Februar"
        );
        assert_eq!(t(&offer(None, None, &[6]), "en").unwrap(), "June");
        let d = |y, m, d| Some(date(y, m, d));
        assert_eq!(
            t(&offer(d(2026, 9, 19), None, &[]), "de").unwrap(),
            "September"
        );
        assert_eq!(
            t(&offer(d(2026, 10, 1), d(2027, 1, 31), &[]), "de").unwrap(),
            "Oktober–Januar"
        );
        assert_eq!(
            t(&offer(d(2026, 2, 1), d(2026, 12, 31), &[]), "de").unwrap(),
            "Februar–Dezember"
        );
        assert_eq!(
            t(&offer(d(2026, 2, 1), d(2027, 6, 30), &[]), "de").unwrap(),
            "ganzjährig"
        );
        // `months` wins over the dates.
        assert_eq!(t(&offer(d(2026, 2, 1), None, &[5]), "de").unwrap(), "Mai");
    }
}
