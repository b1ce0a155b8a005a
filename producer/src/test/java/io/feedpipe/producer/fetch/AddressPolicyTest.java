package io.feedpipe.producer.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class AddressPolicyTest {
  private static InetAddress ip(String s) throws Exception {
    return InetAddress.getByName(s);
  }

  @Test
  void refusesSpecialPurposeAddressesInEveryNotation() throws Exception {
    AddressPolicy strict = AddressPolicy.strict();
    for (String a : List.of("127.0.0.1", "127.8.9.10", "::1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254", "fe80::1",
        "100.64.0.1", "100.127.255.254", "0.0.0.0", "::", "fc00::1", "fd12:3456::1", "::ffff:127.0.0.1", "::ffff:10.0.0.1",
        "64:ff9b::a9fe:a9fe", "224.0.0.1", "255.255.255.255")) {
      assertThat(strict.refusal(ip(a))).as(a).isPresent();
    }
  }

  @Test
  void allowsPublicAddresses() throws Exception {
    AddressPolicy strict = AddressPolicy.strict();
    for (String a : List.of("93.184.215.14", "1.1.1.1", "100.128.0.1", "2606:4700::1111", "::ffff:93.184.215.14")) {
      assertThat(strict.refusal(ip(a))).as(a).isEmpty();
    }
  }

  @Test
  void allowListAdmitsOnlyItsRanges() throws Exception {
    AddressPolicy local = AddressPolicy.of(List.of("127.0.0.1/32", "10.20.0.0/16"));
    assertThat(local.refusal(ip("127.0.0.1"))).isEmpty();
    assertThat(local.refusal(ip("::ffff:127.0.0.1"))).isEmpty();
    assertThat(local.refusal(ip("127.0.0.2"))).isPresent();
    assertThat(local.refusal(ip("10.20.5.5"))).isEmpty();
    assertThat(local.refusal(ip("10.21.5.5"))).isPresent();
  }
}
