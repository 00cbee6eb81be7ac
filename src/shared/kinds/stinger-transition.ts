import type { KindDescriptor } from '../kinds';

/**
 * OBS's obs_stinger_transition: a video (`path`) plays over the switch and the scene changes
 * underneath it at the transition point — `transition_point` milliseconds into the video, or
 * frames when `tp_type` is 1 (OBS's TIMING_FRAME). Its sound goes to the program unless
 * `audio_monitoring` is 1 (monitor only); `audio_fade_style` is kept as OBS's setting (0: fade out,
 * fade in; 1: cross-fade). The transition lasts as long as the video: SceneTransitionEnded comes at
 * the transition point, SceneTransitionVideoEnded when the video has played out.
 */
export const STINGER_TRANSITION: KindDescriptor = {
  id: 'obs_stinger_transition',
  category: 'transition',
  displayName: 'Stinger',
  video: true,
  audio: true,
  defaults: { path: '', tp_type: 0, transition_point: 0, audio_monitoring: 0, audio_fade_style: 0 },
  properties: [
    { type: 'path', name: 'path', label: 'Video file', filter: 'Video files (*.webm *.mp4 *.mov *.mkv)' },
    {
      type: 'list',
      name: 'tp_type',
      label: 'Transition point type',
      options: [
        { label: 'Time (milliseconds)', value: 0 },
        { label: 'Frame', value: 1 },
      ],
    },
    { type: 'int', name: 'transition_point', label: 'Transition point', min: 0, max: 120000 },
    {
      type: 'list',
      name: 'audio_monitoring',
      label: 'Audio monitoring',
      options: [
        { label: 'Monitor off', value: 0 },
        { label: 'Monitor only (mute output)', value: 1 },
        { label: 'Monitor and output', value: 2 },
      ],
    },
    {
      type: 'list',
      name: 'audio_fade_style',
      label: 'Audio fade style',
      options: [
        { label: 'Fade out to transition point then fade in', value: 0 },
        { label: 'Crossfade', value: 1 },
      ],
    },
  ],
};

/** The stinger's cut point in milliseconds into its video (frames counted at the canvas rate). */
export function stingerPointMs(settings: Record<string, unknown>, fps: number): number {
  const p = typeof settings['transition_point'] === 'number' ? Math.max(0, settings['transition_point']) : 0;
  return settings['tp_type'] === 1 ? (fps > 0 ? (p * 1000) / fps : 0) : p;
}
