package vn.motcua.agent.voice;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Makes a voice pack with espeak-ng: one WAV (22,050 Hz, 16-bit mono, silence at the ends cut short) per clip, then
 * {@code pack.properties}
 * last, so a folder with the properties file is a finished pack, whatever happened while it was being made.
 */
public final class EspeakPackMaker {
    private static final long CLIP_TIMEOUT_SECONDS = 30;

    private final String command;
    private final String voice;
    private final int speedWpm;

    public EspeakPackMaker(String command, String voice, int speedWpm) {
        this.command = command;
        this.voice = voice;
        this.speedWpm = speedWpm;
    }

    /** The program run, as configured ({@code agent.voice.espeak-command}). */
    public String command() {
        return command;
    }

    /** Whether the espeak-ng program answers at all. */
    public boolean available() {
        Process p;
        try {
            p = new ProcessBuilder(command, "--version").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            return false;
        }
        try {
            return p.waitFor(CLIP_TIMEOUT_SECONDS, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (InterruptedException e) {
            end(p, null);
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Makes every clip of {@link VoiceClips#names()} into {@code folder}, replacing what is there. */
    public void make(Path folder) {
        try {
            Files.createDirectories(folder);
            Files.deleteIfExists(folder.resolve(VoiceClips.PROPERTIES));
            for (String name : VoiceClips.names()) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new IOException("stopped before " + name + ".wav");
                }
                clip(folder, name);
            }
            Properties p = new Properties();
            p.setProperty("language", "vi");
            p.setProperty("voice", "espeak-ng " + voice + ", " + speedWpm + " words per minute");
            p.setProperty("madeBy", "kiosk-agent, synthesised with espeak-ng");
            p.setProperty("madeAt", Instant.now().toString());
            Path tmp = Files.createTempFile(folder, "pack-", ".properties.tmp");
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                p.store(w, "voice pack: one <name>.wav per clip, PCM 16-bit mono, 16-48 kHz");
            }
            Files.move(tmp, folder.resolve(VoiceClips.PROPERTIES), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("voice pack " + folder + ": cannot write (" + e.getMessage() + ")", e);
        }
    }

    private void clip(Path folder, String name) throws IOException {
        speak(voice, VoiceClips.says(name), folder.resolve(name + ".wav"));
    }

    /**
     * Says {@code text} with {@code withVoice} into {@code target} (silence at the ends cut short), replacing it
     * atomically: a reader never sees half a file.
     */
    public void speak(String withVoice, String text, Path target) throws IOException {
        // a temporary name of its own: two agents sharing a data folder may make the same file at the same time;
        // a text starting with a dash gets a space first, so espeak-ng never reads it as an option
        Path tmp = Files.createTempFile(target.getParent(), "speech-", ".wav.tmp");
        Process p = new ProcessBuilder(List.of(command, "-v", withVoice, "-s", Integer.toString(speedWpm), "-w",
                tmp.toString(), text.startsWith("-") ? " " + text : text)).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            if (!p.waitFor(CLIP_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                end(p, tmp);
                throw new IOException(command + " took over " + CLIP_TIMEOUT_SECONDS + " s for " + target.getFileName());
            }
        } catch (InterruptedException e) {
            end(p, tmp);
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while making " + target.getFileName(), e);
        }
        if (p.exitValue() != 0 || !Files.exists(tmp) || Files.size(tmp) <= 44) {
            Files.deleteIfExists(tmp);
            throw new IOException(command + " -v " + withVoice + " made no sound for " + target.getFileName()
                    + " (exit " + p.exitValue() + ")");
        }
        SilenceTrim.trim(tmp);
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Kills espeak-ng, and whatever it started (an office's wrapper script may run it in a child), and waits until
     * they have exited before removing the file: a killed process that is still writing would otherwise leave a file
     * behind in a folder that is being removed (a stopping agent's data folder being wiped).
     */
    private static void end(Process p, Path tmp) {
        List<ProcessHandle> all = new ArrayList<>(p.descendants().toList());
        all.add(p.toHandle());
        all.forEach(ProcessHandle::destroyForcibly);
        boolean interrupted = false;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        for (ProcessHandle h : all) {
            while (h.isAlive() && System.nanoTime() < deadline) {
                try {
                    h.onExit().get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException | TimeoutException e) {
                    break;
                }
            }
        }
        try {
            if (tmp != null) {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            // the caller reports the clip as not made either way
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
