import { describe, expect, it } from 'vitest';
import { MonitorOutput, type MonitorElement } from './monitor';

class FakeNode {
  readonly to = new Set<unknown>();
  connect(n: unknown) {
    this.to.add(n);
  }
  disconnect() {
    this.to.clear();
  }
}

function setup(opts: { sinkFails?: boolean; noSink?: boolean } = {}) {
  const elements: (MonitorElement & { sinks: string[]; playing: boolean })[] = [];
  const dests: (FakeNode & { stream: object })[] = [];
  const context = {
    createGain: () => new FakeNode(),
    createMediaStreamDestination: () => dests[dests.push(Object.assign(new FakeNode(), { stream: { id: `s${dests.length}` } })) - 1],
  };
  const make = () => {
    const el = {
      srcObject: null as MediaProvider | null,
      sinks: [] as string[],
      playing: false,
      play: async () => void (el.playing = true),
      pause: () => void (el.playing = false),
      ...(opts.noSink
        ? {}
        : {
            setSinkId: async (id: string) => {
              if (opts.sinkFails) throw new Error('NotFoundError');
              el.sinks.push(id);
            },
          }),
    };
    elements.push(el);
    return el;
  };
  const monitor = new MonitorOutput(context as never, make);
  return { monitor, elements, dests, bus: monitor.bus as unknown as FakeNode };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('MonitorOutput', () => {
  it('plays the monitor bus on the chosen device only while something monitors', async () => {
    const { monitor, elements, dests, bus } = setup();
    monitor.setDevice('headphones-1');
    expect(elements).toHaveLength(0);
    monitor.setPlaying(true);
    await settle();
    expect(elements).toHaveLength(1);
    const el = elements[0]!;
    expect(bus.to.has(dests[0])).toBe(true);
    expect(el.srcObject).toBe(dests[0]!.stream);
    expect(el.sinks).toEqual(['headphones-1']);
    expect(el.playing).toBe(true);
    expect(monitor.status).toEqual({ playing: true, deviceId: 'headphones-1', problem: null });

    monitor.setDevice('speakers-2');
    await settle();
    expect(el.sinks).toEqual(['headphones-1', 'speakers-2']);

    monitor.setPlaying(false);
    expect(el.playing).toBe(false);
    expect(el.srcObject).toBeNull();
    expect(bus.to.size).toBe(0);
    expect(monitor.status.playing).toBe(false);
  });

  it('says so when the device cannot be used, and plays on the default one', async () => {
    const { monitor, elements } = setup({ sinkFails: true });
    monitor.setDevice('gone');
    monitor.setPlaying(true);
    await settle();
    expect(elements[0]!.playing).toBe(true);
    expect(monitor.status.problem).toMatch(/could not be used/);
  });

  it('says so where the browser cannot choose a device', async () => {
    const { monitor } = setup({ noSink: true });
    monitor.setDevice('usb');
    monitor.setPlaying(true);
    await settle();
    expect(monitor.status.problem).toMatch(/cannot choose an output device/);
  });
});
