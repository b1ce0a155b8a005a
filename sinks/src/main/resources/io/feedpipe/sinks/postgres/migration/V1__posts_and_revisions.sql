-- feedpipe postgres sink, schema version 1.
-- post_revisions: every revision of every post, once (primary key post id + revision).
-- posts: the latest revision of every post; a revision never replaces a newer one.
-- Both are written only by idempotent statements, so replaying a topic leaves them unchanged.

CREATE TABLE post_revisions (
    post_id               text        NOT NULL,
    revision              integer     NOT NULL CHECK (revision >= 1),
    feed_id               text        NOT NULL,
    feed_url              text        NOT NULL,
    title                 text        NOT NULL,
    link                  text,
    authors               text[]      NOT NULL,
    categories            text[]      NOT NULL,
    published_at          timestamptz,
    updated_at            timestamptz,
    text                  text        NOT NULL,
    html                  text        NOT NULL,
    excerpt               text        NOT NULL,
    word_count            integer     NOT NULL,
    outbound_links        text[]      NOT NULL,
    content_hash          text        NOT NULL,
    previous_content_hash text,
    first_seen_at         timestamptz NOT NULL,
    last_seen_at          timestamptz NOT NULL,
    fetch_id              text        NOT NULL,
    -- where the sink read the revision first; later deliveries of it change nothing
    source_topic          text        NOT NULL,
    source_partition      integer     NOT NULL,
    source_offset         bigint      NOT NULL,
    PRIMARY KEY (post_id, revision)
);

CREATE TABLE posts (
    post_id               text        PRIMARY KEY,
    revision              integer     NOT NULL CHECK (revision >= 1),
    feed_id               text        NOT NULL,
    feed_url              text        NOT NULL,
    title                 text        NOT NULL,
    link                  text,
    authors               text[]      NOT NULL,
    categories            text[]      NOT NULL,
    published_at          timestamptz,
    updated_at            timestamptz,
    text                  text        NOT NULL,
    html                  text        NOT NULL,
    excerpt               text        NOT NULL,
    word_count            integer     NOT NULL,
    outbound_links        text[]      NOT NULL,
    content_hash          text        NOT NULL,
    previous_content_hash text,
    first_seen_at         timestamptz NOT NULL,
    last_seen_at          timestamptz NOT NULL,
    fetch_id              text        NOT NULL,
    source_topic          text        NOT NULL,
    source_partition      integer     NOT NULL,
    source_offset         bigint      NOT NULL
);

CREATE INDEX posts_feed_published ON posts (feed_id, published_at DESC);

-- Records the sink could not decode: kept with their bytes and the reason, never dropped silently.
CREATE TABLE sink_rejects (
    source_topic     text        NOT NULL,
    source_partition integer     NOT NULL,
    source_offset    bigint      NOT NULL,
    error            text        NOT NULL,
    record_key       bytea,
    record_value     bytea,
    rejected_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (source_topic, source_partition, source_offset)
);
