package vn.motcua.agent.events;

import jakarta.inject.Singleton;
import vn.motcua.screen.StreamEvent;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * In-process events that the screens need to hear about without polling: printer status, configuration and
 * catalogue changes, queue calls. Anything in the agent may publish; the SSE endpoints subscribe. Listeners run on
 * the publisher's thread and must not block.
 */
@Singleton
public class KioskEventBus {
    private final List<Consumer<StreamEvent>> listeners = new CopyOnWriteArrayList<>();

    public void publish(StreamEvent event) {
        for (Consumer<StreamEvent> l : listeners) {
            try {
                l.accept(event);
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(KioskEventBus.class)
                        .warn("event listener failed on {}: {}", event.type().wireName(), e.toString());
            }
        }
    }

    /** Returns what to run to unsubscribe. */
    public Runnable subscribe(Consumer<StreamEvent> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }
}
