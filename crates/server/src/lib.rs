//! Regain's recovery service: the `regain-server` binary and, as a library, everything it is
//! made of so that tests can run the real router in-process.
//!
//! Owns: the configuration ([`config`]), the HTTP API ([`http`]), the database stores
//! ([`store`]: SQLite, the embedded default, and PostgreSQL for several instances), the wiring of the domain and
//! the courier ([`app`]), and local mode ([`local`]).
//!
//! Business rules live in `regain-recovery`; handlers here only translate between the wire and
//! the domain. Nothing in this crate is depended on by the app or the client.

pub mod app;
pub mod config;
pub mod http;
pub mod local;
pub mod logging;
pub mod operator;
pub mod store;
