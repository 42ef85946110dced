package vn.motcua.app.rating;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TicketInputTest {
    private static final String ID = "fddd4fb6-f6ab-4cf6-95c9-e1ba45a794c0";

    @Test
    void givenStatusLinkFromScanner_thenTicketId() {
        assertEquals(Optional.of(new TicketInput(ID, null)), TicketInput.parse("http://192.168.1.20:8081/t/" + ID));
        assertEquals(Optional.of(new TicketInput(ID, null)), TicketInput.parse("  https://k/t/" + ID.toUpperCase() + "/\n"));
        assertEquals(Optional.of(new TicketInput(ID, null)), TicketInput.parse(ID));
    }

    @Test
    void givenTypedNumber_thenPaddedDisplay() {
        assertEquals(Optional.of(new TicketInput(null, "A012")), TicketInput.parse("A012"));
        assertEquals(Optional.of(new TicketInput(null, "B007")), TicketInput.parse("b7"));
        assertEquals(Optional.of(new TicketInput(null, "C120")), TicketInput.parse("C 120"));
    }

    @Test
    void givenAnythingElse_thenNothing() {
        assertEquals(Optional.empty(), TicketInput.parse(""));
        assertEquals(Optional.empty(), TicketInput.parse("012"));
        assertEquals(Optional.empty(), TicketInput.parse("http://k/t/not-a-ticket"));
        assertEquals(Optional.empty(), TicketInput.parse("001234567890|123456789|Nguyễn Văn A|01011990|Nam|Hà Nội|01012020"));
    }
}
