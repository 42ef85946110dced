package vn.motcua.app.guide;

import vn.motcua.app.agent.AgentClient;
import vn.motcua.screen.SpeechRequest;

import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.SourceDataLine;
import javax.sound.sampled.UnsupportedAudioFileException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/**
 * Says utterances with the agent's speech ({@code POST /api/speech}) through the default audio output
 * ({@code javax.sound.sampled}: ALSA on the Pi, the headphone jack or the speaker). One worker thread says one
 * utterance at a time; a new {@link #say} makes the one being said stop within a few hundredths of a second. A kiosk
 * without an audio device logs that once and stays silent; nothing here ever waits on the FX thread.
 */
public final class AgentSpeaker implements Speaker {
    private static final Logger LOG = Logger.getLogger(AgentSpeaker.class.getName());
    /** How much sound is written to the line at once: what is still heard after an interruption. */
    private static final double CHUNK_SECONDS = 0.05;
    private static final long FETCH_TIMEOUT_SECONDS = 20;

    /** One utterance as it went: the WAV's size, and whether it reached an audio device. */
    public record Spoken(Utterance utterance, int wavBytes, boolean played) {
    }

    private final AgentClient agent;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "audio-guide");
        t.setDaemon(true);
        return t;
    });
    private final AtomicLong generation = new AtomicLong();
    private final List<Spoken> spoken = new ArrayList<>();
    private volatile boolean noDevice;

    public AgentSpeaker(AgentClient agent) {
        this.agent = agent;
    }

    @Override
    public void say(List<Utterance> utterances) {
        long mine = generation.incrementAndGet();
        List<Utterance> copy = List.copyOf(utterances);
        worker.execute(() -> sayAll(copy, mine));
    }

    @Override
    public void stop() {
        generation.incrementAndGet();
    }

    @Override
    public void close() {
        stop();
        worker.shutdownNow();
    }

    /** What was said so far, oldest first (utterances cut off by a newer screen are not in it). */
    public synchronized List<Spoken> spoken() {
        return List.copyOf(spoken);
    }

    private boolean current(long mine) {
        return generation.get() == mine;
    }

    private void sayAll(List<Utterance> utterances, long mine) {
        for (Utterance u : utterances) {
            if (!current(mine)) {
                return;
            }
            byte[] wav;
            try {
                wav = agent.speech(new SpeechRequest(u.text(), u.lang(), u.clip()))
                        .get(FETCH_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                LOG.warning("audio guide: no speech for a " + u.lang() + " utterance (" + e.getMessage()
                        + ") — skipped");
                continue;
            }
            if (!current(mine)) {
                return;
            }
            boolean played = play(wav, mine);
            synchronized (this) {
                spoken.add(new Spoken(u, wav.length, played));
            }
        }
    }

    /** Plays one WAV to its end, or until a newer {@link #say}; false when there is no audio device. */
    private boolean play(byte[] wav, long mine) {
        if (noDevice) {
            return false;
        }
        try (AudioInputStream in = AudioSystem.getAudioInputStream(new ByteArrayInputStream(wav))) {
            AudioFormat format = in.getFormat();
            SourceDataLine line;
            try {
                line = AudioSystem.getSourceDataLine(format);
                line.open(format);
            } catch (LineUnavailableException | IllegalArgumentException | SecurityException e) {
                noDevice = true;
                LOG.warning("audio guide: no audio output (" + e.getMessage() + ") — the guide stays silent; "
                        + "check the headphone jack or speaker and ALSA's default device");
                return false;
            }
            try {
                line.start();
                int frame = Math.max(1, format.getFrameSize());
                byte[] chunk = new byte[Math.max(frame, (int) (format.getFrameRate() * CHUNK_SECONDS) * frame)];
                int n;
                while (current(mine) && (n = in.read(chunk)) > 0) {
                    line.write(chunk, 0, n - n % frame);
                }
                if (current(mine)) {
                    line.drain();
                } else {
                    line.flush();
                }
            } finally {
                line.close();
            }
            return true;
        } catch (UnsupportedAudioFileException | IOException e) {
            LOG.warning("audio guide: the agent's speech is not a playable WAV (" + e.getMessage() + ")");
            return false;
        }
    }
}
