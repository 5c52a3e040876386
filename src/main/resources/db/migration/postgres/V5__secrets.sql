-- The secrets every process of a cluster must share (the key that signs file URLs, the one that signs callbacks),
-- made by whichever process starts first. The embedded server keeps its own in files in its data directory.
create table secrets (name text primary key, value text not null);
