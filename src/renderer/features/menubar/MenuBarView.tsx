import { useEffect, useRef, useState, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import type { MenuEntry, MenuItem, TopMenu } from './menus';
import { menuMove, mnemonicOf, moveIndex, type Move } from './navigation';
import './menubar.css';

/** Focusable entries of one menu level (disabled ones are skipped, as OBS's menus skip them). */
const entries = (list: Element | null): HTMLButtonElement[] =>
  list ? [...list.querySelectorAll<HTMLButtonElement>(':scope > li > button:not(:disabled)')] : [];

/**
 * The in-page menu bar (WAI-ARIA menubar): a click or Alt+letter opens a menu, arrows move (left
 * and right to the next menu or into and out of a submenu), Enter or Space chooses, Escape closes.
 */
export function MenuBarView({ menus }: { menus: TopMenu[] }) {
  const [open, setOpen] = useState<string | null>(null);
  const [sub, setSub] = useState<string | null>(null);
  const root = useRef<HTMLDivElement>(null);
  /** Where focus goes once the menu (or submenu) just opened has rendered. */
  const pending = useRef<Move | null>(null);

  const show = (id: string | null, focus: Move | null): void => {
    pending.current = focus;
    setSub(null);
    setOpen(id);
  };
  const top = (id: string) => root.current?.querySelector<HTMLButtonElement>(`[data-menubar="${id}"]`) ?? null;
  const close = (refocus: boolean): void => {
    const was = open;
    show(null, null);
    if (refocus && was) top(was)?.focus();
  };

  useEffect(() => {
    const move = pending.current;
    if (!move || !open) return;
    pending.current = null;
    const list = root.current?.querySelector(sub ? `[data-submenu="${sub}"]` : `[data-menu="${open}"]`) ?? null;
    const all = entries(list);
    all[moveIndex(all.length, -1, move)]?.focus();
  }, [open, sub]);

  // Alt+letter opens a menu from anywhere in the page.
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      const letter = mnemonicOf(e);
      const menu = letter ? menus.find((m) => m.mnemonic === letter) : undefined;
      if (!menu) return;
      e.preventDefault();
      show(menu.id, 'first');
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [menus]);

  useEffect(() => {
    if (!open) return;
    const away = (e: PointerEvent): void => {
      if (root.current && !root.current.contains(e.target as Node)) show(null, null);
    };
    document.addEventListener('pointerdown', away);
    return () => document.removeEventListener('pointerdown', away);
  }, [open]);

  const step = (from: string, dir: 1 | -1): string => {
    const i = menus.findIndex((m) => m.id === from);
    return menus[(i + dir + menus.length) % menus.length]!.id;
  };

  const onTopKey = (e: ReactKeyboardEvent, id: string): void => {
    if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
      e.preventDefault();
      const next = step(id, e.key === 'ArrowRight' ? 1 : -1);
      if (open) show(next, 'first');
      else top(next)?.focus();
    } else if (e.key === 'ArrowDown' || e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      show(id, 'first');
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      show(id, 'last');
    } else if (e.key === 'Escape' && open) {
      e.preventDefault();
      close(true);
    }
  };

  const onMenuKey = (e: ReactKeyboardEvent): void => {
    // Plain keys in a menu are the menu's: the page's own (arrows nudge a source, Delete removes
    // it) must not act behind it. Shortcuts with a modifier (Alt+letter, Ctrl+Z) still reach the page.
    if (!e.altKey && !e.ctrlKey && !e.metaKey) e.stopPropagation();
    const target = e.target as HTMLElement;
    const list = target.closest('[role="menu"]');
    if (!open || !list) return;
    const inSub = list.hasAttribute('data-submenu');
    const move = menuMove(e.key);
    if (move) {
      e.preventDefault();
      const all = entries(list);
      all[moveIndex(all.length, all.indexOf(target as HTMLButtonElement), move)]?.focus();
    } else if (e.key === 'ArrowRight' && target.getAttribute('aria-haspopup') === 'menu') {
      e.preventDefault();
      pending.current = 'first';
      setSub(target.dataset['item'] ?? null);
    } else if (e.key === 'ArrowLeft' && inSub) {
      e.preventDefault();
      const parent = sub;
      setSub(null);
      root.current?.querySelector<HTMLButtonElement>(`[data-item="${parent}"]`)?.focus();
    } else if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
      e.preventDefault();
      show(step(open, e.key === 'ArrowRight' ? 1 : -1), 'first');
    } else if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      if (inSub) {
        const parent = sub;
        setSub(null);
        root.current?.querySelector<HTMLButtonElement>(`[data-item="${parent}"]`)?.focus();
      } else close(true);
    } else if (e.key === 'Tab') {
      close(false);
    }
  };

  const choose = (item: MenuItem): void => {
    if (!item.enabled || !item.run) return;
    show(null, null);
    item.run();
  };

  const renderItems = (list: MenuEntry[], level: number) =>
    list.map((n, i) => {
      if ('separator' in n) return <li key={`sep-${i}`} role="separator" className="menubar-separator" />;
      const hasSub = !!n.items;
      const role = n.checked !== undefined ? 'menuitemcheckbox' : 'menuitem';
      return (
        <li key={n.id} role="none" className="menubar-entry" onPointerEnter={level === 0 && n.enabled ? () => setSub(hasSub ? n.id : null) : undefined}>
          <button
            type="button"
            role={role}
            className="menubar-item"
            disabled={!n.enabled}
            title={n.hint}
            data-item={n.id}
            data-testid={`menu-${n.id}`}
            tabIndex={-1}
            aria-checked={n.checked}
            aria-keyshortcuts={n.shortcut?.replace(/^Ctrl\+/, 'Control+').replace(/^Del$/, 'Delete')}
            aria-haspopup={hasSub ? 'menu' : undefined}
            aria-expanded={hasSub ? sub === n.id : undefined}
            // Hovering may have opened the submenu already: a click opens it, never closes it.
            onClick={() => (hasSub ? setSub(n.id) : choose(n))}
          >
            <span className="menubar-check" aria-hidden="true">
              {n.checked ? '✓' : ''}
            </span>
            <span className="menubar-label">{n.label}</span>
            {n.shortcut ? (
              <kbd className="menu-shortcut" aria-hidden="true">
                {n.shortcut}
              </kbd>
            ) : null}
            {hasSub ? (
              <span className="menubar-arrow" aria-hidden="true">
                ▸
              </span>
            ) : null}
          </button>
          {hasSub && sub === n.id ? (
            <ul role="menu" aria-label={n.label} className="menubar-menu menubar-submenu" data-submenu={n.id}>
              {renderItems(n.items!, level + 1)}
            </ul>
          ) : null}
        </li>
      );
    });

  return (
    <div ref={root} role="menubar" aria-label="Main menu" className="menubar" data-testid="menubar" onKeyDown={onMenuKey}>
      {menus.map((m, i) => (
        <div key={m.id} className="menubar-top">
          <button
            type="button"
            role="menuitem"
            className={open === m.id ? 'menubar-button is-open' : 'menubar-button'}
            aria-haspopup="menu"
            aria-expanded={open === m.id}
            aria-keyshortcuts={`Alt+${m.mnemonic.toUpperCase()}`}
            data-menubar={m.id}
            data-testid={`menubar-${m.id}`}
            // One tab stop for the whole bar, as the menubar pattern has it.
            tabIndex={i === 0 ? 0 : -1}
            onClick={() => (open === m.id ? show(null, null) : show(m.id, null))}
            onPointerEnter={() => open && open !== m.id && show(m.id, null)}
            onKeyDown={(e) => {
              if (e.altKey || e.ctrlKey || e.metaKey) return;
              e.stopPropagation();
              onTopKey(e, m.id);
            }}
          >
            <MnemonicLabel label={m.label} mnemonic={m.mnemonic} />
          </button>
          {open === m.id ? (
            <ul role="menu" aria-label={m.label} className="menubar-menu" data-menu={m.id}>
              {renderItems(m.items, 0)}
            </ul>
          ) : null}
        </div>
      ))}
    </div>
  );
}

/** The label with its Alt letter underlined. */
function MnemonicLabel({ label, mnemonic }: { label: string; mnemonic: string }) {
  const i = label.toLowerCase().indexOf(mnemonic);
  if (i < 0) return <>{label}</>;
  return (
    <>
      {label.slice(0, i)}
      <u>{label[i]}</u>
      {label.slice(i + 1)}
    </>
  );
}
