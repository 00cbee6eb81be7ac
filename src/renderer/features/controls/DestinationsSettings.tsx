import type { StudioDocument } from '../../../shared';
import { Icon } from '../layout/Icon';
import { DestinationRow } from './DestinationRow';
import { blankDestination, type DestinationDraft, type FieldError } from './settingsForm';

interface Props {
  doc: StudioDocument;
  rows: DestinationDraft[];
  errors: FieldError[];
  setRows(update: (rows: DestinationDraft[]) => DestinationDraft[]): void;
  /** Removes a saved destination now (it may be live); resolves true when it is gone. */
  removeSaved(id: string): Promise<boolean>;
}

/**
 * Every destination the stream can go to. Go Live starts the enabled ones together; each one can
 * also be started, stopped or reconnected alone while the others stay live.
 */
export function DestinationsSettings({ doc, rows, errors, setRows, removeSaved }: Props) {
  const update = (row: string, patch: Partial<DestinationDraft>): void =>
    setRows((all) => all.map((r) => (r.row === row ? { ...r, ...patch } : r)));
  const remove = async (draft: DestinationDraft): Promise<void> => {
    if (draft.id && !(await removeSaved(draft.id))) return;
    setRows((all) => {
      const rest = all.filter((r) => r.row !== draft.row);
      return rest.length > 0 ? rest : [blankDestination()];
    });
  };
  return (
    <fieldset className="settings-section" data-testid="settings-destinations">
      <legend>Destinations</legend>
      {rows.map((draft, i) => (
        <DestinationRow
          key={draft.row}
          draft={draft}
          saved={draft.id ? doc.destinations.find((d) => d.id === draft.id) : undefined}
          first={i === 0}
          mainKbps={doc.output.encoder.bitrateKbps}
          errors={errors}
          set={(patch) => update(draft.row, patch)}
          remove={() => void remove(draft)}
        />
      ))}
      <button type="button" className="button" data-testid="dest-add" onClick={() => setRows((all) => [...all, blankDestination()])}>
        <Icon name="plus" /> Add destination
      </button>
    </fieldset>
  );
}
