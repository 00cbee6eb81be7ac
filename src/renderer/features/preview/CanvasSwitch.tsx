import { useEffect } from 'react';
import { MAIN_CANVAS } from '../../../shared';
import { useServices, useStudio, useUi } from '../../stores/context';

/**
 * Main | Vertical above the preview while an extra canvas is on: the preview then shows that
 * canvas's scene at its own size, and the Sources dock, the handles and the Properties dock edit it
 * (as the vertical canvas docks of OBS plugins do). Hidden with the main canvas alone.
 */
export function CanvasSwitch() {
  const { ui } = useServices();
  const canvases = useStudio((s) => s.document?.canvases)?.filter((c) => c.enabled) ?? [];
  const mainSize = useStudio((s) => (s.document ? `${s.document.video.baseWidth}×${s.document.video.baseHeight}` : ''));
  const edited = useUi((s) => s.editedCanvas);
  const shown = canvases?.some((c) => c.id === edited) ? edited : MAIN_CANVAS;

  // A canvas turned off or removed: back to the main one (selection and all).
  useEffect(() => {
    if (shown !== edited) ui.setState({ editedCanvas: MAIN_CANVAS, selected: null });
  }, [shown, edited, ui]);
  // The compositor (created by the preview) follows the choice.
  const compositor = useUi((s) => s.compositor);
  useEffect(() => compositor?.showCanvas(shown), [compositor, shown]);

  if (canvases.length === 0) return null;
  const pick = (id: string) => {
    if (id !== edited) ui.setState({ editedCanvas: id, selected: null });
  };
  const tab = (id: string, label: string, size: string) => (
    <button
      key={id}
      type="button"
      role="tab"
      aria-selected={shown === id}
      className={shown === id ? 'button button-small is-on' : 'button button-small'}
      data-testid={`canvas-switch-${id}`}
      title={`Show and edit the ${label.toLowerCase()} canvas (${size})`}
      onClick={() => pick(id)}
    >
      {label} <span className="canvas-switch-size">{size}</span>
    </button>
  );
  return (
    <div className="canvas-switch" role="tablist" aria-label="Canvas shown and edited">
      {tab(MAIN_CANVAS, 'Main', mainSize)}
      {canvases.map((c) => tab(c.id, c.name, `${c.width}×${c.height}`))}
    </div>
  );
}
