package vn.motcua.app.guide;

import java.util.List;

/** Says utterances through the kiosk's audio output, one at a time. Never blocks the caller (the FX thread). */
public interface Speaker extends AutoCloseable {
    /** Stops whatever is being said and says these, in order. */
    void say(List<Utterance> utterances);

    /** Stops whatever is being said. */
    void stop();

    @Override
    default void close() {
        stop();
    }
}
