-- A report shows a period's newest low ratings first: with the index in that order the query reads the rows it
-- shows, not every low rating of the period before sorting them.
CREATE INDEX low_ratings_newest ON low_ratings (day DESC, at DESC);
