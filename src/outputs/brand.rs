//! `/brand.css`: the colour of `[brand] color` as the theme's CSS custom
//! properties, in a file of its own linked after the theme's style sheet —
//! the CSP (`default-src 'self'`) allows no inline style. The header bar
//! takes the colour as written (it passed 4.5:1 with white when site.toml
//! was read); links and text in the colour take it darkened where needed
//! so that they also reach 4.5:1 on the theme's light panels.

use crate::link::Site;
use crate::text::color::{MIN_CONTRAST, Rgb, WHITE};

/// The lightest backgrounds text stands on besides white: the panels
/// (`--c-bg-soft`) and the boxes of easy language (`--c-easy-bg`).
const PANELS: [Rgb; 3] = [WHITE, Rgb(0xf3, 0xf5, 0xf8), Rgb(0xea, 0xf3, 0xfb)];

pub fn css(site: &Site) -> Vec<u8> {
    let Some(c) = site.config.brand.color else {
        return Vec::new();
    };
    let text = c.darkened_to(&PANELS, MIN_CONTRAST);
    // The navigation bar and hover a step darker, as in the theme.
    let darker = c.darkened_to(
        &PANELS,
        (c.contrast(WHITE).max(MIN_CONTRAST) * 1.25).min(14.0),
    );
    let hover = text.darkened_to(&PANELS, (text.contrast(WHITE) * 1.6).min(14.0));
    format!(
        "/* [brand] color = \"{brand}\" in site.toml (made by lotse) */\n\
         :root {{\n  --c-brand: {brand};\n  --c-brand-2: {darker};\n  \
         --c-link: {text};\n  --c-link-hover: {hover};\n  --c-easy-border: {text};\n}}\n\
         .figure-value, .phase--current .phase-status {{ color: {text}; }}\n",
        brand = c.hex(),
        darker = darker.hex(),
        text = text.hex(),
        hover = hover.hex(),
    )
    .into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_colour_just_above_the_limit_is_darkened_for_text_on_panels() {
        let c = Rgb::parse("#347abd").unwrap();
        assert!(c.contrast(WHITE) >= MIN_CONTRAST);
        let text = c.darkened_to(&PANELS, MIN_CONTRAST);
        assert_ne!(text, c);
        for p in PANELS {
            assert!(
                text.contrast(p) >= MIN_CONTRAST,
                "{} on {}",
                text.hex(),
                p.hex()
            );
        }
    }
}
