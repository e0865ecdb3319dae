-- The operator's metrics count the outbox messages not yet delivered, by status, every few seconds
-- (routes metrics.HubGauges): a partial index over the few undelivered rows keeps that count from
-- reading the ever-growing delivered ones.
CREATE INDEX outbox_undelivered ON outbox (status, destination_agency_id) WHERE status <> 'delivered';
