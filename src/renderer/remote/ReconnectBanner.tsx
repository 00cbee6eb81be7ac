import { useEffect, useState } from 'react';
import { useRemote, useServices } from './context';

/** While an established connection is being re-established: why, when the next try is, and "try now". */
export function ReconnectBanner() {
  const { connection } = useServices();
  const phase = useRemote((s) => s.connection.phase);
  const error = useRemote((s) => s.connection.error);
  const attempt = useRemote((s) => s.connection.attempt);
  const retryAt = useRemote((s) => s.connection.retryAt);
  const [now, setNow] = useState(() => Date.now());
  const reconnecting = phase === 'reconnecting';

  useEffect(() => {
    if (!reconnecting) return;
    const timer = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(timer);
  }, [reconnecting]);

  if (!reconnecting) return null;
  const seconds = retryAt === null ? 0 : Math.max(0, Math.ceil((retryAt - now) / 1000));
  return (
    <div className="banner" role="alert" data-testid="remote-reconnecting">
      <span className="banner-text">
        {error ?? 'The connection to the studio dropped.'}{' '}
        {seconds > 0 ? `Reconnecting in ${seconds} s (attempt ${attempt}).` : `Reconnecting (attempt ${attempt})…`}
      </span>
      <button type="button" className="button" onClick={() => connection.retryNow()} disabled={seconds === 0}>
        Retry now
      </button>
    </div>
  );
}
