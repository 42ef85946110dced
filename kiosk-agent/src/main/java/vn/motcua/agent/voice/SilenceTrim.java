package vn.motcua.agent.voice;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Cuts the silence espeak-ng leaves around each clip (about a quarter of a second at either end) down to a short
 * pause, since an announcement plays its clips back to back: A012 to counter 3 is some three seconds shorter.
 * For 16-bit mono PCM only, which is what the pack holds.
 */
final class SilenceTrim {
    /** Quieter than this (of full scale) counts as silence: 0.5 %, as {@code sox … silence 1 0.01 0.5%} would. */
    private static final int THRESHOLD = 164;
    private static final double PAUSE_SECONDS = 0.05;
    private static final int RIFF = 0x46464952;
    private static final int WAVE = 0x45564157;
    private static final int FMT = 0x20746d66;
    private static final int DATA = 0x61746164;

    private SilenceTrim() {
    }

    /** Rewrites {@code wav} with at most {@value #PAUSE_SECONDS} s of silence at either end; leaves others as they are. */
    static void trim(Path wav) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(wav)).order(ByteOrder.LITTLE_ENDIAN);
        if (b.limit() < 12 || b.getInt(0) != RIFF || b.getInt(8) != WAVE) {
            throw new IOException(wav + " is not a RIFF/WAVE file");
        }
        int rate = 0;
        int channels = 0;
        int bits = 0;
        int format = 0;
        int at = 12;
        while (at + 8 <= b.limit()) {
            int id = b.getInt(at);
            long size = Integer.toUnsignedLong(b.getInt(at + 4));
            if (id == FMT && at + 24 <= b.limit()) {
                format = b.getShort(at + 8) & 0xffff;
                channels = b.getShort(at + 10) & 0xffff;
                rate = b.getInt(at + 12);
                bits = b.getShort(at + 22) & 0xffff;
            } else if (id == DATA) {
                if (format != 1 || channels != 1 || bits != 16) {
                    throw new IOException(wav + " is not 16-bit mono PCM");
                }
                int start = at + 8;
                int samples = (int) (Math.min(size, b.limit() - start) / 2);
                int first = 0;
                while (first < samples && Math.abs(b.getShort(start + 2 * first)) < THRESHOLD) {
                    first++;
                }
                int last = samples - 1;
                while (last > first && Math.abs(b.getShort(start + 2 * last)) < THRESHOLD) {
                    last--;
                }
                if (first >= samples) {
                    return; // all silence: leave it, the caller's checks will say so
                }
                int pause = (int) (rate * PAUSE_SECONDS);
                int from = Math.max(0, first - pause);
                int to = Math.min(samples, last + 1 + pause);
                write(wav, rate, b, start + 2 * from, 2 * (to - from));
                return;
            }
            at += 8 + (int) size + (int) (size & 1);
        }
        throw new IOException(wav + " has no data chunk");
    }

    private static void write(Path wav, int rate, ByteBuffer source, int offset, int length) throws IOException {
        ByteBuffer out = ByteBuffer.allocate(44 + length).order(ByteOrder.LITTLE_ENDIAN);
        out.putInt(RIFF).putInt(36 + length).putInt(WAVE);
        out.putInt(FMT).putInt(16).putShort((short) 1).putShort((short) 1).putInt(rate).putInt(rate * 2)
                .putShort((short) 2).putShort((short) 16);
        out.putInt(DATA).putInt(length);
        out.put(source.array(), offset, length);
        Files.write(wav, out.array());
    }
}
