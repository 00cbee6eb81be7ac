import { useRef, type MouseEvent } from 'react';
import { useServices, useStudio, useUi } from '../../stores/context';
import { useContextMenu } from '../editing/ContextMenu';
import { itemMenu } from '../editing/menus';
import { useEditKeys } from '../editing/useEditKeys';
import { editedExtraCanvas, editedSize, findInput, findItem, selectionInEditedScene } from '../../stores/selectors';
import { fitBox } from './geometry';
import { CanvasSwitch } from './CanvasSwitch';
import { SelectionOutline } from './SelectionOutline';
import { SnapGuideLines } from './SnapGuideLines';
import { useCompositor } from './useCompositor';
import { useElementSize } from './useElementSize';
import { useNudgeKeys } from './useNudgeKeys';
import { usePreviewDrag } from './usePreviewDrag';

/** CSS px around the shown canvas where the pointer still reaches handles. */
const HANDLE_MARGIN = 12;

/**
 * The program canvas: drawing buffer at the base resolution, CSS-scaled to fit, letterboxed. With a
 * vertical canvas on, a switch above it shows and edits that canvas's scene at the canvas's own size.
 */
export function Preview() {
  const doc = useStudio((s) => s.document);
  const selected = useUi((s) => s.selected);
  const canvasId = useUi((s) => s.editedCanvas);
  const areaRef = useRef<HTMLDivElement>(null);
  const stageRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const area = useElementSize(areaRef);
  const { width: baseW, height: baseH } = editedSize(doc, canvasId);
  const extra = editedExtraCanvas(doc, canvasId);
  // A margin inside the area keeps the handles of an item on the canvas's edge within reach.
  const fit = fitBox(area.width - 2 * HANDLE_MARGIN, area.height - 2 * HANDLE_MARGIN, baseW, baseH);
  const box = { ...fit, x: fit.x + HANDLE_MARGIN, y: fit.y + HANDLE_MARGIN };

  useCompositor(canvasRef);
  useNudgeKeys();
  useEditKeys();
  const services = useServices();
  const { handlers, pick } = usePreviewDrag(stageRef, baseW, baseH);
  const menu = useContextMenu();
  const onContextMenu = (e: MouseEvent) => {
    e.preventDefault();
    const ref = pick(e);
    const d = services.studio.getState().document;
    const name = findInput(d, findItem(d, ref)?.sourceUuid)?.name;
    if (ref && name !== undefined) menu.open(e, `Source ${name}`, itemMenu(services, ref));
  };

  const sel = selectionInEditedScene(doc, selected, canvasId);
  const item = findItem(doc, sel);
  const input = findInput(doc, item?.sourceUuid);

  return (
    <section className="preview" aria-label="Preview">
      <CanvasSwitch />
      {/* The pointer is heard on the whole area, so handles on the canvas's edge can be grabbed. */}
      <div className="preview-area" ref={areaRef} {...handlers} onContextMenu={onContextMenu}>
        <div
          ref={stageRef}
          className="preview-stage"
          style={{ left: box.x, top: box.y, width: box.width, height: box.height }}
          tabIndex={0}
          aria-label={`${extra ? `${extra.name} canvas` : 'Program'} preview: click to select, drag to move or use the handles to resize (Alt crops), arrow keys to nudge`}
          data-canvas={extra?.id ?? 'main'}
        >
          <canvas ref={canvasRef} className="preview-canvas" width={baseW} height={baseH} data-testid="preview-canvas" />
          <SnapGuideLines baseW={baseW} baseH={baseH} />
          {sel && item && input ? (
            <SelectionOutline selection={sel} name={input.name} locked={item.locked} shown={box} baseW={baseW} />
          ) : null}
        </div>
      </div>
      {menu.menu}
    </section>
  );
}
