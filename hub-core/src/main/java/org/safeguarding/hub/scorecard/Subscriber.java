package org.safeguarding.hub.scorecard;

import java.util.List;

/**
 * Someone a closed period is published to, e.g. the partnership's BI endpoint. The message goes to
 * the outbox addressed to {@code agency}; its endpoint is configured with the outbox delivery route.
 *
 * @param formats fhir (a Bundle of Measure and MeasureReport resources) and/or csv
 */
public record Subscriber(String id, String partnership, String agency, List<String> formats) {
    public Subscriber {
        formats = formats == null ? List.of() : List.copyOf(formats);
    }
}
