import { useStudio } from '../../stores/context';

/**
 * Where frames are being lost, in the engine's plain words, while it is not ok. It stays until the
 * engine says ok (the engine already waits for a calm period), so it has no dismiss button.
 */
export function DiagnosisBanner({ onShowGraphs }: { onShowGraphs?: () => void }) {
  const diagnosis = useStudio((s) => s.diagnosis);
  if (!diagnosis || diagnosis.severity === 'ok') return null;
  const problem = diagnosis.severity === 'problem';
  return (
    <div
      className={`notice diagnosis ${problem ? 'notice-error' : 'notice-warning'}`}
      role={problem ? 'alert' : 'status'}
      data-testid="diagnosis"
      data-severity={diagnosis.severity}
      data-where={diagnosis.where}
    >
      <span className="notice-message">
        <strong>{problem ? 'Frames are being lost. ' : 'Frames may be lost. '}</strong>
        {diagnosis.message}
      </span>
      {onShowGraphs ? (
        <button type="button" className="button button-small" onClick={onShowGraphs}>
          Show graphs
        </button>
      ) : null}
    </div>
  );
}
