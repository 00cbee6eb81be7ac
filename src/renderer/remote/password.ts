/**
 * "Remember on this device": the password lives in sessionStorage (gone when the tab closes), never
 * in localStorage or the URL. Storage can be missing or throw (private modes); then nothing is kept.
 */
const KEY = 'broadcast-studio.remote.password';

export function recallPassword(storage: Storage | null): string | null {
  try {
    return storage?.getItem(KEY) ?? null;
  } catch {
    return null;
  }
}

export function rememberPassword(storage: Storage | null, password: string, remember: boolean): void {
  try {
    if (remember && password) storage?.setItem(KEY, password);
    else storage?.removeItem(KEY);
  } catch {
    // Nothing to do: the user simply types it again next time.
  }
}

export function forgetPassword(storage: Storage | null): void {
  rememberPassword(storage, '', false);
}

/** sessionStorage where the page may use it. */
export function sessionStore(): Storage | null {
  try {
    return typeof sessionStorage === 'undefined' ? null : sessionStorage;
  } catch {
    return null;
  }
}
