/**
 * Inputs, for two panels: those with audio (mute + meters) and text sources (titles). Which inputs
 * have audio is the studio's to say: GetInputMute fails for the rest (OBS answers 604, "does not support audio").
 */
import { requestMessage } from './errors';
import { parseInput, parseMeters, textSetting } from './parse';
import { serial } from './serial';
import type { BatchRequest, Session } from './session';
import { showNotice, type AudioInput, type RemoteStore, type TitleInput } from './store';

/** OBS's text kinds: FreeType 2 (ours, and OBS on Linux/macOS) and GDI+ (OBS on Windows). */
export const TEXT_KINDS: ReadonlySet<string> = new Set(['text_ft2_source_v2', 'text_gdiplus_v2', 'text_gdiplus_v3']);

export function bindInputs(session: Session, store: RemoteStore): () => void {
  let stopped = false;

  const load = serial(async () => {
    try {
      const { inputs } = await session.call('GetInputList');
      const list = inputs.map(parseInput).filter((i) => i !== null);
      const texts = list.filter((i) => TEXT_KINDS.has(i.kind));
      const requests: BatchRequest[] = [
        ...list.map((i) => ({ requestType: 'GetInputMute', requestData: { inputName: i.name } })),
        ...texts.map((i) => ({ requestType: 'GetInputSettings', requestData: { inputName: i.name } })),
      ];
      const results = requests.length ? await session.batch(requests) : [];
      if (stopped) return;
      const audio: AudioInput[] = [];
      list.forEach((input, k) => {
        const r = results[k];
        if (r?.ok) audio.push({ name: input.name, uuid: input.uuid, muted: r.data?.['inputMuted'] === true });
      });
      const titles: TitleInput[] = texts.map((input, k) => ({
        name: input.name,
        uuid: input.uuid,
        kind: input.kind,
        text: textSetting(results[list.length + k]?.data?.['inputSettings']) ?? '',
      }));
      // OBS leaves settings at their default out of GetInputSettings: fill those from the kind's defaults.
      await fillDefaultTexts(session, titles, results.slice(list.length).map((r) => textSetting(r.data?.['inputSettings'])));
      if (stopped) return;
      store.setState({ audio, titles });
    } catch (error) {
      if (!stopped) showNotice(store, requestMessage(error, 'Loading the inputs'));
    }
  });

  const offs = [
    session.on('InputCreated', () => void load()),
    session.on('InputRemoved', () => void load()),
    session.on('InputNameChanged', () => void load()),
    session.on('InputMuteStateChanged', (d) =>
      store.setState((s) => ({
        audio: s.audio.map((a) => (a.name === d.inputName ? { ...a, muted: d.inputMuted } : a)),
      })),
    ),
    session.on('InputVolumeMeters', (d) => {
      const levels = parseMeters(d.inputs);
      // Twenty times a second: an empty beat after an empty beat changes nothing worth a render.
      if (Object.keys(levels).length === 0 && Object.keys(store.getState().levels).length === 0) return;
      store.setState({ levels });
    }),
    session.on('InputSettingsChanged', (d) => {
      const text = textSetting(d.inputSettings);
      if (text === undefined) return;
      store.setState((s) => ({ titles: s.titles.map((t) => (t.name === d.inputName ? { ...t, text } : t)) }));
    }),
  ];

  void load();
  return () => {
    stopped = true;
    for (const off of offs) off();
  };
}

async function fillDefaultTexts(session: Session, titles: TitleInput[], found: (string | undefined)[]): Promise<void> {
  const kinds = [...new Set(titles.filter((_, k) => found[k] === undefined).map((t) => t.kind))];
  if (!kinds.length) return;
  const results = await session.batch(
    kinds.map((inputKind) => ({ requestType: 'GetInputDefaultSettings', requestData: { inputKind } })),
  );
  const defaults = new Map(kinds.map((kind, k) => [kind, textSetting(results[k]?.data?.['defaultInputSettings'])]));
  titles.forEach((t, k) => {
    if (found[k] === undefined) t.text = defaults.get(t.kind) ?? '';
  });
}
