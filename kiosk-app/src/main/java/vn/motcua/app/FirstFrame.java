package vn.motcua.app;

import javafx.animation.AnimationTimer;
import javafx.scene.Node;
import javafx.scene.Scene;

import java.lang.management.ManagementFactory;

/**
 * Prints how long after the JVM started the first frame of Home was drawn, and the first frame with the site loaded
 * (the "busy" cover gone), for the start-up benchmark.
 */
final class FirstFrame {
    private FirstFrame() {
    }

    static void report(Scene scene) {
        new AnimationTimer() {
            private int pulses;
            private int readyPulses;

            @Override
            public void handle(long now) {
                // a pulse runs after the previous one's frame was rendered
                pulses++;
                if (pulses == 2) {
                    print("FIRST_FRAME_MS");
                }
                Node cover = scene.lookup("#busyCover");
                if (cover != null && !cover.isVisible() && ++readyPulses == 2) {
                    print("HOME_READY_MS");
                    stop();
                }
            }
        }.start();
    }

    private static void print(String what) {
        long ms = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
        System.out.println(what + "=" + ms);
        System.out.flush();
    }
}
