/**
 * The bandwidth check before going live: what the enabled destinations need together against the
 * uplink the user entered.
 *
 * Encoding once per rendition saves CPU, not upload: every destination has its own connection and
 * uploads its own copy of the stream, so three destinations sharing the main rendition upload it
 * three times. The need is therefore summed per destination, never per rendition.
 */
import type { BandwidthBudget, StudioDocument } from '../../shared';
import { planRendition } from '../output/rendition';

/**
 * Container and protocol overhead on top of the audio and video bitrates: FLV tags and RTMP chunk
 * headers, or MPEG-TS packet headers and PES/PSI for SRT, plus TCP/IP headers, come to roughly 2 to
 * 6 % depending on the packet sizes; 5 % is a fair single figure that errs on the safe side.
 */
export const OVERHEAD = 0.05;

/**
 * Use at most this share of the uplink. CBR still has peaks (keyframes are several times the size
 * of other frames), a connection's throughput varies from minute to minute, and the rest of the
 * household or the chat and browser share the link; a stream that uses it all starts dropping at
 * the first dip. 80 % is the usual advice for live streaming.
 */
export const HEADROOM = 0.8;

/** "950 kbps", "10 Mbps", "13.1 Mbps". */
export function formatKbps(kbps: number): string {
  if (kbps < 1000) return `${Math.round(kbps)} kbps`;
  return `${(kbps / 1000).toFixed(1).replace(/\.0$/, '')} Mbps`;
}

export function bandwidthBudget(doc: StudioDocument): BandwidthBudget {
  const { encoder } = doc.output;
  const perDestination = doc.destinations
    .filter((d) => d.enabled)
    .map((d) => {
      // The same plan the output uses: a rendition without its own bitrate keeps the main one.
      const video = d.audioOnly ? 0 : planRendition(doc.video, encoder, d.rendition, d.audioOnly).encoder.bitrateKbps;
      return { id: d.id, name: d.name, kbps: Math.round((video + encoder.audioBitrateKbps) * (1 + OVERHEAD)) };
    });
  const requiredKbps = perDestination.reduce((n, d) => n + d.kbps, 0);
  const uplink = doc.output.uplinkKbps > 0 ? doc.output.uplinkKbps : null;
  const count = perDestination.length;
  const need = `${count === 1 ? 'Your destination needs' : `Your ${count} destinations need`} ${formatKbps(requiredKbps)}${count === 1 ? '' : ' together'}`;
  let fits: boolean | null;
  let message: string;
  if (count === 0) {
    fits = uplink === null ? null : true;
    message = 'No destination is enabled, so nothing is uploaded.';
  } else if (uplink === null) {
    fits = null;
    message = `${need}. Enter your uplink (the upload speed a speed test shows) to check that it fits.`;
  } else if (requiredKbps <= HEADROOM * uplink) {
    fits = true;
    message = `${need}; your uplink of ${formatKbps(uplink)} has room for that.`;
  } else {
    fits = false;
    const fix =
      count === 1
        ? 'Lower the bitrate or give the destination a smaller rendition.'
        : 'Lower the bitrates, give some destinations a smaller rendition, or stream to fewer destinations.';
    message =
      requiredKbps > uplink
        ? `${need} but your uplink is ${formatKbps(uplink)}. ${fix}`
        : `${need} and your uplink is ${formatKbps(uplink)}: that leaves less than the ${Math.round((1 - HEADROOM) * 100)} % headroom a stream needs for bitrate peaks and other traffic. ${fix}`;
  }
  return { requiredKbps, uplinkKbps: uplink, fits, perDestination, message };
}
