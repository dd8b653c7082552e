//! The commands the web UI calls, grouped by feature. Each is a thin adapter over the client
//! (or the policy crate), `#[instrument]`ed without its secret arguments, and fails with the
//! one [`crate::error::AppError`]. Their TypeScript bindings are generated into
//! `ui/src/lib/bindings.ts` (see [`crate::specta_builder`]).

pub mod circle;
pub mod dev;
pub mod kiosk;
mod list;
pub mod password;
pub mod recovery;
pub mod security;
pub mod session;
pub mod settings;
pub mod staff;
pub mod support;

pub use list::{COMMANDS, KIOSK_COMMANDS, KIOSK_ONLY};
