package vn.motcua.agent.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

/** A fresh folder per test class for the agent's SQLite file. */
public final class TempDb {
    private TempDb() {
    }

    public static String newFile(String name) {
        try {
            return Files.createTempDirectory("kiosk-agent-test").resolve(name + ".db").toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
