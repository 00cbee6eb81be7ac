import { useEffect, useMemo, useState } from 'react';
import type { Filter, KindDescriptor, Settings } from '../../../shared';
import { createBatcher } from '../../forms/debounce';
import { PropertyForm } from '../../forms/PropertyForm';
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
 * move up/down and remove; the selected one's settings form is generated from its kind's schema.
 */
export function FiltersSection({ sourceUuid, filters, video, audio }: Props) {
  const { call } = useActions();
  const kinds = useStudio((s) => s.kinds);
  const offered = useMemo(
    () => kinds.filter((k) => k.category === 'filter' && ((video && k.video) || (audio && k.audio))),
    [kinds, video, audio],
  );
  const [adding, setAdding] = useState('');
  const [open, setOpen] = useState<string | null>(null);
  const selected = filters.find((f) => f.name === open) ?? null;

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
            <button type="button" className="link" onClick={() => setOpen(f.name === open ? null : f.name)}>
              {f.name}
            </button>
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
