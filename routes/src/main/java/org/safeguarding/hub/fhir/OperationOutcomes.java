package org.safeguarding.hub.fhir;

import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.safeguarding.hub.validation.StorableText;

import java.util.List;

/**
 * Refusals under {@code /fhir} as FHIR R4 {@code OperationOutcome}s: one error issue whose
 * {@code diagnostics} says what is wrong and whose {@code expression} names the element or search
 * parameter (in FHIR terms, e.g. {@code Bundle.type}, {@code period}).
 */
public final class OperationOutcomes {

    private OperationOutcomes() {
    }

    /** An outcome with one issue of {@code severity}; {@code fields} (may be empty) go to {@code expression}. */
    public static OperationOutcome of(OperationOutcome.IssueSeverity severity, OperationOutcome.IssueType type,
                                      String diagnostics, List<String> fields) {
        OperationOutcome outcome = new OperationOutcome();
        OperationOutcome.OperationOutcomeIssueComponent issue = outcome.addIssue().setSeverity(severity).setCode(type)
                .setDiagnostics(printable(diagnostics));
        fields.forEach(issue::addExpression);
        return outcome;
    }

    /**
     * {@code text} (which may quote what a partner sent) with what XML 1.0 cannot carry, and so an
     * answer in XML could not encode, written as JSON-style escapes (backslash, u, four hex digits):
     * control characters other than tab and line ends, lone surrogates and U+FFFE/U+FFFF.
     */
    static String printable(String text) {
        if (text == null) {
            return null;
        }
        String escaped = StorableText.escape(text);
        StringBuilder out = new StringBuilder(escaped.length());
        escaped.codePoints().forEach(c -> {
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0xFFFE || c == 0xFFFF) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }

    /** An error outcome for an HTTP refusal with {@code status}. */
    public static OperationOutcome refusal(int status, String diagnostics, List<String> fields) {
        return of(OperationOutcome.IssueSeverity.ERROR, issueType(status), diagnostics, fields);
    }

    /** The exception HAPI answers with: {@code status} and the outcome as its body. */
    public static BaseServerResponseException exception(int status, String diagnostics, List<String> fields) {
        BaseServerResponseException e = BaseServerResponseException.newInstance(status, diagnostics);
        e.setOperationOutcome(refusal(status, diagnostics, fields));
        return e;
    }

    /** FHIR's issue type for an HTTP status (R4 issue-type value set). */
    static OperationOutcome.IssueType issueType(int status) {
        return switch (status) {
            case 400 -> OperationOutcome.IssueType.INVALID;
            case 401 -> OperationOutcome.IssueType.LOGIN;
            case 403 -> OperationOutcome.IssueType.FORBIDDEN;
            case 404 -> OperationOutcome.IssueType.NOTFOUND;
            case 409 -> OperationOutcome.IssueType.CONFLICT;
            case 413 -> OperationOutcome.IssueType.TOOCOSTLY;
            case 415 -> OperationOutcome.IssueType.NOTSUPPORTED;
            case 429 -> OperationOutcome.IssueType.THROTTLED;
            case 503 -> OperationOutcome.IssueType.TRANSIENT;
            default -> OperationOutcome.IssueType.PROCESSING;
        };
    }
}
