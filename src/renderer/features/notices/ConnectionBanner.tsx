import { useStudio } from '../../stores/context';

/** Shown while the bridge cannot reach the engine; controls that need it are disabled meanwhile. */
export function ConnectionBanner() {
  const connected = useStudio((s) => s.connected);
  const everConnected = useStudio((s) => s.document !== null);
  const refused = useStudio((s) => s.refused);
  if (connected) return null;
  if (refused) {
    return (
      <div className="connection-banner" role="alert" data-testid="connection-refused">
        {refused}
      </div>
    );
  }
  return (
    <div className="connection-banner" role="alert" data-testid="connection-banner">
      {everConnected
        ? 'Lost the connection to the studio engine. Reconnecting… Changes made now are not saved.'
        : 'Connecting to the studio engine… If this stays, check that the studio server is running.'}
    </div>
  );
}
