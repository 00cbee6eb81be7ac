/** Everything that runs while a session is identified, started together and stopped together. */
import { bindDestinations } from './destinations';
import { bindGraphics } from './graphics';
import { bindInputs } from './inputs';
import { bindRecord } from './record';
import { bindScenes } from './scenes';
import type { Session } from './session';
import type { RemoteStore } from './store';
import { bindStream } from './stream';

export function startFeatures(store: RemoteStore): (session: Session) => () => void {
  return (session) => {
    const stops = [
      bindScenes(session, store),
      bindStream(session, store),
      bindRecord(session, store),
      bindDestinations(session, store),
      bindInputs(session, store),
      bindGraphics(session, store),
    ];
    return () => {
      for (const stop of stops) stop();
    };
  };
}
