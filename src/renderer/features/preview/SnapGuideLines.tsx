import { useUi } from '../../stores/context';

/** The canvas lines the current drag snapped to, drawn across the shown canvas (OBS's red guides). */
export function SnapGuideLines({ baseW, baseH }: { baseW: number; baseH: number }) {
  const guides = useUi((s) => s.guides);
  if (!guides || baseW <= 0 || baseH <= 0) return null;
  return (
    <>
      {guides.x !== null ? (
        <span className="snap-guide snap-guide-x" data-testid="snap-guide-x" style={{ left: `${(guides.x / baseW) * 100}%` }} aria-hidden="true" />
      ) : null}
      {guides.y !== null ? (
        <span className="snap-guide snap-guide-y" data-testid="snap-guide-y" style={{ top: `${(guides.y / baseH) * 100}%` }} aria-hidden="true" />
      ) : null}
    </>
  );
}
