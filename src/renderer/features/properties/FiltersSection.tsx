import { useEffect, useMemo, useState } from 'react';
import type { Filter, KindDescriptor, Settings } from '../../../shared';
import { createBatcher } from '../../forms/debounce';
import { PropertyForm } from '../../forms/PropertyForm';
import { InlineName } from '../layout/InlineName';
import { SETTINGS_DEBOUNCE_MS } from '../../forms/useSettingsSender';
import { useActions, useStudio } from '../../stores/context';
import { findKind } from '../../stores/selectors';

interface Props {
  /** The input or scene the filters belong to. */
  sourceUuid: string;
  filters: readonly Filter[];
  /** Which filter kinds fit this source: video ones for a picture, audio ones for sound. */
  video: boolean;
  audio: boolean;
}

/** A name not used yet on this source: the kind's name, then "… 2", "… 3". */
export function freeName(base: string, filters: readonly Filter[]): string {
  const taken = new Set(filters.map((f) => f.name));
  let name = base;
  for (let n = 2; taken.has(name); n++) name = `${base} ${n}`;
  return name;
}

/**
 * The source's filters, OBS style: in order (top is applied first), each with an on/off switch,
 * rename (double-click or F2), move up/down and remove; the selected one's settings form is
 * generated from its kind's schema.
 */
export function FiltersSection({ sourceUuid, filters, video, audio }: Props) {
  const { call } = useActions();
  const kinds = useStudio((s) => s.kinds);
  const offered = useMemo(
    () => kinds.filter((k) => k.category === 'filter' && ((video && k.video) || (audio && k.audio))),
    [kinds, video, audio],
  );
  const [adding, setAdding] = useState('');
  /** The selected filter, whose settings show below the list. */
  const [open, setOpen] = useState<string | null>(null);
  const [renaming, setRenaming] = useState<string | null>(null);
  // Where the open filter sits, and in a list how long: renamed elsewhere (a Stream Deck,
  // obs-websocket) the list keeps its length and the filter its place, so it stays open; removed, it closes.
  const [spot, setSpot] = useState({ at: -1, count: 0 });
  const selected = filters.find((f) => f.name === open) ?? null;
  useEffect(() => {
    if (open === null) return;
    const at = filters.findIndex((f) => f.name === open);
    if (at >= 0) {
      if (at !== spot.at || filters.length !== spot.count) setSpot({ at, count: filters.length });
    } else setOpen(filters.length === spot.count ? (filters[spot.at]?.name ?? null) : null);
  }, [filters, open, spot]);

  const rename = (from: string, to: string): void => {
    setRenaming(null);
    void call('filter.setName', { sourceUuid, name: from, newName: to }).then((r) => {
      if (r.ok) setOpen((o) => (o === from ? to : o));
    });
  };

  const add = (): void => {
    const kind = offered.find((k) => k.id === (adding || offered[0]?.id));
    if (!kind) return;
    const name = freeName(kind.displayName, filters);
    void call('filter.create', { sourceUuid, name, kind: kind.id }).then((r) => {
      if (r.ok) setOpen(name);
    });
  };

  return (
    <section className="panel-section" aria-labelledby={`filters-${sourceUuid}`}>
      <header className="section-header">
        <h3 id={`filters-${sourceUuid}`}>Filters</h3>
      </header>
      {filters.length === 0 ? <p className="empty">No filters.</p> : null}
      <ul className="filter-list" aria-label="Filters">
        {filters.map((f, i) => (
          <li key={f.name} className={f.name === open ? 'filter-row selected' : 'filter-row'}>
            <input
              type="checkbox"
              checked={f.enabled}
              aria-label={`${f.name} on`}
              onChange={(e) => void call('filter.setEnabled', { sourceUuid, name: f.name, enabled: e.target.checked })}
            />
            {renaming === f.name ? (
              <InlineName
                initial={f.name}
                label={`New name for filter ${f.name}`}
                testId="filter-rename-input"
                onCancel={() => setRenaming(null)}
                onSubmit={(next) => rename(f.name, next)}
              />
            ) : (
              // Double-click or F2 renames, as in OBS's filter list.
              <button
                type="button"
                className="link filter-name"
                title={`${f.name} (double-click or F2 to rename)`}
                data-testid={`filter-name-${f.name}`}
                // A click selects (as in OBS: the selected filter's settings show); it does not close
                // them again, which moved the dock under a double-click's second click.
                onClick={() => setOpen(f.name)}
                onDoubleClick={() => setRenaming(f.name)}
                onKeyDown={(e) => {
                  if (e.key === 'F2') {
                    e.preventDefault();
                    setRenaming(f.name);
                  }
                }}
              >
                {f.name}
              </button>
            )}
            <button
              type="button"
              className="button button-small"
              aria-label={`Move ${f.name} up`}
              disabled={i === 0}
              onClick={() => void call('filter.setIndex', { sourceUuid, name: f.name, index: i - 1 })}
            >
              ↑
            </button>
            <button
              type="button"
              className="button button-small"
              aria-label={`Move ${f.name} down`}
              disabled={i === filters.length - 1}
              onClick={() => void call('filter.setIndex', { sourceUuid, name: f.name, index: i + 1 })}
            >
              ↓
            </button>
            <button
              type="button"
              className="button button-small"
              aria-label={`Remove ${f.name}`}
              onClick={() => void call('filter.remove', { sourceUuid, name: f.name })}
            >
              ✕
            </button>
          </li>
        ))}
      </ul>
      {offered.length > 0 ? (
        <div className="filter-add">
          <select className="input select" aria-label="Filter kind" value={adding || offered[0]!.id} onChange={(e) => setAdding(e.target.value)}>
            {offered.map((k) => (
              <option key={k.id} value={k.id}>
                {k.displayName}
              </option>
            ))}
          </select>
          <button type="button" className="button button-small" onClick={add}>
            Add filter
          </button>
        </div>
      ) : null}
      {selected ? <FilterSettings key={selected.name} sourceUuid={sourceUuid} filter={selected} kind={findKind(kinds, selected.kind)} /> : null}
    </section>
  );
}

function FilterSettings({ sourceUuid, filter, kind }: { sourceUuid: string; filter: Filter; kind: KindDescriptor | null }) {
  const { call } = useActions();
  // Changes are merged and debounced like an input's settings; pending ones are sent on close.
  const batcher = useMemo(
    () =>
      createBatcher<Settings>(
        (settings) => void call('filter.setSettings', { sourceUuid, name: filter.name, settings, overlay: true }),
        SETTINGS_DEBOUNCE_MS,
      ),
    [call, sourceUuid, filter.name],
  );
  useEffect(() => () => batcher.flush(), [batcher]);
  if (!kind) return <p className="empty">The engine did not describe the filter kind “{filter.kind}”.</p>;
  return (
    <PropertyForm
      kind={kind}
      settings={filter.settings}
      idPrefix={`filter-${sourceUuid}-${filter.name}`}
      onChange={(name, value, now) => {
        batcher.push({ [name]: value });
        if (now) batcher.flush();
      }}
    />
  );
}
