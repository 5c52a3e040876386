-- A job's parts: its scenes and its sound, each rendered by a task of its own (SPEC §5). The part's state says
-- whether it waits for a worker slot (queued), has a task (dispatched) or is finished (done); cached says its
-- clip came from the scene cache.
create table job_parts (
    job_id  text not null,
    part    integer not null, -- the scene's index; -1 is the movie's sound
    state   text not null,
    cached  integer not null default 0,
    primary key (job_id, part)
);

-- The scene tasks' own db-scheduler table: their scheduler has as many threads as scenes may render at once,
-- apart from the threads that plan and assemble jobs.
create table scene_tasks (
    task_name            text not null,
    task_instance        text not null,
    task_data            bytea,
    execution_time       timestamp with time zone not null,
    picked               boolean not null,
    picked_by            text,
    last_success         timestamp with time zone,
    last_failure         timestamp with time zone,
    consecutive_failures int,
    last_heartbeat       timestamp with time zone,
    version              bigint not null,
    priority             smallint,
    primary key (task_name, task_instance)
);
create index scene_tasks_execution_time on scene_tasks (execution_time);
create index scene_tasks_last_heartbeat on scene_tasks (last_heartbeat);
create index scene_tasks_priority_execution_time on scene_tasks (priority desc, execution_time asc);
