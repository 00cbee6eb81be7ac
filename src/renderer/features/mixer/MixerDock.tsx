import './mixer.css';
import { useEffect, useState } from 'react';
import { useStudio, useUi } from '../../stores/context';
import { currentScene, findKind } from '../../stores/selectors';
import { Dock } from '../layout/Dock';
import { MeterBar } from './MeterBar';
import { MixerStrip } from './MixerStrip';
import { readMeter } from './meter';
import { useMixerFrame } from './useMixerFrame';

/** Where monitoring plays is a choice of this machine, not of the show: kept in this browser. */
const MONITOR_DEVICE_KEY = 'studio.monitorDevice';

/**
 * OBS's Audio Mixer: a strip for every input with sound in the program scene, and the master meter.
 * Meters come from this renderer's own mixer (the same document drives every renderer's mixer).
 */
export function MixerDock() {
  const doc = useStudio((s) => s.document);
  const kinds = useStudio((s) => s.kinds);
  const frame = useMixerFrame();
  const scene = currentScene(doc);
  const shown = new Map<string, boolean>();
  for (const item of scene?.items ?? []) shown.set(item.sourceUuid, (shown.get(item.sourceUuid) ?? false) || item.enabled);
  const inputs = (doc?.inputs ?? []).filter((i) => shown.has(i.uuid) && findKind(kinds, i.kind)?.audio === true);
  return (
    <Dock title="Audio Mixer" className="dock-mixer" actions={<MonitorDevice />}>
      <div className="mixer-master">
        <span className="mixer-name">Master</span>
        <MeterBar reading={readMeter(frame?.master)} testId="mixer-master" />
      </div>
      <ul className="list mixer-list" aria-label="Audio mixer">
        {inputs.map((input) => (
          <MixerStrip
            key={input.uuid}
            input={input}
            levels={frame?.levels.get(input.uuid)}
            view={frame?.views.get(input.uuid)}
            active={shown.get(input.uuid) === true}
          />
        ))}
      </ul>
      {inputs.length === 0 ? <p className="empty">No sources with sound in this scene.</p> : null}
    </Dock>
  );
}

/** The monitoring output device (setSinkId), as OBS's Settings → Audio → Monitoring Device. */
function MonitorDevice() {
  const compositor = useUi((s) => s.compositor);
  const [devices, setDevices] = useState<MediaDeviceInfo[]>([]);
  const [chosen, setChosen] = useState(() => localStorage.getItem(MONITOR_DEVICE_KEY) ?? '');
  useEffect(() => {
    const md = navigator.mediaDevices;
    if (!md?.enumerateDevices) return;
    let live = true;
    const list = (): void => {
      md.enumerateDevices().then(
        (all) => live && setDevices(all.filter((d) => d.kind === 'audiooutput' && d.deviceId !== '' && d.deviceId !== 'default')),
        () => {},
      );
    };
    list();
    md.addEventListener?.('devicechange', list);
    return () => {
      live = false;
      md.removeEventListener?.('devicechange', list);
    };
  }, []);
  useEffect(() => {
    compositor?.audioMixer?.setMonitorDevice(chosen);
  }, [compositor, chosen]);
  return (
    <select
      className="input select mixer-device"
      aria-label="Monitoring device"
      title="Where monitored sources are heard"
      data-testid="mixer-monitor-device"
      value={chosen}
      onChange={(e) => {
        setChosen(e.target.value);
        localStorage.setItem(MONITOR_DEVICE_KEY, e.target.value);
      }}
    >
      <option value="">Monitor: default output</option>
      {devices.map((d) => (
        <option key={d.deviceId} value={d.deviceId}>
          {d.label || 'Output device'}
        </option>
      ))}
    </select>
  );
}
