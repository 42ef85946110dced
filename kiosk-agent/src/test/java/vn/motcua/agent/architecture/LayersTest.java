package vn.motcua.agent.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The agent's packages are its layers (see the README): the host at the bottom, the domain, its devices and sync in
 * the middle, the faces on top. Each rule fails with the offending class, member and line.
 */
class LayersTest {
    static final String[] HOST = {"vn.motcua.agent.config..", "vn.motcua.agent.db..", "vn.motcua.agent.events..",
            "vn.motcua.agent.status..", "vn.motcua.agent.watchdog..", "vn.motcua.agent.web.."};
    static final String[] DOMAIN = {"vn.motcua.agent.queue..", "vn.motcua.agent.counter..",
            "vn.motcua.agent.rating..", "vn.motcua.agent.site..", "vn.motcua.agent.outbox.."};
    static final String[] DEVICES = {"vn.motcua.agent.printer..", "vn.motcua.agent.gpio..",
            "vn.motcua.agent.voice.."};
    static final String[] SYNC = {"vn.motcua.agent.sync..", "vn.motcua.agent.telemetry.."};
    static final String[] FACES = {"vn.motcua.agent.api..", "vn.motcua.agent.lan..", "vn.motcua.agent.display..",
            "vn.motcua.agent.stream..", "vn.motcua.agent.ticketpage..", "vn.motcua.agent.remote.."};

    private static final JavaClasses AGENT = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("vn.motcua.agent");

    private static LayeredArchitecture layers() {
        return layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("Host").definedBy(HOST)
                .layer("Domain").definedBy(DOMAIN)
                .layer("Devices").definedBy(DEVICES)
                .layer("Sync").definedBy(SYNC)
                .layer("Faces").definedBy(FACES);
    }

    @Test
    void givenTheAgentsPackages_whenTheirImportsAreFollowed_thenNoPackageLeadsBackToItself() {
        slices().matching("vn.motcua.agent.(*)..").should().beFreeOfCycles().check(AGENT);
    }

    @Test
    void givenEveryPackage_whenLayered_thenItBelongsToExactlyOneLayer() {
        layers().ensureAllClassesAreContainedInArchitectureIgnoring("vn.motcua.agent").check(AGENT);
    }

    @Test
    void givenTheHost_whenItsImportsAreFollowed_thenItUsesNothingAboveIt() {
        layers().whereLayer("Host").mayOnlyAccessLayers("Host").check(AGENT);
    }

    @Test
    void givenTheDomain_whenItsImportsAreFollowed_thenItUsesTheHostAndThePrinterOnly() {
        layers().whereLayer("Domain").mayOnlyAccessLayers("Host", "Devices")
                .whereLayer("Domain").mayOnlyBeAccessedByLayers("Devices", "Sync", "Faces").check(AGENT);
    }

    @Test
    void givenTheDevices_whenTheirImportsAreFollowed_thenTheyUseTheHostAndTheDomainOnly() {
        layers().whereLayer("Devices").mayOnlyAccessLayers("Host", "Domain")
                .whereLayer("Devices").mayOnlyBeAccessedByLayers("Domain", "Sync", "Faces").check(AGENT);
    }

    @Test
    void givenSync_whenItsImportsAreFollowed_thenItDrainsTheOutboxAndNoBusinessCodeCallsIt() {
        layers().whereLayer("Sync").mayOnlyAccessLayers("Host", "Domain", "Devices")
                .whereLayer("Sync").mayOnlyBeAccessedByLayers("Faces").check(AGENT);
    }

    @Test
    void givenTheFaces_whenAnythingImportsThem_thenOnlyOtherFacesDo() {
        layers().whereLayer("Faces").mayOnlyBeAccessedByLayers("Faces").check(AGENT);
    }
}
