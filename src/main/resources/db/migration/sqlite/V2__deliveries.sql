-- Callbacks and export webhooks: each message a delivery, each try an attempt (SPEC §6.3, §6.4).
-- jobs.notified: the job's finishing messages were stored (a restart sends those of jobs that finished unnoticed).

alter table jobs add column notified integer not null default 0;
update jobs set notified = 1 where status in ('done', 'failed', 'cancelled');
create index jobs_to_notify on jobs (seq) where notified = 0;

create table deliveries (
    id           integer primary key autoincrement,
    job_id       text not null,
    kind         text not null,
    event        text not null,
    url          text not null,
    content_type text not null,
    body         text not null,
    status       text not null,
    created_at   text not null,
    updated_at   text not null
);
create index deliveries_job on deliveries (job_id, id);
create index deliveries_pending on deliveries (status) where status = 'pending';

create table delivery_attempts (
    delivery_id integer not null references deliveries (id) on delete cascade,
    number      integer not null,
    at          text not null,
    status_code integer,
    error       text,
    millis      integer not null,
    primary key (delivery_id, number)
);

-- The deliveries' own db-scheduler table (their scheduler has its own threads: never queued behind renders).
create table delivery_tasks (
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
create index delivery_tasks_execution_time on delivery_tasks (execution_time);
create index delivery_tasks_last_heartbeat on delivery_tasks (last_heartbeat);
create index delivery_tasks_priority_execution_time on delivery_tasks (priority desc, execution_time asc);
