package vn.motcua.agent.voice;

import io.micronaut.context.annotation.Context;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.motcua.agent.events.KioskEventBus;
import vn.motcua.agent.site.SiteConfigStore;
import vn.motcua.protocol.message.SiteConfig;
import vn.motcua.screen.SpeechRequest;
import vn.motcua.screen.StreamEventType;

import java.io.UncheckedIOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Says the site's names (services, fields, procedures) into the audio guide's speech cache as soon as a configuration
 * runs, in Vietnamese, one after the other on a background thread. They are free text no recorded pack can hold, and
 * espeak-ng works offline on the kiosk; made beforehand, the first citizen who has the procedures read out does not
 * wait a Pi's fraction of a second before each name. Nothing waits on this: a name not made yet is made when asked,
 * and when espeak-ng cannot speak, preparing stops with one log line and the guide skips the names it cannot say.
 */
@Context
public class SiteNamesSpeech {
    private static final Logger LOG = LoggerFactory.getLogger(SiteNamesSpeech.class);

    private final GuideSpeech speech;
    private final SiteConfigStore site;
    private final Runnable unsubscribe;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "site-names-speech");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        return t;
    });

    public SiteNamesSpeech(GuideSpeech speech, SiteConfigStore site, KioskEventBus events) {
        this.speech = speech;
        this.site = site;
        this.unsubscribe = events.subscribe(e -> {
            if (e.type() == StreamEventType.CONFIG) {
                prepareCurrent();
            }
        });
        prepareCurrent();
    }

    /** The names the audio guide says as text, in the form the screen asks for them. */
    static Set<String> names(SiteConfig config) {
        Set<String> names = new LinkedHashSet<>();
        config.services().forEach(s -> names.add(SpeechRequest.oneLine(s.nameVi())));
        config.procedures().stream().map(SiteConfig.Procedure::field).filter(Objects::nonNull)
                .forEach(f -> names.add(SpeechRequest.oneLine(f)));
        config.procedures().forEach(p -> names.add(SpeechRequest.oneLine(p.nameVi())));
        names.remove("");
        return names;
    }

    private void prepareCurrent() {
        SiteConfig config = site.current();
        worker.execute(() -> prepare(config.version(), List.copyOf(names(config))));
    }

    private void prepare(long version, List<String> names) {
        long start = System.nanoTime();
        int made = 0;
        for (String name : names) {
            if (Thread.currentThread().isInterrupted()) {
                return;
            }
            try {
                if (speech.speak(name, "vi", null).source() == GuideSpeech.Source.SYNTHESISED) {
                    made++;
                }
            } catch (UncheckedIOException e) {
                if (Thread.currentThread().isInterrupted()) {
                    return; // the agent is stopping
                }
                LOG.warn("audio guide: site configuration version {}: its names are not prepared ({}) — the guide "
                        + "skips the names it cannot say", version, e.getCause().getMessage());
                return;
            }
        }
        LOG.info("audio guide: site configuration version {}: {} names ready to say ({} made now) in {} ms",
                version, names.size(), made, (System.nanoTime() - start) / 1_000_000);
    }

    /** Stops and waits, so no name is written into the data folder after the agent has stopped. */
    @PreDestroy
    void stop() {
        unsubscribe.run();
        worker.shutdownNow();
        try {
            if (!worker.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("audio guide: still preparing names 10 s after stop");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
