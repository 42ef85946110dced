package vn.motcua.firmware.packaging.arm64;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.instrument.Instrumentation;
import java.util.jar.JarFile;

/**
 * A Java agent for the emulated kiosk-agent: puts Pi4J's mock plugin (a test-only jar, not in the package) on the
 * class path of the unchanged {@code java -jar} command line, so that the GPIO panel runs on the mock platform.
 */
public final class MockGpioAgent {
    private MockGpioAgent() {
    }

    public static void premain(String mockPluginJar, Instrumentation inst) {
        try {
            inst.appendToSystemClassLoaderSearch(new JarFile(mockPluginJar));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
