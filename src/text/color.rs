//! Colours of `[brand]` in site.toml: reading `#00508c`, the WCAG 2.1
//! contrast ratio, and the nearest colour that reaches a ratio — the same
//! hue, darkened in OKLCH (a perceptual space, so the result still looks
//! like the district's colour, only darker) until it passes.

/// An sRGB colour, 8 bits per channel.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

pub const WHITE: Rgb = Rgb(255, 255, 255);

/// The contrast WCAG 2.1 AA asks of normal text (1.4.3).
pub const MIN_CONTRAST: f64 = 4.5;

impl Rgb {
    /// `#00508c` or `#05c` (case-insensitive); anything else is `None`.
    pub fn parse(s: &str) -> Option<Rgb> {
        let hex = s.trim().strip_prefix('#')?;
        if !hex.chars().all(|c| c.is_ascii_hexdigit()) {
            return None;
        }
        let digit = |i: usize, w: usize| u8::from_str_radix(&hex[i..i + w], 16).ok();
        match hex.len() {
            6 => Some(Rgb(digit(0, 2)?, digit(2, 2)?, digit(4, 2)?)),
            3 => Some(Rgb(digit(0, 1)? * 17, digit(1, 1)? * 17, digit(2, 1)? * 17)),
            _ => None,
        }
    }

    /// `#00508c`.
    pub fn hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }

    fn linear(self) -> [f64; 3] {
        [self.0, self.1, self.2].map(|c| {
            let c = f64::from(c) / 255.0;
            if c <= 0.04045 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        })
    }

    /// Relative luminance (WCAG 2.1).
    pub fn luminance(self) -> f64 {
        let [r, g, b] = self.linear();
        0.2126 * r + 0.7152 * g + 0.0722 * b
    }

    /// The contrast ratio with `other`, from 1 to 21.
    pub fn contrast(self, other: Rgb) -> f64 {
        let (a, b) = (self.luminance(), other.luminance());
        (a.max(b) + 0.05) / (a.min(b) + 0.05)
    }

    /// The colour itself if it reaches `ratio` against every colour of
    /// `against` (all lighter than it should be); otherwise the lightest
    /// colour of the same hue (and as much of its chroma as fits) that does.
    pub fn darkened_to(self, against: &[Rgb], ratio: f64) -> Rgb {
        let passes = |c: Rgb| against.iter().all(|&b| c.contrast(b) >= ratio);
        if passes(self) {
            return self;
        }
        let [l, a, b] = oklab(self.linear());
        let chroma = a.hypot(b);
        let hue = b.atan2(a);
        // Lightness in steps of 1/1000: the first that passes is the
        // nearest; black always passes against white.
        let mut lightness = l;
        while lightness > 0.0 {
            lightness -= 0.001;
            let c = in_gamut(lightness.max(0.0), chroma, hue);
            if passes(c) {
                return c;
            }
        }
        Rgb(0, 0, 0)
    }
}

/// The colour of OKLCH `(l, c, h)`, its chroma reduced until it fits sRGB.
fn in_gamut(l: f64, c: f64, h: f64) -> Rgb {
    let (mut lo, mut hi) = (0.0, c);
    let fits = |c: f64| {
        let rgb = linear_from_oklab([l, c * h.cos(), c * h.sin()]);
        rgb.iter().all(|v| (-1e-4..=1.0 + 1e-4).contains(v))
    };
    if !fits(hi) {
        for _ in 0..30 {
            let mid = (lo + hi) / 2.0;
            if fits(mid) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        hi = lo;
    }
    let [r, g, b] = linear_from_oklab([l, hi * h.cos(), hi * h.sin()]).map(|v| {
        let v = v.clamp(0.0, 1.0);
        let s = if v <= 0.003_130_8 {
            v * 12.92
        } else {
            1.055 * v.powf(1.0 / 2.4) - 0.055
        };
        (s * 255.0).round() as u8
    });
    Rgb(r, g, b)
}

/// Linear sRGB to OKLab (Björn Ottosson's published matrices).
fn oklab([r, g, b]: [f64; 3]) -> [f64; 3] {
    let l = (0.412_221_470_8 * r + 0.536_332_536_3 * g + 0.051_445_992_9 * b).cbrt();
    let m = (0.211_903_498_2 * r + 0.680_699_545_1 * g + 0.107_396_956_6 * b).cbrt();
    let s = (0.088_302_461_9 * r + 0.281_718_837_6 * g + 0.629_978_700_5 * b).cbrt();
    [
        0.210_454_255_3 * l + 0.793_617_785_0 * m - 0.004_072_046_8 * s,
        1.977_998_495_1 * l - 2.428_592_205_0 * m + 0.450_593_709_9 * s,
        0.025_904_037_1 * l + 0.782_771_766_2 * m - 0.808_675_766_0 * s,
    ]
}

fn linear_from_oklab([l, a, b]: [f64; 3]) -> [f64; 3] {
    let l_ = (l + 0.396_337_777_4 * a + 0.215_803_757_3 * b).powi(3);
    let m_ = (l - 0.105_561_345_8 * a - 0.063_854_172_8 * b).powi(3);
    let s_ = (l - 0.089_484_177_5 * a - 1.291_485_548_0 * b).powi(3);
    [
        4.076_741_662_1 * l_ - 3.307_711_591_3 * m_ + 0.230_969_929_2 * s_,
        -1.268_438_004_6 * l_ + 2.609_757_401_1 * m_ - 0.341_319_396_5 * s_,
        -0.004_196_086_3 * l_ - 0.703_418_614_7 * m_ + 1.707_614_701_0 * s_,
    ]
}

/// A ratio as people read it, rounded down so that a failing colour never
/// shows "4.50": `4.49`.
pub fn ratio_text(ratio: f64) -> String {
    format!("{:.2}", (ratio * 100.0).floor() / 100.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_and_contrast() {
        assert_eq!(Rgb::parse("#00508C"), Some(Rgb(0, 0x50, 0x8c)));
        assert_eq!(Rgb::parse("#fff"), Some(WHITE));
        for bad in ["00508c", "#00508", "#0050zz", "blue", "#"] {
            assert_eq!(Rgb::parse(bad), None, "{bad}");
        }
        // WCAG's own figures: black on white 21:1, #767676 on white 4.54:1.
        assert_eq!(ratio_text(Rgb(0, 0, 0).contrast(WHITE)), "21.00");
        assert_eq!(ratio_text(Rgb(0x76, 0x76, 0x76).contrast(WHITE)), "4.54");
        assert_eq!(Rgb::parse("#00508c").unwrap().hex(), "#00508c");
    }

    #[test]
    fn darkening_keeps_hue_and_passes() {
        let good = Rgb::parse("#00508c").unwrap();
        assert_eq!(good.darkened_to(&[WHITE], MIN_CONTRAST), good);
        for light in ["#5aa0e6", "#ffcc00", "#7fbf3f", "#ff3b30", "#ffffff"] {
            let c = Rgb::parse(light).unwrap();
            let d = c.darkened_to(&[WHITE], MIN_CONTRAST);
            assert!(d.contrast(WHITE) >= MIN_CONTRAST, "{light} → {}", d.hex());
            // Nearest: one step lighter would not pass.
            assert!(d.contrast(WHITE) < 4.8, "{light} → {}", d.hex());
            // Same hue: the order of the channels stays.
            let order = |c: Rgb| {
                let mut v = [(c.0, 0), (c.1, 1), (c.2, 2)];
                v.sort();
                v.map(|(_, i)| i)
            };
            if light != "#ffffff" {
                assert_eq!(order(c)[2], order(d)[2], "{light} → {}", d.hex());
            }
        }
    }
}
