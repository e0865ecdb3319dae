package org.safeguarding.hub.architecture;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceRule;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The hub's architecture as rules (docs/architecture.md, "Modules"): no cycles between packages; adapters
 * map partner records to typed facts and never touch the database; controllers and pages call services
 * and run no SQL. Each rule takes the classes it judges as a predicate so that {@code ArchitectureRulesTest}
 * can show it failing on deliberately broken fixtures.
 */
final class ArchitectureRules {

    /** Packages whose classes talk to the database directly. */
    static final String[] JDBC = {"java.sql..", "javax.sql..", "org.springframework.jdbc.."};

    /** One of the hub's classes that depends directly on JDBC: a class an adapter must not call either. */
    static final DescribedPredicate<JavaClass> USES_JDBC = DescribedPredicate.describe("use JDBC",
            javaClass -> javaClass.getPackageName().startsWith("org.safeguarding.hub")
                    && javaClass.getDirectDependenciesFromSelf().stream().map(Dependency::getTargetClass)
                    .anyMatch(target -> target.getPackageName().startsWith("java.sql")
                            || target.getPackageName().startsWith("javax.sql")
                            || target.getPackageName().startsWith("org.springframework.jdbc")));

    /** Statements written out in a string: what an adapter or a page must never carry. */
    private static final Pattern SQL = Pattern.compile(
            "\"[^\"\\n]*\\b(INSERT\\s+INTO|SELECT\\s+.+\\s+FROM|UPDATE\\s+\\w+\\s+SET|DELETE\\s+FROM)\\b",
            Pattern.CASE_INSENSITIVE);

    private ArchitectureRules() {
    }

    /** Every package under {@code root} (one slice per package, sub-packages apart) is free of cycles. */
    static SliceRule noPackageCycles(String root) {
        return slices().matching(root + ".(**)").should().beFreeOfCycles();
    }

    /** Adapters neither use JDBC nor call a class that does: they hand typed facts to the core. */
    static ArchRule adaptersTouchNoDatabase(DescribedPredicate<JavaClass> adapters) {
        return noClasses().that(adapters).should().dependOnClassesThat().resideInAnyPackage(JDBC)
                .orShould().dependOnClassesThat(USES_JDBC)
                .because("adapters produce typed facts; the core's writers own tables and columns");
    }

    /** Controllers and pages run no SQL: they call services that do. */
    static ArchRule webRunsNoSql(DescribedPredicate<JavaClass> web) {
        return noClasses().that(web).should().dependOnClassesThat().resideInAnyPackage(JDBC)
                .because("controllers and pages call the same services as the API");
    }

    /** Source files under {@code root} that spell out an SQL statement in a string, with the line. */
    static List<String> sqlInSources(Path root) {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                List<String> lines = Files.readAllLines(file);
                for (int i = 0; i < lines.size(); i++) {
                    Matcher m = SQL.matcher(lines.get(i));
                    if (m.find()) {
                        found.add(root.relativize(file) + ":" + (i + 1) + " " + m.group(1));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return found;
    }
}
