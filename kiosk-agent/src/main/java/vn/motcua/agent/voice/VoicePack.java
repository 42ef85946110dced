package vn.motcua.agent.voice;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.motcua.agent.config.KioskSettings;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The voice pack the hall display plays: an office's own folder ({@code agent.voice.pack-folder}) or the default
 * pack, which is made with espeak-ng into the data folder on the first start (in the background: the kiosk serves
 * citizens meanwhile, and the display only chimes until the pack is there). Serves only the fixed clip names, so no
 * request can reach another file.
 */
@Singleton
public class VoicePack {
    private static final Logger LOG = LoggerFactory.getLogger(VoicePack.class);
    static final String DEFAULT_FOLDER = "voice/vi-espeak-ng";
    private static final long STOP_WAIT_MILLIS = 10_000;

    private final Path folder;
    private final Thread maker;
    private volatile boolean ready;

    public VoicePack(VoiceSettings settings, KioskSettings kiosk) {
        if (settings.officePack()) {
            folder = Path.of(settings.packFolder()).toAbsolutePath();
            maker = null;
            List<String> missing = missing(folder);
            if (missing.size() == VoiceClips.names().size()) {
                LOG.error("voice pack {} (agent.voice.pack-folder): no clips there — the hall display only chimes; "
                        + "see the README for the file names", folder);
            } else if (!missing.isEmpty()) {
                LOG.warn("voice pack {}: {} clips missing, e.g. {} — calls that need them only chime", folder,
                        missing.size(), missing.subList(0, Math.min(5, missing.size())));
            }
            for (String name : VoiceClips.names()) {
                String problem = formatProblem(folder.resolve(name + ".wav"));
                if (problem != null) {
                    LOG.warn("voice pack {}: {}.wav {} — want PCM 16-bit mono, 16-48 kHz", folder, name, problem);
                }
            }
            ready = missing.size() < VoiceClips.names().size();
            return;
        }
        folder = Path.of(kiosk.dataDir()).resolve(DEFAULT_FOLDER).toAbsolutePath();
        if (Files.exists(folder.resolve(VoiceClips.PROPERTIES)) && missing(folder).isEmpty()) {
            ready = true;
            maker = null;
            return;
        }
        EspeakPackMaker espeak = new EspeakPackMaker(settings.espeakCommand(), settings.espeakVoice(),
                settings.espeakSpeedWpm());
        maker = new Thread(() -> make(espeak), "voice-pack-maker");
        maker.setDaemon(true);
        maker.start();
    }

    private void make(EspeakPackMaker espeak) {
        if (!espeak.available()) {
            if (Thread.currentThread().isInterrupted()) {
                return; // the agent stopped while asking espeak-ng for its version
            }
            LOG.warn("voice pack {}: espeak-ng ({}) does not answer — the hall display only chimes; install the "
                    + "espeak-ng package or set agent.voice.pack-folder to a recorded pack", folder, espeak.command());
            return;
        }
        long start = System.nanoTime();
        try {
            espeak.make(folder);
            ready = true;
            LOG.info("voice pack: made {} clips with espeak-ng into {} in {} ms", VoiceClips.names().size(), folder,
                    (System.nanoTime() - start) / 1_000_000);
        } catch (RuntimeException e) {
            if (Thread.currentThread().isInterrupted()) {
                LOG.info("voice pack {}: the agent stopped while it was being made; it is made again on the next "
                        + "start", folder);
                return;
            }
            LOG.error("voice pack {}: could not make the default pack — the hall display only chimes", folder, e);
        }
    }

    /** Whether clips can be played (false while the default pack is being made, or when it cannot be). */
    public boolean ready() {
        return ready;
    }

    public Path folder() {
        return folder;
    }

    /** The clip's WAV bytes; empty for a name that is not a clip, or a clip the pack lacks. */
    public Optional<byte[]> clip(String name) {
        if (!ready || !VoiceClips.isClip(name)) {
            return Optional.empty();
        }
        Path file = folder.resolve(name + ".wav");
        try {
            return Optional.of(Files.readAllBytes(file));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Whether the pack holds every clip of {@code clips}. */
    public boolean has(List<String> clips) {
        return ready && clips.stream().allMatch(c -> VoiceClips.isClip(c) && Files.isRegularFile(folder.resolve(c + ".wav")));
    }

    static List<String> missing(Path folder) {
        return VoiceClips.names().stream().filter(n -> !Files.isRegularFile(folder.resolve(n + ".wav"))).toList();
    }

    /** What is wrong with a clip's format, or null when it is PCM 16-bit mono at 16-48 kHz (or absent). */
    static String formatProblem(Path wav) {
        if (!Files.isRegularFile(wav)) {
            return null;
        }
        try (InputStream in = Files.newInputStream(wav)) {
            ByteBuffer b = ByteBuffer.wrap(in.readNBytes(4096)).order(ByteOrder.LITTLE_ENDIAN);
            if (b.remaining() < 12 || b.getInt(0) != 0x46464952 || b.getInt(8) != 0x45564157) {
                return "is not a RIFF/WAVE file";
            }
            int at = 12;
            while (at + 8 <= b.limit()) {
                int id = b.getInt(at);
                int size = b.getInt(at + 4);
                if (id == 0x20746d66 && at + 24 <= b.limit()) {
                    int format = b.getShort(at + 8) & 0xffff;
                    int channels = b.getShort(at + 10) & 0xffff;
                    int rate = b.getInt(at + 12);
                    int bits = b.getShort(at + 22) & 0xffff;
                    if (format != 1 || bits != 16) {
                        return "is not 16-bit PCM (format " + format + ", " + bits + " bits)";
                    }
                    if (channels != 1) {
                        return "has " + channels + " channels";
                    }
                    if (rate < 16_000 || rate > 48_000) {
                        return "is sampled at " + rate + " Hz";
                    }
                    return null;
                }
                if (size < 0) {
                    break;
                }
                at += 8 + size + (size & 1);
            }
            return "has no format chunk";
        } catch (IOException e) {
            return "cannot be read (" + e.getMessage() + ")";
        }
    }

    /** Stops making the default pack and waits for it, so nothing writes into the data folder after the agent. */
    @PreDestroy
    void stop() {
        if (maker == null) {
            return;
        }
        maker.interrupt();
        try {
            maker.join(STOP_WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (maker.isAlive()) {
            LOG.warn("voice pack: still making {} {} ms after stop", folder, STOP_WAIT_MILLIS);
        }
    }
}
