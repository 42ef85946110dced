package vn.motcua.central;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import vn.motcua.central.store.Database;
import vn.motcua.central.store.EventStore;

import java.sql.DriverManager;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** The package rules of central, as its README describes them. */
@AnalyzeClasses(packages = "vn.motcua.central",
        importOptions = {ImportOption.DoNotIncludeTests.class, ArchitectureTest.OwnSourceOnly.class})
class ArchitectureTest {

    /** Leaves out the classes Micronaut generates ({@code $Name$Definition}): they repeat their bean's dependencies. */
    static final class OwnSourceOnly implements ImportOption {
        @Override
        public boolean includes(Location location) {
            return !location.contains("/$");
        }
    }

    @ArchTest
    static final ArchRule packagesHaveNoCycles = slices().matching("vn.motcua.central.(*)..")
            .should().beFreeOfCycles();

    @ArchTest
    static final ArchRule layers = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer("Operations API").definedBy("vn.motcua.central.operations..")
            .layer("Features").definedBy("vn.motcua.central.alert..", "vn.motcua.central.command..",
                    "vn.motcua.central.config..", "vn.motcua.central.fleet..", "vn.motcua.central.ingest..",
                    "vn.motcua.central.queuealert..", "vn.motcua.central.report..", "vn.motcua.central.ticketpage..")
            .layer("Console").definedBy("vn.motcua.central.auth..", "vn.motcua.central.web..",
                    "vn.motcua.central.api..")
            .layer("Kiosk link").definedBy("vn.motcua.central.kiosklink..")
            .layer("Broker").definedBy("vn.motcua.central.broker..")
            .layer("Store").definedBy("vn.motcua.central.store..")
            .whereLayer("Operations API").mayNotBeAccessedByAnyLayer()
            .whereLayer("Features").mayOnlyBeAccessedByLayers("Operations API")
            .whereLayer("Console").mayOnlyBeAccessedByLayers("Operations API", "Features")
            .whereLayer("Kiosk link").mayOnlyBeAccessedByLayers("Operations API", "Features")
            .whereLayer("Broker").mayOnlyBeAccessedByLayers("Operations API", "Features")
            .whereLayer("Store").mayOnlyBeAccessedByLayers("Operations API", "Features", "Console", "Kiosk link");

    @ArchTest
    static final ArchRule onlyTheStoreOpensTheDatabase = noClasses()
            .that().resideOutsideOfPackage("vn.motcua.central.store..")
            .should().dependOnClassesThat().belongToAnyOf(DriverManager.class, HikariDataSource.class, Flyway.class)
            .because("connections, transactions and migrations are the Database's");

    @ArchTest
    static final ArchRule theEventLogIsNoDatabaseHandle = classes()
            .that().implement(EventStore.class)
            .should().notImplement(Database.class)
            .because("features that keep their own tables use the Database, not the event log");

    @ArchTest
    static final ArchRule onlyTheClockBeanReadsTheSystemClock = noClasses()
            .that().doNotHaveFullyQualifiedName(ClockFactory.class.getName())
            .should().callMethodWhere(describe("a read of the system clock", call -> {
                JavaClass owner = call.getTarget().getOwner();
                String name = call.getTarget().getName();
                if (owner.isEquivalentTo(System.class)) {
                    return name.equals("currentTimeMillis");
                }
                if (owner.isEquivalentTo(Clock.class)) {
                    return name.startsWith("system");
                }
                boolean dated = owner.isEquivalentTo(Instant.class) || owner.isEquivalentTo(LocalDate.class)
                        || owner.isEquivalentTo(LocalDateTime.class) || owner.isEquivalentTo(LocalTime.class)
                        || owner.isEquivalentTo(OffsetDateTime.class) || owner.isEquivalentTo(ZonedDateTime.class);
                // now(Clock) reads the injected clock; now() and now(ZoneId) read the system's
                return dated && name.equals("now") && (call.getTarget().getRawParameterTypes().isEmpty()
                        || call.getTarget().getRawParameterTypes().get(0).isEquivalentTo(ZoneId.class));
            }))
            .because("central reads the time from its one Clock bean, which tests replace");
}
