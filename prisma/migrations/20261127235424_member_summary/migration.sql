-- CreateTable
CREATE TABLE "MemberSummary" (
    "userId" TEXT NOT NULL,
    "joinedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "stale" BOOLEAN NOT NULL DEFAULT false,
    "version" INTEGER NOT NULL DEFAULT 0,
    "rank" INTEGER NOT NULL DEFAULT 6,
    "subscriptionId" TEXT,
    "tierId" TEXT,
    "cadence" "BillingInterval",
    "currency" TEXT,
    "monthlyAmount" DOUBLE PRECISION,
    "validFrom" TIMESTAMP(3),
    "validUntil" TIMESTAMP(3),
    "graceDays" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "firstVotedAt" TIMESTAMP(3),
    "firstPublishedVoteAt" TIMESTAMP(3),

    CONSTRAINT "MemberSummary_pkey" PRIMARY KEY ("userId")
);

-- CreateIndex
CREATE INDEX "MemberSummary_joinedAt_userId_idx" ON "MemberSummary"("joinedAt", "userId");

-- CreateIndex
CREATE INDEX "MemberSummary_stale_idx" ON "MemberSummary"("stale");

-- CreateIndex
CREATE INDEX "MemberSummary_graceDays_idx" ON "MemberSummary"("graceDays");

-- CreateIndex
CREATE INDEX "MemberSummary_validUntil_idx" ON "MemberSummary"("validUntil");

-- CreateIndex
CREATE INDEX "MemberSummary_validFrom_idx" ON "MemberSummary"("validFrom");

-- CreateIndex
CREATE INDEX "MemberSummary_rank_tierId_cadence_currency_idx" ON "MemberSummary"("rank", "tierId", "cadence", "currency");

-- CreateIndex
CREATE INDEX "MemberSummary_monthlyAmount_idx" ON "MemberSummary"("monthlyAmount");

-- AddForeignKey
ALTER TABLE "MemberSummary" ADD CONSTRAINT "MemberSummary_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- ---------------------------------------------------------------------------------------------
-- Keeping MemberSummary (see schema.prisma and lib/analytics/member-summary.ts). Triggers, so that no
-- write path (webhooks, reconcile, imports, votes, merges, deletes, the demo seed) can forget it.

-- A topic counts as published when its status says so or an article is linked to it.
CREATE FUNCTION member_summary_topic_published(topic_id TEXT) RETURNS BOOLEAN LANGUAGE sql STABLE AS $$
  SELECT EXISTS (
    SELECT 1 FROM "Topic" t
     WHERE t."id" = topic_id
       AND (t."status" = 'PUBLISHED' OR EXISTS (SELECT 1 FROM "TopicArticle" ta WHERE ta."topicId" = t."id"))
  )
$$;

-- The vote columns of the given members, recomputed from their votes.
CREATE FUNCTION member_summary_refresh_votes(user_ids TEXT[]) RETURNS VOID LANGUAGE sql AS $$
  UPDATE "MemberSummary" ms
     SET "firstVotedAt" = x.first_vote, "firstPublishedVoteAt" = x.first_published
    FROM (
      SELECT u.id,
             (SELECT min(v."createdAt") FROM "Vote" v WHERE v."userId" = u.id) AS first_vote,
             (SELECT min(v."createdAt") FROM "Vote" v WHERE v."userId" = u.id AND member_summary_topic_published(v."topicId")) AS first_published
        FROM unnest(user_ids) AS u(id)
    ) x
   WHERE ms."userId" = x.id
     AND (ms."firstVotedAt" IS DISTINCT FROM x.first_vote OR ms."firstPublishedVoteAt" IS DISTINCT FROM x.first_published)
$$;

-- Every user has a row (a new user is "never a patron" for ever, until a subscription arrives).
CREATE FUNCTION member_summary_users_inserted() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "MemberSummary" ("userId", "joinedAt", "tierId")
  SELECT n."id", n."createdAt", n."importedTierId" FROM new_users n ON CONFLICT ("userId") DO NOTHING;
  RETURN NULL;
END $$;
CREATE TRIGGER "User_member_summary_insert" AFTER INSERT ON "User"
  REFERENCING NEW TABLE AS new_users FOR EACH STATEMENT EXECUTE FUNCTION member_summary_users_inserted();

-- A member's subscriptions changed: their subscription columns must be recomputed. The version bump
-- tells a refresh that read the old state not to write it.
CREATE FUNCTION member_summary_mark_stale(user_ids TEXT[]) RETURNS VOID LANGUAGE sql AS $$
  UPDATE "MemberSummary" SET "stale" = true, "version" = "version" + 1 WHERE "userId" = ANY(user_ids)
$$;
-- A CSV import that sets a member's tier (it counts while they have no subscription of a known tier).
CREATE FUNCTION member_summary_user_updated() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "MemberSummary" SET "joinedAt" = NEW."createdAt" WHERE "userId" = NEW."id" AND "joinedAt" IS DISTINCT FROM NEW."createdAt";
  IF OLD."importedTierId" IS DISTINCT FROM NEW."importedTierId" THEN
    PERFORM member_summary_mark_stale(ARRAY[NEW."id"]);
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER "User_member_summary_update" AFTER UPDATE ON "User" FOR EACH ROW
  WHEN (OLD."importedTierId" IS DISTINCT FROM NEW."importedTierId" OR OLD."createdAt" IS DISTINCT FROM NEW."createdAt")
  EXECUTE FUNCTION member_summary_user_updated();
CREATE FUNCTION member_summary_subscriptions_inserted() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
  PERFORM member_summary_mark_stale(ARRAY(SELECT DISTINCT n."userId" FROM new_subscriptions n ORDER BY 1));
  RETURN NULL;
END $$;
CREATE TRIGGER "Subscription_member_summary_insert" AFTER INSERT ON "Subscription"
  REFERENCING NEW TABLE AS new_subscriptions FOR EACH STATEMENT EXECUTE FUNCTION member_summary_subscriptions_inserted();
CREATE FUNCTION member_summary_subscriptions_deleted() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
  PERFORM member_summary_mark_stale(ARRAY(SELECT DISTINCT o."userId" FROM old_subscriptions o ORDER BY 1));
  RETURN NULL;
END $$;
CREATE TRIGGER "Subscription_member_summary_delete" AFTER DELETE ON "Subscription"
  REFERENCING OLD TABLE AS old_subscriptions FOR EACH STATEMENT EXECUTE FUNCTION member_summary_subscriptions_deleted();
-- Updates: per row, and only when something the summary depends on changed (the webhook mirror
-- rewrites unchanged rows often).
CREATE FUNCTION member_summary_subscription_updated() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
  PERFORM member_summary_mark_stale(ARRAY[OLD."userId", NEW."userId"]);
  RETURN NULL;
END $$;
CREATE TRIGGER "Subscription_member_summary_update" AFTER UPDATE ON "Subscription" FOR EACH ROW
  WHEN (OLD."userId" IS DISTINCT FROM NEW."userId" OR OLD."status" IS DISTINCT FROM NEW."status"
     OR OLD."tierId" IS DISTINCT FROM NEW."tierId" OR OLD."currency" IS DISTINCT FROM NEW."currency"
     OR OLD."interval" IS DISTINCT FROM NEW."interval" OR OLD."amount" IS DISTINCT FROM NEW."amount"
     OR OLD."currentPeriodStart" IS DISTINCT FROM NEW."currentPeriodStart" OR OLD."currentPeriodEnd" IS DISTINCT FROM NEW."currentPeriodEnd"
     OR OLD."cancelAtPeriodEnd" IS DISTINCT FROM NEW."cancelAtPeriodEnd" OR OLD."pastDueSince" IS DISTINCT FROM NEW."pastDueSince"
     OR OLD."endedAt" IS DISTINCT FROM NEW."endedAt")
  EXECUTE FUNCTION member_summary_subscription_updated();

-- Votes: a new vote can only move the first-vote instants earlier; a removed or moved vote
-- recomputes them for its voter. Inserts are per row with plain statements (plans cached): casting a
-- vote is the hottest write path, and a statement-level trigger over a transition table cost ~0.4 ms
-- of database CPU per vote against ~0.2 ms for this (bench/README.md "votes").
CREATE FUNCTION member_summary_vote_inserted() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "MemberSummary" SET "firstVotedAt" = NEW."createdAt"
   WHERE "userId" = NEW."userId" AND ("firstVotedAt" IS NULL OR "firstVotedAt" > NEW."createdAt");
  IF EXISTS (SELECT 1 FROM "Topic" t WHERE t."id" = NEW."topicId"
              AND (t."status" = 'PUBLISHED' OR EXISTS (SELECT 1 FROM "TopicArticle" ta WHERE ta."topicId" = t."id"))) THEN
    UPDATE "MemberSummary" SET "firstPublishedVoteAt" = NEW."createdAt"
     WHERE "userId" = NEW."userId" AND ("firstPublishedVoteAt" IS NULL OR "firstPublishedVoteAt" > NEW."createdAt");
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER "Vote_member_summary_insert" AFTER INSERT ON "Vote" FOR EACH ROW EXECUTE FUNCTION member_summary_vote_inserted();
CREATE FUNCTION member_summary_votes_deleted() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
  PERFORM member_summary_refresh_votes(ARRAY(
    SELECT DISTINCT o."userId" FROM old_votes o JOIN "MemberSummary" ms ON ms."userId" = o."userId"
     WHERE o."createdAt" <= ms."firstVotedAt" OR o."createdAt" <= ms."firstPublishedVoteAt"));
  RETURN NULL;
END $$;
CREATE TRIGGER "Vote_member_summary_delete" AFTER DELETE ON "Vote"
  REFERENCING OLD TABLE AS old_votes FOR EACH STATEMENT EXECUTE FUNCTION member_summary_votes_deleted();
CREATE FUNCTION member_summary_votes_updated() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
  PERFORM member_summary_refresh_votes(ARRAY(SELECT o."userId" FROM old_votes o UNION SELECT n."userId" FROM new_votes n));
  RETURN NULL;
END $$;
CREATE TRIGGER "Vote_member_summary_update" AFTER UPDATE ON "Vote"
  REFERENCING OLD TABLE AS old_votes NEW TABLE AS new_votes FOR EACH STATEMENT EXECUTE FUNCTION member_summary_votes_updated();

-- A topic published or unpublished (status, or an article linked or unlinked): its voters' published column.
CREATE FUNCTION member_summary_topic_voters_refresh(topic_id TEXT) RETURNS VOID LANGUAGE sql AS $$
  SELECT member_summary_refresh_votes(ARRAY(SELECT DISTINCT v."userId" FROM "Vote" v WHERE v."topicId" = topic_id))
$$;
CREATE FUNCTION member_summary_topic_status_changed() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
  PERFORM member_summary_topic_voters_refresh(NEW."id");
  RETURN NULL;
END $$;
CREATE TRIGGER "Topic_member_summary_status" AFTER UPDATE OF "status" ON "Topic" FOR EACH ROW
  WHEN ((OLD."status" = 'PUBLISHED') IS DISTINCT FROM (NEW."status" = 'PUBLISHED'))
  EXECUTE FUNCTION member_summary_topic_status_changed();
CREATE FUNCTION member_summary_topic_article_changed() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    PERFORM member_summary_topic_voters_refresh(OLD."topicId");
  ELSE
    PERFORM member_summary_topic_voters_refresh(NEW."topicId");
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER "TopicArticle_member_summary" AFTER INSERT OR DELETE ON "TopicArticle" FOR EACH ROW
  EXECUTE FUNCTION member_summary_topic_article_changed();

-- Existing users: a row each, stale, with their vote columns (the first search computes the rest).
INSERT INTO "MemberSummary" ("userId", "joinedAt", "tierId", "stale") SELECT u."id", u."createdAt", u."importedTierId", true FROM "User" u;
UPDATE "MemberSummary" ms
   SET "firstVotedAt" = x.first_vote, "firstPublishedVoteAt" = x.first_published
  FROM (
    SELECT v."userId", min(v."createdAt") AS first_vote,
           min(v."createdAt") FILTER (WHERE member_summary_topic_published(v."topicId")) AS first_published
      FROM "Vote" v GROUP BY v."userId"
  ) x
 WHERE ms."userId" = x."userId";

-- Retention by participation asks "who was a patron just before instant t?" of the subscription
-- history: a GiST index on the interval (at, min(patronUntil, supersededAt)] of each patron row
-- answers it without a pass over the whole history. (Expression index: schema.prisma does not
-- describe it, and the schema engine leaves it alone.)
CREATE INDEX "SubscriptionChange_patron_span_idx" ON "SubscriptionChange" USING GIST (
  tsrange("at", CASE WHEN LEAST("patronUntil", "supersededAt") IS NULL THEN NULL ELSE GREATEST("at", LEAST("patronUntil", "supersededAt")) END, '(]')
) WHERE "isPatron";
