package io.feedpipe.producer.fetch;

import io.feedpipe.schemas.FetchOutcome;

/** Which {@link FetchOutcome} an HTTP status that is not a success stands for. Pure. */
final class HttpOutcomes {
  private HttpOutcomes() {}

  static boolean isSuccess(int status) {
    return status >= 200 && status < 300;
  }

  static FetchOutcome outcomeOf(int status) {
    if (status == 304) {
      return FetchOutcome.NOT_MODIFIED;
    }
    if (status == 429) {
      return FetchOutcome.RATE_LIMITED;
    }
    if (status >= 300 && status < 400) {
      // A redirect the client would not follow (e.g. https → http, or too many hops).
      return FetchOutcome.REDIRECTED;
    }
    if (status >= 400 && status < 500) {
      return FetchOutcome.CLIENT_ERROR;
    }
    if (status >= 500 && status < 600) {
      return FetchOutcome.SERVER_ERROR;
    }
    return FetchOutcome.UNKNOWN;
  }
}
