package dev.switchboard.agents;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Where Switchboard may send webhook requests (the SSRF guard). A webhook URL whose host is, or resolves to, an address
 * that is not public (loopback, RFC 1918 private, carrier-grade NAT, link-local such as the cloud metadata address
 * 169.254.169.254, IPv6 unique-local, multicast, unspecified, reserved or documentation ranges, and IPv6 forms that
 * embed such an IPv4 address) is refused, unless {@code switchboard.webhooks.allow-private-targets} is true. The check
 * runs when a webhook is created or updated ({@link #refusal}) and again at every delivery, where the sender's
 * connections resolve their host through {@link #addressesToCall}: the addresses checked are the addresses connected
 * to, so a name that answers a public address to the check and a private one a moment later (DNS rebinding) gains
 * nothing. Numeric hosts are read the way C's {@code inet_aton} reads them (2130706433, 0177.0.0.1, 0x7f.1), so no
 * spelling of a loopback address slips through as a "host name".
 */
@Component
public class WebhookTargets {

    private static final Pattern NUMERIC_HOST = Pattern.compile("(?i)(0x[0-9a-f]*|[0-9]+)(\\.(0x[0-9a-f]*|[0-9]+)){0,3}\\.?");

    private final boolean allowPrivateTargets;

    public WebhookTargets(@Value("${switchboard.webhooks.allow-private-targets:false}") boolean allowPrivateTargets) {
        this.allowPrivateTargets = allowPrivateTargets;
    }

    /** Whether the private-address check is off ({@code switchboard.webhooks.allow-private-targets}). */
    public boolean allowsPrivateTargets() {
        return allowPrivateTargets;
    }

    /**
     * Why a request to {@code url} would be refused, or empty when it may be sent. {@code mustResolve}: a host that
     * does not resolve is refused (at delivery); at create and update it is let through, to be checked again at
     * each delivery (the name may not exist yet, or this machine may have no DNS).
     */
    public Optional<String> refusal(String url, boolean mustResolve) {
        if (allowPrivateTargets) {
            return Optional.empty();
        }
        String host;
        try {
            host = new URI(url).getHost();
        } catch (URISyntaxException e) {
            return Optional.of("is not a valid URL");
        }
        if (host == null || host.isEmpty()) {
            return Optional.of("has no host");
        }
        try {
            addressesToCall(host);
            return Optional.empty();
        } catch (Refused e) {
            return Optional.of(e.getMessage());
        } catch (UnknownHostException e) {
            return mustResolve ? Optional.of(e.getMessage()) : Optional.empty();
        }
    }

    /**
     * The addresses {@code host} resolves to now, each one a request may be sent to: the resolver of the connections
     * that deliver webhooks, so that what is checked is what is connected to.
     *
     * @throws Refused when any of them is not public (and private targets are not allowed), naming it
     * @throws UnknownHostException when the host does not resolve, naming it
     */
    public List<InetAddress> addressesToCall(String host) throws UnknownHostException {
        List<InetAddress> addresses;
        try {
            addresses = resolve(host);
        } catch (UnknownHostException e) {
            throw new UnknownHostException("host " + host + " does not resolve");
        }
        if (!allowPrivateTargets) {
            for (InetAddress address : addresses) {
                String why = notPublic(address);
                if (why != null) {
                    throw new Refused("points at " + address.getHostAddress() + ", " + why
                            + " address; webhooks may only call public addresses"
                            + " (switchboard.webhooks.allow-private-targets allows others)");
                }
            }
        }
        return addresses;
    }

    /**
     * A host that resolves to an address webhooks may not call. An {@link UnknownHostException}, as a resolver may
     * throw, so that an HTTP client connecting through {@link #addressesToCall} gives it back unchanged.
     */
    public static final class Refused extends UnknownHostException {
        Refused(String why) {
            super(why);
        }
    }

    private static List<InetAddress> resolve(String host) throws UnknownHostException {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (bare.endsWith(".")) {
            bare = bare.substring(0, bare.length() - 1); // the root's dot: "localhost." is localhost
        }
        if (NUMERIC_HOST.matcher(bare).matches()) {
            byte[] v4 = inetAton(bare);
            if (v4 == null) {
                throw new UnknownHostException(host);
            }
            return List.of(InetAddress.getByAddress(v4));
        }
        return List.of(InetAddress.getAllByName(bare));
    }

    /** An IPv4 address in any form {@code inet_aton} takes (1 to 4 parts, decimal, octal or hex), or null. */
    static byte @Nullable [] inetAton(String text) {
        String trimmed = text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
        String[] parts = trimmed.split("\\.", -1);
        long[] values = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i].toLowerCase(Locale.ROOT);
            try {
                if (p.startsWith("0x")) {
                    values[i] = p.length() == 2 ? 0 : Long.parseLong(p.substring(2), 16);
                } else if (p.length() > 1 && p.startsWith("0")) {
                    values[i] = Long.parseLong(p.substring(1), 8);
                } else {
                    values[i] = Long.parseLong(p);
                }
            } catch (NumberFormatException e) {
                return null;
            }
        }
        long address = 0;
        int n = values.length;
        for (int i = 0; i < n - 1; i++) {
            if (values[i] > 255) {
                return null;
            }
            address |= values[i] << (8 * (3 - i));
        }
        long last = values[n - 1];
        if (last >= 1L << (8 * (5 - n))) {
            return null;
        }
        address |= last;
        return new byte[] {(byte) (address >>> 24), (byte) (address >>> 16), (byte) (address >>> 8), (byte) address};
    }

    /** What kind of non-public address this is, or null when it is public. */
    static @Nullable String notPublic(InetAddress address) {
        if (address.isAnyLocalAddress()) {
            return "an unspecified";
        }
        if (address.isLoopbackAddress()) {
            return "a loopback";
        }
        if (address.isLinkLocalAddress()) {
            return "a link-local";
        }
        if (address.isMulticastAddress()) {
            return "a multicast";
        }
        if (address.isSiteLocalAddress()) {
            return "a private";
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            return notPublicV4(b);
        }
        if (address instanceof Inet6Address) {
            int first = b[0] & 0xff;
            if ((first & 0xfe) == 0xfc) {
                return "a unique-local (private)";
            }
            if (isZero(b, 0, 12) || (b[0] == 0 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b
                    && isZero(b, 4, 12))) {
                // ::a.b.c.d (IPv4-compatible) and 64:ff9b::a.b.c.d (NAT64) reach the IPv4 address they embed
                byte[] v4 = {b[12], b[13], b[14], b[15]};
                String why = notPublicV4(v4);
                return why != null ? why + " (embedded IPv4)" : null;
            }
            if (first == 0x20 && (b[1] & 0xff) == 0x02) {
                byte[] v4 = {b[2], b[3], b[4], b[5]}; // 6to4 2002:a.b.c.d::/48
                String why = notPublicV4(v4);
                return why != null ? why + " (embedded in 6to4)" : null;
            }
            if (first == 0x20 && (b[1] & 0xff) == 0x01 && (b[2] & 0xff) == 0x0d && (b[3] & 0xff) == 0xb8) {
                return "a documentation";
            }
            if ((first & 0xe0) != 0x20) {
                return "a reserved"; // outside 2000::/3, the global unicast space
            }
        }
        return null;
    }

    private static @Nullable String notPublicV4(byte[] b) {
        int a = b[0] & 0xff;
        int second = b[1] & 0xff;
        int third = b[2] & 0xff;
        if (a == 0) {
            return "an unspecified (0.0.0.0/8)";
        }
        if (a == 127) {
            return "a loopback";
        }
        if (a == 10 || (a == 172 && second >= 16 && second <= 31) || (a == 192 && second == 168)) {
            return "a private";
        }
        if (a == 100 && second >= 64 && second <= 127) {
            return "a carrier-grade NAT (private)";
        }
        if (a == 169 && second == 254) {
            return "a link-local";
        }
        if (a == 192 && second == 0 && (third == 0 || third == 2)) {
            return "a reserved";
        }
        if ((a == 198 && (second == 18 || second == 19)) || (a == 198 && second == 51 && third == 100)
                || (a == 203 && second == 0 && third == 113)) {
            return "a reserved";
        }
        if (a >= 224) {
            return a < 240 ? "a multicast" : "a reserved";
        }
        return null;
    }

    private static boolean isZero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
