-- Business scenarios and every version of their inferred (or admin-edited) topology. Versions are never deleted:
-- a newer one supersedes the published one, so the history says who published what and when.

CREATE TABLE scenarios (
    code              text        PRIMARY KEY,
    display_name      text        NULL,
    description       text        NULL,
    first_seen        timestamptz NOT NULL,
    last_seen         timestamptz NOT NULL,
    last_inferred_at  timestamptz NULL,
    last_decision     text        NULL,
    updated_by        text        NULL,
    updated_at        timestamptz NULL
);

CREATE TABLE topology_versions (
    id           bigserial        PRIMARY KEY,
    scenario     text             NOT NULL REFERENCES scenarios (code),
    version      integer          NOT NULL,
    status       text             NOT NULL CHECK (status IN ('Published', 'Pending', 'Rejected', 'Superseded')),
    origin       text             NOT NULL CHECK (origin IN ('Inferred', 'Edited')),
    topology     jsonb            NOT NULL,
    diff         jsonb            NULL,
    -- A few trace ids behind each edge, so an admin can open the calls that support it.
    examples     jsonb            NOT NULL DEFAULT '[]',
    confidence   double precision NOT NULL,
    trace_count  integer          NOT NULL,
    explanation  text             NOT NULL,
    based_on     bigint           NULL REFERENCES topology_versions (id),
    created_at   timestamptz      NOT NULL DEFAULT now(),
    created_by   text             NOT NULL,
    decided_by   text             NULL,
    decided_at   timestamptz      NULL,
    note         text             NULL,
    UNIQUE (scenario, version)
);

-- At most one published version per scenario, enforced by the store rather than by every writer's care.
CREATE UNIQUE INDEX topology_versions_published ON topology_versions (scenario) WHERE status = 'Published';
CREATE INDEX topology_versions_pending ON topology_versions (created_at) WHERE status = 'Pending';
