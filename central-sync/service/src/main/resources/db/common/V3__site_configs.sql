-- every published version of a site's configuration, signed; the newest is what kiosks should run
CREATE TABLE site_configs (
    site_id      TEXT   NOT NULL,
    version      BIGINT NOT NULL,
    body         TEXT   NOT NULL,
    published_by TEXT   NOT NULL,
    published_at BIGINT NOT NULL,
    PRIMARY KEY (site_id, version)
);
