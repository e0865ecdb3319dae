-- The name a member of staff is shown by on the pages: their token's `name` claim, by account (the token's
-- preferred_username, which stored records keep as actor or decidedBy for the audit trail). Written when they
-- open a page (routes security.DisplayNames); the pages read it instead of showing account names (issue 14).
CREATE TABLE staff_display_name (
    account      text PRIMARY KEY,
    display_name text        NOT NULL,
    seen_at      timestamptz NOT NULL
);
