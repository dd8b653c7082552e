//! Where the app runs: on a person's own device, or as a kiosk support station (a shared
//! machine in a shop or service centre) where nothing of one customer may survive to the next.
//!
//! The station's configuration chooses, never a switch a customer can reach: `--kiosk` on the
//! command line the administrator's session starts, or a `kiosk.toml` the administrator places
//! in the app's configuration directory. A `kiosk.toml` that cannot be read stops the app: a
//! station whose settings are broken must not open as a personal app that remembers sessions.

use std::path::Path;

use regain_protocol::Secret;
use serde::Deserialize;

/// The label of a personal device's window (`tauri.conf.json`, `capabilities/base.json`).
pub const MAIN_WINDOW: &str = "main";
/// The label of the kiosk's window (`capabilities/kiosk.json`).
pub const KIOSK_WINDOW: &str = "kiosk";
/// The station's settings file, in the app's configuration directory.
pub const KIOSK_FILE: &str = "kiosk.toml";

/// How the app was started.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Station {
    /// A person's own device: one window, sessions remembered in the OS keyring.
    Personal,
    /// A support station: one full-screen window, nothing kept.
    Kiosk(KioskSettings),
}

/// A kiosk's settings (`kiosk.toml`; every key optional).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct KioskSettings {
    /// Seconds without a touch or a key before the countdown starts.
    pub idle_seconds: u32,
    /// Seconds the countdown ("I'm still here") runs before the session is wiped.
    pub countdown_seconds: u32,
    /// The organisation's recovery service; none runs the embedded local one (a demo station).
    pub backend_url: Option<String>,
    /// The key the operator registered this station under (`regain-server staff add-station`):
    /// with it the station is staffed, and its staff sign in here; without it, it is a walk-in
    /// kiosk only. It stays in Rust and goes only to the service.
    pub station_key: Option<Secret<String>>,
}

impl Default for KioskSettings {
    fn default() -> Self {
        Self { idle_seconds: 120, countdown_seconds: 20, backend_url: None, station_key: None }
    }
}

/// Why the station's settings were refused.
#[derive(Debug, thiserror::Error)]
pub enum StationError {
    #[error("{path}: {reason}")]
    Unreadable { path: String, reason: String },
    #[error("{path}: {0}", path = KIOSK_FILE)]
    Invalid(&'static str),
}

impl Station {
    /// The station `args` (the process's arguments, the program first) and the configuration
    /// directory describe.
    pub fn choose(
        args: impl IntoIterator<Item = String>,
        config_dir: &Path,
    ) -> Result<Self, StationError> {
        let flag = args.into_iter().skip(1).any(|arg| arg == "--kiosk");
        let path = config_dir.join(KIOSK_FILE);
        let settings = match std::fs::read_to_string(&path) {
            Ok(text) => Some(toml::from_str::<KioskSettings>(&text).map_err(|e| {
                StationError::Unreadable {
                    path: path.display().to_string(),
                    reason: e.message().to_owned(),
                }
            })?),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
            Err(e) => {
                return Err(StationError::Unreadable {
                    path: path.display().to_string(),
                    reason: e.to_string(),
                })
            }
        };
        match (flag, settings) {
            (false, None) => Ok(Self::Personal),
            (_, settings) => {
                let settings = settings.unwrap_or_default();
                settings.check()?;
                Ok(Self::Kiosk(settings))
            }
        }
    }

    pub fn kiosk(&self) -> Option<&KioskSettings> {
        match self {
            Self::Kiosk(settings) => Some(settings),
            Self::Personal => None,
        }
    }
}

impl KioskSettings {
    fn check(&self) -> Result<(), StationError> {
        if !(10..=3600).contains(&self.idle_seconds) {
            return Err(StationError::Invalid("idle_seconds: from 10 to 3600"));
        }
        if !(5..=120).contains(&self.countdown_seconds) {
            return Err(StationError::Invalid("countdown_seconds: from 5 to 120"));
        }
        if self.station_key.as_ref().is_some_and(|key| !key.expose().starts_with("rgs_")) {
            return Err(StationError::Invalid("station_key: the key `staff add-station` printed"));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(extra: &[&str]) -> Vec<String> {
        std::iter::once("regain-app").chain(extra.iter().copied()).map(String::from).collect()
    }

    #[test]
    fn a_personal_device_unless_the_flag_or_the_file_says_kiosk() {
        let dir = tempfile::tempdir().expect("a temporary directory");
        assert_eq!(Station::choose(args(&[]), dir.path()).expect("a station"), Station::Personal);
        let flagged = Station::choose(args(&["--kiosk"]), dir.path()).expect("a station");
        assert_eq!(flagged, Station::Kiosk(KioskSettings::default()));
        // The program's own name is never taken for the flag.
        assert_eq!(
            Station::choose(vec!["--kiosk".into()], dir.path()).expect("a station"),
            Station::Personal
        );

        std::fs::write(dir.path().join(KIOSK_FILE), "idle_seconds = 30\ncountdown_seconds = 10\n")
            .expect("written");
        let placed = Station::choose(args(&[]), dir.path()).expect("a station");
        assert_eq!(
            placed.kiosk(),
            Some(&KioskSettings {
                idle_seconds: 30,
                countdown_seconds: 10,
                backend_url: None,
                station_key: None
            })
        );
    }

    #[test]
    fn a_broken_kiosk_file_stops_the_app_instead_of_opening_a_personal_one() {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let file = dir.path().join(KIOSK_FILE);
        for bad in [
            "idle_seconds = \"soon\"",
            "idle_second = 30",
            "idle_seconds = 5",
            "idle_seconds = 30\ncountdown_seconds = 121",
            "station_key = \"hunter2\"",
        ] {
            std::fs::write(&file, bad).expect("written");
            let error = Station::choose(args(&[]), dir.path()).expect_err("refused");
            assert!(error.to_string().contains(KIOSK_FILE), "{bad}: {error}");
        }
    }
}
