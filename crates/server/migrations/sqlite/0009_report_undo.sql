-- "This wasn't me" puts back what the reported change did (issue 15): a second factor set up by
-- someone else goes, a contact someone else replaced or removed comes back. What to undo is kept
-- with the report's token, as JSON (`regain_recovery::store::Undo`); reports from before this
-- release undo nothing beyond signing out and ending recoveries, as they did.
ALTER TABLE incident_reports ADD COLUMN undo TEXT NOT NULL DEFAULT '{"undo":"nothing"}';
