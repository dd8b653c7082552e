//! The databases behind the domain's store contract (`regain_recovery::store`). SQLite is the
//! embedded default, with its migrations in `migrations/sqlite/`; each database keeps its own
//! folder of migrations and runs the contract's conformance suite unchanged.

mod sqlite;

pub use sqlite::SqliteStore;
