-- The service's users, their bearer tokens, and the audit trail of every write made through it.

-- A person (or a system account) using the crew / duty-officer / manager service.
CREATE TABLE service_user (
    user_id       text PRIMARY KEY CHECK (user_id ~ '^[A-Za-z0-9_.-]{1,64}$'),
    display_name  text NOT NULL,
    -- 'crew' | 'duty_officer' | 'manager' | 'admin'
    role          text NOT NULL CHECK (role IN ('crew', 'duty_officer', 'manager', 'admin')),
    -- A crew member belongs to exactly one crew and may change only that crew's tickets.
    crew_id       text REFERENCES crew,
    -- A manager may be limited to one district (NULL: the whole city).
    district_code text REFERENCES district,
    enabled       boolean NOT NULL DEFAULT true,
    created_at    timestamptz NOT NULL DEFAULT now(),
    CHECK (role <> 'crew' OR crew_id IS NOT NULL)
);

-- Bearer tokens, stored only as SHA-256 hex digests: a leaked table does not leak tokens.
CREATE TABLE api_token (
    token_sha256  text PRIMARY KEY CHECK (token_sha256 ~ '^[0-9a-f]{64}$'),
    user_id       text NOT NULL REFERENCES service_user,
    label         text,
    created_at    timestamptz NOT NULL DEFAULT now(),
    expires_at    timestamptz,
    revoked_at    timestamptz
);
CREATE INDEX api_token_user ON api_token (user_id);

-- Every write request, allowed or refused: who, what, on which object, and the outcome.
CREATE TABLE audit_log (
    audit_id      bigserial PRIMARY KEY,
    at            timestamptz NOT NULL,
    user_id       text,
    role          text,
    method        text NOT NULL,
    path          text NOT NULL,
    target_id     text,
    http_status   integer NOT NULL,
    detail        text
);
CREATE INDEX audit_log_target ON audit_log (target_id, at);
CREATE INDEX audit_log_user ON audit_log (user_id, at);
