import type { KindDescriptor } from '../kinds';

/**
 * OBS's ffmpeg_source ("Media Source"), with OBS's settings names. A local file plays in the
 * compositor's <video>; is_local_file false with `input` a URL is a network stream.
 */
export const FFMPEG_SOURCE: KindDescriptor = {
  id: 'ffmpeg_source',
  category: 'input',
  displayName: 'Media source',
  video: true,
  audio: true,
  defaults: {
    is_local_file: true,
    local_file: '',
    looping: false,
    restart_on_activate: true,
    close_when_inactive: false,
    speed_percent: 100,
    clear_on_media_end: true,
    input: '',
    reconnect_delay_sec: 10,
    input_format: '',
  },
  properties: [
    { type: 'bool', name: 'is_local_file', label: 'Local file' },
    {
      type: 'path',
      name: 'local_file',
      label: 'Local file',
      filter: 'Media files (*.mp4 *.m4v *.mov *.mkv *.webm *.ts *.mp3 *.aac *.m4a *.ogg *.opus *.wav *.flac)',
    },
    { type: 'bool', name: 'looping', label: 'Loop' },
    { type: 'bool', name: 'restart_on_activate', label: 'Restart playback when source becomes active' },
    { type: 'bool', name: 'close_when_inactive', label: 'Close file when inactive' },
    { type: 'int', name: 'speed_percent', label: 'Speed', min: 1, max: 200, suffix: '%' },
    { type: 'bool', name: 'clear_on_media_end', label: 'Show nothing when playback ends' },
    { type: 'text', name: 'input', label: 'Input (URL)', maxLength: 4096 },
    { type: 'int', name: 'reconnect_delay_sec', label: 'Reconnect delay', min: 1, max: 60, suffix: 's' },
    { type: 'text', name: 'input_format', label: 'Input format', maxLength: 32 },
  ],
};

/** The kinds whose inputs answer media controls. */
export const MEDIA_KIND_IDS: readonly string[] = ['ffmpeg_source', 'slideshow'];
