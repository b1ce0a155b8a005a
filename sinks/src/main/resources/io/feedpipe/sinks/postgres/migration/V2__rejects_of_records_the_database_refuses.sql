-- feedpipe postgres sink, schema version 2.
-- sink_rejects also keeps records that decode but that PostgreSQL refuses for their content (a NUL
-- character, a timestamp out of range, a broken constraint): the sink writes every other record
-- and goes on instead of retrying the batch forever.
--   sql_state:   the SQLState of the refusal (22021, 22008, 23514, 54000, ...); null for a record
--                that did not decode
--   record_json: the decoded value as JSON (NUL characters escaped as \u0000), for reading the
--                reject without an Avro decoder; null for a record that did not decode

ALTER TABLE sink_rejects ADD COLUMN sql_state text;
ALTER TABLE sink_rejects ADD COLUMN record_json text;

COMMENT ON TABLE sink_rejects IS 'Records the sink could not decode or PostgreSQL refused, kept with the reason; never dropped silently';
