import { useActions } from '../../stores/context';
import { useDraft } from '../../forms/useDraft';
import type { Input } from '../../../shared';

/** The source's name; commits on Enter or blur, Escape reverts. */
export function InputRename({ input }: { input: Input }) {
  const { call } = useActions();
  const draft = useDraft(input.name);
  const commit = () => {
    const name = draft.value.trim();
    if (name === input.name) return;
    if (name === '') return draft.reset();
    void call('input.rename', { inputUuid: input.uuid, name }).then((r) => {
      if (!r.ok) draft.reset();
    });
  };
  return (
    <div className="field">
      <label className="field-label" htmlFor="input-name">
        Name
      </label>
      <div className="field-control">
        <input
          id="input-name"
          className="input"
          type="text"
          value={draft.value}
          data-testid="input-name"
          onChange={(e) => draft.set(e.target.value)}
          onFocus={draft.bind.onFocus}
          onBlur={() => {
            draft.bind.onBlur();
            commit();
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter') commit();
            else if (e.key === 'Escape') draft.reset();
          }}
        />
      </div>
    </div>
  );
}
