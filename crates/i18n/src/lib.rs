//! Every word Regain sends or serves, in the person's language: the emails and SMS, the pages a
//! link opens and the password policy's texts, written in Project Fluent with CLDR plural rules.
//!
//! Each language is one file, `locales/<BCP 47 tag>.ftl`, found at build time; English
//! (`en.ftl`) is the source every other file is checked against by this crate's tests (the same
//! messages, attributes and variables, and a variant for every plural category the language
//! has). A person's stored tag picks the closest catalog ([`Language::negotiate`]); English
//! answers only a language no catalog speaks.
//!
//! Words only: no I/O beyond the catalogs compiled in, and nothing of the domain (the courier
//! and the server's pages say which message to render with which values).

use std::fmt;
use std::sync::LazyLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::FluentResource;
use unic_langid::{CharacterDirection, LanguageIdentifier};

pub use fluent_bundle::{FluentArgs as Args, FluentValue as Value};

include!(concat!(env!("OUT_DIR"), "/catalogs.rs"));

/// One of the languages Regain speaks.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Language(usize);

struct Catalog {
    tag: &'static str,
    id: LanguageIdentifier,
    /// The tag with its likely subtags added (`es-419` → `es-Latn-419`), for matching.
    likely: LanguageIdentifier,
    bundle: FluentBundle<FluentResource>,
}

static LOADED: LazyLock<Vec<Catalog>> = LazyLock::new(|| {
    CATALOGS
        .iter()
        .map(|&(tag, source)| {
            let id: LanguageIdentifier =
                tag.parse().unwrap_or_else(|_| panic!("locales/{tag}.ftl: not a BCP 47 tag"));
            let mut likely = id.clone();
            likely.maximize();
            // build.rs parsed every catalog, so a file that does not parse never ships.
            let resource = FluentResource::try_new(source.to_owned())
                .unwrap_or_else(|_| panic!("locales/{tag}.ftl does not parse"));
            let mut bundle = FluentBundle::new_concurrent(vec![id.clone()]);
            // Plain text (emails, SMS) and HTML escaped by the caller: no invisible isolation
            // marks around values, which would also cost an SMS its GSM-7 alphabet.
            bundle.set_use_isolating(false);
            bundle
                .add_resource(resource)
                .unwrap_or_else(|_| panic!("locales/{tag}.ftl defines a message twice"));
            Catalog { tag, id, likely, bundle }
        })
        .collect()
});

/// English's place among the catalogs.
static ENGLISH: LazyLock<Language> =
    LazyLock::new(|| Language::find("en").expect("locales/en.ftl is the source catalog"));

/// How many ranges of an `Accept-Language` header are read: a browser sends a handful, and
/// a header of thousands must not cost thousands of lookups.
const ACCEPT_LANGUAGE_RANGES: usize = 16;

impl Language {
    /// English: the source language, and the answer for a language no catalog speaks.
    pub fn english() -> Self {
        *ENGLISH
    }

    /// Every language there is a catalog for, in tag order.
    pub fn all() -> impl Iterator<Item = Self> {
        (0..LOADED.len()).map(Self)
    }

    /// The catalog for a BCP 47 tag (`hi`, `pt-PT`, `zh-Hans-CN`), English when none fits.
    pub fn negotiate(tag: &str) -> Self {
        Self::find(tag).unwrap_or_else(Self::english)
    }

    /// The catalog that speaks `tag`, if one does: the same tag, or else the same language in
    /// the same script (so `es-MX` finds `es-419` and `pt-PT` finds `pt-BR`, but `zh-TW`, in
    /// Traditional characters, does not find `zh-CN`), preferring the same region.
    pub fn find(tag: &str) -> Option<Self> {
        let requested: LanguageIdentifier = tag.trim().parse().ok()?;
        let catalogs = &*LOADED;
        if let Some(exact) = catalogs.iter().position(|c| c.id == requested) {
            return Some(Self(exact));
        }
        let mut likely = requested;
        likely.maximize();
        let same_script =
            |c: &&Catalog| c.likely.language == likely.language && c.likely.script == likely.script;
        let candidates = || catalogs.iter().enumerate().filter(|(_, c)| same_script(c));
        candidates()
            .find(|(_, c)| c.likely.region == likely.region)
            .or_else(|| candidates().next())
            .map(|(index, _)| Self(index))
    }

    /// The best catalog for an HTTP `Accept-Language` header, by its weights, if any fits
    /// (of its first sixteen ranges).
    pub fn from_accept_language(header: &str) -> Option<Self> {
        let mut ranges: Vec<(&str, f32)> = header
            .split(',')
            .take(ACCEPT_LANGUAGE_RANGES)
            .filter_map(|range| {
                let mut parts = range.split(';');
                let tag = parts.next()?.trim();
                let weight = parts
                    .find_map(|p| p.trim().strip_prefix("q="))
                    .map_or(Some(1.0), |q| q.trim().parse::<f32>().ok())?;
                (!tag.is_empty() && tag != "*" && weight > 0.0).then_some((tag, weight))
            })
            .collect();
        ranges.sort_by(|a, b| b.1.total_cmp(&a.1));
        ranges.into_iter().find_map(|(tag, _)| Self::find(tag))
    }

    /// The catalog's BCP 47 tag, as its file is named.
    pub fn tag(self) -> &'static str {
        self.catalog().tag
    }

    /// Whether the language is written right to left (Arabic, Urdu).
    pub fn is_rtl(self) -> bool {
        self.catalog().id.character_direction() == CharacterDirection::RTL
    }

    /// The message `id` (its value) with `args`.
    pub fn text(self, id: &str, args: &Args) -> String {
        self.format(id, None, args)
    }

    /// The attribute `attribute` of the message `id` with `args`.
    pub fn attribute(self, id: &str, attribute: &str, args: &Args) -> String {
        self.format(id, Some(attribute), args)
    }

    /// The attribute when the message has it (a notice's own `.if-you`).
    pub fn optional_attribute(self, id: &str, attribute: &str, args: &Args) -> Option<String> {
        self.format_own(id, Some(attribute), args)
    }

    /// Whether the catalog has the message `id` (with `attribute`, if given).
    pub fn has(self, id: &str, attribute: Option<&str>) -> bool {
        self.catalog().bundle.get_message(id).is_some_and(|message| match attribute {
            Some(name) => message.get_attribute(name).is_some(),
            None => message.value().is_some(),
        })
    }

    /// The text, from this catalog or else English's (the tests keep every catalog complete,
    /// so English stands in only for a message added without running them). A message that
    /// exists nowhere reads as its id rather than failing the message it is part of.
    fn format(self, id: &str, attribute: Option<&str>, args: &Args) -> String {
        self.format_own(id, attribute, args)
            .or_else(|| Self::english().format_own(id, attribute, args))
            .unwrap_or_else(|| {
                attribute.map_or_else(|| id.to_owned(), |name| format!("{id}.{name}"))
            })
    }

    /// The text from this catalog alone, if it has the message (and the attribute).
    fn format_own(self, id: &str, attribute: Option<&str>, args: &Args) -> Option<String> {
        let bundle = &self.catalog().bundle;
        let message = bundle.get_message(id)?;
        let pattern = match attribute {
            Some(name) => message.get_attribute(name)?.value(),
            None => message.value()?,
        };
        let mut errors = Vec::new();
        let text = bundle.format_pattern(pattern, Some(args), &mut errors).into_owned();
        // A variable the caller did not give reads as `{$name}`: the tests render every message
        // of every catalog, so a debug build fails there (the errors name variables, never
        // their values).
        debug_assert!(errors.is_empty(), "{self}: {id}: {errors:?}");
        Some(text)
    }

    fn catalog(self) -> &'static Catalog {
        &LOADED[self.0]
    }
}

impl Default for Language {
    fn default() -> Self {
        Self::english()
    }
}

impl fmt::Debug for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.tag())
    }
}

impl fmt::Display for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.tag())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_find_the_catalog_of_their_language_and_script() {
        let tag = |t: &str| Language::negotiate(t).tag();
        assert_eq!(tag("zh-Hans-CN"), "zh-CN");
        assert_eq!(tag("zh"), "zh-CN");
        assert_eq!(tag("ZH-cn"), "zh-CN");
        assert_eq!(tag("zh-TW"), "en", "Traditional Chinese is not read from Simplified");
        assert_eq!(tag("en-GB"), "en");
        assert_eq!(tag("es-MX"), "es-419");
        assert_eq!(tag("es"), "es-419");
        assert_eq!(tag("pt-PT"), "pt-BR");
        assert_eq!(tag("hi-IN"), "hi");
        assert_eq!(tag("ur-PK"), "ur");
        assert_eq!(tag("fr-CA"), "fr");
        assert_eq!(tag("de-AT"), "de");
        assert_eq!(tag("not a tag"), "en");
        assert_eq!(tag("tlh"), "en");
        assert_eq!(Language::default(), Language::english(), "no language is English");
        assert_eq!(Language::find("tlh"), None);
    }

    #[test]
    fn accept_language_is_read_by_weight() {
        let pick = |h: &str| Language::from_accept_language(h).map(Language::tag);
        assert_eq!(pick("ru-RU,ru;q=0.9,en-US;q=0.8"), Some("ru"));
        assert_eq!(pick("tlh, hi;q=0.5, en;q=0.7"), Some("en"));
        assert_eq!(pick("en;q=0.1, ar;q=0.9"), Some("ar"));
        assert_eq!(pick("ar;q=0, tlh"), None);
        let long = format!("{}, ru", vec!["tlh"; 10_000].join(", "));
        assert_eq!(pick(&long), None, "only the first sixteen ranges are read");
        assert_eq!(pick(""), None);
    }

    #[test]
    fn direction_follows_the_script() {
        assert!(Language::negotiate("ar").is_rtl());
        assert!(Language::negotiate("ur").is_rtl());
        assert!(!Language::negotiate("th").is_rtl());
        assert!(!Language::negotiate("hi").is_rtl());
        assert!(!Language::english().is_rtl());
    }

    #[test]
    fn plurals_follow_the_languages_rules() {
        let minutes = |language: &str, n: u32| {
            let mut args = Args::new();
            args.set("code", "482913");
            args.set("minutes", n);
            Language::negotiate(language).text("recovery-sms", &args)
        };
        assert!(minutes("en", 1).contains("1 minute."), "{}", minutes("en", 1));
        assert!(minutes("en", 10).contains("10 minutes"));
        assert!(minutes("ru", 1).contains("1 минуту"), "{}", minutes("ru", 1));
        assert!(minutes("ru", 2).contains("2 минуты"), "few: {}", minutes("ru", 2));
        assert!(minutes("ru", 5).contains("5 минут."), "many: {}", minutes("ru", 5));
        assert!(minutes("ru", 21).contains("21 минуту"), "one: {}", minutes("ru", 21));
    }

    #[test]
    fn a_message_missing_everywhere_reads_as_its_id() {
        let english = Language::english();
        assert_eq!(english.text("no-such-message", &Args::new()), "no-such-message");
        assert!(!english.has("no-such-message", None));
        assert_eq!(english.optional_attribute("password-changed", "if-you", &Args::new()), None);
    }
}
