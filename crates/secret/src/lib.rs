//! `Secret<T>`: a password, a one-time code, a token, a key, a credential. One type for every
//! crate (the protocol, the courier, the configuration, the server's pages, the app's commands),
//! so that no crate writes its own redacting `Debug` and a secret is found by one search.
//!
//! Must stay a leaf: serde, zeroize (and, for the app, specta) only.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
pub use zeroize::Zeroize;

/// A value that must never reach a log, an error message or a debug dump: a password, a
/// one-time code, a token.
///
/// `Debug` prints `<redacted>` and there is deliberately no `Display` and no `Serialize`. A
/// wire field that must carry the value says so at the field with
/// `#[serde(with = "regain_secret::exposed")]`, so every place a secret is written out can be
/// found with one search, and serialising one by accident does not compile.
///
/// Dropping one overwrites its bytes with zeros (a kiosk's wipe relies on it): what the value
/// left behind where it grew or was copied before it was wrapped is beyond its reach.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Secret<T: Zeroize>(T);

impl<T: Zeroize> Drop for Secret<T> {
    fn drop(&mut self) {
        self.0.zeroize();
    }
}

impl<T: Zeroize> Secret<T> {
    pub fn new(value: T) -> Self {
        Self(value)
    }

    /// The value itself. Call it only where the secret is used (hashing, comparing, sending).
    pub fn expose(&self) -> &T {
        &self.0
    }

    pub fn into_exposed(mut self) -> T
    where
        T: Default,
    {
        std::mem::take(&mut self.0)
    }
}

impl<T: Zeroize> From<T> for Secret<T> {
    fn from(value: T) -> Self {
        Self(value)
    }
}

impl From<&str> for Secret<String> {
    fn from(value: &str) -> Self {
        Self(value.to_owned())
    }
}

impl<T: Zeroize> fmt::Debug for Secret<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

impl<'de, T: Deserialize<'de> + Zeroize> Deserialize<'de> for Secret<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        T::deserialize(deserializer).map(Secret)
    }
}

/// The app's commands take secrets from the IPC boundary on: to TypeScript a `Secret<T>` is a
/// `T` (what the UI sends), and nothing sends one back.
#[cfg(feature = "specta")]
impl<T: specta::Type + Zeroize> specta::Type for Secret<T> {
    fn definition(types: &mut specta::Types) -> specta::datatype::DataType {
        T::definition(types)
    }
}

/// Serde adapter for the fields that carry a secret on purpose (a wire field, a sealed message,
/// the configuration's defaults).
pub mod exposed {
    use super::*;

    pub fn serialize<T: Serialize + Zeroize, S: Serializer>(
        secret: &Secret<T>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        secret.0.serialize(serializer)
    }

    pub fn deserialize<'de, T: Deserialize<'de> + Zeroize, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Secret<T>, D::Error> {
        Secret::deserialize(deserializer)
    }
}

/// [`exposed`] for an optional secret.
pub mod exposed_option {
    use super::*;

    pub fn serialize<T: Serialize + Zeroize, S: Serializer>(
        secret: &Option<Secret<T>>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        secret.as_ref().map(Secret::expose).serialize(serializer)
    }

    pub fn deserialize<'de, T: Deserialize<'de> + Zeroize, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<Secret<T>>, D::Error> {
        Option::<T>::deserialize(deserializer).map(|value| value.map(Secret))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_never_shows_the_value() {
        let secret = Secret::new("hunter2-hunter2".to_owned());
        assert_eq!(format!("{secret:?}"), "<redacted>");
        assert_eq!(format!("{:?}", Some(&secret)), "Some(<redacted>)");
    }

    #[test]
    fn only_an_exposed_field_writes_the_value() {
        #[derive(Serialize)]
        struct Wire {
            #[serde(with = "exposed")]
            token: Secret<String>,
        }
        let json =
            serde_json::to_string(&Wire { token: Secret::new("t0k".into()) }).expect("serialises");
        assert_eq!(json, r#"{"token":"t0k"}"#);
    }

    /// A value that says when it is zeroized.
    #[derive(Default)]
    struct Watched(std::rc::Rc<std::cell::Cell<u32>>);

    impl Zeroize for Watched {
        fn zeroize(&mut self) {
            self.0.set(self.0.get() + 1);
        }
    }

    #[test]
    fn dropping_zeroizes_the_value_and_taking_it_out_hands_it_over_whole() {
        let zeroized = std::rc::Rc::new(std::cell::Cell::new(0));
        drop(Secret::new(Watched(zeroized.clone())));
        assert_eq!(zeroized.get(), 1, "zeroized once, on drop");
        // Taken out, the value is the caller's: the empty one left in its place is zeroized,
        // never the value itself.
        let kept = Secret::new(Watched(zeroized.clone())).into_exposed();
        assert_eq!(zeroized.get(), 1, "the value taken out was not zeroized");
        drop(kept);
        assert_eq!(zeroized.get(), 1);
        assert_eq!(Secret::new("copper".to_owned()).into_exposed(), "copper");
    }
}
