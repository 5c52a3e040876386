package dev.moviola.cache;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one store behind the three caches (docs/format.md#caching): entries of a few files plus JSON metadata, in a directory,
 * addressed by a namespace ({@code scene}) and a content fingerprint.
 *
 * <ul>
 *   <li><b>Atomic:</b> an entry is assembled in {@code tmp/}, its manifest (size and SHA-256 of each file, the
 *       metadata) written last, and the directory renamed into place: a crash leaves either the whole entry or
 *       none. Leftovers in {@code tmp/} are removed once they are an hour old.</li>
 *   <li><b>Verified:</b> every read checks each file's size and checksum against the manifest; a damaged entry is
 *       deleted and reads as a miss, never as a result.</li>
 *   <li><b>Bounded:</b> after each write, when the entries exceed the bound, the least recently used (by the
 *       manifest's modification time, touched on every read) are deleted down to 90 % of it.</li>
 *   <li><b>Single-flight:</b> {@link #obtain} makes concurrent callers in this process that need the same
 *       missing entry share one production.</li>
 *   <li><b>Shared (optional):</b> with a {@link SharedTier} behind it (a cluster's bucket), a local miss looks
 *       there and, when the whole entry is there, downloads, verifies and commits it locally: it is then a hit
 *       like any other. Every put is uploaded to the tier, manifest last, so a scene rendered on one machine is
 *       a hit on the others. Eviction and {@link #clear} are local only: nothing here deletes from the tier.</li>
 * </ul>
 * Files handed to callers are hard links (or copies, across file systems) in the caller's own directory, so an
 * eviction or replacement running meanwhile never pulls a file from under a render. Thread-safe.
 */
public final class CacheStore {
    private static final Logger LOG = LoggerFactory.getLogger(CacheStore.class);
    private static final Pattern NAMESPACE = Pattern.compile("[a-z][a-z0-9-]{0,31}");
    private static final Pattern KEY = Pattern.compile("[0-9a-f]{16,128}");
    static final Duration STALE = Duration.ofHours(1);

    /** Runs between writing an entry and committing it: lets tests fail or kill a write at its worst moment. */
    interface CommitHook {
        CommitHook NONE = staged -> {
        };

        void beforeCommit(Path staged) throws IOException;
    }

    /** Produces an entry when the cache cannot supply it. */
    @FunctionalInterface
    public interface Producer<X extends Exception> {
        /**
         * @param cached the cached entry, verified and already in the caller's directory; empty when there is
         *               none or it was not looked up
         * @return the new entry, or empty to use {@code cached}
         */
        Optional<Fresh> make(Optional<CacheEntry> cached) throws X, InterruptedException;
    }

    /** An entry and whether it came from the cache ({@code hit}) rather than from this caller's producer. */
    public record Obtained(CacheEntry entry, boolean hit) {
    }

    private final Path root;
    private final long maxBytes;
    private final CommitHook hook;
    /** The tier behind this one, or null. */
    private final SharedTier shared;
    private final EntryFiles files = new EntryFiles();
    /** Productions under way in this process, by namespace/key; true once the entry was made afresh. */
    private final Map<String, CompletableFuture<Boolean>> flights = new ConcurrentHashMap<>();
    /** Bytes in the store as last counted plus what this process added since; -1 until first counted. Guarded by this. */
    private long bytes = -1;

    /**
     * @param root     the store's directory (created on first write)
     * @param maxBytes the bound; entries beyond it are evicted, least recently used first
     */
    public CacheStore(Path root, long maxBytes) {
        this(root, maxBytes, CommitHook.NONE, null);
    }

    /**
     * A local store in front of a shared tier (a cluster's bucket).
     *
     * @param shared where entries are also kept for other machines, and looked for on a local miss
     */
    public CacheStore(Path root, long maxBytes, SharedTier shared) {
        this(root, maxBytes, CommitHook.NONE, java.util.Objects.requireNonNull(shared));
    }

    CacheStore(Path root, long maxBytes, CommitHook hook) {
        this(root, maxBytes, hook, null);
    }

    CacheStore(Path root, long maxBytes, CommitHook hook, SharedTier shared) {
        this.root = root.toAbsolutePath();
        this.maxBytes = maxBytes;
        this.hook = hook;
        this.shared = shared;
    }

    public Path root() {
        return root;
    }

    public long maxBytes() {
        return maxBytes;
    }

    /**
     * Whether an entry is there now, without reading or verifying it: a hint (for progress), not a promise; it may be
     * evicted, or turn out damaged, before it is used.
     */
    public boolean contains(String namespace, String key) {
        return Files.isRegularFile(entryDir(namespace, key).resolve(Manifest.FILE));
    }

    /**
     * The entry, verified, with its files linked (or copied) into {@code into}; empty when there is none or it is
     * damaged (then it is deleted). With a shared tier, a local miss is looked up there and, when the whole entry
     * is there, brought into the local store first. Never throws for the store's own trouble: a cache that cannot
     * be read is a miss.
     */
    public Optional<CacheEntry> get(String namespace, String key, Path into) {
        Path dir = entryDir(namespace, key);
        Path manifestFile = dir.resolve(Manifest.FILE);
        if (!Files.isRegularFile(manifestFile) && (shared == null || !pull(namespace, key, dir))) {
            return Optional.empty();
        }
        Manifest manifest;
        try {
            manifest = Manifest.read(manifestFile);
        } catch (IOException e) {
            discard(dir, "its manifest is unreadable (" + e.getMessage() + ")");
            return Optional.empty();
        }
        Map<String, Path> out = new LinkedHashMap<>();
        Map<String, String> hashes = new LinkedHashMap<>();
        try {
            if (!manifest.files().isEmpty()) {
                Files.createDirectories(into);
            }
            for (Map.Entry<String, Manifest.FileRecord> f : manifest.files().entrySet()) {
                Path target = into.resolve(f.getKey());
                files.transfer(dir.resolve(f.getKey()), target, false);
                out.put(f.getKey(), target);
                if (!EntryFiles.matches(target, f.getValue())) {
                    deleteAll(out);
                    discard(dir, f.getKey() + " does not match its recorded size and checksum");
                    return Optional.empty();
                }
                hashes.put(f.getKey(), f.getValue().sha256());
            }
            Files.setLastModifiedTime(manifestFile, FileTime.from(Instant.now()));
        } catch (NoSuchFileException e) {
            // Evicted or replaced while we read it: a miss, and the other party has dealt with the entry.
            deleteAll(out);
            return Optional.empty();
        } catch (IOException e) {
            deleteAll(out);
            LOG.warn("cache entry {}/{} could not be read: {}", namespace, key, e.getMessage());
            return Optional.empty();
        }
        return Optional.of(new CacheEntry(key, out, manifest.meta(), hashes));
    }

    /**
     * Stores an entry, replacing any entry of the same key (a fresh result always replaces the cached one).
     * The files stay where they are and remain the caller's.
     *
     * @return each file's SHA-256, by name
     */
    public Map<String, String> put(String namespace, String key, Fresh fresh) throws IOException {
        Path target = entryDir(namespace, key);
        Path staged = tmp().resolve(UUID.randomUUID().toString());
        long size = 0;
        Map<String, String> hashes = new LinkedHashMap<>();
        try {
            Files.createDirectories(staged);
            Map<String, Manifest.FileRecord> records = new LinkedHashMap<>();
            for (Map.Entry<String, Path> f : fresh.files().entrySet()) {
                Path copy = staged.resolve(EntryFiles.checkName(f.getKey()));
                files.transfer(f.getValue(), copy, fresh.copy());
                long n = Files.size(copy);
                EntryFiles.Sums sums = EntryFiles.sums(copy);
                hashes.put(f.getKey(), sums.sha256());
                records.put(f.getKey(), new Manifest.FileRecord(n, sums.sha256(), sums.crc32c()));
                size += n;
            }
            new Manifest(namespace, key, Instant.now().toString(), records, fresh.meta()).write(staged.resolve(Manifest.FILE));
            hook.beforeCommit(staged);
            commit(staged, target);
        } finally {
            EntryFiles.deleteRecursively(staged);
        }
        added(size);
        if (shared != null) {
            push(namespace, key, target, fresh.files().keySet());
        }
        return hashes;
    }

    /**
     * Uploads a committed entry to the shared tier: its files, then its manifest, last, so that another machine
     * sees the entry only once it is whole. A failure is logged: the entry stays a local hit, and the other
     * machines render it themselves.
     */
    private void push(String namespace, String key, Path dir, java.util.Collection<String> names) {
        try {
            for (String name : names) {
                shared.upload(namespace, key, name, dir.resolve(name));
            }
            shared.upload(namespace, key, Manifest.FILE, dir.resolve(Manifest.FILE));
        } catch (NoSuchFileException e) {
            LOG.debug("cache entry {}/{} was evicted before it was shared", namespace, key);
        } catch (IOException | RuntimeException e) {
            LOG.warn("could not share cache entry {}/{} in {}: {}", namespace, key, shared.describe(), e.getMessage());
        }
    }

    /**
     * Brings an entry from the shared tier into the local store: the manifest first (no manifest, no entry: an
     * upload under way or abandoned is a miss), then the files it lists, each checked against it, then one local
     * commit. An entry replaced in the tier while it was read fails the check and is a miss.
     *
     * @return whether the entry is now in the local store
     */
    private boolean pull(String namespace, String key, Path target) {
        Path staged = tmp().resolve(UUID.randomUUID() + "-pulled");
        long size = 0;
        try {
            Files.createDirectories(staged);
            Path manifestFile = staged.resolve(Manifest.FILE);
            if (!shared.download(namespace, key, Manifest.FILE, manifestFile)) {
                return false;
            }
            Manifest manifest = Manifest.read(manifestFile);
            if (!manifest.key().equals(key)) {
                LOG.warn("shared cache entry {}/{} in {} holds the manifest of {}; ignored", namespace, key,
                        shared.describe(), manifest.key());
                return false;
            }
            for (Map.Entry<String, Manifest.FileRecord> f : manifest.files().entrySet()) {
                Path file = staged.resolve(EntryFiles.checkName(f.getKey()));
                if (!shared.download(namespace, key, f.getKey(), file) || !EntryFiles.matches(file, f.getValue())) {
                    LOG.info("shared cache entry {}/{} in {} is incomplete or being replaced; rendering it here",
                            namespace, key, shared.describe());
                    return false;
                }
                size += f.getValue().size();
            }
            Files.setLastModifiedTime(manifestFile, FileTime.from(Instant.now()));
            commit(staged, target);
            LOG.debug("cache entry {}/{} came from {}", namespace, key, shared.describe());
        } catch (IOException | RuntimeException e) {
            LOG.warn("could not read cache entry {}/{} from {}: {}", namespace, key, shared.describe(), e.getMessage());
            return false;
        } finally {
            EntryFiles.deleteRecursively(staged);
        }
        try {
            added(size);
        } catch (IOException e) {
            LOG.warn("cache: could not count or evict after reading {}/{}: {}", namespace, key, e.getMessage());
        }
        return true;
    }

    /**
     * The entry for a key, produced at most once at a time in this process: a caller that finds another already
     * producing it waits and takes its result. The producer decides whether the cached entry (when
     * {@code lookUp}) will do; what it makes is stored (a failure to store is logged, not thrown: the render
     * goes on without the cache).
     */
    public <X extends Exception> Obtained obtain(String namespace, String key, boolean lookUp, Path into,
            Producer<X> producer) throws X, InterruptedException {
        String flightKey = namespace + "/" + key;
        while (true) {
            CompletableFuture<Boolean> mine = new CompletableFuture<>();
            CompletableFuture<Boolean> other = flights.putIfAbsent(flightKey, mine);
            if (other != null) {
                boolean producedNow;
                try {
                    producedNow = other.get();
                } catch (ExecutionException e) {
                    continue; // its producer failed or was cancelled: try ourselves
                }
                if (producedNow) {
                    Optional<CacheEntry> shared = get(namespace, key, into);
                    if (shared.isPresent()) {
                        return new Obtained(shared.get(), true);
                    }
                }
                continue;
            }
            try {
                Obtained result = produce(namespace, key, lookUp, into, producer);
                flights.remove(flightKey, mine);
                mine.complete(!result.hit());
                return result;
            } catch (Throwable t) {
                flights.remove(flightKey, mine);
                mine.completeExceptionally(t);
                throw t;
            }
        }
    }

    private <X extends Exception> Obtained produce(String namespace, String key, boolean lookUp, Path into,
            Producer<X> producer) throws X, InterruptedException {
        Optional<CacheEntry> cached = lookUp ? get(namespace, key, into) : Optional.empty();
        Optional<Fresh> made = producer.make(cached);
        if (made.isEmpty()) {
            return new Obtained(cached.orElseThrow(() -> new IllegalStateException(
                    "the producer of " + namespace + "/" + key + " kept a cached entry that does not exist")), true);
        }
        Fresh fresh = made.get();
        Map<String, String> hashes = Map.of();
        try {
            hashes = put(namespace, key, fresh);
        } catch (IOException e) {
            LOG.warn("could not store {}/{} in the cache at {}: {}", namespace, key, root, e.getMessage());
        }
        return new Obtained(new CacheEntry(key, fresh.files(), fresh.meta(), hashes), false);
    }

    /** A file's SHA-256, as the store records and checks it. */
    public static String sha256(Path file) throws IOException {
        return EntryFiles.sha256(file);
    }

    /** What the store holds, by namespace. */
    public CacheStats stats() throws IOException {
        return CacheStats.of(root, maxBytes, EntryFiles.listEntries(root));
    }

    /** Deletes every entry; returns what was there. Renders running meanwhile keep the files they hold. */
    public synchronized CacheStats clear() throws IOException {
        CacheStats before = stats();
        for (String namespace : before.namespaces().keySet()) {
            Path aside = tmp().resolve(UUID.randomUUID() + "-cleared");
            Files.createDirectories(tmp());
            try {
                Files.move(root.resolve(namespace), aside, StandardCopyOption.ATOMIC_MOVE);
            } catch (NoSuchFileException e) {
                continue;
            }
            EntryFiles.deleteRecursively(aside);
        }
        bytes = 0;
        return before;
    }

    /** Removes entries, least recently used first, until the store is at 90 % of its bound. */
    synchronized void evict() throws IOException {
        var entries = EntryFiles.listEntries(root);
        long total = entries.stream().mapToLong(EntryFiles.Listed::bytes).sum();
        long goal = maxBytes / 10 * 9;
        entries.sort(java.util.Comparator.comparing(EntryFiles.Listed::lastUsed));
        int removed = 0;
        for (EntryFiles.Listed e : entries) {
            if (total <= goal) {
                break;
            }
            remove(e.dir());
            total -= e.bytes();
            removed++;
        }
        bytes = total;
        if (removed > 0) {
            LOG.info("cache: evicted {} least recently used entries to stay under {} bytes", removed, maxBytes);
        }
    }

    /** Removes what crashed writes left in {@code tmp/} (older than {@link #STALE}, so live writes are spared). */
    void removeStaleWrites() {
        Instant cutoff = Instant.now().minus(STALE);
        try (var leftovers = Files.list(tmp())) {
            leftovers.filter(p -> {
                try {
                    return Files.getLastModifiedTime(p).toInstant().isBefore(cutoff);
                } catch (IOException e) {
                    return false;
                }
            }).forEach(EntryFiles::deleteRecursively);
        } catch (NoSuchFileException e) {
            // nothing was ever written
        } catch (IOException e) {
            LOG.warn("could not clean {}: {}", tmp(), e.getMessage());
        }
    }

    private void added(long size) throws IOException {
        boolean over;
        synchronized (this) {
            if (bytes < 0) {
                removeStaleWrites();
                bytes = EntryFiles.listEntries(root).stream().mapToLong(EntryFiles.Listed::bytes).sum();
            } else {
                bytes += size;
            }
            over = bytes > maxBytes;
        }
        if (over) {
            evict();
        }
    }

    private void commit(Path staged, Path target) throws IOException {
        Files.createDirectories(target.getParent());
        for (int attempt = 1; ; attempt++) {
            try {
                Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE);
                return;
            } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
                if (attempt == 3) {
                    throw e;
                }
                remove(target); // a fresh result replaces the cached one
            } catch (java.nio.file.FileSystemException e) {
                // Some systems report a non-empty target as a plain failure.
                if (attempt == 3 || !Files.exists(target)) {
                    throw e;
                }
                remove(target);
            }
        }
    }

    /** Takes an entry out in one rename (readers see it whole or not at all), then deletes it. */
    private void remove(Path dir) throws IOException {
        Path aside = tmp().resolve(UUID.randomUUID() + "-removed");
        Files.createDirectories(tmp());
        try {
            Files.move(dir, aside, StandardCopyOption.ATOMIC_MOVE);
        } catch (NoSuchFileException e) {
            return;
        }
        EntryFiles.deleteRecursively(aside);
    }

    private void discard(Path dir, String why) {
        LOG.warn("cache entry {} is damaged and was removed: {}", root.relativize(dir), why);
        try {
            remove(dir);
        } catch (IOException e) {
            LOG.warn("could not remove the damaged cache entry {}: {}", dir, e.getMessage());
        }
    }

    private static void deleteAll(Map<String, Path> linked) {
        linked.values().forEach(EntryFiles::deleteRecursively);
    }

    private Path tmp() {
        return root.resolve("tmp");
    }

    Path entryDir(String namespace, String key) {
        if (!NAMESPACE.matcher(namespace).matches() || namespace.equals("tmp")) {
            throw new IllegalArgumentException("not a cache namespace: " + namespace);
        }
        if (!KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("not a cache key (lowercase hex): " + key);
        }
        return root.resolve(namespace).resolve(key.substring(0, 2)).resolve(key);
    }
}
