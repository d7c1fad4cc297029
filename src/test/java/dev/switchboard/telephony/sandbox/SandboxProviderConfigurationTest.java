package dev.switchboard.telephony.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.telephony.AvailableNumberSearch;
import dev.switchboard.telephony.ProviderAccount;
import dev.switchboard.telephony.ProviderCredentials;
import dev.switchboard.telephony.ProvidersProperties;
import dev.switchboard.telephony.TelephonyAdapter;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** How the sandbox is switched on and seeded through {@code switchboard.providers.sandbox.*}. */
class SandboxProviderConfigurationTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(ProvidersProperties.class)
    static class WithProperties {
        @Bean
        DataSource dataSource() {
            return SandboxDatabase.h2();
        }
    }

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(WithProperties.class, SandboxTelephonyProvider.class);

    @Test
    void isOnWhenNothingIsConfigured() {
        context.run(ctx -> assertThat(ctx).hasSingleBean(TelephonyAdapter.class)
                .hasSingleBean(SandboxTelephonyProvider.class));
    }

    @Test
    void anOperatorCanTurnItOff() {
        context.withPropertyValues("switchboard.providers.sandbox.enabled=false")
                .run(ctx -> assertThat(ctx).doesNotHaveBean(TelephonyAdapter.class));
    }

    @Test
    void drawsItsNumbersFromTheConfiguredSeed() {
        ProviderAccount account = new ProviderAccount(UUID.fromString("00000000-0000-0000-0000-000000000007"),
                new ProviderCredentials.Sandbox());
        AvailableNumberSearch search = AvailableNumberSearch.defaults();
        var expected = new SandboxTelephonyProvider(7L, SandboxDatabase.h2()).searchInventory(account, search,
                SandboxTelephonyProviderTest.deadline());
        context.withPropertyValues("switchboard.providers.sandbox.seed=7").run(ctx -> assertThat(
                ctx.getBean(SandboxTelephonyProvider.class).searchInventory(account, search,
                        SandboxTelephonyProviderTest.deadline())).isEqualTo(expected));
    }

    @Test
    void bindsTheDefaultSeedWhenNoneIsGiven() {
        ProvidersProperties properties = bind(Map.of());
        assertThat(properties.sandbox().enabled()).isTrue();
        assertThat(properties.sandbox().seed()).isEqualTo(8_675_309L); // the seed README's demo numbers come from
        assertThat(bind(Map.of("switchboard.providers.sandbox.seed", "12345")).sandbox().seed()).isEqualTo(12345L);
    }

    private static ProvidersProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("switchboard.providers", ProvidersProperties.class);
    }
}
