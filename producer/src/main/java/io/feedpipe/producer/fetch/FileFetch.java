package io.feedpipe.producer.fetch;

import io.feedpipe.schemas.FetchOutcome;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads a {@code file:} feed. No validators: a file is cheap to read again. */
final class FileFetch {
  private final long maxBodyBytes;

  FileFetch(long maxBodyBytes) {
    this.maxBodyBytes = maxBodyBytes;
  }

  FetchResult fetch(URI url) {
    Path path;
    try {
      path = Path.of(url);
    } catch (IllegalArgumentException e) {
      return new FetchResult.Failed(FetchOutcome.UNREACHABLE, null, url + ": not a usable file path (" + e.getMessage() + ")");
    }
    if (!Files.isRegularFile(path)) {
      return new FetchResult.Failed(FetchOutcome.UNREACHABLE, null, url + ": no such file");
    }
    try (InputStream in = Files.newInputStream(path)) {
      // Checked while reading, not by Files.size(): the file may grow between the two.
      byte[] body = LimitedBytes.readAll(in, maxBodyBytes, url.toString());
      return new FetchResult.Fetched(body, null, null, Validators.none());
    } catch (BodyTooLargeException e) {
      return new FetchResult.Failed(FetchOutcome.TOO_LARGE, null, e.getMessage());
    } catch (NoSuchFileException e) {
      return new FetchResult.Failed(FetchOutcome.UNREACHABLE, null, url + ": no such file");
    } catch (IOException e) {
      return new FetchResult.Failed(FetchOutcome.UNREACHABLE, null, url + ": cannot read file (" + e + ")");
    }
  }
}
