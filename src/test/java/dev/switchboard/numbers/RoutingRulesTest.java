package dev.switchboard.numbers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.connections.RoutingConfig;
import dev.switchboard.telephony.RoutingTarget;
import dev.switchboard.telephony.TelephonyProviderName;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The rules of routing that need no provider: templates, what counts as drift, the retry schedule. */
class RoutingRulesTest {

    @Test
    void aTemplateIsAnAbsoluteHttpUrlOnceFilledWithTheThreePlaceholdersOnly() {
        assertThat(RoutingConfig.templateProblem("https://voice.example.com/in/{agent_id}?to={number}&n={number_id}"))
                .isNull();
        assertThat(RoutingConfig.templateProblem("http://10.0.0.5:3000/inbound")).isNull();
        assertThat(RoutingConfig.templateProblem("ftp://voice.example.com/")).contains("http or https");
        assertThat(RoutingConfig.templateProblem("/inbound/{agent_id}")).contains("absolute");
        assertThat(RoutingConfig.templateProblem("https://voice.example.com/{agent}")).contains("{agent}");
        assertThat(RoutingConfig.templateProblem("https://voice example.com/")).isNotNull();
        assertThat(RoutingConfig.templateProblem(" ")).isNotNull();
        assertThat(RoutingConfig.templateProblem("https://x.example/" + "a".repeat(2000))).contains("2000");
    }

    @Test
    void expandingEncodesTheNumbersPlusAndFillsTheIds() {
        UUID number = UUID.fromString("11111111-2222-3333-4444-555555555555");
        UUID agent = UUID.fromString("66666666-7777-8888-9999-000000000000");
        assertThat(RoutingConfig.expand("https://v.example/{agent_id}?to={number}&id={number_id}", "+14155550123",
                number, agent)).isEqualTo("https://v.example/66666666-7777-8888-9999-000000000000?to=%2B14155550123"
                        + "&id=11111111-2222-3333-4444-555555555555");
    }

    @Test
    void driftIsAFieldSwitchboardSetThatReadsBackOtherwise() {
        RoutingTarget set = new RoutingTarget("https://a.example/v", null, null);
        assertThat(set.isSatisfiedBy(new RoutingTarget("https://a.example/v", "https://other.example/sms", null)))
                .as("a field Switchboard leaves alone may be anything").isTrue();
        assertThat(set.isSatisfiedBy(new RoutingTarget("https://b.example/v", "", null))).isFalse();
        assertThat(set.isSatisfiedBy(new RoutingTarget("", "", null))).isFalse();
        RoutingTarget cleared = new RoutingTarget("", null, null);
        assertThat(cleared.isSatisfiedBy(new RoutingTarget(null, null, null))).as("unset reads as empty").isTrue();
        assertThat(new RoutingTarget(null, null, "app-1").describe(TelephonyProviderName.VONAGE))
                .isEqualTo(Map.of("app_id", "app-1"));
        assertThat(new RoutingTarget(null, null, "123").describe(TelephonyProviderName.TELNYX))
                .isEqualTo(Map.of("connection_id", "123"));
    }

    @Test
    void retriesDoubleFromTheFirstDelayUpToTheLongest() {
        var retry = new RoutingProperties.Retry(Duration.ofSeconds(15), Duration.ofSeconds(30), Duration.ofMinutes(30), 8);
        assertThat(retry.delayAfter(1)).isEqualTo(Duration.ofSeconds(30));
        assertThat(retry.delayAfter(2)).isEqualTo(Duration.ofMinutes(1));
        assertThat(retry.delayAfter(3)).isEqualTo(Duration.ofMinutes(2));
        assertThat(retry.delayAfter(7)).isEqualTo(Duration.ofMinutes(30)); // 32 min, capped
        assertThat(retry.delayAfter(60)).isEqualTo(Duration.ofMinutes(30));
    }

    @Test
    void aBadServerTemplateStopsTheServiceFromStarting() {
        assertThatThrownBy(() -> new RoutingProperties("voice.example.com/in", null, Duration.ofMinutes(10), 500,
                new RoutingProperties.Retry(Duration.ofSeconds(15), Duration.ofSeconds(30), Duration.ofMinutes(30), 8)))
                .hasMessageContaining("switchboard.routing.voice-url");
    }
}
