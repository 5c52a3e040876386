-- A finished job whose movie has captions keeps them beside the movie (outputs/{jobId}/captions.ass).
alter table jobs add column has_captions integer not null default 0;
