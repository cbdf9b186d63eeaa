//! Contact addresses as authors write them: a phone number normalised to
//! E.164 (ITU-T E.164, `+` and at most 15 digits) for `tel:` links and
//! vCards, and a plausibility check of an e-mail address. The site's
//! country is Germany, so a national number (`06074 81800`) gets `+49`.
//!
//! Written here rather than taken from the `phonenumber` crate: lotse needs
//! only "separators out, national prefix to +49, length within E.164", and
//! that crate brings the full libphonenumber metadata and a regex engine
//! into every build for number types and carrier data the site never shows.

/// Why a phone number cannot be dialled as written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PhoneError {
    /// A character that is neither a digit nor a separator (`x`, `ext`, `;`).
    BadCharacter(char),
    /// A local number without area code (`81800`): it cannot be dialled
    /// from a mobile phone.
    NoAreaCode,
    /// `+49 0…`: the trunk 0 belongs after `+49` only as `(0)`.
    ZeroAfterCountryCode,
    /// Fewer digits than any dialable number, or more than E.164's 15.
    Length(usize),
}

/// The country code of the site's country (Germany).
const COUNTRY: &str = "49";

/// `+49 6074 8180-0` → `+49607481800`; `06074 81800` → `+49607481800`;
/// `0049 …` and `+49 (0) 6074 …` as well.
pub fn e164(written: &str) -> Result<String, PhoneError> {
    let s = written.trim();
    // `+49 (0)6074`: the national trunk 0 in brackets is dropped when
    // dialling from abroad — and a tel: link always dials internationally.
    let s = s.replacen("(0)", "", 1);
    let mut digits = String::with_capacity(s.len());
    let mut plus = false;
    for (i, c) in s.chars().enumerate() {
        match c {
            '0'..='9' => digits.push(c),
            '+' if i == 0 => plus = true,
            ' ' | '\u{a0}' | '\u{202f}' | '-' | '–' | '/' | '.' | '(' | ')' => {}
            _ => return Err(PhoneError::BadCharacter(c)),
        }
    }
    let international = if plus {
        digits
    } else if let Some(rest) = digits.strip_prefix("00") {
        rest.to_string()
    } else if let Some(rest) = digits.strip_prefix('0') {
        format!("{COUNTRY}{rest}")
    } else {
        return Err(PhoneError::NoAreaCode);
    };
    if international.starts_with('0') {
        return Err(PhoneError::Length(international.len()));
    }
    if let Some(national) = international.strip_prefix(COUNTRY) {
        if national.starts_with('0') {
            return Err(PhoneError::ZeroAfterCountryCode);
        }
        // German numbers: area code and subscriber number have 6 to 13
        // digits together (030 12345 is among the shortest).
        if !(6..=13).contains(&national.len()) {
            return Err(PhoneError::Length(international.len()));
        }
    }
    // E.164: at most 15 digits; 7 is the shortest number in use anywhere.
    if !(7..=15).contains(&international.len()) {
        return Err(PhoneError::Length(international.len()));
    }
    Ok(format!("+{international}"))
}

/// Whether `s` looks like an address mail can be sent to: one `@`, a local
/// part of RFC 5322 atoms (less the characters a URL reads) separated by
/// single dots, and a domain of at least two labels of letters, digits and
/// inner hyphens (the last one not all digits). Quoted local parts and
/// IP-literal domains are left out: a public contact address never uses
/// them.
pub fn is_email(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    // RFC 5322 atext without `? # % & /`: in a `mailto:` link they would
    // start a query (`a?subject=…`), a fragment or an escape.
    let atext = |c: char| c.is_ascii_alphanumeric() || "!$'*+-=^_`{|}~".contains(c);
    let local_ok = !local.is_empty()
        && local.len() <= 64
        && local
            .split('.')
            .all(|atom| !atom.is_empty() && atom.chars().all(atext));
    let labels: Vec<&str> = domain.split('.').collect();
    let label_ok = |l: &&str| {
        !l.is_empty()
            && l.len() <= 63
            && !l.starts_with('-')
            && !l.ends_with('-')
            // Umlaut domains (`müller.de`) are valid; they are sent as punycode.
            && l.chars().all(|c| c.is_alphanumeric() || c == '-')
    };
    let domain_ok = labels.len() >= 2
        && domain.len() <= 253
        && labels.iter().all(label_ok)
        && labels
            .last()
            .is_some_and(|tld| tld.chars().any(|c| !c.is_ascii_digit()));
    local_ok && domain_ok
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn german_numbers_become_e164() {
        assert_eq!(e164("+49 6074 8180-0").unwrap(), "+49607481800");
        assert_eq!(e164("06074 81800").unwrap(), "+49607481800");
        assert_eq!(e164("0049 (6074) 81800").unwrap(), "+49607481800");
        assert_eq!(e164("+49 (0)6074 / 81800").unwrap(), "+49607481800");
        assert_eq!(e164("030 12345").unwrap(), "+493012345");
        assert_eq!(e164("0800 111 0 111").unwrap(), "+498001110111");
        assert_eq!(e164("+43 1 234567").unwrap(), "+431234567");
    }

    #[test]
    fn numbers_that_cannot_be_dialled_are_refused() {
        assert_eq!(e164("81800"), Err(PhoneError::NoAreaCode));
        assert_eq!(e164("06074 81800 x12"), Err(PhoneError::BadCharacter('x')));
        assert_eq!(
            e164("+49 06074 81800"),
            Err(PhoneError::ZeroAfterCountryCode)
        );
        assert_eq!(e164("0123"), Err(PhoneError::Length(5)));
        assert_eq!(e164("+49 1234 5678 9012 345"), Err(PhoneError::Length(17)));
        assert_eq!(e164("06074+81800"), Err(PhoneError::BadCharacter('+')));
        assert_eq!(e164(""), Err(PhoneError::NoAreaCode));
    }

    #[test]
    fn e_mail_addresses_are_checked_for_shape() {
        for ok in [
            "beratung@example.org",
            "a.b+c@sub.example.org",
            "info@müller.de",
        ] {
            assert!(is_email(ok), "{ok}");
        }
        for bad in [
            "beratung",
            "beratung@example",
            "@example.org",
            "a..b@example.org",
            "a b@example.org",
            "a@b@example.org",
            "a@-x.org",
            "a@1.2",
            "mailto:a@example.org",
            "a?subject=x@example.org",
            "a#b@example.org",
        ] {
            assert!(!is_email(bad), "{bad}");
        }
    }
}
