/**
 * The stats monitor's answers in the vendor API's shapes, shared by the vendor requests and the
 * DiagnosisChanged event so a reply and an event look the same. Fields are copied one by one: the
 * vendor API is a contract, and a field the engine adds must not reach clients unreviewed. A
 * destination is a `destinationId` here as everywhere in the vendor API, and its lost data is
 * `droppedFrames`, as in DestinationStats.
 */
import type { BandwidthBudget, Diagnosis, StatsSample } from '../../../shared';

export const diagnosisData = (d: Diagnosis): Record<string, unknown> => ({
  severity: d.severity,
  where: d.where,
  destinationId: d.destinationId,
  destinationName: d.destinationName,
  message: d.message,
});

export const budgetData = (b: BandwidthBudget): Record<string, unknown> => ({
  requiredKbps: b.requiredKbps,
  uplinkKbps: b.uplinkKbps,
  fits: b.fits,
  perDestination: b.perDestination.map((d) => ({ destinationId: d.id, name: d.name, kbps: d.kbps })),
  message: b.message,
});

export const sampleData = (s: StatsSample): Record<string, unknown> => ({
  t: s.t,
  state: s.state,
  fps: s.fps,
  bitrateKbps: s.bitrateKbps,
  renderMs: s.renderMs,
  encoderSpeed: s.encoderSpeed,
  cpuPercent: s.cpuPercent,
  lagged: s.lagged,
  skipped: s.skipped,
  dropped: s.dropped,
  destinations: s.destinations.map((d) => ({
    destinationId: d.id,
    name: d.name,
    state: d.state,
    bitrateKbps: d.bitrateKbps,
    congestion: d.congestion,
    droppedFrames: d.dropped,
    viewers: d.viewers ?? null,
  })),
});
