/**
 * Wraps an async job so at most one run is in flight: calls made meanwhile collapse into one more
 * run after it. Reloads triggered by bursts of events then cost two round trips, not one per event.
 */
export function serial(job: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | null = null;
  let again = false;
  const run = async (): Promise<void> => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        try {
          await job();
        } catch {
          // The job reports its own failures; a throw must not wedge the queue.
        }
      } while (again);
    })();
    try {
      await running;
    } finally {
      running = null;
    }
  };
  return run;
}
