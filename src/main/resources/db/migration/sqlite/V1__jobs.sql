-- Jobs, API keys and db-scheduler's task table (its SQLite layout).
-- Times are ISO-8601 UTC strings (sortable); structured job fields are JSON text.

create table api_keys (
    id          text primary key,
    hash        text not null unique,
    label       text not null default '',
    created_at  text not null,
    revoked_at  text
);

create table jobs (
    seq          integer primary key autoincrement,
    id           text not null unique,
    project      text not null unique,
    api_key_id   text,
    status       text not null,
    phase        text,
    progress     real not null default 0,
    request      text not null,
    callback_url text,
    error        text,
    media        text,
    children     text,
    cache        text,
    warnings     text,
    has_output   integer not null default 0,
    attempts     integer not null default 0,
    created_at   text not null,
    updated_at   text not null,
    started_at   text,
    ended_at     text
);
create index jobs_key_status on jobs (api_key_id, status);

create table scheduled_tasks (
    task_name            varchar(100),
    task_instance        varchar(100),
    task_data            blob,
    execution_time       timestamp,
    picked               bit,
    picked_by            varchar(50),
    last_success         timestamp,
    last_failure         timestamp,
    consecutive_failures int,
    last_heartbeat       timestamp,
    version              bigint,
    priority             smallint,
    primary key (task_name, task_instance)
);
create index execution_time_idx on scheduled_tasks (execution_time);
create index last_heartbeat_idx on scheduled_tasks (last_heartbeat);
create index priority_execution_time_idx on scheduled_tasks (priority desc, execution_time asc);
