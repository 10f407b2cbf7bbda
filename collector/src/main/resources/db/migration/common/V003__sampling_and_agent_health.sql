-- mltrace collector schema, version 3: what event format 3 adds (sampling and agent health).
-- Runs unchanged on H2 2.x and PostgreSQL 15. Each statement can run again after an interruption
-- (IF NOT EXISTS), because H2 commits DDL statement by statement. Shipped migrations are never
-- edited: add V004__...

-- Calls of the run's component that its agent left unrecorded (YAML sample:, or the circuit breaker)
-- since its previous event that carried such a count: the component's calls are its runs plus the
-- sum of these, plus agent_unrecorded below.
ALTER TABLE component_runs ADD COLUMN IF NOT EXISTS unrecorded_before BIGINT DEFAULT 0 NOT NULL;

-- Failures inside an agent by kind (encoder_failed, append_failed, ...: see docs/event-format.md),
-- totals since the agent started, from its latest stats event.
CREATE TABLE IF NOT EXISTS agent_health (
    agent_id VARCHAR NOT NULL,
    kind     VARCHAR NOT NULL,
    count    BIGINT NOT NULL,
    PRIMARY KEY (agent_id, kind)
);

-- Unrecorded calls per agent and component that no run event carried (reported in stats events as
-- increments, summed here).
CREATE TABLE IF NOT EXISTS agent_unrecorded (
    agent_id  VARCHAR NOT NULL,
    component VARCHAR NOT NULL,
    count     BIGINT NOT NULL,
    PRIMARY KEY (agent_id, component)
);
