/**
 * The application menu: the platform's usual menus plus File → Choose FFmpeg…, so the FFmpeg
 * program can be changed from the main process even where the page offers no button for it.
 */
import { Menu, type MenuItemConstructorOptions } from 'electron';

export function installMenu(actions: { chooseFfmpeg(): void }, platform: NodeJS.Platform = process.platform): void {
  const mac = platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [
    ...(mac ? [{ role: 'appMenu' as const }] : []),
    {
      label: 'File',
      submenu: [{ label: 'Choose FFmpeg…', click: () => actions.chooseFfmpeg() }, { type: 'separator' }, mac ? { role: 'close' } : { role: 'quit' }],
    },
    { role: 'editMenu' },
    { role: 'viewMenu' },
    { role: 'windowMenu' },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
