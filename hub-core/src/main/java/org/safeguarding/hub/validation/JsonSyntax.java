package org.safeguarding.hub.validation;

import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.exc.UnexpectedEndOfInputException;

/**
 * What is wrong with a body the JSON parser refused, in words a partner's developer can act on: where
 * it broke (line and column, counted from 1) and how, never the parser's own message, which quotes
 * its internals ("expected close marker for Object (start marker at [Source: (byte[])...") and,
 * for a long line, part of the body.
 */
public final class JsonSyntax {

    private JsonSyntax() {
    }

    /** A sentence fragment such as "it ends before the JSON is complete (line 3, column 14)". */
    public static String describe(JacksonException e) {
        String where = where(e.getLocation());
        if (e instanceof UnexpectedEndOfInputException) {
            return "it ends before the JSON is complete" + where;
        }
        if (e instanceof StreamConstraintsException) {
            return "it goes beyond the hub's limits (nesting, number or text length)" + where;
        }
        return "it has something other than JSON syntax allows" + where;
    }

    private static String where(TokenStreamLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return " (line " + location.getLineNr() + (location.getColumnNr() > 0 ? ", column " + location.getColumnNr() : "") + ")";
    }
}
