import { useThumbnail } from './useThumbnail';

/** Studio mode's preview or program: the scene's live picture and its name. */
export function Monitor({ kind, scene }: { kind: 'preview' | 'program'; scene: string | null }) {
  const { ref, thumb } = useThumbnail<HTMLElement>(scene);
  return (
    <figure ref={ref} className={`monitor monitor-${kind}`} data-testid={`remote-${kind}`}>
      <span className="scene-thumb">{thumb ? <img src={thumb} alt="" draggable={false} /> : null}</span>
      <figcaption>
        <span className={`tag tag-${kind}`}>{kind === 'preview' ? 'Preview' : 'Program'}</span>
        <span className="monitor-name">{scene ?? '—'}</span>
      </figcaption>
    </figure>
  );
}
