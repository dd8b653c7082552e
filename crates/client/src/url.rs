//! The base URL of a recovery service, and the rule that keeps credentials off plain HTTP
//! (SECURITY.md S26): `https://` anywhere, `http://` only to this machine.

use std::net::IpAddr;

/// Why a base URL was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum UrlError {
    #[error("the server address is not a valid URL")]
    Invalid,
    #[error("the server address must start with https:// (or http:// to this computer)")]
    UnsupportedScheme,
    #[error(
        "plain http:// is only allowed to this computer (localhost, 127.0.0.1, [::1]); use https:// for {host}"
    )]
    InsecureRemote { host: String },
    #[error("the server address must not carry a user name, password, query or fragment")]
    ExtraParts,
    #[error("the HTTP client could not be set up: {0}")]
    Client(String),
}

/// A checked base URL, without a trailing slash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaseUrl {
    url: reqwest::Url,
    loopback_http: bool,
}

impl BaseUrl {
    pub fn parse(input: &str) -> Result<Self, UrlError> {
        let url = reqwest::Url::parse(input.trim()).map_err(|_| UrlError::Invalid)?;
        if !url.username().is_empty()
            || url.password().is_some()
            || url.query().is_some()
            || url.fragment().is_some()
        {
            return Err(UrlError::ExtraParts);
        }
        let host = url.host().ok_or(UrlError::Invalid)?;
        let loopback = match host {
            url::Host::Domain(name) => name.eq_ignore_ascii_case("localhost"),
            url::Host::Ipv4(ip) => IpAddr::V4(ip).is_loopback(),
            url::Host::Ipv6(ip) => IpAddr::V6(ip).is_loopback(),
        };
        let loopback_http = match url.scheme() {
            "https" => false,
            "http" if loopback => true,
            "http" => return Err(UrlError::InsecureRemote { host: host.to_string() }),
            _ => return Err(UrlError::UnsupportedScheme),
        };
        Ok(Self { url, loopback_http })
    }

    /// Whether this is plain HTTP to this machine (local mode, tests).
    pub fn is_loopback_http(&self) -> bool {
        self.loopback_http
    }

    /// `path` (starting with `/`) below the base URL's own path.
    pub fn join(&self, path: &str) -> String {
        format!("{}{path}", self.as_str())
    }

    pub fn as_str(&self) -> &str {
        self.url.as_str().trim_end_matches('/')
    }
}

impl std::fmt::Display for BaseUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn https_anywhere_and_http_only_to_loopback() {
        for (ok, loopback_http) in [
            ("https://recover.example.com", false),
            ("https://recover.example.com/api/", false),
            ("http://127.0.0.1:8080", true),
            ("http://127.3.4.5", true),
            ("http://localhost:9000/", true),
            ("http://[::1]:8080", true),
        ] {
            let base = BaseUrl::parse(ok).unwrap_or_else(|error| panic!("{ok}: {error:?}"));
            assert_eq!(base.is_loopback_http(), loopback_http, "{ok}");
        }
        assert_eq!(
            BaseUrl::parse("http://recover.example.com"),
            Err(UrlError::InsecureRemote { host: "recover.example.com".into() })
        );
        assert!(matches!(
            BaseUrl::parse("http://10.0.0.1:8080"),
            Err(UrlError::InsecureRemote { .. })
        ));
        assert!(matches!(
            BaseUrl::parse("http://localhost.example.com"),
            Err(UrlError::InsecureRemote { .. })
        ));
        assert_eq!(BaseUrl::parse("ftp://example.com"), Err(UrlError::UnsupportedScheme));
        assert_eq!(BaseUrl::parse("recover.example.com"), Err(UrlError::Invalid));
        assert_eq!(BaseUrl::parse("https://u:p@example.com"), Err(UrlError::ExtraParts));
        assert_eq!(BaseUrl::parse("https://example.com/?x=1"), Err(UrlError::ExtraParts));
    }

    #[test]
    fn paths_join_below_the_base() {
        let base = BaseUrl::parse("https://example.com/api/").expect("valid");
        assert_eq!(base.join("/healthz"), "https://example.com/api/healthz");
        assert_eq!(base.to_string(), "https://example.com/api");
    }
}
