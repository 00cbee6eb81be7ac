/**
 * Sound played as AudioBufferSourceNodes scheduled on the context's clock (a browser source's
 * chunks, a microphone's placed by its stamps): each is kept until it ends, so all can be stopped.
 */

/** Plays `buffer` into `out` at context time `at`, kept in `playing` until it ends. */
export function playBuffer(buffer: AudioBuffer, at: number, out: AudioNode, playing: Set<AudioBufferSourceNode>): void {
  const node = new AudioBufferSourceNode(out.context, { buffer });
  node.connect(out);
  node.onended = () => {
    playing.delete(node);
    node.disconnect();
  };
  playing.add(node);
  node.start(at);
}

/** Stops and disconnects scheduled buffer nodes (started or not), and forgets them. */
export function stopNodes(playing: Set<AudioBufferSourceNode>): void {
  for (const node of playing) {
    try {
      node.stop();
    } catch {
      // Not started yet or already ended.
    }
    node.disconnect();
  }
  playing.clear();
}
