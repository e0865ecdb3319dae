package org.safeguarding.hub.intake;

import ca.uhn.fhir.context.BaseRuntimeChildDefinition;
import ca.uhn.fhir.context.BaseRuntimeElementDefinition;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.ErrorHandlerAdapter;
import ca.uhn.fhir.parser.IParserErrorHandler;
import ca.uhn.fhir.util.IModelVisitor2;
import org.hl7.fhir.instance.model.api.IBase;
import org.hl7.fhir.instance.model.api.IBaseExtension;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.PrimitiveType;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One Bundle entry judged on its own (issue 13: a transaction is not all-or-nothing), by the health feed
 * and by the FHIR server's answer alike: its request method, and its values not of their datatype.
 *
 * <p>Values in a parsed FHIR resource that are not of their element's datatype ({@code "birthDate": "not-a-date"},
 * {@code "active": "maybe"}, an unknown code): HAPI's parser, told by {@link #TOLERATED} not to throw, keeps
 * the text as sent and no value, which is how they are found again. One entry's bad value is that entry's fault,
 * not the whole Bundle's (issue 13): the health feed rejects the records it touches and the FHIR server answers
 * the entry with its own OperationOutcome. A date-shaped text in a date element ({@code 2013-13-40}) is not
 * counted: the hub's own date rules judge it and name it (issue 12).
 */
public final class FhirEntries {

    /**
     * A parser error handler that lets a value of the wrong datatype through (to be found by {@link #in}),
     * as HAPI's {@code LenientErrorHandler} with {@code errorOnInvalidValue=false} does, but without its log
     * lines, which quote the value (a child's name or number may be in it).
     */
    public static final IParserErrorHandler TOLERATED = new ErrorHandlerAdapter();

    private FhirEntries() {
    }

    /** One value not of its datatype: where (FHIR element path from {@code rootName}) and the element holding it. */
    public record Unreadable(String element, String datatype, PrimitiveType<?> holder) {
        /** Drops the text as sent, so the resource can be encoded again (HAPI's encoder fails on it). */
        public void forget() {
            holder.setValueAsString(null);
        }
    }

    /**
     * The unreadable values under {@code root} (a resource, or a Bundle entry's {@code request}), in document
     * order, named from {@code rootName} ({@code Patient.birthDate}, {@code Bundle.entry.request.method}). A
     * Bundle's entries are not entered: each entry is judged on its own.
     */
    public static List<Unreadable> in(FhirContext fhir, IBase root, String rootName) {
        List<Unreadable> found = new ArrayList<>();
        fhir.newTerser().visit(root, new IModelVisitor2() {
            @Override
            public boolean acceptElement(IBase element, List<IBase> containing, List<BaseRuntimeChildDefinition> children,
                                         List<BaseRuntimeElementDefinition<?>> definitions) {
                if (element instanceof Bundle.BundleEntryComponent && element != root) {
                    return false;
                }
                if (element instanceof PrimitiveType<?> value && value.getValue() == null && value.getValueAsString() != null
                        && !(value instanceof BaseDateTimeType && dateShaped(value.getValueAsString()))) {
                    StringBuilder path = new StringBuilder(rootName);
                    children.forEach(child -> path.append('.').append(child.getElementName()));
                    found.add(new Unreadable(path.toString(), value.fhirType(), value));
                }
                return true;
            }

            @Override
            @SuppressWarnings("removal")
            public boolean acceptUndeclaredExtension(IBaseExtension<?, ?> extension, List<IBase> containing,
                                                     List<BaseRuntimeChildDefinition> children,
                                                     List<BaseRuntimeElementDefinition<?>> definitions) {
                return true;
            }
        });
        return found;
    }

    /** True for text shaped like a FHIR date ({@code 2013}, {@code 2013-13-40}), which the hub's date rules judge. */
    public static boolean dateShaped(String value) {
        return value.matches("-?\\d{1,4}(-\\d{1,2}(-\\d{1,2}.*)?)?");
    }

    /** The methods a Bundle entry may carry: the hub takes records (creates and updates), nothing else. */
    public static final Set<Bundle.HTTPVerb> METHODS = Set.of(Bundle.HTTPVerb.POST, Bundle.HTTPVerb.PUT);
    /** The resource types the health feed takes: the child, and its records (docs/feeds/health-fhir-mapping.md). */
    public static final String TYPES_TAKEN = "Patient (the child), and as records ServiceRequest (safeguarding referral), "
            + "Encounter (class EMER: an emergency attendance), Procedure (initial health assessment, dental check) and "
            + "Flag (exploitation risk)";

    /** True unless the entry asks for something other than a create or update ({@code request.method} DELETE, GET, ...). */
    public static boolean takes(Bundle.BundleEntryComponent entry) {
        Bundle.HTTPVerb method = entry.getRequest().getMethod(); // null for a code that is no HTTP verb
        return !entry.getRequest().hasMethod() || method != null && METHODS.contains(method);
    }

    /** Why the hub does not take {@code entry}'s request method, in the sender's terms. */
    public static String refusedMethod(Bundle.BundleEntryComponent entry) {
        return "Bundle.entry.request.method " + (entry.getRequest().getMethod() == null ? "(not an HTTP method)"
                : entry.getRequest().getMethod().toCode()) + " is not taken: the hub accepts "
                + "only POST or PUT (a record to store) of " + TYPES_TAKEN + "; nothing was done with this entry";
    }
}
