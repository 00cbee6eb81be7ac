import { useEffect } from 'react';
import { useRemote, useServices } from './context';

const SHOW_MS = 6000;

/** The last action that failed, in the studio's words; tap or wait to dismiss. */
export function NoticeToast() {
  const { store } = useServices();
  const notice = useRemote((s) => s.notice);

  useEffect(() => {
    if (!notice) return;
    const timer = setTimeout(() => {
      if (store.getState().notice?.id === notice.id) store.setState({ notice: null });
    }, SHOW_MS);
    return () => clearTimeout(timer);
  }, [notice, store]);

  if (!notice) return null;
  return (
    <button type="button" className="toast" role="alert" data-testid="remote-notice" onClick={() => store.setState({ notice: null })}>
      {notice.message}
    </button>
  );
}
