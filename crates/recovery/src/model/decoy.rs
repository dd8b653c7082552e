//! What a decoy shows, and the pools of real accounts its masks are drawn from
//! (`crate::recovery::decoy` says how and why).

/// What a decoy flow shows in place of a real account's contacts and questions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecoyProfile {
    pub email: Option<String>,
    pub phone: Option<String>,
    /// How many security questions it asks (0: none).
    pub question_count: u8,
    /// Whether it asks for a second factor as its second gate, as its donor does.
    pub second_factor: bool,
    /// How many recovery contacts it says must vouch, of how many, as its donor's.
    pub vouches: Option<(u32, u32)>,
}

/// A set of real accounts a donor is drawn from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DonorPool {
    /// Accounts with a confirmed email, at `domain` when given.
    Emails { domain: Option<String> },
    /// Accounts with a confirmed phone, in the country `country_code` when given.
    Phones { country_code: Option<u16> },
    /// Every account.
    Accounts,
}
