//! The databases behind the domain's store traits. SQLite is the embedded default; the traits
//! are the seam where PostgreSQL plugs in for many stateless instances.

mod sqlite;

pub use sqlite::SqliteStore;
