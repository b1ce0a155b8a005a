package io.feedpipe.ops.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.feedpipe.ops.metrics.HealthCheck.Result;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class HealthTest {

  @Test
  void readyNeedsEveryLivenessAndReadinessCheckAndNamesTheFailingOnes() {
    AtomicBoolean threads = new AtomicBoolean(true);
    AtomicBoolean broker = new AtomicBoolean(true);
    Health health = new Health()
        .live("threads", () -> threads.get() ? Result.up("running") : Result.down("thread x died"))
        .ready("kafka", () -> broker.get() ? Result.up("1 broker") : Result.down("no answer"));
    assertThat(health.live().up()).isTrue();
    assertThat(health.ready().up()).isTrue();

    broker.set(false);
    assertThat(health.live().up()).as("the broker gone does not make the process dead").isTrue();
    assertThat(health.ready().up()).isFalse();
    assertThat(health.ready().checks().get("kafka")).isEqualTo(Result.down("no answer"));

    broker.set(true);
    threads.set(false);
    assertThat(health.live().up()).isFalse();
    assertThat(health.ready().up()).as("not live, not ready").isFalse();
    assertThat(health.ready().checks()).containsKeys("threads", "kafka");
  }

  @Test
  void aCheckThatThrowsIsAFailingCheck() {
    Health health = new Health().ready("broken", () -> {
      throw new IllegalStateException("boom");
    });
    assertThat(health.ready().up()).isFalse();
    assertThat(health.ready().checks().get("broken").detail()).contains("boom");
  }

  @Test
  void aNameIsUsedOnce() {
    Health health = new Health().live("x", () -> Result.up("ok"));
    assertThatThrownBy(() -> health.ready("x", () -> Result.up("ok"))).hasMessageContaining("'x'");
  }

  @Test
  void aCachedCheckAsksAgainOnlyAfterItsPeriod() {
    AtomicInteger asked = new AtomicInteger();
    AtomicLong now = new AtomicLong();
    CachedCheck check = new CachedCheck(() -> Result.up("answer " + asked.incrementAndGet()), Duration.ofSeconds(5), now::get);
    assertThat(check.check().detail()).isEqualTo("answer 1");
    now.addAndGet(Duration.ofSeconds(4).toNanos());
    assertThat(check.check().detail()).isEqualTo("answer 1");
    now.addAndGet(Duration.ofSeconds(1).toNanos());
    assertThat(check.check().detail()).isEqualTo("answer 2");
  }

  @Test
  void whileOneCallerRunsASlowCheckTheOthersGetTheLastAnswerAtOnce() throws Exception {
    AtomicInteger asked = new AtomicInteger();
    AtomicLong now = new AtomicLong();
    java.util.concurrent.CountDownLatch inCheck = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    CachedCheck check = new CachedCheck(() -> {
      int n = asked.incrementAndGet();
      if (n == 2) { // the second check hangs, as one asking a broker that is away does
        inCheck.countDown();
        try {
          release.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return Result.down("answer 2");
      }
      return Result.up("answer " + n);
    }, Duration.ofSeconds(5), now::get);
    assertThat(check.check().detail()).isEqualTo("answer 1");
    now.addAndGet(Duration.ofSeconds(6).toNanos());
    Thread slow = new Thread(check::check);
    slow.start();
    inCheck.await();
    // The period is over and the check is running in another thread: no waiting for it.
    assertThat(check.check().detail()).isEqualTo("answer 1");
    release.countDown();
    slow.join();
    assertThat(check.check().detail()).isEqualTo("answer 2");
    assertThat(asked).hasValue(2);
  }

  @Test
  void beforeTheFirstAnswerAConcurrentCallerIsToldTheCheckIsRunning() throws Exception {
    java.util.concurrent.CountDownLatch inCheck = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    CachedCheck check = new CachedCheck(() -> {
      inCheck.countDown();
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return Result.up("answer");
    }, Duration.ofSeconds(5));
    Thread first = new Thread(check::check);
    first.start();
    inCheck.await();
    Result meanwhile = check.check();
    assertThat(meanwhile.up()).isFalse();
    assertThat(meanwhile.detail()).contains("first check is running");
    release.countDown();
    first.join();
    assertThat(check.check().detail()).isEqualTo("answer");
  }

  @Test
  void aBarePortIsLoopback() {
    assertThat(ListenAddress.parse("9308", "--metrics").getHostString()).isEqualTo("127.0.0.1");
    assertThat(ListenAddress.parse("0.0.0.0:9400", "--metrics").getHostString()).isEqualTo("0.0.0.0");
    assertThat(ListenAddress.parse("[::1]:9400", "--metrics").getAddress().isLoopbackAddress()).isTrue();
    assertThatThrownBy(() -> ListenAddress.parse("host:http", "--metrics")).hasMessageContaining("--metrics 'host:http'");
    assertThatThrownBy(() -> ListenAddress.parse("70000", "--metrics")).hasMessageContaining("between 0 and 65535");
  }
}
