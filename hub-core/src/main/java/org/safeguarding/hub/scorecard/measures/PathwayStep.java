package org.safeguarding.hub.scorecard.measures;

/**
 * A step of the child's pathway counted on the local day it happened, once each (docs/pathway.md
 * "Counted once"): the SQL gives one row, column {@code day}, per counted step of {@code :partnership}.
 * The seed's table of 2021-22 counts these four (004:L1769-L1771).
 */
enum PathwayStep {

    /** Referrals to children's social care, from {@code counted_referral} (V44): not withdrawn, not a confirming copy. */
    REFERRAL("SELECT referred_day AS day FROM counted_referral WHERE partnership_id = :partnership"),
    /** Section 47 enquiries, on the day started. */
    SECTION_47("SELECT started_on AS day FROM section47_enquiry WHERE partnership_id = :partnership AND superseded_by IS NULL"),
    /** Initial child protection conferences, on the day held. */
    ICPC("SELECT held_on AS day FROM icpc WHERE partnership_id = :partnership AND superseded_by IS NULL"),
    /** Child protection plans, on the day started. */
    CP_PLAN("SELECT started_on AS day FROM child_protection_plan WHERE partnership_id = :partnership AND superseded_by IS NULL");

    private final String days;

    PathwayStep(String days) {
        this.days = days;
    }

    /** One row per counted step: {@code day date}. */
    String days() {
        return days;
    }

    /** The step's days as computation rows counting {@code num} and {@code den} each (1 or 0), no drill-downs. */
    String rows(int num, int den) {
        return """
                SELECT day, %d AS num, %d AS den, NULL::text AS agency, NULL::text AS team, NULL::text AS category
                FROM (%s) steps
                """.formatted(num, den, days);
    }
}
