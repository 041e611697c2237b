-- 0005 client photos: the cleaned JPEG (upright, sRGB, metadata stripped, at most 2400 px a
-- side) and its thumbnail, kept in the database so every server process sees them; a design's
-- background refers to one ("photo:ID"). marketing_consent is a separate yes per photo.

CREATE TABLE photos (
    id INTEGER PRIMARY KEY,
    client_id INTEGER NOT NULL REFERENCES clients(id),
    label TEXT NOT NULL,               -- front, top, left, right, back, other
    width INTEGER NOT NULL,
    height INTEGER NOT NULL,
    image BLOB NOT NULL,
    thumb BLOB NOT NULL,
    marketing_consent INTEGER NOT NULL DEFAULT 0,
    created_by INTEGER REFERENCES users(id),
    created_at INTEGER NOT NULL,
    deleted_at INTEGER
);
CREATE INDEX photos_client ON photos(client_id, id);
