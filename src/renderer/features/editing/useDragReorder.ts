import { useRef, useState, type DragEvent } from 'react';

/** What a list row spreads on itself to be dragged onto another row (HTML drag and drop). */
export interface ReorderRowProps {
  draggable: true;
  onDragStart(e: DragEvent): void;
  onDragOver(e: DragEvent): void;
  onDrop(e: DragEvent): void;
  onDragEnd(): void;
  'data-drop-target'?: 'true';
}

/**
 * Drag to reorder within one list: a row dropped on another takes that row's place (OBS's Scenes and
 * Sources docks). `onMove(dragged, onto)` sends the command; the list follows the engine's document.
 */
export function useDragReorder<K extends string | number>(onMove: (dragged: K, onto: K) => void): (key: K) => ReorderRowProps {
  const dragged = useRef<K | null>(null);
  const [over, setOver] = useState<K | null>(null);
  const reset = () => {
    dragged.current = null;
    setOver(null);
  };
  return (key) => ({
    draggable: true,
    onDragStart: (e) => {
      dragged.current = key;
      e.dataTransfer.effectAllowed = 'move';
      e.dataTransfer.setData('text/plain', String(key));
    },
    onDragOver: (e) => {
      if (dragged.current === null) return;
      e.preventDefault();
      e.dataTransfer.dropEffect = 'move';
      setOver((o) => (o === key ? o : key));
    },
    onDrop: (e) => {
      e.preventDefault();
      const from = dragged.current;
      reset();
      if (from !== null && from !== key) onMove(from, key);
    },
    onDragEnd: reset,
    ...(over === key && dragged.current !== key ? { 'data-drop-target': 'true' as const } : {}),
  });
}
