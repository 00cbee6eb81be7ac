/**
 * Turns what FFmpeg printed when an encoder failed into one short phrase a user can act on
 * ("No NVIDIA GPU/driver (cannot load libcuda.so.1)"). Used by the probe (why an encoder does not
 * work here) and by the fallback (why it stopped mid-stream). The phrase has no final period so it
 * can sit inside a sentence, and never quotes a line holding a URL (a stream key may be in it).
 */

type Rule = [RegExp, (m: RegExpExecArray) => string];

// Most specific first. Wording follows FFmpeg 5.1's messages; later versions keep these phrases.
const RULES: Rule[] = [
  // NVIDIA
  [/Cannot load (libcuda\.so(?:\.1)?|nvcuda\.dll)/, (m) => `No NVIDIA GPU/driver (cannot load ${m[1]})`],
  [/Cannot load (libnvidia-encode\.so(?:\.1)?|nvEncodeAPI(?:64)?\.dll)/, (m) => `The NVIDIA driver has no NVENC library (cannot load ${m[1]})`],
  [
    /Driver does not support the required nvenc API version\. Required: ([\d.]+) Found: ([\d.]+)/,
    (m) => `The NVIDIA driver is too old for this FFmpeg (it offers NVENC API ${m[2]}, FFmpeg needs ${m[1]}); update the driver`,
  ],
  [/No (?:NVENC )?capable devices found/, () => 'No NVENC-capable NVIDIA GPU was found'],
  [
    /OpenEncodeSessionEx failed: ([a-z ]+?) \(\d+\)/,
    (m) => `The NVIDIA GPU refused a new encode session (${m[1]}); it may be out of memory or at its limit of simultaneous encodes`,
  ],
  [/CUDA_ERROR_NO_DEVICE|no CUDA-capable device/, () => 'No CUDA-capable NVIDIA GPU was found'],
  [/(CUDA_ERROR_\w+)(?:: ([^\r\n]+))?/, (m) => `CUDA error ${m[1]}${m[2] ? ` (${m[2].trim()})` : ''}`],
  [/(EncodePicture failed!?|Failed locking bitstream buffer|Failed locking nvenc input buffer|Error (?:registering|mapping) an input resource): ([a-z ]+?) \(\d+\)/i, (m) => `NVENC failed to encode (${m[1]!.replace(/!$/, '')}: ${m[2]})`],
  // Intel Quick Sync
  [
    /Error initializing an internal MFX session: ([^\r\n]+)/,
    (m) => `No Intel Quick Sync device/driver (the MFX session could not start: ${m[1]!.trim()})`,
  ],
  [/Error (?:creating|initializing) a MFX session[:.]?\s*([^\r\n]*)/, (m) => `No Intel Quick Sync device/driver (no MFX session${m[1] ? `: ${m[1].replace(/\.$/, '')}` : ''})`],
  [/Error during encoding: ([a-z ]+?) \((-?\d+)\)/, (m) => `Quick Sync failed to encode (${m[1]}, ${m[2]})`],
  // VA-API
  [/No VA display found for device (\S+?)\.?$/, (m) => `No VAAPI device at ${m[1]} (missing, or this user may not open it)`],
  [/Failed to initiali[sz]e VAAPI connection: -?\d+ \(([^)]+)\)/, (m) => `The VAAPI driver could not start (${m[1]})`],
  [/No usable encoding (profile|entrypoint) found/, (m) => `This VAAPI driver cannot encode H.264 with these settings (no usable encoding ${m[1]})`],
  [/Failed to end picture encode issue: \d+ \(([^)]+)\)/, (m) => `The VAAPI driver failed to encode (${m[1]})`],
  // AMD
  [/DLL (\S+) failed to open/, (m) => `No AMD GPU/driver (cannot load the AMF runtime ${m[1]})`],
  [/(?:CreateComponent|Init)\(\) failed with error (\d+)/, (m) => `The AMD encoder could not start (AMF error ${m[1]})`],
  [/(?:SubmitInput|QueryOutput)\(\) failed with error (\d+)/, (m) => `The AMD encoder failed to encode (AMF error ${m[1]})`],
  // Apple
  [/cannot create compression session: (-?\d+)/, (m) => `VideoToolbox could not create a hardware encoder session (error ${m[1]}); the encoder may be busy or unsupported here`],
  // Any build
  [/Unknown encoder '[^']+'/, () => 'it is not in this FFmpeg build'],
  [/Error setting option (\S+) to value ([^.\s]+)/, (m) => `FFmpeg rejected the encoder option ${m[1]}=${m[2]}`],
  [/x264 \[error\]: ([^\r\n]+)/, (m) => `x264 refused the settings (${m[1]!.trim()})`],
];

/** Lines that are FFmpeg's generic summary of a failure, never its cause. */
const SUMMARY = /^(?:Conversion failed!?|Error initializing output stream.*|Video encoding failed|Error submitting video frame to the encoder|Error while opening encoder.*)$/;
const ERRORISH = /error|fail|cannot|could not|unable|invalid|not supported|unsupported|not found|\bno [\w ]+ found|out of memory|lost|busy/i;
const PREFIX = /^\[([\w.-]+) @ [^\]]*\]\s*/;

const clip = (s: string): string => (s.length > 160 ? `${s.slice(0, 157)}...` : s);
const tidy = (s: string): string => clip(s.replace(/[.\s]+$/, ''));

/**
 * The encoder's own complaint: the first error-ish line from the encoder's context
 * ("[h264_nvenc @ 0x…] …"), or from the hardware device/upload contexts it relies on.
 */
export function encoderErrorLine(lines: readonly string[], name?: string): string | null {
  for (const line of lines) {
    const m = PREFIX.exec(line);
    if (!m) continue;
    const ctx = m[1]!;
    const ours = name ? ctx === name : /^(?:h264|hevc)_\w+$|^libx26[45]$/.test(ctx);
    const hw = /^AVHW(?:Device|Frames)Context$|hwupload/.test(ctx);
    const text = line.slice(m[0].length);
    if ((ours || hw) && ERRORISH.test(text) && !text.includes('://')) return tidy(text);
  }
  return null;
}

/** One phrase saying why `name` failed, from FFmpeg's stderr lines. */
export function explainFailure(name: string, lines: readonly string[]): string {
  for (const line of lines) {
    for (const [re, say] of RULES) {
      const m = re.exec(line);
      if (m) return tidy(say(m));
    }
  }
  const own = encoderErrorLine(lines, name) ?? encoderErrorLine(lines);
  if (own) return `${name} reported: ${own}`;
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i]!.replace(PREFIX, '').trim();
    if (ERRORISH.test(line) && !SUMMARY.test(line) && !line.includes('://')) return tidy(line);
  }
  if (lines.some((l) => /Error while opening encoder/.test(l))) {
    return `FFmpeg could not open ${name} and gave no reason`;
  }
  return `${name} failed without saying why`;
}
