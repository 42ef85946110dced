package vn.motcua.app.support;

import vn.motcua.app.guide.Speaker;
import vn.motcua.app.guide.Utterance;

import java.util.ArrayList;
import java.util.List;

/** A speaker that says nothing and writes down what it was asked: each plan, and each stop as an empty list. */
public final class RecordingSpeaker implements Speaker {
    private final List<List<Utterance>> asked = new ArrayList<>();
    private int stops;

    @Override
    public synchronized void say(List<Utterance> utterances) {
        asked.add(List.copyOf(utterances));
    }

    @Override
    public synchronized void stop() {
        stops++;
    }

    /** Every plan, oldest first. */
    public synchronized List<List<Utterance>> asked() {
        return List.copyOf(asked);
    }

    public synchronized List<Utterance> last() {
        return asked.isEmpty() ? List.of() : asked.get(asked.size() - 1);
    }

    public synchronized int stops() {
        return stops;
    }

    /** The texts of a plan, for assertions that read like the screen. */
    public static List<String> texts(List<Utterance> plan) {
        return plan.stream().map(Utterance::text).toList();
    }
}
