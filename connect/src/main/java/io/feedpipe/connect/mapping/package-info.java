/**
 * The converter's pure logic: Avro schemas to Connect schemas, Avro generic values to Connect
 * values and back, and feedpipe's single-object encoding for records of any type. No Kafka client
 * or worker code: unit-tested over every released schema version.
 */
package io.feedpipe.connect.mapping;
