package vn.motcua.central.command;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The demo command-signing key central creates on first start is never readable by anyone but its owner. */
class DemoSigningKeyTest {
    private static final int KEYS = 300;

    @TempDir
    Path dir;

    @Test
    void givenNoKey_whenCentralCreatesTheDemoPair_thenThePrivateKeyIsOwnerOnlyFromItsFirstMoment() throws Exception {
        AtomicReference<Path> watched = new AtomicReference<>();
        Set<String> seen = ConcurrentHashMap.newKeySet();
        Thread watcher = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                Path p = watched.get();
                if (p == null) {
                    continue;
                }
                try {
                    seen.add(PosixFilePermissions.toString(Files.getPosixFilePermissions(p)));
                } catch (NoSuchFileException e) {
                    // not there yet
                } catch (java.io.IOException e) {
                    seen.add(e.toString());
                }
            }
        }, "key-permission-watcher");
        watcher.setDaemon(true);
        watcher.start();
        try {
            // the key is checked as fast as the watcher can while it is being written, many times over: a file
            // created with the default mode and chmod-ed afterwards shows its first mode to the watcher sooner or later
            for (int i = 0; i < KEYS; i++) {
                Path key = dir.resolve("k" + i).resolve("command-signing.key");
                watched.set(key);
                new CommandSigner(new CommandConfig(key.toString(), Duration.ofMinutes(5)));
                assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
            }
        } finally {
            watcher.interrupt();
            watcher.join(5_000);
        }
        assertTrue(seen.contains("rw-------"), "the watcher saw the key at all: " + seen);
        assertEquals(Set.of("rw-------"), seen);
    }
}
