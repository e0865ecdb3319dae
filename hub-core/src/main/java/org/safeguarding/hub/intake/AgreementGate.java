package org.safeguarding.hub.intake;

import org.safeguarding.hub.partner.Feed;
import org.safeguarding.hub.partner.PartnerRegistry;
import org.safeguarding.hub.partner.SharingAgreement;

import java.time.LocalDate;

/**
 * The one place intake checks the information-sharing agreement: an agency may send a feed only
 * while an agreement covering it is in force ("Information sharing agreements", 004:L1020).
 */
public final class AgreementGate {

    /** A submission no agreement covers; the message says which agreement is missing. */
    public static final class NoAgreement extends RuntimeException {
        public NoAgreement(String message) {
            super(message);
        }
    }

    private final PartnerRegistry registry;

    public AgreementGate(PartnerRegistry registry) {
        this.registry = registry;
    }

    public SharingAgreement require(String agencyId, Feed feed, LocalDate today) {
        if (agencyId == null || registry.agency(agencyId).isEmpty()) {
            throw new NoAgreement("The calling system is not registered to any agency in partners.yml, so no "
                    + "information-sharing agreement covers it.");
        }
        return registry.agreementFor(agencyId, feed, today).orElseThrow(() -> new NoAgreement(
                "No information-sharing agreement in force on " + today + " lets agency " + agencyId
                        + " send the " + feed.code() + " feed (partners.yml, agreements: agency " + agencyId
                        + ", feeds including " + feed.code() + ")."));
    }
}
