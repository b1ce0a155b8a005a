package io.feedpipe.web.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class HttpServerLimitsTest {
  @Test
  void setsBothLimitsWhenTheUserSetNone() {
    Properties props = new Properties();
    assertThat(HttpServerLimits.applyDefaults(props)).isEqualTo(Map.of(HttpServerLimits.MAX_REQUEST_TIME, "10",
        HttpServerLimits.MAX_RESPONSE_TIME, "60"));
    assertThat(props.getProperty("sun.net.httpserver.maxReqTime")).isEqualTo("10");
    assertThat(props.getProperty("sun.net.httpserver.maxRspTime")).isEqualTo("60");
  }

  @Test
  void keepsALimitTheUserSet() {
    Properties props = new Properties();
    props.setProperty("sun.net.httpserver.maxReqTime", "3");
    assertThat(HttpServerLimits.applyDefaults(props)).containsOnlyKeys(HttpServerLimits.MAX_RESPONSE_TIME);
    assertThat(props.getProperty("sun.net.httpserver.maxReqTime")).isEqualTo("3");
  }
}
