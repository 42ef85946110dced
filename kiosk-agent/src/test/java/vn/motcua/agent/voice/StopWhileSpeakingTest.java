package vn.motcua.agent.voice;

import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.motcua.agent.support.TempDb;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * An agent stopped while espeak-ng is still making its first voice pack leaves nothing running and nothing writing
 * into its data folder: the folder can be removed at once, as a package purge or a wiped SD card would.
 */
class StopWhileSpeakingTest {

    @Test
    void givenThePackBeingMade_whenTheAgentStops_thenNoEspeakIsLeftAndTheDataFolderCanBeRemoved(@TempDir Path dir)
            throws Exception {
        stopWhileMaking(dir, "espeak-ng");
    }

    /** An office may set agent.voice.espeak-command to a script that runs espeak-ng in a child process. */
    @Test
    void givenAWrapperThatRunsEspeakInAChild_whenTheAgentStops_thenTheChildEndsToo(
            @TempDir Path dir) throws Exception {
        Path wrapper = dir.resolve("slow-espeak");
        Files.writeString(wrapper, "#!/bin/sh\n( sleep 1; exec espeak-ng \"$@\" ) &\nwait\n");
        Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwxr-xr-x"));
        stopWhileMaking(dir, wrapper.toString());
    }

    private static void stopWhileMaking(Path dir, String espeak) throws IOException {
        Path data = dir.resolve("data");
        Path pack = data.resolve(VoicePack.DEFAULT_FOLDER);
        try (ApplicationContext ctx = ApplicationContext.run(Map.of("agent.sync.enabled", false,
                "kiosk.data-dir", data.toString(), "kiosk.db-file", TempDb.newFile("stop-while-speaking"),
                "agent.voice.espeak-command", espeak))) {
            await().atMost(Duration.ofSeconds(60)).until(() -> clips(pack) >= 2);
            assertFalse(ctx.getBean(VoicePack.class).ready(), "the pack is still being made when the agent stops");
        }
        assertEquals(List.of(), speaking(dir), "nothing the agent started to speak runs after it stopped");
        try (Stream<Path> files = Files.walk(data)) {
            List<Path> leftovers = files.filter(f -> f.getFileName().toString().endsWith(".tmp")).toList();
            assertEquals(List.of(), leftovers, "no half-made clip is left behind");
        }
        try (Stream<Path> files = Files.walk(data)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        }
        assertFalse(Files.exists(data));
    }

    private static long clips(Path pack) throws IOException {
        if (!Files.isDirectory(pack)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(pack)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".wav")).count();
        }
    }

    /** Every process writing under {@code dir}, wherever it was re-parented when its parent was killed. */
    private static List<String> speaking(Path dir) {
        return ProcessHandle.allProcesses().filter(ProcessHandle::isAlive)
                .map(p -> p.info().commandLine().orElse(""))
                .filter(c -> c.contains(dir.toString())).toList();
    }
}
