-- Search in each article's own language (issue #16): English articles keep the `english` text-search
-- configuration (stemming); every other language is indexed with `simple` (lower-cased words, no
-- stemming): PostgreSQL has no Ukrainian stemmer, and English stemming of Ukrainian text is wrong.
-- lib/articles/search-config.ts (SEARCH_CONFIGS) says the same; lib/articles/search.ts queries with it.
CREATE FUNCTION article_search_config(locale text) RETURNS regconfig AS $$
  SELECT CASE WHEN locale = 'en' THEN 'english'::regconfig ELSE 'simple'::regconfig END
$$ LANGUAGE sql IMMUTABLE PARALLEL SAFE;

CREATE OR REPLACE FUNCTION article_search_vector_update() RETURNS trigger AS $$
DECLARE
  config regconfig := article_search_config(NEW."locale");
BEGIN
  NEW."searchVector" :=
    setweight(to_tsvector(config, coalesce(NEW."title", '')), 'A') ||
    setweight(to_tsvector(config, coalesce(NEW."standfirst", '')), 'B') ||
    setweight(to_tsvector(config, coalesce(NEW."body", '')), 'C');
  RETURN NEW;
END
$$ LANGUAGE plpgsql;

-- A change of language re-indexes the article too.
DROP TRIGGER article_search_vector ON "Article";
CREATE TRIGGER article_search_vector
  BEFORE INSERT OR UPDATE OF "title", "standfirst", "body", "locale" ON "Article"
  FOR EACH ROW EXECUTE FUNCTION article_search_vector_update();

-- Re-index the articles written in another language than English (the trigger computes the vector).
UPDATE "Article" SET "title" = "title" WHERE "locale" <> 'en';
