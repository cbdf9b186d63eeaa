//! Views shown in line with other views' fields, as `#[serde(flatten)]`
//! would show them but cheaper for Tera (see `FlatFields`), and the
//! `Serialize` of the entity views built that way (cards invoke the macro
//! where they are defined).

use super::views::*;
use serde::ser::SerializeStruct;

/// A struct whose fields a view shows in line with its own, as
/// `#[serde(flatten)]` would. Flattening makes serde write the outer view as
/// a map, and Tera copies each key of a map into a new string: on an offer
/// page that was a fifth of turning the view into a template value. A view
/// serialized by `flat_serialize!` stays a struct with `&'static str` keys.
pub trait FlatFields {
    /// How many fields `write` adds.
    const LEN: usize;
    fn write<S: SerializeStruct>(&self, s: &mut S) -> Result<(), S::Error>;
}

/// `FlatFields::LEN` of a value's type.
pub fn flat_len<F: FlatFields>(_: &F) -> usize {
    F::LEN
}

/// `impl Serialize` for a view `$ty` that holds `$flat` (a `FlatFields`)
/// and the fields `$field`: `$flat`'s fields first, then the others in
/// order, as `#[derive(Serialize)]` with `#[serde(flatten)]` on `$flat`
/// would. The list must name every field: the destructuring does not
/// compile otherwise.
macro_rules! flat_serialize {
    ($ty:ident, $flat:ident { $($field:ident),* $(,)? }) => {
        impl serde::Serialize for $ty<'_> {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                use serde::ser::SerializeStruct;
                use $crate::render::flat::{flat_len, FlatFields};
                let $ty { $flat, $($field),* } = self;
                let own: usize = 0 $(+ { let _ = stringify!($field); 1 })*;
                let mut st = s.serialize_struct(stringify!($ty), flat_len($flat) + own)?;
                $flat.write(&mut st)?;
                $(st.serialize_field(stringify!($field), $field)?;)*
                st.end()
            }
        }
    };
}
pub(crate) use flat_serialize;

/// `impl FlatFields` for `$ty` with the fields `$field`, in order, their
/// number counted rather than written down. As in `flat_serialize!`, the
/// list must name every field.
macro_rules! flat_fields {
    ($ty:ident { $($field:ident),* $(,)? }) => {
        impl FlatFields for $ty<'_> {
            const LEN: usize = 0 $(+ { let _ = stringify!($field); 1 })*;
            fn write<S: SerializeStruct>(&self, s: &mut S) -> Result<(), S::Error> {
                let $ty { $($field),* } = self;
                $(s.serialize_field(stringify!($field), $field)?;)*
                Ok(())
            }
        }
    };
}

flat_fields!(Base {
    id,
    title,
    url,
    summary,
    easy_summary,
    html,
    updated,
    checked,
    source,
    history,
});
flat_fields!(LinkView {
    id,
    title,
    url,
    summary,
    kind,
    kind_label,
    lang,
});

flat_serialize!(
    RegionView,
    base {
        kind,
        state,
        program,
        coordination,
        phase,
        phases,
        decision_rule,
        meeting_cadence,
        quality_standards,
        partner_regions,
        steering_group,
        milestones,
        contacts,
        offers,
        practices,
        agreements,
    }
);
flat_serialize!(
    PartnerView,
    base {
        kind,
        short,
        website,
        email,
        phone,
        tel,
        address,
        contacts,
        vcard,
        regions,
        offers,
        practices,
        agreements,
    }
);
flat_serialize!(
    OfferView,
    base {
        providers,
        regions,
        target_groups,
        fields,
        grades,
        start,
        end,
        schedule,
        cost,
        location,
        contact,
        link,
        languages,
        accessibility,
        lead,
        contacts,
        past,
    }
);
flat_serialize!(
    PracticeView,
    base {
        regions,
        partners,
        fields,
        year
    }
);
flat_serialize!(
    AgreementView,
    base {
        regions,
        signed,
        in_force,
        term_years,
        renews_years,
        terminated,
        moderator,
        parties,
        bodies,
        goals,
        goal_counts,
        overdue,
        status,
        status_label,
        current_term_end,
    }
);
flat_serialize!(PageView, base {});
