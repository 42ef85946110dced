package vn.motcua.systemtest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The processes of a chaos run: a Mosquitto of its own, one central-sync on a fresh PostgreSQL database, and three
 * kiosk-agents — two sites, both with a {@code kiosk-01} — each with a wall clock the run can step. Every kiosk and
 * central get the broker logins and the command-signing key pair that {@code firmware-config provision} makes; with
 * {@code credentials} the broker requires those logins and holds each to the provisioned ACL, without it the broker
 * lets anyone in (the logins are still presented).
 */
final class ChaosWorld implements AutoCloseable {
    static final String SITE_A = "so-gddt-ha-noi";
    static final String SITE_B = "so-gddt-hai-phong";
    static final String ADMIN = "quantri";
    static final String ADMIN_PASSWORD = "mat-khau-hon-loan-2026";
    private static final String CENTRAL_LOGIN = "central";
    /** Process name, site, kiosk: two sites with a kiosk-01 each (the naming our docs use) and one kiosk-02. */
    private static final String[][] IDENTITIES = {{"a-kiosk-01", SITE_A, "kiosk-01"},
            {"a-kiosk-02", SITE_A, "kiosk-02"}, {"b-kiosk-01", SITE_B, "kiosk-01"}};
    /** The same without a shared kiosk id, to look at other faults alone on code that confuses the two. */
    private static final String[][] DISTINCT_IDENTITIES = {{"a-kiosk-01", SITE_A, "kiosk-01"},
            {"a-kiosk-02", SITE_A, "kiosk-02"}, {"b-kiosk-03", SITE_B, "kiosk-03"}};
    private final String[][] identities;

    /** One kiosk: its identity, its agent process, its clock, its counter and its broker login. */
    static final class Kiosk {
        final String name;
        final String siteId;
        final String kioskId;
        final KioskAgent agent;
        final FakeClock clock;
        final CounterConsole console;
        final String username;
        final String password;
        final Path printed;

        Kiosk(String name, String siteId, String kioskId, KioskAgent agent, FakeClock clock, CounterConsole console,
              String username, String password, Path printed) {
            this.name = name;
            this.siteId = siteId;
            this.kioskId = kioskId;
            this.agent = agent;
            this.clock = clock;
            this.console = console;
            this.username = username;
            this.password = password;
            this.printed = printed;
        }

        @Override
        public String toString() {
            return siteId + "/" + kioskId;
        }
    }

    final Path work;
    final boolean credentials;
    final Mosquitto broker;
    final CentralSync central;
    final String database;
    final List<Kiosk> kiosks = new ArrayList<>();

    /** Whether one of this world's kiosks is the one named. */
    boolean holds(String siteId, String kioskId) {
        return kiosks.stream().anyMatch(k -> k.siteId.equals(siteId) && k.kioskId.equals(kioskId));
    }
    private final List<ManagedProcess> started = new ArrayList<>();

    private ChaosWorld(Path work, boolean credentials, Mosquitto broker, CentralSync central, String database,
                       String[][] identities) {
        this.identities = identities;
        this.work = work;
        this.credentials = credentials;
        this.broker = broker;
        this.central = central;
        this.database = database;
    }

    /** @param sharedKioskId whether both sites have a {@code kiosk-01} (otherwise site B's kiosk is kiosk-03) */
    static ChaosWorld start(Path work, boolean credentials, boolean sharedKioskId) throws Exception {
        String[][] identities = sharedKioskId ? IDENTITIES : DISTINCT_IDENTITIES;
        Path keys = work.resolve("central-keys");
        Path provisioned = work.resolve("provisioned");
        StringBuilder passwd = new StringBuilder();
        StringBuilder acl = new StringBuilder();
        for (String[] id : identities) {
            Path out = provisioned.resolve(id[0]);
            provision(id[1], id[2], out, keys);
            passwd.append(Files.readString(out.resolve("broker/mosquitto.passwd")));
            acl.append(Files.readString(out.resolve("broker/mosquitto.acl"))).append('\n');
        }
        String centralPassword = "central-" + Long.toHexString(System.nanoTime());
        Path passwordFile = work.resolve("broker-passwd");
        Path aclFile = work.resolve("broker-acl");
        Files.writeString(passwordFile, passwd);
        run(List.of("mosquitto_passwd", "-b", passwordFile.toString(), CENTRAL_LOGIN, centralPassword));
        acl.append("user ").append(CENTRAL_LOGIN).append('\n').append("topic read kiosk/v1/#\n")
                .append("topic write kiosk/v1/+/+/ack\n").append("topic write kiosk/v1/+/+/cmd\n")
                .append("topic write kiosk/v1/+/+/config\n");
        Files.writeString(aclFile, acl);

        Mosquitto broker = credentials ? Mosquitto.create(work, passwordFile, aclFile) : Mosquitto.create(work);
        String database = Postgres.createFreshDatabase("central_chaos");
        CentralSync central = CentralSync.create("central", broker.url(), 0, Postgres.url(database), work);
        central.putEnv("MQTT_USERNAME", CENTRAL_LOGIN);
        central.putEnv("MQTT_PASSWORD", centralPassword);
        central.putEnv("CENTRAL_SIGNING_KEY", keys.resolve("command-signing.key").toString());
        central.putEnv("CENTRAL_ADMIN_USER", ADMIN);
        central.putEnv("CENTRAL_ADMIN_PASSWORD", ADMIN_PASSWORD);
        ChaosWorld world = new ChaosWorld(work, credentials, broker, central, database, identities);
        try {
            world.startProcesses(provisioned);
        } catch (Exception | Error e) {
            world.close();
            throw e;
        }
        return world;
    }

    private void startProcesses(Path provisioned) throws Exception {
        track(broker).start();
        track(central).start();

        for (String[] id : identities) {
            Path out = provisioned.resolve(id[0]);
            String username = id[1] + "." + id[2];
            String password = Files.readString(out.resolve("kiosk/mqtt-password")).strip();
            FakeClock clock = new FakeClock(work.resolve(id[0] + "-clock.rc"));
            int lanPort = Ports.free();
            Map<String, String> env = new HashMap<>(clock.environment());
            env.put("MQTT_USERNAME", username);
            env.put("MQTT_PASSWORD", password);
            env.put("KIOSK_COMMAND_KEY", out.resolve("kiosk/command-signing.pub").toString());
            env.put("AGENT_LAN_PORT", String.valueOf(lanPort));
            env.put("AGENT_LAN_HOST", "127.0.0.1");
            KioskAgent agent = KioskAgent.create(id[0], id[1], id[2], broker.url(), work, env);
            kiosks.add(new Kiosk(id[0], id[1], id[2], agent, clock, new CounterConsole(lanPort), username,
                    password, work.resolve(id[0] + "-printed")));
            track(agent).start();
        }
    }

    /** The kiosk whose login a forger borrows to attack {@code victim}: the other site's namesake if there is one. */
    Kiosk otherThan(Kiosk victim) {
        return kiosks.stream().filter(k -> k != victim && k.kioskId.equals(victim.kioskId)).findFirst()
                .orElseGet(() -> kiosks.stream().filter(k -> k != victim && !k.siteId.equals(victim.siteId))
                        .findFirst().orElseThrow());
    }

    String otherSite(String site) {
        return site.equals(SITE_A) ? SITE_B : SITE_A;
    }

    CentralRecords records() {
        return new CentralRecords(Postgres.url(database), "postgres");
    }

    private static void provision(String site, String kiosk, Path out, Path keys) throws Exception {
        run(List.of(Jars.java(), "-jar", Jars.firmwareConfig(), "provision", "--site", site, "--kiosk", kiosk,
                "--out", out.toString(), "--central-keys", keys.toString()));
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
        }
    }

    private <T extends ManagedProcess> T track(T process) {
        started.add(0, process);
        return process;
    }

    @Override
    public void close() throws SQLException {
        for (ManagedProcess p : started) {
            p.stop();
        }
        try (Connection c = DriverManager.getConnection(Postgres.adminUrl(), "postgres", "");
             Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        }
    }
}
