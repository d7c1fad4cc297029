package dev.switchboard.agents;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The SSRF guard on webhook URLs: every spelling of a non-public address is refused, public ones pass. */
class WebhookTargetsTest {

    private final WebhookTargets guard = new WebhookTargets(false);

    @ParameterizedTest
    @ValueSource(strings = {
        "http://127.0.0.1/hook", "http://127.1.2.3:8080/", "https://localhost/hook", "http://LOCALHOST./x",
        "http://[::1]/hook", "http://[0:0:0:0:0:0:0:1]/", "http://[::ffff:127.0.0.1]/", "http://[::ffff:7f00:1]/",
        "http://[::127.0.0.1]/", "http://[64:ff9b::a9fe:a9fe]/", "http://[2002:c0a8:0101::1]/",
        "http://2130706433/", "http://0177.0.0.1/", "http://0x7f.0.0.1/", "http://0x7f000001/", "http://127.1/",
        "http://017700000001/", "http://10.0.0.5/", "http://172.16.0.1/", "http://172.31.255.255/",
        "http://192.168.1.1/", "http://100.64.0.1/", "http://169.254.169.254/latest/meta-data/",
        "http://[fe80::1]/", "http://[fd00::1]/", "http://[fc12:3456::1]/", "http://224.0.0.1/", "http://[ff02::1]/",
        "http://0.0.0.0/", "http://0/", "http://[::]/", "http://255.255.255.255/", "http://240.0.0.1/",
        "http://192.0.2.1/", "http://[2001:db8::1]/", "http://3232235777/"})
    void nonPublicAddressesAreRefused(String url) {
        assertThat(guard.refusal(url, true)).as(url).isPresent();
        assertThat(guard.refusal(url, false)).as(url).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://93.184.215.14/hook", "http://8.8.8.8:8080/x", "https://[2606:4700:4700::1111]/",
        "http://172.32.0.1/", "http://100.128.0.1/"})
    void publicAddressesPass(String url) {
        assertThat(guard.refusal(url, true)).as(url).isEmpty();
    }

    @Test
    void aRefusalSaysWhatTheAddressIs() {
        assertThat(guard.refusal("http://169.254.169.254/", true)).get().asString()
                .contains("169.254.169.254").contains("link-local").contains("allow-private-targets");
        assertThat(guard.refusal("http://0177.0.0.1/", true)).get().asString().contains("127.0.0.1").contains("loopback");
    }

    @Test
    void aHostThatDoesNotResolveIsLetThroughAtCreateButRefusedAtDelivery() {
        String url = "https://no-such-host.invalid/hook";
        assertThat(guard.refusal(url, false)).isEmpty();
        assertThat(guard.refusal(url, true)).get().asString().contains("does not resolve");
    }

    @Test
    void allowingPrivateTargetsTurnsTheGuardOff() {
        assertThat(new WebhookTargets(true).refusal("http://127.0.0.1/hook", true)).isEmpty();
    }

    @Test
    void inetAtonReadsEveryNumericForm() throws Exception {
        assertThat(InetAddress.getByAddress(WebhookTargets.inetAton("2130706433")).getHostAddress()).isEqualTo("127.0.0.1");
        assertThat(InetAddress.getByAddress(WebhookTargets.inetAton("0300.0250.1.1")).getHostAddress()).isEqualTo("192.168.1.1");
        assertThat(InetAddress.getByAddress(WebhookTargets.inetAton("10.1")).getHostAddress()).isEqualTo("10.0.0.1");
        assertThat(InetAddress.getByAddress(WebhookTargets.inetAton("0xa9.0xfe.43518")).getHostAddress()).isEqualTo("169.254.169.254");
        assertThat(WebhookTargets.inetAton("256.0.0.1")).isNull();
        assertThat(WebhookTargets.inetAton("4294967296")).isNull();
        assertThat(WebhookTargets.inetAton("09.0.0.1")).as("9 is not an octal digit").isNull();
    }
}
