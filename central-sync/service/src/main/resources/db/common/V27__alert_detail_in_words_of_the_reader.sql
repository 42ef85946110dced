-- An alert's detail in the reader's language: its message key and arguments (a JSON array of strings). detail keeps
-- the English words; alerts raised before have no key and show those.
ALTER TABLE alerts ADD COLUMN detail_key TEXT;
ALTER TABLE alerts ADD COLUMN detail_args TEXT;
