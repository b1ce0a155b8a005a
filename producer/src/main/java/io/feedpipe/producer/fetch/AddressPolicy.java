package io.feedpipe.producer.fetch;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Which IP addresses a feed may be fetched from. Refuses, unless allow-listed: loopback,
 * private (RFC 1918, IPv6 unique-local), link-local (incl. cloud metadata at 169.254.169.254),
 * carrier-grade NAT (RFC 6598), unspecified, multicast, broadcast and reserved ranges — including
 * those addresses written as IPv4-mapped ({@code ::ffff:127.0.0.1}), IPv4-compatible or NAT64
 * IPv6. A feed URL is user input: without this, anyone who can add a feed can make the producer
 * probe the network it runs in (SSRF). Pure and immutable.
 *
 * @param allowed ranges that are accepted even though they would be refused, e.g. {@code
 *     127.0.0.0/8} for tests and the local demo
 */
public record AddressPolicy(List<Cidr> allowed) {

  public AddressPolicy {
    allowed = List.copyOf(allowed);
  }

  /** Refuses every special-purpose range; allows nothing extra. The default. */
  public static AddressPolicy strict() {
    return new AddressPolicy(List.of());
  }

  /** Also allows the loopback ranges (127.0.0.0/8, ::1): tests, the local demo. */
  public static AddressPolicy allowingLoopback() {
    return of(List.of("127.0.0.0/8", "::1/128"));
  }

  /**
   * @param cidrs e.g. {@code 10.1.0.0/16}, {@code 127.0.0.1} (a single address), {@code fd00::/8}
   * @throws IllegalArgumentException naming the entry that does not parse
   */
  public static AddressPolicy of(List<String> cidrs) {
    List<Cidr> ranges = new ArrayList<>();
    for (String cidr : cidrs) {
      ranges.add(Cidr.parse(cidr));
    }
    return new AddressPolicy(ranges);
  }

  /** Why the address is refused, or empty when it may be fetched from. */
  public Optional<String> refusal(InetAddress address) {
    Objects.requireNonNull(address, "address");
    InetAddress effective = embeddedIpv4(address).map(v4 -> (InetAddress) v4).orElse(address);
    for (Cidr range : allowed) {
      if (range.contains(address) || range.contains(effective)) {
        return Optional.empty();
      }
    }
    String kind = specialKind(effective);
    if (kind == null) {
      return Optional.empty();
    }
    String shown = effective == address ? address.getHostAddress() : address.getHostAddress() + " (= " + effective.getHostAddress() + ")";
    return Optional.of(shown + " is a " + kind + " address");
  }

  /** The IPv4 address an IPv6 address stands for (mapped ::ffff:a.b.c.d, compatible ::a.b.c.d, NAT64 64:ff9b::/96). */
  static Optional<Inet4Address> embeddedIpv4(InetAddress address) {
    if (!(address instanceof Inet6Address)) {
      return Optional.empty();
    }
    byte[] b = address.getAddress();
    boolean firstTenZero = true;
    for (int i = 0; i < 10; i++) {
      firstTenZero &= b[i] == 0;
    }
    boolean mapped = firstTenZero && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
    boolean compatible = firstTenZero && b[10] == 0 && b[11] == 0 && !(b[12] == 0 && b[13] == 0 && b[14] == 0 && (b[15] & 0xfe) == 0);
    boolean nat64 = (b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b
        && b[4] == 0 && b[5] == 0 && b[6] == 0 && b[7] == 0 && b[8] == 0 && b[9] == 0 && b[10] == 0 && b[11] == 0;
    if (!mapped && !compatible && !nat64) {
      return Optional.empty();
    }
    try {
      return Optional.of((Inet4Address) InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]}));
    } catch (UnknownHostException e) {
      throw new IllegalStateException("4 bytes are always an IPv4 address", e);
    }
  }

  private static String specialKind(InetAddress a) {
    if (a.isAnyLocalAddress()) {
      return "unspecified";
    }
    if (a.isLoopbackAddress()) {
      return "loopback";
    }
    if (a.isLinkLocalAddress()) {
      return "link-local";
    }
    if (a.isSiteLocalAddress()) {
      return "private";
    }
    if (a.isMulticastAddress()) {
      return "multicast";
    }
    byte[] b = a.getAddress();
    if (a instanceof Inet4Address) {
      int o0 = b[0] & 0xff;
      int o1 = b[1] & 0xff;
      if (o0 == 0) {
        return "unspecified (0.0.0.0/8)";
      }
      if (o0 == 100 && (o1 & 0xc0) == 64) {
        return "carrier-grade NAT (100.64.0.0/10)";
      }
      if (o0 == 192 && o1 == 0 && (b[2] & 0xff) == 0) {
        return "reserved (192.0.0.0/24)";
      }
      if (o0 == 198 && (o1 == 18 || o1 == 19)) {
        return "benchmarking (198.18.0.0/15)";
      }
      if (o0 >= 240) {
        return "reserved (240.0.0.0/4)";
      }
      return null;
    }
    int h0 = b[0] & 0xff;
    if ((h0 & 0xfe) == 0xfc) {
      return "private (unique-local fc00::/7)";
    }
    if (h0 == 0xfe && (b[1] & 0xc0) == 0xc0) {
      return "private (site-local fec0::/10)";
    }
    return null;
  }

  /** An address range, {@code address/prefix}. */
  public record Cidr(byte[] network, int prefix, String text) {
    public static Cidr parse(String text) {
      Objects.requireNonNull(text, "cidr");
      String t = text.strip();
      int slash = t.indexOf('/');
      String host = slash < 0 ? t : t.substring(0, slash);
      if (!host.matches("[0-9a-fA-F:.]+")) {
        // A literal only: resolving names here would make the allow-list depend on DNS.
        throw new IllegalArgumentException("allowed network '" + text + "' is not an IP address or CIDR range (e.g. 127.0.0.0/8, ::1/128)");
      }
      byte[] network;
      try {
        network = InetAddress.getByName(host).getAddress();
      } catch (UnknownHostException e) {
        throw new IllegalArgumentException("allowed network '" + text + "' is not an IP address or CIDR range", e);
      }
      int max = network.length * 8;
      int prefix;
      try {
        prefix = slash < 0 ? max : Integer.parseInt(t.substring(slash + 1));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("allowed network '" + text + "': prefix length is not a number", e);
      }
      if (prefix < 0 || prefix > max) {
        throw new IllegalArgumentException("allowed network '" + text + "': prefix length must be 0–" + max);
      }
      return new Cidr(network, prefix, t.toLowerCase(Locale.ROOT));
    }

    public boolean contains(InetAddress address) {
      byte[] a = address.getAddress();
      if (a.length != network.length) {
        return false;
      }
      int full = prefix / 8;
      for (int i = 0; i < full; i++) {
        if (a[i] != network[i]) {
          return false;
        }
      }
      int rest = prefix % 8;
      if (rest == 0) {
        return true;
      }
      int mask = (0xff << (8 - rest)) & 0xff;
      return (a[full] & mask) == (network[full] & mask);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Cidr c && c.text.equals(text);
    }

    @Override
    public int hashCode() {
      return text.hashCode();
    }

    @Override
    public String toString() {
      return text;
    }
  }
}
