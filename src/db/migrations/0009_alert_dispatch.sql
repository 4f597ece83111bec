-- An alert whose event cannot be made (its category retired, its place unknown) is put aside with the
-- reason and tried again later, so the alerts behind it still become events and the console says why.
ALTER TABLE device_alerts ADD COLUMN dispatch_attempts integer NOT NULL DEFAULT 0;
ALTER TABLE device_alerts ADD COLUMN dispatch_error text;
ALTER TABLE device_alerts ADD COLUMN dispatch_after timestamptz;
