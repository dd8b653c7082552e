//! A parsed JSON value read into a request type through serde's own error hooks, so that an
//! unknown field, a missing field and a bad value are told apart by what serde calls, never by
//! the words of a message. The error carries no text at all, so no value can leak through it.

use std::fmt;
use std::marker::PhantomData;

use serde::de::value::{MapAccessDeserializer, MapDeserializer, SeqDeserializer};
use serde::de::{self, DeserializeOwned, IntoDeserializer, Visitor};
use serde_json::Value;

/// Why a well-formed JSON value does not fit the request type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Misfit {
    /// A field the type does not have (every request type denies unknown fields).
    Unknown,
    /// A field the type requires, by its name.
    Missing(&'static str),
    /// A value of the wrong type, range or spelling.
    Invalid,
}

impl fmt::Display for Misfit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Unknown => "unknown field",
            Self::Missing(_) => "missing field",
            Self::Invalid => "invalid value",
        })
    }
}

impl std::error::Error for Misfit {}

impl de::Error for Misfit {
    fn custom<T: fmt::Display>(_message: T) -> Self {
        Self::Invalid
    }

    fn unknown_field(_field: &str, _expected: &'static [&'static str]) -> Self {
        Self::Unknown
    }

    fn missing_field(field: &'static str) -> Self {
        Self::Missing(field)
    }
}

/// `value` read as a `T`, with the path to the field that does not fit (`.` for the root).
pub fn read<T: DeserializeOwned>(value: Value) -> Result<T, (String, Misfit)> {
    serde_path_to_error::deserialize(Node::<Misfit>::new(value))
        .map_err(|error| (error.path().to_string(), error.into_inner()))
}

/// A JSON value as a deserializer whose error type is `E`.
struct Node<E> {
    value: Value,
    error: PhantomData<E>,
}

impl<E> Node<E> {
    fn new(value: Value) -> Self {
        Self { value, error: PhantomData }
    }
}

impl<'de, E: de::Error> IntoDeserializer<'de, E> for Node<E> {
    type Deserializer = Self;

    fn into_deserializer(self) -> Self {
        self
    }
}

impl<'de, E: de::Error> de::Deserializer<'de> for Node<E> {
    type Error = E;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, E> {
        match self.value {
            Value::Null => visitor.visit_unit(),
            Value::Bool(b) => visitor.visit_bool(b),
            Value::Number(n) => {
                if let Some(u) = n.as_u64() {
                    visitor.visit_u64(u)
                } else if let Some(i) = n.as_i64() {
                    visitor.visit_i64(i)
                } else {
                    visitor.visit_f64(n.as_f64().unwrap_or(f64::NAN))
                }
            }
            Value::String(s) => visitor.visit_string(s),
            Value::Array(items) => {
                let mut seq = SeqDeserializer::new(items.into_iter().map(Node::new));
                let value = visitor.visit_seq(&mut seq)?;
                seq.end()?;
                Ok(value)
            }
            Value::Object(map) => {
                let mut entries =
                    MapDeserializer::new(map.into_iter().map(|(k, v)| (k, Node::new(v))));
                let value = visitor.visit_map(&mut entries)?;
                entries.end()?;
                Ok(value)
            }
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, E> {
        match self.value {
            Value::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, E> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, E> {
        match self.value {
            Value::String(variant) => visitor.visit_enum(variant.into_deserializer()),
            Value::Object(map) if map.len() == 1 => visitor.visit_enum(MapAccessDeserializer::new(
                MapDeserializer::new(map.into_iter().map(|(k, v)| (k, Node::new(v)))),
            )),
            _ => Err(E::invalid_type(de::Unexpected::Other("a JSON value"), &"a variant")),
        }
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        unit unit_struct seq tuple tuple_struct map struct identifier ignored_any
    }
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;

    use super::*;

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(deny_unknown_fields)]
    struct Start {
        identifier: String,
        region: Option<String>,
        tries: u8,
        method: Method,
        inner: Vec<Inner>,
    }

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(deny_unknown_fields)]
    struct Inner {
        answer: String,
    }

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(rename_all = "snake_case")]
    enum Method {
        Email,
        Sms,
    }

    fn start(value: Value) -> Result<Start, (String, Misfit)> {
        read(value)
    }

    #[test]
    fn a_fitting_value_reads_as_serde_json_would() {
        let value = serde_json::json!({
            "identifier": "li.wei@example.com", "region": null, "tries": 3,
            "method": "sms", "inner": [{"answer": "blue"}],
        });
        let ours = start(value.clone()).expect("it fits");
        assert_eq!(ours, serde_json::from_value(value).expect("serde_json agrees"));
    }

    #[test]
    fn each_misfit_is_named_by_the_hook_serde_calls_with_its_path() {
        let base = serde_json::json!({
            "identifier": "x", "region": "CN", "tries": 1, "method": "email",
            "inner": [{"answer": "a"}],
        });
        let with = |pointer: &str, value: Option<Value>| {
            let mut body = base.clone();
            let (parent, key) = pointer.rsplit_once('/').expect("a pointer");
            let target =
                body.pointer_mut(parent).and_then(Value::as_object_mut).expect("an object");
            match value {
                Some(value) => target.insert(key.to_owned(), value),
                None => target.remove(key),
            };
            start(body).expect_err("a misfit")
        };
        assert_eq!(with("/surprise", Some(Value::Null)), ("surprise".into(), Misfit::Unknown));
        assert_eq!(
            with("/inner/0/extra", Some(1.into())),
            ("inner[0].extra".into(), Misfit::Unknown)
        );
        assert_eq!(with("/identifier", None), (".".into(), Misfit::Missing("identifier")));
        assert_eq!(with("/inner/0/answer", None), ("inner[0]".into(), Misfit::Missing("answer")));
        assert_eq!(with("/tries", Some(300.into())), ("tries".into(), Misfit::Invalid));
        assert_eq!(with("/tries", Some("1".into())), ("tries".into(), Misfit::Invalid));
        assert_eq!(with("/method", Some("pigeon".into())), ("method".into(), Misfit::Invalid));
        assert_eq!(with("/region", Some(7.into())), ("region".into(), Misfit::Invalid));
    }
}
