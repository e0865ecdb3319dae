package org.safeguarding.hub.security;

import java.io.IOException;

/** A request body without a declared length grew past the hub's limit while being read (413). */
public class RequestTooLarge extends IOException {

    public RequestTooLarge(long limit) {
        super("The request body is larger than the hub accepts (" + limit + " bytes).");
    }
}
