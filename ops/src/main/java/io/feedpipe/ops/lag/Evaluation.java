package io.feedpipe.ops.lag;

/** A partition's status and the reason, in words an operator can act on. */
public record Evaluation(LagStatus status, String reason) {}
