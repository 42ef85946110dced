-- One site's report reads that site's rows only: the rollups' keys lead with the day, so without these a site's year
-- read every site's rows of the year.
CREATE INDEX served_daily_by_site ON served_daily (site_id, day);
CREATE INDEX rating_daily_officer_by_site ON rating_daily_officer (site_id, day);
CREATE INDEX rating_daily_counter_by_site ON rating_daily_counter (site_id, day);
CREATE INDEX rating_daily_procedure_by_site ON rating_daily_procedure (site_id, day);

-- The integrity flags read the period's ratings and services by time, and the calls and services of the rated
-- tickets by ticket, instead of every such event ever stored. (type, at) answers what (type) alone did.
DROP INDEX events_type;
CREATE INDEX events_type_at ON events (type, at);
CREATE INDEX events_ticket ON events (site_id, (data ->> 'ticketId')) WHERE type IN ('ticket.called', 'ticket.served');
