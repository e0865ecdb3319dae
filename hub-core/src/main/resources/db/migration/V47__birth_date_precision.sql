-- A partner may know only the month or the year a child was born (FHIR Patient.birthDate "2015-03" or
-- "2016"). date_of_birth holds the period's first day and birth_date_precision how much of it is known,
-- so a year is never taken for 1 January (intake.BirthDate). Rows before this migration are full dates.
ALTER TABLE child
    ADD COLUMN birth_date_precision text NOT NULL DEFAULT 'day'
        CHECK (birth_date_precision IN ('day', 'month', 'year')),
    ADD CONSTRAINT child_birth_date_starts_its_period CHECK (
        birth_date_precision = 'day' OR date_of_birth IS NULL
        OR (extract(day FROM date_of_birth) = 1 AND (birth_date_precision = 'month' OR extract(month FROM date_of_birth) = 1)));
