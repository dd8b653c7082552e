use std::fmt;
use std::str::FromStr;

use phonenumber::country;
use regain_protocol::digits::fold_digits;

/// Why an identifier or contact did not parse. Never carries the input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ParseError {
    #[error("not a valid email address")]
    Email,
    #[error("not a valid phone number")]
    Phone,
    #[error("not an email, phone number or account ID")]
    Identifier,
}

/// An email address, checked and kept in one canonical form: the domain lower-cased (domains
/// are case-insensitive) and the local part as typed, lower-cased too because every mail
/// provider people use treats it so and two accounts differing only by case would be a trap.
///
/// `Debug` and `Display` show only the mask; [`Email::expose`] gives the address.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Email(String);

impl Email {
    pub fn parse(raw: &str) -> Result<Self, ParseError> {
        let trimmed = raw.trim();
        if trimmed.len() > 254 || !email_address::EmailAddress::is_valid(trimmed) {
            return Err(ParseError::Email);
        }
        let (_, domain) = trimmed.rsplit_once('@').ok_or(ParseError::Email)?;
        // A real product mails people: an address needs a dotted domain (no `a@localhost`).
        if !domain.contains('.') || domain.starts_with('[') {
            return Err(ParseError::Email);
        }
        Ok(Self(trimmed.to_lowercase()))
    }

    /// From a value the store wrote after validating it: no parsing.
    pub fn from_stored(email: &str) -> Self {
        Self(email.to_owned())
    }

    pub fn expose(&self) -> &str {
        &self.0
    }

    pub fn masked(&self) -> String {
        mask_email(&self.0)
    }
}

impl fmt::Debug for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Email({})", self.masked())
    }
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.masked())
    }
}

/// A phone number in E.164 (`+8613800138000`), parsed with libphonenumber's rules.
///
/// `Debug` and `Display` show only the mask; [`Phone::expose`] gives the number.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Phone {
    e164: String,
    country_code: u16,
}

impl Phone {
    /// Reads an international number (`+86 138 0013 8000`, `0086…`) or, with `region`, a
    /// national one (`07400 123456` in `GB`). Only numbers valid for their region are taken.
    pub fn parse(raw: &str, region: Option<&str>) -> Result<Self, ParseError> {
        let folded = fold_number(raw);
        let raw = folded.as_str();
        let digits = raw.chars().filter(char::is_ascii_digit).count();
        if !(3..=17).contains(&digits) || raw.len() > 40 {
            return Err(ParseError::Phone);
        }
        let region = match region {
            Some(code) => Some(
                country::Id::from_str(&code.trim().to_ascii_uppercase())
                    .map_err(|_| ParseError::Phone)?,
            ),
            None => None,
        };
        let normalized = match raw.strip_prefix("00") {
            Some(rest) if region.is_none() => format!("+{rest}"),
            _ => raw.to_owned(),
        };
        let number = phonenumber::parse(region, &normalized).map_err(|_| ParseError::Phone)?;
        if !phonenumber::is_valid(&number) {
            return Err(ParseError::Phone);
        }
        let e164 = number.format().mode(phonenumber::Mode::E164).to_string();
        Ok(Self { e164, country_code: number.code().value() })
    }

    /// From a value the store wrote (already E.164).
    pub fn from_e164(e164: &str) -> Result<Self, ParseError> {
        Self::parse(e164, None)
    }

    /// From a number and country code the store wrote after validating them: no parsing.
    pub fn from_stored(e164: &str, country_code: u16) -> Self {
        Self { e164: e164.to_owned(), country_code }
    }

    pub fn expose(&self) -> &str {
        &self.e164
    }

    pub fn country_code(&self) -> u16 {
        self.country_code
    }

    pub fn masked(&self) -> String {
        mask_phone(&self.e164, self.country_code)
    }
}

impl fmt::Debug for Phone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Phone({})", self.masked())
    }
}

impl fmt::Display for Phone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.masked())
    }
}

/// A phone number or account ID as typed, in ASCII where it can be: compatibility forms folded
/// (NFKC: full-width `＋（３０５）`), and every script's decimal digits folded (٣ ३).
fn fold_number(raw: &str) -> String {
    fold_digits(&regain_policy::normalize(raw.trim()))
}

/// `j•••@example.com`: the first character of the local part and the whole domain.
pub fn mask_email(email: &str) -> String {
    let (local, domain) = email.rsplit_once('@').unwrap_or((email, ""));
    let first: String = local.chars().take(1).collect();
    format!("{first}•••@{domain}")
}

/// `+86 ••• •••• 12`: the country code and the last two digits.
pub fn mask_phone(e164: &str, country_code: u16) -> String {
    let digits: Vec<char> = e164.chars().filter(char::is_ascii_digit).collect();
    let last: String = digits[digits.len().saturating_sub(2)..].iter().collect();
    format!("+{country_code} ••• •••• {last}")
}

/// What a person typed to name their account: an email, a phone number or an account ID.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Identifier {
    Email(Email),
    Phone(Phone),
    AccountId(u64),
    /// Digits that are both a valid national phone number in the given region and a possible
    /// account ID; the phone is looked up first.
    PhoneOrAccountId(Phone, u64),
}

impl Identifier {
    /// `@` means an email; a leading `+` or `00` an international phone number; other digits
    /// (spaces, dashes and brackets allowed) a national phone number when `region` is given and
    /// the number is valid there, and an account ID when they fit one.
    pub fn parse(raw: &str, region: Option<&str>) -> Result<Self, ParseError> {
        if raw.contains('@') {
            return Email::parse(raw).map(Self::Email).map_err(|_| ParseError::Identifier);
        }
        let folded = fold_number(raw);
        let raw = folded.as_str();
        if raw.starts_with('+') || raw.starts_with("00") {
            return Phone::parse(raw, None).map(Self::Phone).map_err(|_| ParseError::Identifier);
        }
        let only_digits: String =
            raw.chars().filter(|c| !matches!(c, ' ' | '-' | '(' | ')' | '.')).collect();
        if only_digits.is_empty() || !only_digits.chars().all(|c| c.is_ascii_digit()) {
            return Err(ParseError::Identifier);
        }
        let phone = region.and_then(|region| Phone::parse(raw, Some(region)).ok());
        let account_id = only_digits
            .parse::<u64>()
            .ok()
            .filter(|id| (crate::ACCOUNT_ID_MIN..=crate::ACCOUNT_ID_MAX).contains(id));
        match (phone, account_id) {
            (Some(phone), Some(id)) => Ok(Self::PhoneOrAccountId(phone, id)),
            (Some(phone), None) => Ok(Self::Phone(phone)),
            (None, Some(id)) => Ok(Self::AccountId(id)),
            (None, None) => Err(ParseError::Identifier),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_checked_and_lower_cased() {
        assert_eq!(
            Email::parse(" Jane.Doe@Example.COM ").expect("valid").expose(),
            "jane.doe@example.com"
        );
        for bad in ["", "jane", "jane@", "@example.com", "jane@localhost", "a b@example.com"] {
            assert!(Email::parse(bad).is_err(), "{bad:?} should be refused");
        }
    }

    #[test]
    fn phones_parse_in_common_formats() {
        let e164 = |raw: &str, region: Option<&str>| {
            Phone::parse(raw, region).map(|p| p.expose().to_owned())
        };
        assert_eq!(e164("+86 138 0013 8000", None), Ok("+8613800138000".into()));
        assert_eq!(e164("0086 138-0013-8000", None), Ok("+8613800138000".into()));
        assert_eq!(e164("138 0013 8000", Some("cn")), Ok("+8613800138000".into()));
        assert_eq!(e164("07400 123456", Some("GB")), Ok("+447400123456".into()));
        assert_eq!(e164("(201) 555-0123", Some("US")), Ok("+12015550123".into()));
        assert_eq!(e164("＋１ ２０１ ５５５ ０１２３", None), Ok("+12015550123".into()));
        assert_eq!(e164("(٢٠١) ٥٥٥-٠١٢٣", Some("US")), Ok("+12015550123".into()));
        assert_eq!(e164("12345", None), Err(ParseError::Phone));
        assert_eq!(e164("07700 900123", Some("XX")), Err(ParseError::Phone));
        assert_eq!(e164("+86 1", None), Err(ParseError::Phone));
    }

    #[test]
    fn masks_show_only_what_recovery_needs() {
        assert_eq!(mask_email("jane.doe@example.com"), "j•••@example.com");
        let phone = Phone::parse("+8613800138012", None).expect("valid");
        assert_eq!(phone.masked(), "+86 ••• •••• 12");
        assert_eq!(format!("{phone} {phone:?}"), "+86 ••• •••• 12 Phone(+86 ••• •••• 12)");
        let email = Email::parse("jane@example.com").expect("valid");
        assert!(!format!("{email} {email:?}").contains("jane"));
    }

    #[test]
    fn identifiers_by_shape() {
        assert!(matches!(Identifier::parse("jane@example.com", None), Ok(Identifier::Email(_))));
        assert!(matches!(Identifier::parse("+44 7400 123456", None), Ok(Identifier::Phone(_))));
        assert_eq!(Identifier::parse("1234567890", None), Ok(Identifier::AccountId(1_234_567_890)));
        assert!(matches!(Identifier::parse("138 0013 8000", Some("CN")), Ok(Identifier::Phone(_))));
        assert!(matches!(
            Identifier::parse("2015550123", Some("US")),
            Ok(Identifier::PhoneOrAccountId(_, 2_015_550_123))
        ));
        assert_eq!(Identifier::parse("jane", None), Err(ParseError::Identifier));
        assert_eq!(Identifier::parse("12", None), Err(ParseError::Identifier));
    }
}
