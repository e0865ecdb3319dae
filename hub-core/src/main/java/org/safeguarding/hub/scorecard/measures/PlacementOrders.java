package org.safeguarding.hub.scorecard.measures;

import org.safeguarding.hub.scorecard.EventComputation;
import org.safeguarding.hub.scorecard.MeasureDefinition;

/**
 * Periods in care that started under a placement order; with unit rate-per-10000 this reproduces
 * 004:L410. Councils send the DfE children-looked-after legal status code, {@code E1} "placement
 * order granted" (the social-care feed's example sends codes, e.g. {@code C2}); {@code placement-order}
 * spelt out is counted too.
 */
public final class PlacementOrders implements EventComputation {

    @Override
    public String name() {
        return "placement-orders";
    }

    @Override
    public String sql(MeasureDefinition measure) {
        return """
                SELECT p.started_on AS day, 1 AS num, 0 AS den,
                       NULL::text AS agency, NULL::text AS team, NULL::text AS category
                FROM period_in_care p
                WHERE p.partnership_id = :partnership AND p.superseded_by IS NULL AND p.legal_status IN ('E1', 'placement-order')
                """;
    }
}
