package org.safeguarding.hub.references;

import org.safeguarding.hub.config.ConfigFiles;
import org.safeguarding.hub.config.ConfigurationException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one mapping from a source citation ({@code 004:L2019}: source text 004, line 2019; docs/domain.md) to
 * a reference a reader understands: the document's title and the passage's heading, from
 * {@code references.yml}. Pages show {@link Reference#text()} and keep the citation for a tooltip or
 * footnote (issue 14). Shared by every page that cites a source (the contact page, the scorecard's measure
 * sources). Validated at start-up: every passage names a known document and a line.
 */
public final class SourceReferences {

    public static final String FILE = "references.yml";
    private static final Pattern CITATION = Pattern.compile("\\b([0-9]{3}):L([0-9]+)\\b");

    /** The file: the source documents by id, and headings for the lines pages quote. */
    public record Document(List<Source> documents, List<Passage> passages) {
    }

    /** A source text: its id (the citation's prefix) and title. */
    public record Source(String id, String title) {
    }

    /** A quoted line's heading. */
    public record Passage(String citation, String heading) {
    }

    /**
     * A citation as a reader sees it.
     *
     * @param citation the citation as written ({@code 004:L2019}), for the tooltip or footnote
     * @param document the document's title (the citation itself when it names no known document)
     * @param passage  the passage's heading, or "line 2019" when references.yml has none
     */
    public record Reference(String citation, String document, String passage) {

        /** "Document title: passage". */
        public String text() {
            return passage == null ? document : document + ": " + passage;
        }
    }

    private final Map<String, String> titles = new HashMap<>();
    private final Map<String, String> headings = new HashMap<>();

    private SourceReferences(Document document) {
        document.documents().forEach(d -> titles.put(d.id(), d.title()));
        document.passages().forEach(p -> headings.put(p.citation(), p.heading()));
    }

    public static SourceReferences load(ConfigFiles files) {
        Document document = files.read(FILE, Document.class);
        List<String> problems = new ArrayList<>();
        if (document == null || document.documents() == null || document.passages() == null) {
            problems.add("documents and passages are required");
        } else {
            Map<String, String> known = new HashMap<>();
            document.documents().forEach(d -> known.put(d.id(), d.title()));
            for (Passage p : document.passages()) {
                Matcher m = p.citation() == null ? null : CITATION.matcher(p.citation());
                if (m == null || !m.matches() || !known.containsKey(m.group(1))) {
                    problems.add("passage " + p.citation() + ": not a citation of a listed document (e.g. 004:L2019)");
                } else if (p.heading() == null || p.heading().isBlank()) {
                    problems.add("passage " + p.citation() + ": heading is required");
                }
            }
        }
        ConfigurationException.throwIfAny(files.describe(FILE), problems);
        return new SourceReferences(document);
    }

    /**
     * Every citation in {@code text} ({@code "004:L2413, 001:L3320"}, a measure's seed in measures.yml) as a
     * reader sees it, in order; text that holds no citation ("Operation Encompass national duty") is one
     * reference, itself.
     */
    public List<Reference> cited(String text) {
        List<Reference> found = new ArrayList<>();
        Matcher m = CITATION.matcher(text == null ? "" : text);
        while (m.find()) {
            found.add(of(m.group(0)));
        }
        return found.isEmpty() ? List.of(of(text)) : found;
    }

    /** {@link #cited} as one line: each reference's {@link Reference#text()}, joined by "; ". */
    public String words(String text) {
        return String.join("; ", cited(text).stream().map(Reference::text).toList());
    }

    /**
     * Stops start-up when a configuration file cites a document references.yml does not list.
     *
     * @param file   the citing file as {@link ConfigFiles#describe} names it
     * @param citing the citing field ({@code measures[cp-repeat].seed}) to its text
     * @throws ConfigurationException naming each field and unknown citation
     */
    public void requireListed(String file, Map<String, String> citing) {
        List<String> problems = new ArrayList<>();
        citing.forEach((field, text) -> {
            Matcher m = CITATION.matcher(text == null ? "" : text);
            while (m.find()) {
                if (!titles.containsKey(m.group(1))) {
                    problems.add(field + ": unknown citation " + m.group(0) + " (no document " + m.group(1)
                            + " in " + FILE + ")");
                }
            }
        });
        ConfigurationException.throwIfAny(file, problems);
    }

    /** {@code citation} as a reader sees it; text that is no citation is returned as its own document. */
    public Reference of(String citation) {
        Matcher m = citation == null ? null : CITATION.matcher(citation.trim());
        if (m == null || !m.matches() || !titles.containsKey(m.group(1))) {
            return new Reference(citation, citation, null);
        }
        String heading = headings.get(m.group(0));
        return new Reference(m.group(0), titles.get(m.group(1)), heading != null ? heading : "line " + m.group(2));
    }
}
