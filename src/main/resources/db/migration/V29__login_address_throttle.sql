-- Failed sign-ins per client address (issue 16, point 6): stops one address from trying passwords across many
-- usernames. The address is kept only as a keyed token (BlindIndex), never in clear: it is personal data.
CREATE TABLE login_address_throttle (
    address_token VARCHAR(128) PRIMARY KEY,
    failures      INT          NOT NULL,
    locked_until  TIMESTAMP WITH TIME ZONE,
    last_failure  TIMESTAMP WITH TIME ZONE NOT NULL
);
