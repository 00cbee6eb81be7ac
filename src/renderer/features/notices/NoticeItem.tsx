import { useEffect } from 'react';
import type { Notice } from '../../stores/notices';
import { Icon } from '../layout/Icon';

/** Info notices fade on their own, warnings a little later; errors stay until dismissed or their cause is gone. */
export const INFO_LIFETIME_MS = 6000;
export const WARNING_LIFETIME_MS = 15_000;

export function NoticeItem({ notice, onDismiss }: { notice: Notice; onDismiss(id: number): void }) {
  const lifetime = notice.level === 'info' ? INFO_LIFETIME_MS : notice.level === 'warning' ? WARNING_LIFETIME_MS : null;
  const fades = lifetime !== null;
  useEffect(() => {
    if (lifetime === null) return;
    const timer = setTimeout(() => onDismiss(notice.id), lifetime);
    return () => clearTimeout(timer);
  }, [lifetime, notice.id, onDismiss]);
  return (
    <li
      className={`notice notice-${notice.level}${fades ? ' notice-fading' : ''}`}
      role={notice.level === 'error' ? 'alert' : 'status'}
      data-testid="notice"
      data-level={notice.level}
      style={lifetime === null ? undefined : { animationDuration: `${lifetime}ms` }}
    >
      <span className="notice-message">{notice.message}</span>
      <button type="button" className="icon-button" aria-label="Dismiss" title="Dismiss" onClick={() => onDismiss(notice.id)}>
        <Icon name="close" />
      </button>
    </li>
  );
}
