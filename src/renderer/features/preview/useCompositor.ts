import { useEffect, type RefObject } from 'react';
import { createCompositor } from '../../compositor';
import { useServices } from '../../stores/context';
import { withDrag } from '../../stores/selectors';

/**
 * Creates the compositor once for the canvas and keeps it fed: snapshots and output ownership flow
 * from the stores through subscriptions, never through React renders. Disposed on unmount.
 */
export function useCompositor(canvasRef: RefObject<HTMLCanvasElement | null>, present = true): void {
  const { bridge, studio, ui } = useServices();
  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const compositor = createCompositor({ bridge, canvas, present });
    const feed = () => {
      const doc = studio.getState().document;
      if (doc) compositor.setDocument(withDrag(doc, ui.getState().drag));
    };
    feed();
    compositor.setOutputOwner(studio.getState().outputOwner);
    const offStudio = studio.subscribe((s, prev) => {
      if (s.document !== prev.document) feed();
      if (s.outputOwner !== prev.outputOwner) compositor.setOutputOwner(s.outputOwner);
    });
    const offUi = ui.subscribe((s, prev) => {
      if (s.drag !== prev.drag) feed();
    });
    ui.setState({ compositor });
    return () => {
      offStudio();
      offUi();
      ui.setState({ compositor: null });
      compositor.dispose();
    };
  }, [bridge, studio, ui, canvasRef, present]);
}
