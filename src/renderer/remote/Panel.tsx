import type { ReactNode } from 'react';

/** A titled card; `actions` sit at the right of the heading. */
export function Panel({ title, testid, actions, children }: { title: string; testid?: string; actions?: ReactNode; children: ReactNode }) {
  return (
    <section className="panel" data-testid={testid} aria-label={title}>
      <header className="panel-head">
        <h2 className="panel-title">{title}</h2>
        {actions ? <div className="panel-actions">{actions}</div> : null}
      </header>
      {children}
    </section>
  );
}
