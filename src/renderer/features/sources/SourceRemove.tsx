import { useState } from 'react';
import { Icon } from '../layout/Icon';

interface Props {
  name: string;
  onRemoveItem(): void;
  onRemoveSource(): void;
}

/** Remove asks which: just this scene's item, or the source itself (from every scene). */
export function SourceRemove({ name, onRemoveItem, onRemoveSource }: Props) {
  const [asking, setAsking] = useState(false);
  if (!asking) {
    return (
      <button type="button" className="icon-button" title={`Remove ${name}`} aria-label={`Remove ${name}`} onClick={() => setAsking(true)}>
        <Icon name="close" />
      </button>
    );
  }
  const pick = (fn: () => void) => () => {
    setAsking(false);
    fn();
  };
  return (
    <span className="confirm" role="group" aria-label={`Remove ${name}?`}>
      <button type="button" className="button button-danger button-small" autoFocus title="Remove this item from the scene" onClick={pick(onRemoveItem)}>
        From scene
      </button>
      <button type="button" className="button button-danger button-small" title="Remove the source from every scene" onClick={pick(onRemoveSource)}>
        Source
      </button>
      <button type="button" className="button button-small" onClick={() => setAsking(false)}>
        Cancel
      </button>
    </span>
  );
}
