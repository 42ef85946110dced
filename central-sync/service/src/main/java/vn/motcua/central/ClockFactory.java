package vn.motcua.central;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

import java.time.Clock;

/**
 * The one clock central reads the time from: UTC wall time. Tests replace it to stand at a chosen moment; durations
 * are measured with {@link System#nanoTime()} and need no clock.
 */
@Factory
class ClockFactory {

    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }
}
