package io.feedpipe.bench.pipeline;

import java.time.Instant;

/**
 * One generated post, as its feed item will carry it.
 *
 * @param index its number in the run (0-based); distinct posts have distinct indices
 * @param guid the item's GUID; the producer makes the post id {@code <feedId>:<guid>} of it
 * @param html the item's description: LessWrong-shaped HTML of 10–25 KB
 */
public record BenchPost(int index, String guid, String title, String link, Instant published, String html) {}
