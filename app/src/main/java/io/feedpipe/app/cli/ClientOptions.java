package io.feedpipe.app.cli;

import picocli.CommandLine.Command;

/**
 * Where the Kafka cluster is, for the commands that are only its clients (sink, replay, lag, routes
 * test): they never start the embedded broker, and take no feed options. Its resource bundle says
 * which settings of the configuration file they use.
 */
@Command(resourceBundle = "io.feedpipe.app.cli.ClientOptions")
public final class ClientOptions extends PortOptions {}
