package io.feedpipe.producer.fetch;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hc.client5.http.DnsResolver;

/**
 * The HTTP client's name resolution: resolves a host and hands the connection only addresses the
 * {@link AddressPolicy} allows. The connection is made to exactly the addresses checked here, so a
 * DNS server answering with a TTL of 0 cannot give a public address to a check and a private one to
 * the connection (DNS rebinding); TLS still verifies the certificate against the host name.
 *
 * <p>An HTTP proxy chosen by the JVM's proxy settings is the operator's, not a feed's: its host is
 * {@link #exempt}ed and resolved unchecked (a proxy on a private address is the usual case). Through
 * a proxy, the proxy resolves the feed's host: only the check before the request applies.
 */
final class CheckedDnsResolver implements DnsResolver {
  /** A host that resolves to an address the policy refuses. */
  static final class AddressRefusedException extends UnknownHostException {
    AddressRefusedException(String message) {
      super(message);
    }
  }

  private final HttpFetch.Resolver resolver;
  private final AddressPolicy policy;
  private final Set<String> exempt = ConcurrentHashMap.newKeySet();

  CheckedDnsResolver(HttpFetch.Resolver resolver, AddressPolicy policy) {
    this.resolver = resolver;
    this.policy = policy;
  }

  /** Resolves {@code host}, a proxy's, without the address check from now on. */
  void exempt(String host) {
    exempt.add(host.toLowerCase(Locale.ROOT));
  }

  @Override
  public InetAddress[] resolve(String host) throws UnknownHostException {
    InetAddress[] addresses = resolver.resolve(host);
    if (exempt.contains(host.toLowerCase(Locale.ROOT))) {
      return addresses;
    }
    Optional<String> refusal = refusal(host, addresses);
    if (refusal.isPresent()) {
      throw new AddressRefusedException(refusal.get());
    }
    return addresses;
  }

  /** Why {@code host}, resolving to {@code addresses}, may not be connected to; empty when it may. */
  Optional<String> refusal(String host, InetAddress[] addresses) {
    for (InetAddress address : addresses) {
      Optional<String> refusal = policy.refusal(address);
      if (refusal.isPresent()) {
        return Optional.of("host " + host + " resolves to " + refusal.get() + " (allow it with producer.allowed-networks)");
      }
    }
    return Optional.empty();
  }

  @Override
  public String resolveCanonicalHostname(String host) throws UnknownHostException {
    return host; // used only for Kerberos/SPNEGO, which the producer does not do
  }
}
