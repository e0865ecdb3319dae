package org.safeguarding.hub.flags;

import org.safeguarding.hub.audit.AuditEntry;
import org.safeguarding.hub.audit.AuditTrail;
import org.safeguarding.hub.child.IdentifierKind;
import org.safeguarding.hub.partner.Agency;
import org.safeguarding.hub.partner.AgencyKind;
import org.safeguarding.hub.partner.PartnerRegistry;
import org.safeguarding.hub.partner.SharedPurpose;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * A health partner's question "is this child flagged?" (issue 15, like NHS England's CP-IS): the
 * child protection plans and periods in care in force today (local day) for the child holding a
 * given NHS number, each with its start date and owning council. Only a health agency's system (role
 * {@code partner-system}), under an agreement in force naming {@code shares: [direct-care]}
 * (partners.yml), may ask; a refusal is audited ({@code flag-query-refused}) and thrown as
 * {@link FlagRefusal}. A query the caller got wrong (an identifier that is no NHS number, say) is
 * audited as {@code flag-query-refused-malformed} by {@link #malformed}. Every answered query is
 * audited ({@code flag-query}, purpose {@code direct-care}, the asking system and practitioner, the
 * children matched) and, when flags are found, the owning councils are told the child was seen
 * ({@link ChildSeenNotices}), all in one transaction. Refusals' audit outcome is a failure
 * (audit.AuditOutcome).
 */
public final class FlagQueries {

    /** The audit trail's actions. */
    public static final String QUERY = "flag-query";
    public static final String REFUSED = "flag-query-refused";
    public static final String MALFORMED = "flag-query-refused-malformed";
    public static final String READ = "flag-read";
    public static final String UNKNOWN = "flag-read-refused-unknown-id";
    /** The one role that may ask (a partner's system, not a member of staff). */
    static final String ROLE = "partner-system";

    private final CurrentFlags flags;
    private final ChildSeenNotices notices;
    private final PartnerRegistry registry;
    private final AuditTrail audit;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final ZoneId zone;

    public FlagQueries(CurrentFlags flags, ChildSeenNotices notices, PartnerRegistry registry, AuditTrail audit,
                       TransactionTemplate tx, Clock clock, ZoneId zone) {
        this.flags = flags;
        this.notices = notices;
        this.registry = registry;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
        this.zone = zone;
    }

    /**
     * The flags in force today for {@code nhsNumber} (ten digits with a valid check digit; the caller
     * checks it). Empty for an unknown number, a placeholder number (never a linking key), or a child
     * with nothing current: "no flag known". {@code current} false (a search for inactive flags) finds
     * nothing and tells no council: the hub shares flags in force only (issue 15), though it is audited
     * as a query all the same.
     *
     * @throws FlagRefusal when {@code asker} may not ask (already audited)
     */
    public List<ProtectionFlag> ask(FlagAsker asker, String nhsNumber, boolean current) {
        admit(asker);
        Instant now = clock.instant();
        LocalDate today = now.atZone(zone).toLocalDate();
        return tx.execute(status -> {
            List<ProtectionFlag> found = !current || IdentifierKind.NHS_NUMBER.isPlaceholder(nhsNumber) ? List.of()
                    : flags.byNhsNumber(nhsNumber, today, today);
            String children = found.stream().map(f -> f.childId().toString()).distinct().collect(Collectors.joining(","));
            audit.append(entry(asker, QUERY, children.isEmpty() ? null : children));
            notices.seen(found, asker.agencyId(), now, nhsNumber, "flag-query");
            return found;
        });
    }

    /**
     * The flag with the hub's id {@code id}, under the search's rules ({@link CurrentFlags#byId}: in force
     * today, shared, its child known by a verified NHS number); audited as {@link #READ} naming the child,
     * or as {@link #UNKNOWN} when there is none (the caller answers 404). A read tells no council: the
     * search that found the id did.
     *
     * @throws FlagRefusal when {@code asker} may not ask (already audited)
     */
    public Optional<CurrentFlags.Held> read(FlagAsker asker, UUID id) {
        admit(asker);
        LocalDate today = clock.instant().atZone(zone).toLocalDate();
        return tx.execute(status -> {
            Optional<CurrentFlags.Held> held = id == null ? Optional.empty() : flags.byId(id, today);
            audit.append(held.map(h -> entry(asker, READ, h.flag().childId().toString()))
                    .orElseGet(() -> entry(asker, UNKNOWN, null)));
            return held;
        });
    }

    /**
     * Nothing when {@code asker} may ask today.
     *
     * @throws FlagRefusal saying why not (already audited, {@link #REFUSED})
     */
    public void admit(FlagAsker asker) {
        Optional<String> refusal = refusal(asker, clock.instant().atZone(zone).toLocalDate());
        if (refusal.isPresent()) {
            tx.executeWithoutResult(status -> audit.append(entry(asker, REFUSED, null)));
            throw new FlagRefusal(refusal.get());
        }
    }

    /** Audits a query refused because the caller got it wrong (the caller answers 400). */
    public void malformed(FlagAsker asker) {
        tx.executeWithoutResult(status -> audit.append(entry(asker, MALFORMED, null)));
    }

    /** Why {@code asker} may not ask on {@code today}, or empty when it may. */
    Optional<String> refusal(FlagAsker asker, LocalDate today) {
        if (!ROLE.equals(asker.role())) {
            return Optional.of("Child protection flags are for a health partner's system (role " + ROLE
                    + "); your role is " + asker.role() + ".");
        }
        String agencyId = asker.agencyId();
        Optional<Agency> agency = agencyId == null ? Optional.empty() : registry.agency(agencyId);
        if (agency.isEmpty()) {
            return Optional.of("The calling system is not registered to any agency in partners.yml.");
        }
        if (agency.get().kind() != AgencyKind.HEALTH) {
            return Optional.of("Child protection flags are shared with health agencies for direct care only; "
                    + agencyId + " is a " + agency.get().kind().code() + " agency.");
        }
        if (registry.agreementFor(agencyId, SharedPurpose.DIRECT_CARE, today).isEmpty()) {
            return Optional.of("No information-sharing agreement in force on " + today + " names shares: ["
                    + SharedPurpose.DIRECT_CARE.code() + "] for agency " + agencyId + " (partners.yml).");
        }
        return Optional.empty();
    }

    private static AuditEntry entry(FlagAsker asker, String action, String children) {
        return new AuditEntry(asker.actor(), asker.agencyId(), asker.role(), SharedPurpose.DIRECT_CARE.code(), action,
                "child", children, asker.clientAddress());
    }
}
