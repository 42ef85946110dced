package vn.motcua.agent;

import io.micronaut.runtime.Micronaut;

/** The kiosk's single owner of data and sync: local API on 127.0.0.1, SQLite outbox, MQTT publisher. */
public final class KioskAgent {
    private KioskAgent() {
    }

    public static void main(String[] args) {
        Micronaut.build(args).mainClass(KioskAgent.class).banner(false).start();
    }
}
