-- Version 3: an admin's password reset makes the user choose a new password before doing anything else.
ALTER TABLE users ADD COLUMN password_change_required INTEGER NOT NULL DEFAULT 0;
