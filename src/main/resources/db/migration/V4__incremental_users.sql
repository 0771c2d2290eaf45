-- Incremental user sync. Portable SQL for H2 2.x and PostgreSQL 15+.

-- Per org and object: the highest SystemModstamp published so far (the next incremental fetch reads
-- from it minus sync.users.lookback) and when the last full fetch started (a full refresh runs when
-- it is older than sync.users.full-refresh). Written only in the transaction that publishes a sync.
CREATE TABLE sync_watermark (
    org_id        VARCHAR(18)              NOT NULL,
    object_name   VARCHAR(64)              NOT NULL,
    watermark     TIMESTAMP WITH TIME ZONE,
    last_full_at  TIMESTAMP WITH TIME ZONE,
    sync_id       BIGINT                   NOT NULL,
    updated_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (org_id, object_name)
);

ALTER TABLE sf_user_staging ADD COLUMN system_modstamp TIMESTAMP WITH TIME ZONE;

-- FULL or INCREMENTAL for the User row of a sync; null for the other objects.
ALTER TABLE sync_object ADD COLUMN sync_mode VARCHAR(16);
