/** What the feed shows: the camera (`live`, privacy windows included), or the loop. */
export const FEED_MODES = ['live', 'offline', 'paused'] as const;
export type FeedMode = (typeof FEED_MODES)[number];
