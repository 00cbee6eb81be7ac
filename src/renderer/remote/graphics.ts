/**
 * Live graphics (lower thirds, scoreboards, countdowns): their inputs and settings, kept current
 * from InputSettingsChanged, which carries the whole settings object, so a change made by any tool
 * shows here at once.
 */
import { requestMessage } from './errors';
import { parseInput } from './parse';
import { serial } from './serial';
import type { Session } from './session';
import { showNotice, type GraphicInput, type RemoteStore } from './store';

export const GRAPHIC_KINDS: ReadonlySet<string> = new Set(['lower_third', 'scoreboard', 'countdown_timer']);

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function bindGraphics(session: Session, store: RemoteStore): () => void {
  let stopped = false;

  const load = serial(async () => {
    try {
      const { inputs } = await session.call('GetInputList');
      const list = inputs.map(parseInput).filter((i) => i !== null && GRAPHIC_KINDS.has(i.kind)) as { name: string; uuid: string; kind: string }[];
      const results = list.length
        ? await session.batch(list.map((i) => ({ requestType: 'GetInputSettings', requestData: { inputName: i.name } })))
        : [];
      if (stopped) return;
      const graphics: GraphicInput[] = list.map((i, k) => {
        const settings = results[k]?.data?.['inputSettings'];
        return { ...i, settings: isObject(settings) ? settings : {} };
      });
      store.setState({ graphics });
    } catch (error) {
      if (!stopped) showNotice(store, requestMessage(error, 'Loading the graphics'));
    }
  });

  const offs = [
    session.on('InputCreated', () => void load()),
    session.on('InputRemoved', () => void load()),
    session.on('InputNameChanged', () => void load()),
    session.on('InputSettingsChanged', (d) => {
      if (!isObject(d.inputSettings) || !store.getState().graphics.some((g) => g.name === d.inputName)) return;
      const settings = d.inputSettings;
      store.setState((s) => ({ graphics: s.graphics.map((g) => (g.name === d.inputName ? { ...g, settings } : g)) }));
    }),
  ];

  void load();
  return () => {
    stopped = true;
    for (const off of offs) off();
  };
}
