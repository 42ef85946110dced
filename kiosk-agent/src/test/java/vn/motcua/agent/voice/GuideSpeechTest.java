package vn.motcua.agent.voice;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import vn.motcua.agent.lan.LanServer;
import vn.motcua.agent.support.LanClient;
import vn.motcua.agent.support.TempDb;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The screen's audio guide speech, with the real espeak-ng, an office pack made with sox and a real data folder. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GuideSpeechTest implements TestPropertyProvider {
    @Inject
    EmbeddedServer server;
    @Inject
    LanServer lan;

    private final HttpClient http = HttpClient.newHttpClient();
    private Path officePack;

    @Override
    public Map<String, String> getProperties() {
        try {
            Path data = Files.createTempDirectory("speech-data");
            officePack = Files.createTempDirectory("office-pack");
            Process sox = new ProcessBuilder("sox", "-n", "-r", "22050", "-b", "16", "-c", "1",
                    officePack.resolve("guide-home-title.wav").toString(), "synth", "0.4", "sine", "440")
                    .redirectErrorStream(true).start();
            assertEquals(0, sox.waitFor(), "sox must be installed (apt-get install sox)");
            return Map.of("kiosk.db-file", TempDb.newFile("speech"), "kiosk.data-dir", data.toString(),
                    "agent.voice.pack-folder", officePack.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<byte[]> speak(String json) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(server.getURL() + "/api/speech"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Root mean square of a 16-bit mono PCM WAV's samples, of full scale. */
    static double rms(byte[] wav) {
        ByteBuffer b = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(0x46464952, b.getInt(0), "RIFF");
        int at = 12;
        while (b.getInt(at) != 0x61746164) {
            at += 8 + b.getInt(at + 4);
        }
        int samples = Math.min(b.getInt(at + 4), wav.length - at - 8) / 2;
        double sum = 0;
        for (int i = 0; i < samples; i++) {
            double s = b.getShort(at + 8 + 2 * i) / 32768.0;
            sum += s * s;
        }
        return samples == 0 ? 0 : Math.sqrt(sum / samples);
    }

    @Test
    void givenAProcedureName_whenSpokenTwice_thenAnAudibleWavIsSynthesisedThenReadFromTheCache() {
        String json = "{\"text\":\"Đăng ký khai sinh, lựa chọn thứ nhất\",\"lang\":\"vi\"}";

        HttpResponse<byte[]> first = speak(json);
        HttpResponse<byte[]> second = speak(json);

        assertEquals(200, first.statusCode(), new String(first.body(), StandardCharsets.UTF_8));
        assertEquals("audio/wav", first.headers().firstValue("Content-Type").orElse(""));
        assertEquals("synthesised", first.headers().firstValue(SpeechController.SOURCE_HEADER).orElse(""));
        double rms = rms(first.body());
        System.out.printf("speech vi: %d bytes, rms %.3f%n", first.body().length, rms);
        assertTrue(rms > 0.01, "rms " + rms);
        assertEquals("cached", second.headers().firstValue(SpeechController.SOURCE_HEADER).orElse(""));
        assertArrayEquals(first.body(), second.body());
    }

    @Test
    void givenEnglish_whenSpoken_thenAnAudibleWavInTheEnglishVoice() {
        HttpResponse<byte[]> r = speak("{\"text\":\"Audio guide on. Take a ticket, choice one.\",\"lang\":\"en\"}");

        assertEquals(200, r.statusCode());
        assertTrue(rms(r.body()) > 0.01);
    }

    @Test
    void givenTheOfficePackHoldsTheClip_whenItsPhraseIsSpoken_thenTheRecordingIsAnswered() throws IOException {
        HttpResponse<byte[]> r = speak("{\"text\":\"Trang chủ\",\"lang\":\"vi\",\"clip\":\"guide-home-title\"}");

        assertEquals(200, r.statusCode());
        assertEquals("recorded", r.headers().firstValue(SpeechController.SOURCE_HEADER).orElse(""));
        assertArrayEquals(Files.readAllBytes(officePack.resolve("guide-home-title.wav")), r.body());
    }

    @Test
    void givenBadInput_whenSpoken_thenRefusedWith400NamingTheField() {
        String tooLong = "a".repeat(301);
        assertRefused(speak("{\"text\":\"" + tooLong + "\",\"lang\":\"vi\"}"), "text");
        assertRefused(speak("{\"text\":\"Xin chào\\u0007\",\"lang\":\"vi\"}"), "text");
        assertRefused(speak("{\"text\":\"Xin chào\\nlần hai\",\"lang\":\"vi\"}"), "text");
        assertRefused(speak("{\"lang\":\"vi\"}"), "text");
        assertRefused(speak("{\"text\":\"Bonjour\",\"lang\":\"fr\"}"), "lang");
        assertRefused(speak("{\"text\":\"Trang chủ\",\"lang\":\"vi\",\"clip\":\"../pack\"}"), "clip");
        assertRefused(speak("not json"), null);
    }

    @Test
    void givenTheLanServer_whenSpeechAsked_thenThereIsNoSuchRoute() {
        LanClient.Reply r = new LanClient(lan.baseUrl()).postJson("127.0.6.1", "/api/speech",
                "{\"text\":\"Xin chào\",\"lang\":\"vi\"}");

        // the LAN server takes no POST outside its own routes (405), whatever the path
        assertTrue(r.status() == 404 || r.status() == 405, "speech is for the kiosk's own screen, on 127.0.0.1 "
                + "only; got " + r.status());
        assertFalse(String.valueOf(r.header("Content-Type")).startsWith("audio/"));
    }

    private static void assertRefused(HttpResponse<byte[]> r, String field) {
        String body = new String(r.body(), StandardCharsets.UTF_8);
        assertEquals(400, r.statusCode(), body);
        if (field != null) {
            assertTrue(body.contains("\"field\":\"" + field + "\""), body);
        }
    }
}
