import { useEffect } from 'react';
import { useServices } from '../../stores/context';
import { editedScene, selectionInEditedScene } from '../../stores/selectors';
import { editKey } from './edit-keys';
import { copyItem, duplicateItem, pasteItem, pasteTransform, removeItem } from './item-actions';

/**
 * OBS's editing keys on the selected item of the scene being edited: Delete removes it, F2 renames
 * it, Ctrl+C / Ctrl+V copy it and show its source again (OBS's Paste (Reference)), Ctrl+Shift+C /
 * Ctrl+Shift+V copy and paste its transform, Ctrl+D duplicates it. Never while typing, while a
 * dialog is open, or mid-drag; Ctrl+C over selected page text copies the text.
 */
export function useEditKeys(): void {
  const services = useServices();
  useEffect(() => {
    const { studio, ui } = services;
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented) return;
      const what = editKey(e, e.target instanceof HTMLElement ? e.target : null);
      if (!what) return;
      const u = ui.getState();
      if (u.settingsOpen || u.addSourceKind !== null || u.drag || u.renaming) return;
      const doc = studio.getState().document;
      if (!doc) return;
      if (what === 'paste') {
        if (!u.clipboard?.item) return;
        e.preventDefault();
        void pasteItem(services, editedScene(doc, u.editedCanvas)?.uuid ?? doc.currentSceneUuid);
        return;
      }
      const ref = selectionInEditedScene(doc, u.selected, u.editedCanvas);
      if (!ref) return;
      if (what === 'copy' && !(window.getSelection()?.isCollapsed ?? true)) return;
      e.preventDefault();
      switch (what) {
        case 'remove':
          void removeItem(services, ref);
          break;
        case 'rename':
          ui.setState({ renaming: { type: 'item', ref } });
          break;
        case 'copy':
          copyItem(services, ref);
          break;
        case 'copyTransform':
          copyItem(services, ref, false);
          break;
        case 'pasteTransform':
          void pasteTransform(services, ref);
          break;
        case 'duplicate':
          void duplicateItem(services, ref);
          break;
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [services]);
}
