-- State several hub nodes share (issue 17), so that a load balancer may send any request to any node.

-- Page sessions (Spring Session JDBC): a member of staff signed in on one node is signed in on all.
-- The library's own PostgreSQL schema (spring-session-jdbc, schema-postgresql.sql), unchanged; the hub
-- sets spring.session.jdbc.initialize-schema=never so that Flyway alone owns the schema.
CREATE TABLE spring_session (
    primary_id            char(36) NOT NULL,
    session_id            char(36) NOT NULL,
    creation_time         bigint NOT NULL,
    last_access_time      bigint NOT NULL,
    max_inactive_interval int NOT NULL,
    expiry_time           bigint NOT NULL,
    principal_name        varchar(100),
    CONSTRAINT spring_session_pk PRIMARY KEY (primary_id)
);
CREATE UNIQUE INDEX spring_session_ix1 ON spring_session (session_id);
CREATE INDEX spring_session_ix2 ON spring_session (expiry_time);
CREATE INDEX spring_session_ix3 ON spring_session (principal_name);

CREATE TABLE spring_session_attributes (
    session_primary_id char(36) NOT NULL,
    attribute_name     varchar(200) NOT NULL,
    attribute_bytes    bytea NOT NULL,
    CONSTRAINT spring_session_attributes_pk PRIMARY KEY (session_primary_id, attribute_name),
    CONSTRAINT spring_session_attributes_fk FOREIGN KEY (session_primary_id)
        REFERENCES spring_session (primary_id) ON DELETE CASCADE
);

-- Rate-limit buckets (Bucket4j's PostgreSQL backend, SELECT ... FOR UPDATE): one row per client key
-- (security.RateLimiter), so that N nodes give a client its limit once, not N times. The state is
-- Bucket4j's own serialised form; rows are few (one per partner system and member of staff).
CREATE TABLE rate_limit_bucket (
    id         text PRIMARY KEY,
    state      bytea,
    expires_at bigint
);
