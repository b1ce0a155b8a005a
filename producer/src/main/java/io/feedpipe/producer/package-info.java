/**
 * The feedpipe producer: polls RSS/Atom feeds and writes each entry to {@code posts.raw} and one
 * status per fetch to {@code feeds.status}.
 *
 * <p>The packages read as the pipeline: {@code config} (what to poll) → {@code fetch} (bytes over
 * HTTP or from a file, outcomes as types) → {@code parse} (Rome, adapted into a domain model; Rome
 * types stay inside) → {@code identity} (stable post ids) → {@code map} (domain → Avro records) →
 * {@code poll} (one poll of one feed, pure orchestration) → {@code kafka} (thin wiring to the
 * broker).
 */
package io.feedpipe.producer;
