import { useRef } from 'react';
import { useCompositor } from './useCompositor';

/**
 * The page of server mode's headless compositor: one canvas for the GL context, never shown, and
 * the compositor in program-only mode (it composites, packs and sends; it never presents).
 */
export function ProgramOnly() {
  const canvas = useRef<HTMLCanvasElement>(null);
  useCompositor(canvas, false);
  return <canvas ref={canvas} hidden aria-hidden="true" data-testid="program-only" />;
}
