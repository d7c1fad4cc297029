package dev.switchboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.telephony.TelephonyProvider;
import dev.switchboard.telephony.TelephonyProviders;
import dev.switchboard.telephony.http.ProviderHttp;
import dev.switchboard.telephony.resilience.ResilientTelephonyProvider;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.core.NamedInterface;

/**
 * The feature packages keep to their boundaries: no one reaches into another's internals (repositories,
 * an adapter's subpackage), and no dependency cycle between them.
 */
class ModularityTest {

    private final ApplicationModules modules = ApplicationModules.of(SwitchboardApplication.class);

    @Test
    void featuresOnlyUseEachOthersPublicTypesAndFormNoCycle() {
        modules.verify();
    }

    @Test
    void theFeaturesAreTheModules() {
        assertThat(modules.stream().map(ApplicationModule::getIdentifier).map(Object::toString))
                .contains("numbers", "connections", "users", "telephony", "web");
    }

    /**
     * Telephony shows the other modules its port (the root package) only: the resilience wrapper and the HTTP
     * plumbing the adapters share are its internals, so {@link #featuresOnlyUseEachOthersPublicTypesAndFormNoCycle}
     * fails any other module that uses them.
     */
    @Test
    void telephonyShowsOnlyItsPort() {
        ApplicationModule telephony = modules.getModuleByName("telephony").orElseThrow();
        assertThat(telephony.getNamedInterfaces().stream().filter(NamedInterface::isNamed)).isEmpty();
        assertThat(telephony.isExposed(TelephonyProvider.class)).isTrue();
        assertThat(telephony.isExposed(TelephonyProviders.class)).isTrue();
        assertThat(telephony.isExposed(ResilientTelephonyProvider.class)).isFalse();
        assertThat(telephony.isExposed(ProviderHttp.class)).isFalse();
    }
}
