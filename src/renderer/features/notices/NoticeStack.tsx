import { useActions, useStudio } from '../../stores/context';
import { NoticeItem } from './NoticeItem';

/** Newest first, bottom-right corner. */
export function NoticeStack() {
  const notices = useStudio((s) => s.notices);
  const { dismiss } = useActions();
  if (notices.length === 0) return null;
  return (
    <ul className="notices" aria-label="Notifications">
      {notices.map((n) => (
        <NoticeItem key={n.id} notice={n} onDismiss={dismiss} />
      ))}
    </ul>
  );
}
