package vn.motcua.app;

import javafx.animation.AnimationTimer;
import javafx.scene.Scene;

import java.lang.management.ManagementFactory;

/** Prints how long after the JVM started the first frame of the window was drawn (for the start-up benchmark). */
final class FirstFrame {
    private FirstFrame() {
    }

    static void report(Scene scene) {
        new AnimationTimer() {
            private int pulses;

            @Override
            public void handle(long now) {
                // the second pulse runs after the first frame has been rendered
                if (++pulses == 2) {
                    stop();
                    long ms = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
                    System.out.println("FIRST_FRAME_MS=" + ms);
                }
            }
        }.start();
    }
}
