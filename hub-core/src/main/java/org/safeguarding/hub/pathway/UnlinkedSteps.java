package org.safeguarding.hub.pathway;

import org.safeguarding.hub.audit.AuditTrail;
import org.safeguarding.hub.action.Actor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * The MASH's review list of pathway steps that should follow another and do not (the
 * {@code pathway_unlinked} view, docs/pathway.md "Unlinkable steps are listed, never dropped").
 * Child-level: the read is audited, in the same transaction.
 */
public final class UnlinkedSteps {

    /**
     * One missing link.
     *
     * @param stepType  the step, named as in pathway.yml (e.g. {@code icpc}, {@code return-interview})
     * @param stepId    the hub's id of the step's row
     * @param day       the local (Europe/London) day the step counts on
     * @param lacks     what it should follow (e.g. {@code section-47}, {@code missing-episode})
     * @param reference the reference its partner sent, as sent; null when none was sent
     */
    public record UnlinkedStep(String stepType, UUID stepId, UUID childId, String partnershipId, LocalDate day,
                               String lacks, String reference) {
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final AuditTrail audit;

    public UnlinkedSteps(JdbcClient jdbc, TransactionTemplate tx, AuditTrail audit) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.audit = audit;
    }

    /** The partnership's unlinked steps, newest day first, at most {@code limit}. */
    public List<UnlinkedStep> list(Actor actor, String partnershipId, int limit) {
        return tx.execute(status -> {
            audit.append(actor.audit("pathway-unlinked.read", "partnership", partnershipId));
            return jdbc.sql("""
                    SELECT step_type, step_id, child_id, partnership_id, day, lacks, reference FROM pathway_unlinked
                    WHERE partnership_id = :partnership ORDER BY day DESC, step_type, step_id, lacks LIMIT :limit""")
                    .param("partnership", partnershipId).param("limit", limit)
                    .query((rs, n) -> new UnlinkedStep(rs.getString(1), rs.getObject(2, UUID.class), rs.getObject(3, UUID.class),
                            rs.getString(4), rs.getObject(5, LocalDate.class), rs.getString(6), rs.getString(7)))
                    .list();
        });
    }
}
