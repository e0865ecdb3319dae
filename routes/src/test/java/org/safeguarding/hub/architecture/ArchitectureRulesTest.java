package org.safeguarding.hub.architecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The rules of {@link ArchitectureRules} fail on deliberately broken fixtures (package {@code fixture}) and
 * pass on a clean one, so a green {@link ArchitectureTest} means something.
 */
class ArchitectureRulesTest {

    private static final String FIXTURE = "org.safeguarding.hub.architecture.fixture";

    private static JavaClasses fixture(String... packages) {
        return new ClassFileImporter().importPackages(packages);
    }

    private static DescribedPredicate<JavaClass> inPackage(String name) {
        return DescribedPredicate.describe("are in " + name, c -> c.getPackageName().startsWith(name));
    }

    @Test
    void aDeliberateCycleBetweenTwoPackagesFails() {
        assertThatThrownBy(() -> ArchitectureRules.noPackageCycles(FIXTURE + ".cycle")
                .check(fixture(FIXTURE + ".cycle")))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Cycle detected")
                .hasMessageContaining("fixture.cycle.left.Left")
                .hasMessageContaining("fixture.cycle.right.Right");
    }

    @Test
    void packagesWithoutACyclePass() {
        assertThatCode(() -> ArchitectureRules.noPackageCycles(FIXTURE)
                .check(fixture(FIXTURE + ".clean", FIXTURE + ".adapter", FIXTURE + ".page"))).doesNotThrowAnyException();
    }

    @Test
    void anAdapterCallingAClassThatUsesJdbcFails() {
        assertThatThrownBy(() -> ArchitectureRules.adaptersTouchNoDatabase(inPackage(FIXTURE + ".adapter"))
                .check(fixture(FIXTURE + ".adapter", FIXTURE + ".clean")))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("LeakyFeed")
                .hasMessageContaining("Store");
    }

    @Test
    void anAdapterThatMapsToTypedFactsPasses() {
        assertThatCode(() -> ArchitectureRules.adaptersTouchNoDatabase(
                DescribedPredicate.describe("are the clean feed", c -> c.getSimpleName().startsWith("Feed")))
                .check(fixture(FIXTURE + ".clean"))).doesNotThrowAnyException();
    }

    @Test
    void anAdapterSpellingOutSqlIsFound() {
        Path fixtures = Path.of("src/test/java/org/safeguarding/hub/architecture/fixture");
        assertThat(ArchitectureRules.sqlInSources(fixtures.resolve("adapter")))
                .containsExactly("LeakyFeed.java:7 INSERT INTO");
        assertThat(ArchitectureRules.sqlInSources(fixtures.resolve("cycle"))).isEmpty();
    }

    @Test
    void aPageRunningItsOwnQueryFails() {
        assertThatThrownBy(() -> ArchitectureRules.webRunsNoSql(ArchitectureTest.CONTROLLERS_AND_PAGES)
                .check(fixture(FIXTURE + ".page", FIXTURE + ".clean")))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("QueryingPage")
                .hasMessageContaining("JdbcClient");
    }
}
