import type { FolderKind } from '../../../shared';
import { useServices } from '../../stores/context';
import { BROWSER_FOLDER_HINT, canOpenFolders, showFolder } from './folder';
import { useAbout } from './useAbout';

/**
 * "Open folder" in the desktop app; in a browser, "Copy path", with a tooltip saying why. The path
 * is the engine's (studio.about) unless the caller already has it.
 */
export function FolderButton({ kind, path: given }: { kind: FolderKind; path?: string | undefined }) {
  const { bridge, actions } = useServices();
  const about = useAbout(given === undefined);
  const path = given ?? about?.folders[kind];
  const desktop = canOpenFolders(bridge);
  return (
    <button
      type="button"
      className="btn btn-small"
      data-testid={`folder-${kind}`}
      disabled={!desktop && !path}
      title={desktop ? path : BROWSER_FOLDER_HINT}
      onClick={() => void showFolder(bridge, actions, kind, path)}
    >
      {desktop ? 'Open folder' : 'Copy path'}
    </button>
  );
}
