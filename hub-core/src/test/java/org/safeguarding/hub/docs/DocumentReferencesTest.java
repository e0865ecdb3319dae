package org.safeguarding.hub.docs;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Docs that stand alone (issue 16): every document the repository cites is in the repository.
 * Scans README.md, docs/ and every source, configuration, migration and script file for
 * <ul>
 *   <li>paths under {@code docs/} (resolved from the repository root),</li>
 *   <li>relative Markdown links in {@code .md} files (resolved from the linking file's folder),</li>
 *   <li>the domain and architecture briefs by their old upper-case names, which were never in the
 *       repository (their contents are docs/domain.md and docs/architecture.md), except in Flyway
 *       migrations: Flyway checksums a migration's whole text, so an applied one is never edited,
 *       not even a comment,</li>
 * </ul>
 * and fails listing each reference that names no file, as {@code path:line: reference}.
 * Reads files only: no Spring context, well under a second.
 */
class DocumentReferencesTest {

    /** A repository path under docs/: not preceded by a path or word character, ending on a name character. */
    private static final Pattern DOCS_PATH = Pattern.compile("(?<![\\w/.-])docs/[\\w./-]*[\\w-]");
    /** The briefs' old names, cited as if they were files. */
    private static final Pattern OLD_BRIEFS = Pattern.compile("\\b(?:DOMAIN|ARCHITECTURE)\\.md\\b");
    /** A Markdown link or image target, without its #fragment. */
    private static final Pattern MARKDOWN_LINK = Pattern.compile("\\]\\(([^)#\\s]*)(?:#[^)\\s]*)?\\)");
    private static final Set<String> TEXT_TYPES = Set.of("java", "yml", "yaml", "sql", "xml", "properties", "md",
            "html", "json", "csv", "sh", "txt");
    /** Build output, the embedded database's folders, tool folders: nothing the project writes by hand. */
    private static final Set<String> SKIPPED_FOLDERS = Set.of(".git", ".mvn", "target", "data", "demo-data",
            "node_modules");

    @Test
    void everyCitedDocumentExists() throws IOException {
        Path root = repositoryRoot();
        List<String> broken = new ArrayList<>();
        // Skipped folders are not entered at all: target/ holds an unpacked Keycloak, data/ a database.
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                return SKIPPED_FOLDERS.contains(dir.getFileName().toString()) ? FileVisitResult.SKIP_SUBTREE
                        : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                if (attributes.isRegularFile() && isText(file)) {
                    broken.addAll(brokenReferences(root, file));
                }
                return FileVisitResult.CONTINUE;
            }
        });
        assertThat(broken).as("references to documents that do not exist").isEmpty();
    }

    @Test
    void theScanFindsTheReferencesItChecks() throws IOException {
        // Guards the test itself: if the patterns or the walk stopped matching, the test above would
        // pass on anything. README.md links to docs/decisions.md and cites docs/feeds/ files.
        Path root = repositoryRoot();
        String readme = Files.readString(root.resolve("README.md"));
        assertThat(DOCS_PATH.matcher(readme).results().map(m -> m.group()))
                .contains("docs/decisions.md", "docs/feeds/police.schema.json");
        assertThat(MARKDOWN_LINK.matcher("see [the domain](domain.md#scale) and [x](https://example.org/a)")
                .results().map(m -> m.group(1))).containsExactly("domain.md", "https://example.org/a");
        assertThat(OLD_BRIEFS.matcher("as " + "DOMAIN" + ".md says").find()).isTrue();
        assertThat(DOCS_PATH.matcher("https://example.org/docs/x.md and routes/docs/y.md").find()).isFalse();
    }

    private static List<String> brokenReferences(Path root, Path file) {
        List<String> broken = new ArrayList<>();
        String where = root.relativize(file).toString();
        boolean migration = where.contains("/db/migration/");
        List<String> lines = lines(file);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            String at = where + ":" + (i + 1) + ": ";
            Matcher docs = DOCS_PATH.matcher(line);
            while (docs.find()) {
                if (!Files.exists(root.resolve(docs.group()))) {
                    broken.add(at + docs.group());
                }
            }
            Matcher old = OLD_BRIEFS.matcher(line);
            while (!migration && old.find()) {
                broken.add(at + old.group() + " (now docs/domain.md or docs/architecture.md)");
            }
            if (where.endsWith(".md")) {
                Matcher link = MARKDOWN_LINK.matcher(line);
                while (link.find()) {
                    String target = link.group(1);
                    if (!target.isEmpty() && !target.contains(":") && !Files.exists(file.getParent().resolve(target))) {
                        broken.add(at + target);
                    }
                }
            }
        }
        return broken;
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Source and document types by extension; extension-less files when they are scripts ({@code #!}). */
    private static boolean isText(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        if (dot > 0) {
            return TEXT_TYPES.contains(name.substring(dot + 1));
        }
        try (var in = Files.newInputStream(file)) {
            byte[] start = in.readNBytes(2);
            return start.length == 2 && start[0] == '#' && start[1] == '!';
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The folder holding the Maven wrapper and docs/, found upwards from the module the test runs in. */
    private static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("mvnw")) && Files.isDirectory(dir.resolve("docs"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no repository root (mvnw beside docs/) above " + Path.of("").toAbsolutePath());
    }
}
