package vn.motcua.systemtest;

import org.junit.jupiter.api.TestInfo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** A test's working folder under target/, emptied first, so that the processes' logs outlive a failed run. */
final class RunFolder {
    private RunFolder() {
    }

    static Path of(TestInfo test) throws IOException {
        Path folder = Path.of("target", "system-test-runs",
                test.getTestClass().orElseThrow().getSimpleName() + "-" + test.getTestMethod().orElseThrow().getName())
                .toAbsolutePath();
        if (Files.exists(folder)) {
            try (Stream<Path> paths = Files.walk(folder)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        return Files.createDirectories(folder);
    }
}
