//! Every catalog against the English source: it parses, it has every message and attribute
//! and no other, each uses the same variables, every variant of a choice shows the same values
//! (a variant that drops the link is a failure), and a number is never shown without a variant
//! for every plural category the language's integers reach (CLDR, as the bundle selects them).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use fluent_syntax::ast::{
    Entry, Expression, InlineExpression, Pattern, PatternElement, VariantKey,
};
use intl_pluralrules::{PluralCategory, PluralRuleType, PluralRules};
use regain_i18n::{Args, Language};
use unic_langid::LanguageIdentifier;

/// What a message or attribute needs of a translation.
#[derive(Debug, Default)]
struct Shape {
    variables: BTreeSet<String>,
    /// The variant keys of each select, by the variable it selects on.
    selects: Vec<(String, BTreeSet<String>)>,
    /// Selects whose variants do not all show the same variables (the one selected on aside).
    uneven: Vec<String>,
}

fn locales() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("locales")
}

fn tags() -> Vec<String> {
    let mut tags: Vec<String> = std::fs::read_dir(locales())
        .expect("locales/ is readable")
        .map(|e| e.expect("an entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "ftl"))
        .map(|p| p.file_stem().expect("a name").to_string_lossy().into_owned())
        .collect();
    tags.sort();
    tags
}

/// Each message (and `message.attribute`) of a catalog with its shape; parse errors fail.
fn shapes(tag: &str) -> BTreeMap<String, Shape> {
    let source = std::fs::read_to_string(locales().join(format!("{tag}.ftl"))).expect("readable");
    let resource = fluent_syntax::parser::parse(source.as_str())
        .unwrap_or_else(|(_, errors)| panic!("{tag}.ftl does not parse: {errors:?}"));
    let mut out = BTreeMap::new();
    for entry in resource.body {
        let (name, value, attributes) = match entry {
            Entry::Message(m) => (m.id.name.to_owned(), m.value, m.attributes),
            Entry::Term(t) => (format!("-{}", t.id.name), Some(t.value), t.attributes),
            _ => continue,
        };
        if let Some(value) = value {
            out.insert(name.clone(), shape(&value));
        }
        for attribute in attributes {
            out.insert(format!("{name}.{}", attribute.id.name), shape(&attribute.value));
        }
    }
    out
}

fn shape(pattern: &Pattern<&str>) -> Shape {
    let mut shape = Shape::default();
    walk_pattern(pattern, &mut shape);
    shape
}

fn walk_pattern(pattern: &Pattern<&str>, shape: &mut Shape) {
    for element in &pattern.elements {
        if let PatternElement::Placeable { expression } = element {
            walk_expression(expression, shape);
        }
    }
}

fn walk_expression(expression: &Expression<&str>, shape: &mut Shape) {
    match expression {
        Expression::Select { selector, variants } => {
            walk_inline(selector, shape);
            if let InlineExpression::VariableReference { id } = selector {
                let keys = variants
                    .iter()
                    .map(|v| match &v.key {
                        VariantKey::Identifier { name } => (*name).to_owned(),
                        VariantKey::NumberLiteral { value } => (*value).to_owned(),
                    })
                    .collect();
                shape.selects.push((id.name.to_owned(), keys));
            }
            let selector = match selector {
                InlineExpression::VariableReference { id } => Some(id.name),
                _ => None,
            };
            let mut shown = BTreeSet::new();
            for (i, variant) in variants.iter().enumerate() {
                let mut own = Shape::default();
                walk_pattern(&variant.value, &mut own);
                own.variables.retain(|v| Some(v.as_str()) != selector);
                if i > 0 && own.variables != shown {
                    shape.uneven.push(format!("${}", selector.unwrap_or("?")));
                }
                shown = own.variables.clone();
                shape.variables.extend(own.variables);
                shape.selects.extend(own.selects);
                shape.uneven.extend(own.uneven);
            }
        }
        Expression::Inline(inline) => walk_inline(inline, shape),
    }
}

fn walk_inline(inline: &InlineExpression<&str>, shape: &mut Shape) {
    match inline {
        InlineExpression::VariableReference { id } => {
            shape.variables.insert(id.name.to_owned());
        }
        InlineExpression::Placeable { expression } => walk_expression(expression, shape),
        _ => {}
    }
}

/// The plural categories integers fall in for `tag` (what a count of minutes can select): the
/// rules of the tag, or else of its language, as the bundle looks them up (`pt-BR` → `pt`).
fn integer_categories(tag: &str) -> BTreeSet<String> {
    let id: LanguageIdentifier = tag.parse().expect("a tag");
    let language = LanguageIdentifier::from_parts(id.language, None, None, &[]);
    let rules = PluralRules::create(id, PluralRuleType::CARDINAL)
        .or_else(|_| PluralRules::create(language, PluralRuleType::CARDINAL))
        .unwrap_or_else(|e| panic!("CLDR has no plural rules for {tag}: {e}"));
    (0..=1000u32)
        .map(|n| match rules.select(n).expect("an integer") {
            PluralCategory::ZERO => "zero",
            PluralCategory::ONE => "one",
            PluralCategory::TWO => "two",
            PluralCategory::FEW => "few",
            PluralCategory::MANY => "many",
            PluralCategory::OTHER => "other",
        })
        .map(str::to_owned)
        .collect()
}

/// Variables that hold numbers and so select plural forms.
const NUMBERS: &[&str] = &["minutes", "hours"];

#[test]
fn every_catalog_has_every_message_with_its_variables_and_plural_forms() {
    let english = shapes("en");
    assert!(english.len() > 100, "the English source has its messages");
    let uneven: Vec<_> = english.iter().filter(|(_, s)| !s.uneven.is_empty()).collect();
    assert!(uneven.is_empty(), "English's variants show different values: {uneven:?}");
    let tags = tags();
    assert!(tags.len() >= 15, "every language the app speaks has a catalog: {tags:?}");
    let mut problems = Vec::new();
    for tag in tags.iter().filter(|t| *t != "en") {
        let catalog = shapes(tag);
        let plurals = integer_categories(tag);
        for (name, source) in &english {
            let Some(translated) = catalog.get(name) else {
                problems.push(format!("{tag}: {name} is missing"));
                continue;
            };
            if translated.variables != source.variables {
                problems.push(format!(
                    "{tag}: {name} uses {:?}, English {:?}",
                    translated.variables, source.variables
                ));
            }
            for (variable, keys) in &translated.selects {
                if NUMBERS.contains(&variable.as_str()) && !plurals.is_subset(keys) {
                    problems.push(format!(
                        "{tag}: {name} selects ${variable} on {keys:?}, {tag} needs {plurals:?}"
                    ));
                }
            }
            for (variable, keys) in &source.selects {
                let same = translated.selects.iter().any(|(v, k)| v == variable && k == keys);
                if !NUMBERS.contains(&variable.as_str()) && !same {
                    problems.push(format!("{tag}: {name} must select ${variable} on {keys:?}"));
                }
                let selects = translated.selects.iter().any(|(v, _)| v == variable);
                if NUMBERS.contains(&variable.as_str()) && plurals.len() > 1 && !selects {
                    problems.push(format!("{tag}: {name} shows ${variable} without its plurals"));
                }
            }
            for select in &translated.uneven {
                problems
                    .push(format!("{tag}: {name}: the variants on {select} show different values"));
            }
        }
        for name in catalog.keys().filter(|n| !english.contains_key(*n)) {
            problems.push(format!("{tag}: {name} is not in English"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_catalog_is_loaded_and_formats_every_message_with_its_variables_filled() {
    // (A variable left out would also fail the debug assertion in `Language::text`.)
    assert_eq!(Language::all().count(), tags().len());
    let mut args = Args::new();
    for (name, value) in [
        ("code", "482913"),
        ("link", "https://regain.example/x"),
        ("reference", "RG-7KQ2-M9XD"),
        ("name", "Ana"),
        ("kind", "email"),
        ("reason", "invalid_link"),
        ("questions-only", "yes"),
        ("dont-know", "no"),
        ("subject", "S"),
        ("body", "B"),
    ] {
        args.set(name, value);
    }
    for (name, value) in [("minutes", 10u32), ("hours", 72), ("min", 15)] {
        args.set(name, value);
    }
    for language in Language::all() {
        for name in shapes("en").keys().filter(|n| !n.starts_with('-')) {
            let text = match name.split_once('.') {
                Some((id, attribute)) => language.attribute(id, attribute, &args),
                None => language.text(name, &args),
            };
            assert!(!text.trim().is_empty(), "{language}: {name} is empty");
            assert!(!text.contains("{$") && !text.contains("{ $"), "{language}: {name}: {text}");
        }
    }
}

/// The tags of `negotiation.json`, shared with the UI's tests: the service picks what the
/// screens pick.
#[test]
fn tags_find_the_catalogs_the_screens_find() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/negotiation.json");
    let cases: BTreeMap<String, Option<String>> =
        serde_json::from_str(&std::fs::read_to_string(path).expect("negotiation.json is readable"))
            .expect("a map of tags");
    for (tag, expected) in cases.iter().filter(|(tag, _)| *tag != "//") {
        let found = Language::find(tag).map(|l| l.tag().to_owned());
        assert_eq!(&found, expected, "{tag}");
    }
}
