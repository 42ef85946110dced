package vn.motcua.app.bench;

import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import vn.motcua.app.Kiosk;
import vn.motcua.app.procedures.ProcedureScreen;
import vn.motcua.app.shell.ScreenId;
import vn.motcua.app.support.AgentProcess;
import vn.motcua.app.support.KioskHarness;
import vn.motcua.screen.Site;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Figures, not a test (run with {@code mvn -Pbench -pl kiosk-app -am verify -DskipTests}): JVM start to the first
 * frame of Home, screen-to-screen transition times, and the resident size after 100 and 1,000 navigation round
 * trips. Uses a real kiosk-agent and the headless Monocle toolkit.
 */
public final class KioskBench {
    private static final ScreenId[] ROUND = {ScreenId.PROCEDURES, ScreenId.PROCEDURE, ScreenId.TICKET,
            ScreenId.RATING, ScreenId.STAFF};

    private KioskBench() {
    }

    public static void main(String[] args) throws Exception {
        try (AgentProcess agent = new AgentProcess("bench").start()) {
            startUp(agent, 5);
            transitions(agent);
        }
        System.exit(0);
    }

    private static void startUp(AgentProcess agent, int runs) throws Exception {
        List<Long> first = new ArrayList<>();
        List<Long> ready = new ArrayList<>();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        for (int i = 0; i < runs; i++) {
            List<String> cmd = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path")));
            for (String flag : System.getProperty("bench.jvmFlags", "").trim().split("\\s+")) {
                if (!flag.isEmpty()) {
                    cmd.add(flag);
                }
            }
            cmd.add("-Dkiosk.printFirstFrame=true");
            cmd.add("vn.motcua.app.Launcher");
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
            pb.environment().put("AGENT_URL", agent.url().toString());
            pb.environment().put("KIOSK_WINDOW", "1024x600");
            Process p = pb.start();
            try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    if (line.startsWith("FIRST_FRAME_MS=")) {
                        first.add(Long.parseLong(line.substring(15)));
                    } else if (line.startsWith("HOME_READY_MS=")) {
                        ready.add(Long.parseLong(line.substring(14)));
                        break;
                    }
                }
            } finally {
                p.destroy();
                p.waitFor(10, TimeUnit.SECONDS);
            }
        }
        System.out.printf("BENCH start: JVM start -> first Home frame, ms (runs %d): %s median %d%n", runs, first,
                median(first));
        System.out.printf("BENCH start: JVM start -> Home with site loaded, ms: %s median %d%n", ready,
                median(ready));
    }

    private static void transitions(AgentProcess agent) throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        Platform.startup(started::countDown);
        started.await();
        AtomicReference<Kiosk> kiosk = new AtomicReference<>();
        AtomicReference<Stage> stage = new AtomicReference<>();
        onFx(() -> {
            Kiosk k = new Kiosk(KioskHarness.testConfig(agent.url()), () -> { }, () -> { });
            Stage s = new Stage();
            Scene scene = new Scene(k.root(), 1024, 600);
            scene.getStylesheets().add(Kiosk.class.getResource(Kiosk.STYLESHEET).toExternalForm());
            s.setScene(scene);
            s.show();
            k.start();
            kiosk.set(k);
            stage.set(s);
        });
        while (onFxGet(() -> kiosk.get().state().site().get()) == null) {
            Thread.sleep(50);
        }
        Site site = onFxGet(() -> kiosk.get().state().site().get());
        List<Double> layoutMs = new ArrayList<>();
        List<Double> frameMs = new ArrayList<>();
        long rss100 = 0;
        for (int trip = 1; trip <= 1000; trip++) {
            ScreenId target = ROUND[trip % ROUND.length];
            for (ScreenId to : new ScreenId[]{target, ScreenId.HOME}) {
                long t0 = System.nanoTime();
                double sync = onFxGet(() -> {
                    if (to == ScreenId.PROCEDURE) {
                        ((ProcedureScreen) kiosk.get().navigator().screen(ScreenId.PROCEDURE))
                                .open(site.procedures().get((int) (System.nanoTime() % site.procedures().size())));
                    }
                    if (to == ScreenId.HOME) {
                        kiosk.get().navigator().home();
                    } else {
                        kiosk.get().navigator().go(to);
                    }
                    stage.get().getScene().getRoot().applyCss();
                    stage.get().getScene().getRoot().layout();
                    return (System.nanoTime() - t0) / 1e6;
                });
                awaitRenderedFrame();
                layoutMs.add(sync);
                frameMs.add((System.nanoTime() - t0) / 1e6);
            }
            if (trip == 100) {
                rss100 = rssKb();
            }
        }
        long rss1000 = rssKb();
        System.out.printf("BENCH transitions: %d; CSS+layout on the FX thread p50 %.1f ms p95 %.1f ms max %.1f ms%n",
                layoutMs.size(), pct(layoutMs, 50), pct(layoutMs, 95), pct(layoutMs, 100));
        System.out.printf("BENCH transitions: tap to next rendered frame p50 %.1f ms p95 %.1f ms max %.1f ms%n",
                pct(frameMs, 50), pct(frameMs, 95), pct(frameMs, 100));
        System.out.printf("BENCH memory: RSS after 100 round trips %d MB, after 1000 %d MB (%+.1f %%), heap max %d MB%n",
                rss100 / 1024, rss1000 / 1024, 100.0 * (rss1000 - rss100) / rss100,
                Runtime.getRuntime().maxMemory() / (1024 * 1024));
        onFx(() -> kiosk.get().close());
    }

    /** Two pulses: the second runs after the frame of the first has been rendered. */
    private static void awaitRenderedFrame() throws Exception {
        CountDownLatch done = new CountDownLatch(1);
        onFx(() -> new AnimationTimer() {
            private int n;

            @Override
            public void handle(long now) {
                if (++n == 2) {
                    stop();
                    done.countDown();
                }
            }
        }.start());
        done.await(10, TimeUnit.SECONDS);
    }

    private static long rssKb() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D+", ""));
            }
        }
        return -1;
    }

    private static void onFx(Runnable r) throws Exception {
        onFxGet(() -> {
            r.run();
            return null;
        });
    }

    private static <T> T onFxGet(java.util.concurrent.Callable<T> c) throws Exception {
        java.util.concurrent.FutureTask<T> task = new java.util.concurrent.FutureTask<>(c);
        Platform.runLater(task);
        return task.get(30, TimeUnit.SECONDS);
    }

    private static long median(List<Long> xs) {
        if (xs.isEmpty()) {
            return -1;
        }
        List<Long> s = new ArrayList<>(xs);
        Collections.sort(s);
        return s.get(s.size() / 2);
    }

    private static double pct(List<Double> xs, int p) {
        List<Double> s = new ArrayList<>(xs);
        Collections.sort(s);
        int i = (int) Math.ceil(p / 100.0 * s.size()) - 1;
        return s.get(Math.max(0, Math.min(s.size() - 1, i)));
    }
}
