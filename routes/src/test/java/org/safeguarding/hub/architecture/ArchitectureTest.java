package org.safeguarding.hub.architecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RestController;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The production classes of hub-core, adapters and routes (this module's test class path) against
 * {@link ArchitectureRules}; {@link ArchitectureRulesTest} shows each rule failing on a broken fixture.
 */
class ArchitectureTest {

    private static JavaClasses production;

    /** The adapters module's classes, told apart by where they were loaded from (packages are shared). */
    static final DescribedPredicate<JavaClass> ADAPTERS = DescribedPredicate.describe("are in the adapters module",
            c -> c.getSource().map(s -> s.getUri().toString()).filter(u -> u.contains("/adapters/target/")
                    || u.contains("hub-adapters")).isPresent());

    static final DescribedPredicate<JavaClass> CONTROLLERS_AND_PAGES = DescribedPredicate.describe(
            "are controllers or pages", c -> c.isAnnotatedWith(Controller.class) || c.isAnnotatedWith(RestController.class)
                    || c.getSimpleName().endsWith("Page"));

    @BeforeAll
    static void importClasses() {
        // Test classes come from test-classes folders and, under `verify`, from the modules' test jars.
        production = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("-tests.jar"))
                .importPackages("org.safeguarding.hub");
    }

    @Test
    void theModulesAreImportedFromTheirOwnBuilds() {
        // Guards the rules against judging nothing: the adapters are found by their location.
        assertThat(production.that(ADAPTERS)).hasSizeGreaterThan(10);
        assertThat(production.that(CONTROLLERS_AND_PAGES)).hasSizeGreaterThan(10);
    }

    @Test
    void noPackageDependsOnItselfThroughAnother() {
        ArchitectureRules.noPackageCycles("org.safeguarding.hub").check(production);
    }

    @Test
    void adaptersTouchNoDatabase() {
        ArchitectureRules.adaptersTouchNoDatabase(ADAPTERS).check(production);
        assertThat(ArchitectureRules.sqlInSources(Path.of("../adapters/src/main/java"))).isEmpty();
    }

    @Test
    void controllersAndPagesRunNoSql() {
        ArchitectureRules.webRunsNoSql(CONTROLLERS_AND_PAGES).check(production);
    }
}
