package dev.taskregistry.domain;

import java.util.Optional;

/**
 * The changes a {@link TaskRepository} stores, in the order it stored them: a port beside the repository, from
 * the same store. Every stored change (register, each update, delete) and every expiry the store notices
 * appends exactly one {@link TaskChange} in the same atomic step as the change itself; a change that fails
 * appends none. The feed retains a bounded number of recent changes; a position older than that, or one the
 * feed never issued, is answered with a {@link FeedGap}, never by skipping silently. Every method fails with
 * {@link TaskStoreUnavailable} when the store cannot be reached.
 */
public interface TaskChangeFeed {

    /** The most changes one {@link #replay} answers. */
    int MAX_REPLAY_LIMIT = 1000;

    /** The position of the latest change (or of the empty feed): reading after it sees only later changes. */
    FeedPosition head();

    /**
     * The retained changes after {@code after} that match the filter, in order, at most {@code limit} of them;
     * or a {@link FeedGap} when changes after {@code after} are no longer retained.
     *
     * @throws InvalidTaskField naming {@link TaskField#LIMIT} unless {@code 1 <= limit <= MAX_REPLAY_LIMIT}
     */
    FeedReplay replay(FeedPosition after, TaskChangeFilter filter, int limit);

    /**
     * A subscription to the changes matching the filter: those after {@code after} (retained ones first, or a
     * gap), or, without a position, those after the current head. Close it to release it.
     */
    FeedSubscription subscribe(TaskChangeFilter filter, Optional<FeedPosition> after);

    /** How many subscriptions of this feed are open in this process: each one until it is closed. */
    int openSubscriptions();

    /** Checks a replay limit as {@link #replay} requires; answers it. */
    static int checkReplayLimit(int limit) {
        if (limit < 1 || limit > MAX_REPLAY_LIMIT) {
            throw new InvalidTaskField(TaskField.LIMIT, "must be between 1 and " + MAX_REPLAY_LIMIT + ", was " + limit);
        }
        return limit;
    }
}
