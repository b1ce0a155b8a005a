package io.feedpipe.connect;

import static org.assertj.core.api.Assertions.assertThat;

import io.feedpipe.connect.worker.ConnectWorker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The plugin directory the build packages, as docs/consuming.md tells users to install it. */
class PluginDirectoryIT {

  @Test
  void holdsTheConverterWithSchemasAndAvroButNoneOfKafkasJars() throws IOException {
    Path plugin = ConnectWorker.pluginPath().resolve("feedpipe-connect");
    List<String> jars;
    try (Stream<Path> files = Files.list(plugin)) {
      jars = files.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
    }
    assertThat(jars).allSatisfy(name -> assertThat(name).endsWith(".jar"))
        .anySatisfy(name -> assertThat(name).startsWith("feedpipe-connect-"))
        .anySatisfy(name -> assertThat(name).startsWith("feedpipe-schemas-"))
        .anySatisfy(name -> assertThat(name).startsWith("avro-"))
        .noneSatisfy(name -> assertThat(name).matches("(kafka|connect|slf4j).*"));

    Path converterJar = plugin.resolve(jars.stream().filter(n -> n.startsWith("feedpipe-connect-")).findFirst().orElseThrow());
    try (JarFile jar = new JarFile(converterJar.toFile())) {
      var manifest = jar.getEntry("META-INF/services/org.apache.kafka.connect.storage.Converter");
      assertThat(manifest).as("ServiceLoader manifest, for plugin.discovery=service_load").isNotNull();
      assertThat(new String(jar.getInputStream(manifest).readAllBytes()).strip())
          .isEqualTo(FeedpipeAvroConverter.class.getName());
    }
    assertThat(plugin.getParent().resolveSibling(plugin.getParent().getFileName() + ".zip")).exists();
  }
}
