package dev.taskregistry.domain;

/**
 * What a {@link FeedSubscription} delivers: the next {@link TaskChange}, or a {@link FeedGap} when changes
 * were lost to the feed's retention. Sealed, so a consumer's switch covers both.
 */
public sealed interface FeedEvent permits TaskChange, FeedGap {}
