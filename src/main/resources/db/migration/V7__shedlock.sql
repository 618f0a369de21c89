-- ShedLock: a scheduled job takes this row's lock before it runs, so it runs on one instance at a time.
CREATE TABLE shedlock (
    name       VARCHAR(64)              NOT NULL PRIMARY KEY,
    lock_until TIMESTAMP WITH TIME ZONE NOT NULL,
    locked_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    locked_by  VARCHAR(255)             NOT NULL
);
