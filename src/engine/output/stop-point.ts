/**
 * Where a consumer of the encoding (a recording) stops while its encoder goes on for others (a
 * stream): once the frames written to the encoder up to the stop have come out of it, so the file
 * ends at the moment of the stop and not the encoder's delay earlier. At most maxWaitMs is spent
 * waiting (an encoder that lost frames in a restart never catches up to the count).
 */
export interface StopPoint {
  reached(): boolean;
  maxWaitMs: number;
}

/** The longest a stop waits for its point: the recording's tap holds about this much. */
export const STOP_WAIT_MAX_MS = 10_000;
/** Beyond the encoder's delay at the stop, for its output to be read. */
export const STOP_WAIT_SLACK_MS = 3000;
