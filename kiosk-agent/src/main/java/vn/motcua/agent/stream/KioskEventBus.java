package vn.motcua.agent.stream;

import jakarta.inject.Singleton;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;

/**
 * In-process events that the screens need to hear about without polling: printer status, configuration and
 * catalogue changes, queue calls. Anything in the agent may publish; the SSE endpoints subscribe. Listeners run on
 * the publisher's thread and must not block.
 */
@Singleton
public class KioskEventBus {
    public static final String PRINTER = "printer";
    public static final String CONFIG = "config";
    public static final String CALL = "call";
    public static final String QUEUE = "queue";
    /** A notice from central for the kiosk screen: {@link KioskScreens.Notice}. */
    public static final String NOTICE = "notice";
    /** Central asks the kiosk screen to restart once nobody is using it. */
    public static final String RESTART = "restart";

    private final List<BiConsumer<String, Object>> listeners = new CopyOnWriteArrayList<>();

    public void publish(String type, Object body) {
        for (BiConsumer<String, Object> l : listeners) {
            try {
                l.accept(type, body);
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(KioskEventBus.class)
                        .warn("event listener failed on {}: {}", type, e.toString());
            }
        }
    }

    /** Returns what to run to unsubscribe. */
    public Runnable subscribe(BiConsumer<String, Object> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }
}
