package vn.motcua.firmware.packaging.arm64;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A throw-away overlay of the cached Debian bookworm arm64 root (see {@code src/test/arm64/root.sh}): every program
 * in it runs through qemu-user-static as on a Raspberry Pi's 64-bit OS, and it shares this machine's network, so
 * the agent inside reaches a broker outside on 127.0.0.1.
 */
final class Arm64Root implements AutoCloseable {
    static final Path SCRIPT = Path.of("src/test/arm64/root.sh").toAbsolutePath();
    static final String PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    record Run(int status, String output) {
    }

    final Path root;
    private final Path runDir;

    private Arm64Root(Path runDir) {
        this.runDir = runDir;
        this.root = runDir.resolve("root");
    }

    static Path cache() {
        return Path.of(System.getProperty("arm64.cache", "/var/cache/motcua-kiosk-arm64"));
    }

    /** Builds the cached root when it is missing or broken (the first time takes minutes: debootstrap). */
    static void ensureCache() throws IOException, InterruptedException {
        Run r = host(Duration.ofMinutes(40), "bash", SCRIPT.toString(), "ensure", cache().toString());
        if (r.status() != 0) {
            throw new IllegalStateException("the arm64 root could not be built:\n" + r.output());
        }
    }

    static Arm64Root up(Path runDir) throws IOException, InterruptedException {
        Arm64Root r = new Arm64Root(runDir);
        Run up = host(Duration.ofMinutes(2), "bash", SCRIPT.toString(), "up", cache().toString(), runDir.toString());
        if (up.status() != 0) {
            r.close();
            throw new IllegalStateException("the arm64 overlay could not be mounted:\n" + up.output());
        }
        return r;
    }

    /** A path inside the root, as this machine sees it. */
    Path file(String absolute) {
        return root.resolve(absolute.substring(1));
    }

    /** Runs a command as root inside the root and waits for it. */
    Run exec(Duration timeout, String... command) throws IOException, InterruptedException {
        List<String> c = new ArrayList<>(List.of("chroot", root.toString(), "env", "-i", "PATH=" + PATH,
                "HOME=/root", "LANG=C.UTF-8", "DEBIAN_FRONTEND=noninteractive"));
        c.addAll(List.of(command));
        return host(timeout, c.toArray(String[]::new));
    }

    /**
     * Starts a command inside the root as {@code user}, with only the given environment; chroot and env exec, so the
     * returned process is the command itself (its /proc entry shows what the emulated program mapped).
     */
    Process start(String user, Map<String, String> env, List<String> command, Path log) throws IOException {
        List<String> c = new ArrayList<>(List.of("chroot", "--userspec=" + user + ":" + user, root.toString(),
                "env", "-i", "PATH=" + PATH, "LANG=C.UTF-8"));
        env.forEach((k, v) -> c.add(k + "=" + v));
        c.addAll(command);
        return new ProcessBuilder(c).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    static Run host(Duration timeout, String... command) throws IOException, InterruptedException {
        File out = File.createTempFile("arm64-run", ".log");
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out).start();
            p.getOutputStream().close();
            if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish in " + timeout
                        + ":\n" + Files.readString(out.toPath(), StandardCharsets.UTF_8));
            }
            return new Run(p.exitValue(), Files.readString(out.toPath(), StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out.toPath());
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        host(Duration.ofMinutes(2), "bash", SCRIPT.toString(), "down", runDir.toString());
    }
}
