import type { ReactNode } from 'react';

interface Props {
  title: string;
  /** What the dock is showing now (the Sources dock names its scene), after the title. */
  subtitle?: string;
  /** Buttons shown in the dock's title bar. */
  actions?: ReactNode;
  className?: string;
  children: ReactNode;
}

/** A titled panel, like an OBS dock. */
export function Dock({ title, subtitle, actions, className, children }: Props) {
  const id = `dock-${title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;
  return (
    <section className={className ? `dock ${className}` : 'dock'} aria-labelledby={id}>
      <header className="dock-header">
        <h2 id={id} className="dock-title">
          {title}
          {subtitle ? (
            <span className="dock-subtitle" data-testid={`${id}-subtitle`}>
              {' '}
              — {subtitle}
            </span>
          ) : null}
        </h2>
        {actions ? <div className="dock-actions">{actions}</div> : null}
      </header>
      <div className="dock-body">{children}</div>
    </section>
  );
}
