-- In-app notifications: a user's notifications are the early-warning events
-- (warning_event) of the units in the user's read scope; this table keeps
-- how far each user has read, so new ones can be counted in the header.
CREATE TABLE notification_seen (
    user_id INTEGER PRIMARY KEY REFERENCES app_user (id) ON DELETE CASCADE,
    last_event_id INTEGER NOT NULL
) STRICT;
