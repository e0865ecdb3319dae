package org.safeguarding.hub.flags;

import org.safeguarding.hub.child.IdentifierKind;
import org.safeguarding.hub.partner.Agency;
import org.safeguarding.hub.partner.AgencyKind;
import org.safeguarding.hub.partner.PartnerRegistry;
import org.safeguarding.hub.partner.SharedPurpose;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The child protection plans and periods in care in force on a day, from the social-care feed's
 * current rows (not superseded). In force on {@code day}: started on or before it and not ended before
 * it ({@code ended_on} is the last day, so a plan that ended yesterday is not current; one ending today
 * still is). Only a council's own records, and only while an agreement in force names
 * {@code shares: [direct-care]} for that council (partners.yml); the rest are never shown.
 */
public final class CurrentFlags {

    private static final String FLAGS = """
            SELECT f.kind, f.id, f.started_on, f.partnership_id, f.child_id, f.source_agency_id, f.partner_record_id
            FROM (SELECT 'child-protection-plan' AS kind, id, started_on, ended_on, partnership_id, child_id,
                         source_agency_id, partner_record_id, superseded_by FROM child_protection_plan
                  UNION ALL
                  SELECT 'looked-after', id, started_on, ended_on, partnership_id, child_id,
                         source_agency_id, partner_record_id, superseded_by FROM period_in_care) f
            WHERE f.superseded_by IS NULL AND f.started_on <= :day AND (f.ended_on IS NULL OR f.ended_on >= :day)
              AND %s
            ORDER BY f.started_on, f.kind, f.id""";

    /**
     * The NHS numbers of a flag row {@code f}'s child that are verified for it (see {@link #byNhsNumber}):
     * given by the owning council itself, or with the record that made the child known to the hub.
     */
    private static final String VERIFIED_NHS_NUMBERS = """
            SELECT i.value FROM child_identifier i JOIN child c ON c.id = i.child_id
            WHERE i.kind = 'nhs-number' AND i.child_id = f.child_id AND i.partnership_id = f.partnership_id
              AND (i.source_agency_id = f.source_agency_id
                   OR (i.source_message_id = c.source_message_id AND i.source_position = c.source_position))""";

    private final JdbcClient jdbc;
    private final PartnerRegistry registry;

    public CurrentFlags(JdbcClient jdbc, PartnerRegistry registry) {
        this.jdbc = jdbc;
        this.registry = registry;
    }

    /**
     * The flags of every child who holds {@code nhsNumber} (ten digits, check digit valid) as a
     * <em>verified</em> identifier, in any partnership, in force on {@code day}. Verified: the owning
     * council itself gave the hub that NHS number, or it came with the record that made the child known
     * to the hub. An NHS number attached later by another agency's record, whose link to the child may
     * rest on names, birth date and postcode alone, is not: the hub never answers with a guess, and a
     * child known only by demographics has no flag here.
     */
    public List<ProtectionFlag> byNhsNumber(String nhsNumber, LocalDate day, LocalDate today) {
        return jdbc.sql(FLAGS.formatted("EXISTS (" + VERIFIED_NHS_NUMBERS + " AND i.value = :nhs)"))
                .param("day", day).param("nhs", nhsNumber).query(this::row).list()
                .stream().flatMap(Optional::stream).filter(f -> shared(f, today)).toList();
    }

    /** A flag read by its id, with the NHS number its subject is known by (a verified one, never a placeholder). */
    public record Held(ProtectionFlag flag, String nhsNumber) {
    }

    /**
     * The flag whose id is {@code id} (the hub's row of the plan or period in care), when it is one
     * {@link #byNhsNumber} would find today for one of its child's verified NHS numbers (the lowest,
     * if the child has two); empty for any other id, an ended or superseded record, one of a council
     * without a direct-care agreement in force, or a child known by no verified NHS number.
     */
    public Optional<Held> byId(UUID id, LocalDate today) {
        return jdbc.sql(FLAGS.formatted("f.id = :id"))
                .param("day", today).param("id", id).query(this::row).list()
                .stream().flatMap(Optional::stream).filter(f -> shared(f, today)).findFirst()
                .flatMap(flag -> jdbc.sql("SELECT i.value FROM (SELECT CAST(:child AS uuid) AS child_id, "
                                + "CAST(:partnership AS text) AS partnership_id, CAST(:source AS text) AS source_agency_id) f "
                                + "CROSS JOIN LATERAL (" + VERIFIED_NHS_NUMBERS + ") i ORDER BY i.value")
                        .param("child", flag.childId()).param("partnership", flag.partnershipId())
                        .param("source", flag.council().id()).query(String.class).list().stream()
                        .filter(nhs -> !IdentifierKind.NHS_NUMBER.isPlaceholder(nhs)).findFirst()
                        .map(nhs -> new Held(flag, nhs)));
    }

    /** A row as a flag; empty when its source is not a council (only a council's records are flags). */
    private Optional<ProtectionFlag> row(ResultSet rs, int n) throws SQLException {
        UUID id = rs.getObject("id", UUID.class);
        FlagKind kind = FlagKind.fromCode(rs.getString("kind")).orElseThrow();
        LocalDate startedOn = rs.getObject("started_on", LocalDate.class);
        String partnership = rs.getString("partnership_id");
        UUID child = rs.getObject("child_id", UUID.class);
        String record = rs.getString("partner_record_id");
        return registry.agency(rs.getString("source_agency_id")).filter(a -> a.kind() == AgencyKind.SOCIAL_CARE)
                .map(council -> new ProtectionFlag(id, kind, startedOn, council, partnership, child, record));
    }

    private boolean shared(ProtectionFlag flag, LocalDate today) {
        return registry.agreementFor(flag.council().id(), SharedPurpose.DIRECT_CARE, today).isPresent();
    }
}
