-- Placeholder: version 0005 belongs to another branch (table-reader). It only
-- keeps the version sequence unbroken here; delete this file when that
-- branch's 0005 is merged.
SELECT 1;
