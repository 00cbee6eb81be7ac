/**
 * Monitoring: what strips send to their monitor bus is played aloud on a chosen output device,
 * apart from program output. The bus feeds a MediaStream that an audio element plays, because
 * only a media element can pick its output device (setSinkId); the program graph's own context
 * stays on its silent tap. Nothing is played, and no device is held, while no strip monitors.
 */

/** The part of an audio element this needs (tests hand in a fake). */
export interface MonitorElement {
  srcObject: MediaProvider | null;
  setSinkId?(sinkId: string): Promise<void>;
  play(): Promise<void>;
  pause(): void;
}

export interface MonitorStatus {
  /** Something is being monitored now. */
  playing: boolean;
  /** '' = the system default output. */
  deviceId: string;
  /** Why the chosen device could not be used (then the default plays), or null. */
  problem: string | null;
}

type Context = Pick<AudioContext, 'createGain' | 'createMediaStreamDestination'>;

export class MonitorOutput {
  /** Strips connect their monitor sends here. */
  readonly bus: GainNode;
  private dest: MediaStreamAudioDestinationNode | null = null;
  private element: MonitorElement | null = null;
  private deviceId = '';
  private problem: string | null = null;

  constructor(
    private readonly context: Context,
    private readonly makeElement: () => MonitorElement = () => new Audio(),
  ) {
    this.bus = context.createGain();
  }

  get status(): MonitorStatus {
    return { playing: this.element !== null, deviceId: this.deviceId, problem: this.problem };
  }

  /** Starts playing when some strip monitors, stops (and releases the device) when none does. */
  setPlaying(on: boolean): void {
    if (on === (this.element !== null)) return;
    if (!on) {
      this.element?.pause();
      if (this.element) this.element.srcObject = null;
      this.element = null;
      this.dest?.disconnect();
      this.bus.disconnect();
      this.dest = null;
      return;
    }
    const dest = this.context.createMediaStreamDestination();
    this.dest = dest;
    this.bus.connect(dest);
    const el = this.makeElement();
    el.srcObject = dest.stream;
    this.element = el;
    void this.applyDevice(el);
    el.play().catch((err: unknown) => {
      this.problem = `monitoring could not start (${String(err)})`;
    });
  }

  /** Chooses the output device by its deviceId ('' = system default). */
  setDevice(deviceId: string): void {
    if (deviceId === this.deviceId) return;
    this.deviceId = deviceId;
    this.problem = null;
    if (this.element) void this.applyDevice(this.element);
  }

  dispose(): void {
    this.setPlaying(false);
    this.bus.disconnect();
  }

  private async applyDevice(el: MonitorElement): Promise<void> {
    if (!el.setSinkId) {
      if (this.deviceId) this.problem = 'this browser cannot choose an output device; monitoring plays on the default one';
      return;
    }
    try {
      await el.setSinkId(this.deviceId);
      this.problem = null;
    } catch (err) {
      this.problem = `the monitoring device could not be used (${String(err)}); the default one plays`;
    }
  }
}
