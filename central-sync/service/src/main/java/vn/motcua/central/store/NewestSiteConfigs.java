package vn.motcua.central.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * What each site's newest published configuration ({@code site_configs}) gives a reader, decoded once per version: a
 * report or a poll reads only the newest version numbers, and decodes a body again only after a site publishes.
 *
 * @param <T> what the reader takes from a body; {@code decode} returns null for a body it cannot use, and that site is
 *            then left out
 */
public final class NewestSiteConfigs<T> {
    private record Known<T>(long version, T value) {
    }

    private final Function<String, T> decode;
    private final Map<String, Known<T>> known = new ConcurrentHashMap<>();

    public NewestSiteConfigs(Function<String, T> decode) {
        this.decode = decode;
    }

    /** Per site (only {@code only} unless it is empty) with a configuration, what its newest one gives. */
    public Map<String, T> read(Connection c, String only) throws SQLException {
        Map<String, Long> newest = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT site_id, MAX(version) FROM site_configs"
                + (only.isEmpty() ? "" : " WHERE site_id = ?") + " GROUP BY site_id")) {
            if (!only.isEmpty()) {
                ps.setString(1, only);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    newest.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        Map<String, T> out = new HashMap<>();
        for (Map.Entry<String, Long> site : newest.entrySet()) {
            Known<T> k = known.get(site.getKey());
            if (k == null || k.version() != site.getValue()) {
                try (PreparedStatement ps = c.prepareStatement(
                        "SELECT body FROM site_configs WHERE site_id = ? AND version = ?")) {
                    ps.setString(1, site.getKey());
                    ps.setLong(2, site.getValue());
                    try (ResultSet rs = ps.executeQuery()) {
                        k = new Known<>(site.getValue(), rs.next() ? decode.apply(rs.getString(1)) : null);
                    }
                }
                known.put(site.getKey(), k);
            }
            if (k.value() != null) {
                out.put(site.getKey(), k.value());
            }
        }
        return out;
    }
}
