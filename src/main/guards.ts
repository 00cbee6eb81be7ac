/**
 * Session-wide defences for the desktop app: the CSP on every response, no navigation away from
 * our page, no new windows, no webviews, and only the 'media' permission (camera, microphone) for
 * our own page.
 */
import { app, shell, type Session, type WebContents } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../shared';
import type { Logger } from '../engine/api';
import { isPageUrl, isWebUrl } from './page';

/**
 * `others`: contents that guard themselves (browser sources' offscreen pages, browser-source.ts).
 * `mediaGranted`: told what a granted camera/microphone request asked for ('video', 'audio'), so the
 * system's own refusal can be named (os-privacy.ts).
 */
export function installGuards(
  ses: Session,
  indexFile: string,
  logger: Logger,
  others: (contents: WebContents) => boolean = () => false,
  mediaGranted: (mediaTypes: readonly string[]) => void = () => {},
): void {
  ses.webRequest.onHeadersReceived((details, callback) => {
    const headers = { ...details.responseHeaders };
    for (const name of Object.keys(headers)) if (name.toLowerCase() === 'content-security-policy') delete headers[name];
    headers['Content-Security-Policy'] = [CONTENT_SECURITY_POLICY];
    callback({ responseHeaders: headers });
  });

  const ours = (wc: WebContents | null): boolean => wc !== null && isPageUrl(wc.getURL(), indexFile);
  ses.setPermissionRequestHandler((wc, permission, callback, details) => {
    const granted = permission === 'media' && ours(wc) && isPageUrl(details.requestingUrl, indexFile);
    if (!granted) logger.log('warn', 'denied a permission request', { permission, url: details.requestingUrl });
    callback(granted);
    if (granted) mediaGranted(('mediaTypes' in details ? details.mediaTypes : undefined) ?? []);
  });
  ses.setPermissionCheckHandler((wc, permission) => permission === 'media' && ours(wc));

  app.on('web-contents-created', (_event, contents) => {
    const deny = (event: { preventDefault(): void }, url: string): void => {
      if (isPageUrl(url, indexFile) || others(contents)) return;
      event.preventDefault();
      logger.log('warn', 'blocked navigation away from the studio', { url });
      if (isWebUrl(url)) void shell.openExternal(url);
    };
    contents.on('will-navigate', deny);
    contents.on('will-redirect', deny);
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      // Links to the web open in the user's browser; nothing opens inside the app. A browser
      // source's page opens nothing at all (its own handler says so too).
      if (isWebUrl(url) && !others(contents)) void shell.openExternal(url);
      return { action: 'deny' };
    });
  });
}
