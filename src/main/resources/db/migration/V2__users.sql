-- The people who work in wadesk (agents, managers, admins). Customers are not users.
CREATE TABLE users (
    id            BIGSERIAL    PRIMARY KEY,
    username      VARCHAR(64)  NOT NULL,
    display_name  VARCHAR(120) NOT NULL,
    first_name    VARCHAR(80)  NOT NULL,
    role          VARCHAR(16)  NOT NULL CHECK (role IN ('AGENT', 'MANAGER', 'ADMIN')),
    enabled       BOOLEAN      NOT NULL DEFAULT TRUE,
    password_hash VARCHAR(255) NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at    TIMESTAMP WITH TIME ZONE NOT NULL
);
-- Usernames are unique whatever their case: "Agent1" and "agent1" are the same person.
CREATE UNIQUE INDEX users_username_uk ON users (lower(username));

-- Failed sign-ins per submitted username (existing or not, so that a lock reveals nothing).
CREATE TABLE login_throttle (
    username      VARCHAR(64) PRIMARY KEY,
    failures      INT         NOT NULL,
    locked_until  TIMESTAMP WITH TIME ZONE,
    last_failure  TIMESTAMP WITH TIME ZONE NOT NULL
);
