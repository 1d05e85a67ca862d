-- A named gate's backlog alert block (canonical JSON, NULL: none), and its threshold on its own so the alerter's one
-- query per pass finds the gates that alert, and the run past the threshold, without parsing JSON.
ALTER TABLE gates ADD COLUMN alert_json TEXT NULL;
ALTER TABLE gates ADD COLUMN alert_backlog_above INTEGER NULL;
