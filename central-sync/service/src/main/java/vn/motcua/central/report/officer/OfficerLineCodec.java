package vn.motcua.central.report.officer;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * One site's {@link OfficerLine}s as {@code officer_lines_kept} holds them: a JSON array with one array per line, its
 * fields in the record's order without the site (the row's own column). Arrays rather than objects keep a month of
 * every site (12,000 lines) small and quick to read; doubles are written in their shortest exact form, so a line
 * reads back equal to the one written.
 */
final class OfficerLineCodec {
    private static final JsonFactory JSON = new JsonFactory();

    private OfficerLineCodec() {
    }

    static String encode(List<OfficerLine> lines) {
        StringWriter out = new StringWriter(64 + 120 * lines.size());
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartArray();
            for (OfficerLine l : lines) {
                g.writeStartArray();
                g.writeString(l.officer());
                g.writeNumber(l.served());
                g.writeNumber(l.noShows());
                g.writeNumber(l.transfers());
                g.writeNumber(l.recalls());
                number(g, l.medianWaitSeconds());
                number(g, l.p90WaitSeconds());
                number(g, l.medianServiceSeconds());
                number(g, l.p90ServiceSeconds());
                number(g, l.signedInSeconds());
                number(g, l.atCounterSeconds());
                number(g, l.idleSeconds());
                g.writeNumber(l.rated());
                g.writeNumber(l.satisfied());
                g.writeEndArray();
            }
            g.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static void number(JsonGenerator g, Double value) throws IOException {
        if (value == null) {
            g.writeNull();
        } else {
            g.writeNumber(value);
        }
    }

    /** Adds the lines of {@code site} that {@code json} holds to {@code into}. */
    static void decode(String site, String json, List<OfficerLine> into) {
        try (JsonParser p = JSON.createParser(json)) {
            expect(p.nextToken(), JsonToken.START_ARRAY);
            while (p.nextToken() == JsonToken.START_ARRAY) {
                p.nextToken();
                String officer = p.getValueAsString();
                long served = longAt(p);
                long noShows = longAt(p);
                long transfers = longAt(p);
                long recalls = longAt(p);
                Double medianWait = doubleAt(p);
                Double p90Wait = doubleAt(p);
                Double medianService = doubleAt(p);
                Double p90Service = doubleAt(p);
                Double signedIn = doubleAt(p);
                Double atCounter = doubleAt(p);
                Double idle = doubleAt(p);
                long rated = longAt(p);
                long satisfied = longAt(p);
                expect(p.nextToken(), JsonToken.END_ARRAY);
                into.add(new OfficerLine(site, officer, served, noShows, transfers, recalls, medianWait, p90Wait,
                        medianService, p90Service, signedIn, atCounter, idle, rated, satisfied));
            }
            expect(p.currentToken(), JsonToken.END_ARRAY);
        } catch (IOException e) {
            throw new IllegalStateException("kept officer lines of " + site + " cannot be read", e);
        }
    }

    private static long longAt(JsonParser p) throws IOException {
        expect(p.nextToken(), JsonToken.VALUE_NUMBER_INT);
        return p.getLongValue();
    }

    private static Double doubleAt(JsonParser p) throws IOException {
        JsonToken t = p.nextToken();
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        if (t != JsonToken.VALUE_NUMBER_FLOAT && t != JsonToken.VALUE_NUMBER_INT) {
            throw new IOException("a number, not " + t);
        }
        return p.getDoubleValue();
    }

    private static void expect(JsonToken actual, JsonToken expected) throws IOException {
        if (actual != expected) {
            throw new IOException(expected + " expected, not " + actual);
        }
    }
}
