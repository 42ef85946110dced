package vn.motcua.screen;

import java.util.List;

/**
 * {@code POST /api/print/guide}: the guide slip of a catalogue procedure, found by {@code procedureCode} or, for a
 * procedure without a code, by its Vietnamese {@code title}. The agent prints what its catalogue holds.
 */
public record GuideRequest(String procedureCode, String title, String portalUrl, List<String> documents) {
}
