package vn.motcua.agent.voice;

import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.motcua.agent.config.KioskSettings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * What the kiosk screen's audio guide says, as WAV: a fixed phrase from the office's recorded pack when it holds
 * that clip, else the text synthesised with espeak-ng (Vietnamese or English) and kept in the data folder under the
 * hash of its language and text, so a screen's phrases are made once and then only read.
 */
@Singleton
public class GuideSpeech {
    private static final Logger LOG = LoggerFactory.getLogger(GuideSpeech.class);
    static final String CACHE_FOLDER = "voice/speech-cache";

    /** Where an utterance came from. */
    public enum Source { RECORDED, CACHED, SYNTHESISED }

    public record Speech(byte[] wav, Source source) {
    }

    private final VoiceSettings settings;
    private final VoicePack pack;
    private final EspeakPackMaker espeak;
    private final Path cache;

    public GuideSpeech(VoiceSettings settings, VoicePack pack, KioskSettings kiosk) {
        this.settings = settings;
        this.pack = pack;
        this.espeak = new EspeakPackMaker(settings.espeakCommand(), settings.espeakVoice(), settings.espeakSpeedWpm());
        this.cache = Path.of(kiosk.dataDir()).resolve(CACHE_FOLDER).toAbsolutePath();
    }

    /**
     * @param text the utterance, already checked (one line, at most 300 characters)
     * @param lang {@code vi} or {@code en}
     * @param clip a fixed phrase's key (already checked against the clip pattern), or null
     * @throws UncheckedIOException when espeak-ng cannot say it
     */
    public Speech speak(String text, String lang, String clip) {
        if (clip != null && settings.officePack()) {
            Optional<byte[]> recorded = recorded(clip);
            if (recorded.isPresent()) {
                return new Speech(recorded.get(), Source.RECORDED);
            }
        }
        Path file = cache.resolve(key(lang, text) + ".wav");
        try {
            if (Files.isRegularFile(file)) {
                return new Speech(Files.readAllBytes(file), Source.CACHED);
            }
            Files.createDirectories(cache);
            espeak.speak("en".equals(lang) ? settings.espeakVoiceEn() : settings.espeakVoice(), text, file);
            return new Speech(Files.readAllBytes(file), Source.SYNTHESISED);
        } catch (IOException e) {
            if (Thread.currentThread().isInterrupted()) {
                throw new UncheckedIOException(e); // the agent is stopping: nothing to report
            }
            LOG.warn("speech cache {}: cannot say a {} utterance of {} characters ({}) — the screen stays silent "
                    + "for it; is espeak-ng installed?", cache, lang, text.length(), e.getMessage());
            throw new UncheckedIOException(e);
        }
    }

    private Optional<byte[]> recorded(String clip) {
        Path file = pack.folder().resolve(clip + ".wav");
        if (!Files.isRegularFile(file) || VoicePack.formatProblem(file) != null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readAllBytes(file));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    static String key(String lang, String text) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((lang + "\n" + text).getBytes(StandardCharsets.UTF_8));
            return lang + "-" + HexFormat.of().formatHex(sha.digest(), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
