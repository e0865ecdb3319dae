package org.safeguarding.hub.health;

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

/**
 * Values in a parsed FHIR resource that are not of their element's datatype ({@code "birthDate": "not-a-date"},
 * {@code "active": "maybe"}, an unknown code): HAPI's parser, told by {@link #TOLERATED} not to throw, keeps
 * the text as sent and no value, which is how they are found again. One entry's bad value is that entry's fault,
 * not the whole Bundle's (issue 13): the health feed rejects the records it touches and the FHIR server answers
 * the entry with its own OperationOutcome. A date-shaped text in a date element ({@code 2013-13-40}) is not
 * counted: the hub's own date rules judge it and name it (issue 12).
 */
public final class UnreadableValues {

    /**
     * A parser error handler that lets a value of the wrong datatype through (to be found by {@link #in}),
     * as HAPI's {@code LenientErrorHandler} with {@code errorOnInvalidValue=false} does, but without its log
     * lines, which quote the value (a child's name or number may be in it).
     */
    public static final IParserErrorHandler TOLERATED = new ErrorHandlerAdapter();

    private UnreadableValues() {
    }

    /** One value not of its datatype: where (FHIR element path from {@code rootName}) and the element holding it. */
    public record Unreadable(String element, String datatype, PrimitiveType<?> holder) {
        /** Drops the text as sent, so the resource can be encoded again (HAPI's encoder fails on it). */
        void forget() {
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
                        && !(value instanceof BaseDateTimeType && HealthBundleFeed.dateShaped(value.getValueAsString()))) {
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
}
