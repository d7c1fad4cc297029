package dev.switchboard;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;

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
}
