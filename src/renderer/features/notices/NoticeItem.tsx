import { useEffect } from 'react';
import type { Notice } from '../../stores/notices';
import { Icon } from '../layout/Icon';

/** Info notices fade on their own; warnings and errors stay until dismissed. */
export const INFO_LIFETIME_MS = 6000;

export function NoticeItem({ notice, onDismiss }: { notice: Notice; onDismiss(id: number): void }) {
  const fades = notice.level === 'info';
  useEffect(() => {
    if (!fades) return;
    const timer = setTimeout(() => onDismiss(notice.id), INFO_LIFETIME_MS);
    return () => clearTimeout(timer);
  }, [fades, notice.id, onDismiss]);
  return (
    <li
      className={`notice notice-${notice.level}${fades ? ' notice-fading' : ''}`}
      role={notice.level === 'error' ? 'alert' : 'status'}
      data-testid="notice"
      data-level={notice.level}
    >
      <span className="notice-message">{notice.message}</span>
      <button type="button" className="icon-button" aria-label="Dismiss" title="Dismiss" onClick={() => onDismiss(notice.id)}>
        <Icon name="close" />
      </button>
    </li>
  );
}
