package io.feedpipe.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirectoryTest {

  @TempDir Path temp;

  @Test
  void firstStartRecordsANewIdentityAndLaterStartsReuseIt() {
    DataDirectory dir = DataDirectory.prepare(temp.resolve("data"));

    BrokerIdentity first = dir.identity(() -> 40_001);
    BrokerIdentity second = DataDirectory.prepare(temp.resolve("data")).identity(() -> 50_002);

    assertThat(first.controllerPort()).isEqualTo(40_001);
    assertThat(second).isEqualTo(first);
    assertThat(dir.logDir()).isDirectory();
  }

  @Test
  void storageFormattedForAnotherClusterIsRefusedNamingMetaProperties() throws IOException {
    DataDirectory dir = DataDirectory.prepare(temp);
    dir.identity(() -> 40_001);
    Files.writeString(
        dir.metaPropertiesFile(), "version=1\ncluster.id=someOtherCluster\nnode.id=1\n");

    assertThatThrownBy(() -> dir.identity(() -> 40_001))
        .isInstanceOf(BrokerStartupException.class)
        .hasMessageContaining(dir.metaPropertiesFile().toString())
        .hasMessageContaining("someOtherCluster");
  }

  @Test
  void kafkaStorageWithoutOurIdentityFileIsRefusedNamingMetaProperties() throws IOException {
    DataDirectory dir = DataDirectory.prepare(temp);
    Files.writeString(dir.metaPropertiesFile(), "version=1\ncluster.id=foreign\nnode.id=1\n");

    assertThatThrownBy(() -> dir.identity(() -> 40_001))
        .isInstanceOf(BrokerStartupException.class)
        .hasMessageContaining(dir.metaPropertiesFile().toString());
    assertThat(dir.identityFile()).doesNotExist();
  }

  @Test
  void unwritableDataDirIsRefusedNamingThePath() throws IOException {
    // A path below a regular file can never be created, even by root (tests may run as root,
    // which ignores permission bits).
    Path file = Files.writeString(temp.resolve("not-a-dir"), "x");
    Path dataDir = file.resolve("data");

    assertThatThrownBy(() -> DataDirectory.prepare(dataDir))
        .isInstanceOf(BrokerStartupException.class)
        .hasMessageContaining(dataDir.toString())
        .hasMessageContaining("not writable");
  }
}
