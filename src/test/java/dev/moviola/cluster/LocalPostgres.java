package dev.moviola.cluster;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipal;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A real PostgreSQL server for tests, from the system's packages ({@code /usr/lib/postgresql/<version>/bin}), in a
 * directory of its own: {@code initdb -A trust -U moviola}, then {@code pg_ctl start} on a free port of 127.0.0.1
 * with its socket in the directory, tuned for throwaway data (no fsync). The server and every process it starts run
 * as child processes with timeouts; {@link #close} stops it ({@code -m immediate}) and deletes the directory.
 * PostgreSQL refuses to run as root: as root, the binaries run as the {@code postgres} user the package creates.
 *
 * <p>Tests share one server per JVM ({@link #shared()}), each class or test with a fresh database of its own
 * ({@link #createDatabase()}). {@link #main} starts one and prints its URL, for scripts.
 */
public final class LocalPostgres implements AutoCloseable {
    /** The superuser initdb creates, and the database the server starts with. */
    public static final String USER = "moviola";
    private static final String ROOT = "/usr/lib/postgresql";
    private static final long TIMEOUT_SECONDS = 60;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static LocalPostgres shared;

    private final Path dir;
    private final Path bin;
    private final int port;
    private final boolean asPostgres;

    private LocalPostgres(Path dir, Path bin, int port, boolean asPostgres) {
        this.dir = dir;
        this.bin = bin;
        this.port = port;
        this.asPostgres = asPostgres;
    }

    /** Whether the system has PostgreSQL's server binaries. */
    public static boolean available() {
        return binaries().isPresent() && (!root() || Files.isExecutable(Path.of("/usr/sbin/runuser")));
    }

    /** Skips the calling test, saying what to install, when the binaries are missing. */
    public static void assumeAvailable() {
        Assumptions.assumeTrue(available(), "PostgreSQL is not installed (no " + ROOT + "/*/bin/initdb): install the"
                + " Debian package postgresql (apt-get install postgresql) to run the PostgreSQL tests; they start their"
                + " own server, the system service is not needed");
    }

    /** The server all tests of this JVM share, started at the first call and stopped when the JVM exits. */
    public static synchronized LocalPostgres shared() {
        assumeAvailable();
        if (shared == null) {
            try {
                LocalPostgres pg = start(Files.createTempDirectory("moviola-pg"));
                Runtime.getRuntime().addShutdownHook(new Thread(pg::close, "local-postgres-stop"));
                shared = pg;
            } catch (IOException e) {
                throw new IllegalStateException("cannot start PostgreSQL for the tests: " + e.getMessage(), e);
            }
        }
        return shared;
    }

    /** Starts a server in {@code dir} (created when missing; deleted by {@link #close}). */
    public static LocalPostgres start(Path dir) throws IOException {
        Path bin = binaries().orElseThrow(() -> new IOException("PostgreSQL is not installed (no " + ROOT
                + "/*/bin/initdb): install the Debian package postgresql"));
        Files.createDirectories(dir);
        boolean asPostgres = root();
        if (asPostgres) {
            lendTo(dir, "postgres");
        }
        IOException last = null;
        for (int tries = 0; tries < 3; tries++) {
            LocalPostgres pg = new LocalPostgres(dir.toAbsolutePath(), bin, freePort(), asPostgres);
            try {
                pg.init();
                pg.createDatabase(USER);
                return pg;
            } catch (IOException e) {
                last = e; // most likely the port was taken between choosing and binding it: another one
                pg.stop();
                pg.deleteData();
            }
        }
        deleteTree(dir);
        throw last;
    }

    /** The {@code database-url} setting's form of the server's {@code moviola} database. */
    public String url() {
        return url(USER);
    }

    /** The {@code database-url} setting's form of one of the server's databases. */
    public String url(String database) {
        return "postgresql://" + USER + "@127.0.0.1:" + port + "/" + database;
    }

    /** The driver's form of the server's {@code moviola} database. */
    public String jdbcUrl() {
        return jdbcUrl(USER);
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=" + USER;
    }

    public int port() {
        return port;
    }

    public Path dir() {
        return dir;
    }

    /**
     * A new, empty database on the server, named {@code t_<random>}.
     *
     * @return its {@code database-url} form
     */
    public String createDatabase() {
        String name = "t_" + Long.toString(RANDOM.nextLong() & Long.MAX_VALUE, 36);
        try {
            createDatabase(name);
        } catch (IOException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        return url(name);
    }

    private void createDatabase(String name) throws IOException {
        try (Connection c = DriverManager.getConnection(jdbcUrl("postgres")); Statement s = c.createStatement()) {
            s.execute("create database " + name);
        } catch (SQLException e) {
            throw new IOException("cannot create the database " + name + " on the test PostgreSQL: " + e.getMessage(), e);
        }
    }

    /** Stops the server at once (no checkpoint: the data is thrown away) and deletes its directory. */
    @Override
    public void close() {
        stop();
        try {
            deleteTree(dir);
        } catch (IOException e) {
            System.err.println("LocalPostgres: cannot delete " + dir + ": " + e.getMessage());
        }
    }

    private void init() throws IOException {
        Path data = dir.resolve("data");
        run(List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-A", "trust", "-U", USER, "-E", "UTF8",
                "--locale=C", "--no-sync"), "initdb");
        String options = "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off"
                + " -c synchronous_commit=off -c full_page_writes=off -c max_connections=300";
        run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", dir.resolve("server.log").toString(),
                "-w", "-t", Long.toString(TIMEOUT_SECONDS), "-o", options, "start"), "pg_ctl start");
    }

    private void stop() {
        Path data = dir.resolve("data");
        if (!Files.isRegularFile(data.resolve("postmaster.pid"))) {
            return;
        }
        try {
            run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate", "-w", "-t",
                    Long.toString(TIMEOUT_SECONDS), "stop"), "pg_ctl stop");
        } catch (IOException e) {
            System.err.println("LocalPostgres: " + e.getMessage());
        }
    }

    private void deleteData() {
        try {
            deleteTree(dir.resolve("data"));
        } catch (IOException e) {
            // the next try fails with initdb's own message
        }
    }

    /** Runs one of the binaries (as {@code postgres} when this is root) with a timeout; its output is the error. */
    private void run(List<String> command, String what) throws IOException {
        List<String> argv = new ArrayList<>();
        if (asPostgres) {
            argv.addAll(List.of("/usr/sbin/runuser", "-u", "postgres", "--"));
        }
        argv.addAll(command);
        Path out = Files.createTempFile(dir, "cmd", ".out");
        try {
            ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(out.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            pb.environment().keySet().removeIf(k -> k.startsWith("PG"));
            pb.environment().put("LC_ALL", "C");
            Process p = pb.start();
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(what + " took more than " + TIMEOUT_SECONDS + " s: " + Files.readString(out));
            }
            if (p.exitValue() != 0) {
                throw new IOException(what + " failed (exit " + p.exitValue() + "): " + Files.readString(out).strip()
                        + logTail());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(what + " was interrupted", e);
        } finally {
            Files.deleteIfExists(out);
        }
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(dir.resolve("server.log"));
            return "\nserver.log:\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
        } catch (IOException e) {
            return "";
        }
    }

    /** The newest installed version's bin directory. */
    private static Optional<Path> binaries() {
        Path root = Path.of(ROOT);
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(root)) {
            return versions.map(v -> v.resolve("bin"))
                    .filter(b -> Files.isExecutable(b.resolve("initdb")) && Files.isExecutable(b.resolve("pg_ctl")))
                    .max(Comparator.comparing(b -> version(b.getParent().getFileName().toString())));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static int version(String name) {
        try {
            return Integer.parseInt(name.replaceAll("\\..*", ""));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static boolean root() {
        return "root".equals(System.getProperty("user.name"));
    }

    /**
     * Gives the server's directory to {@code user} and lets it through the temporary directories above (made
     * private to root by the test framework); directories outside the system's temporary directory are left as
     * they are.
     */
    private static void lendTo(Path dir, String user) throws IOException {
        UserPrincipal owner = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(user);
        Files.setOwner(dir, owner);
        Path tmp = Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath().normalize();
        for (Path p = dir.toAbsolutePath().normalize().getParent(); p != null && p.startsWith(tmp) && !p.equals(tmp);
                p = p.getParent()) {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p);
            if (perms.add(PosixFilePermission.OTHERS_EXECUTE)) {
                Files.setPosixFilePermissions(p, perms);
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** Starts a server in a temporary directory, prints its {@code database-url}, and runs until killed. */
    public static void main(String[] args) throws Exception {
        LocalPostgres pg = start(Files.createTempDirectory("moviola-pg"));
        Runtime.getRuntime().addShutdownHook(new Thread(pg::close, "local-postgres-stop"));
        System.out.println(pg.url());
        System.out.flush();
        Thread.currentThread().join();
    }
}
